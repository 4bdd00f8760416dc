"""Settings from a config file: overrides, flags over the file, and bad values → a clear error."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.config import Settings, load_settings
from compare.errors import CompareError


def write(tmp_path, text: str):
    path = tmp_path / "claim-compare.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_overrides_defaults_and_flags_override_the_file(tmp_path):
    path = write(tmp_path, "[tool.claim-compare]\nalign_threshold = 0.9\nper_outlet = 2\n"
                           "contradict_min_overlap = 1\n")
    settings = load_settings(path)
    assert (settings.align_threshold, settings.per_outlet) == (0.9, 2)
    assert settings.contradict_min_overlap == 1  # an integer stands for a float
    assert settings.first_threshold == Settings().first_threshold
    assert load_settings(path, align_threshold=0.85).align_threshold == 0.85


@pytest.mark.parametrize(("text", "line", "words"), [
    ('align_threshold = "high"\n', 2, "should be a float"),
    ("contradict_min_similarity = 1.5\n", 2, "outside 0…1"),
    ("per_outlet = 0\n", 2, "between 1 and 1,000"),
    ("per_outlet = 2.5\n", 2, "should be an int"),
    ("per_outlet = true\n", 2, "should be an int"),
])
def test_a_bad_value_names_file_line_setting_and_default(tmp_path, text, line, words):
    path = write(tmp_path, "[tool.claim-compare]\n" + text)
    with pytest.raises(CompareError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: setting ") and words in message
    assert "the default is" in message


def test_an_unknown_setting_lists_the_known_ones(tmp_path):
    path = write(tmp_path, "[tool.claim-compare]\nalign_treshold = 0.9\n")
    with pytest.raises(CompareError, match="unknown setting.*align_treshold.*known settings"):
        load_settings(path)


def test_the_cli_reports_a_bad_config_in_one_line_with_exit_2(tmp_path, seeds_dir):
    path = write(tmp_path, "[tool.claim-compare]\nalign_threshold = 2\n")
    result = CliRunner().invoke(app, ["run", str(seeds_dir), "--config", str(path),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{path}:2: setting align_threshold = 2 is outside 0…1" in result.output
    assert not (tmp_path / "out").exists()


def test_detector_thresholds_come_from_their_own_table(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[tool.claim-compare]\nper_outlet = 2\n\n[tool.claim-compare.detectors]\n"
                    "shared_denial = 0.7\nmax_days = 5\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.per_outlet == 2
    assert (settings.detectors.shared_denial, settings.detectors.max_days) == (0.7, 5)
    assert settings.detectors.shared_outcome == Settings().detectors.shared_outcome
    assert settings.as_dict()["detectors"]["shared_denial"] == 0.7  # recorded in run.json


def test_a_detector_threshold_out_of_range_names_its_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[tool.claim-compare.detectors]\nshared_denial = 1.5\n", encoding="utf-8")
    with pytest.raises(CompareError) as info:
        load_settings(path)
    assert info.value.line == 2 and "shared_denial" in str(info.value)
