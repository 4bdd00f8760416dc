"""``claim-compare show``: a pair, a claim and a story of the two weeks of examples/weekly,
with what the earlier week said, through the CLI in-process and the Python API."""

from __future__ import annotations

import shutil

import polars as pl
import pytest
from typer.testing import CliRunner

import compare
from compare.cli import app
from tests.conftest import ROOT

runner = CliRunner()
WEEKLY = ROOT / "examples" / "weekly"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def weeks(tmp_path_factory, encoder):
    root = tmp_path_factory.mktemp("show")
    for week in ("2026-W46", "2026-W47"):
        result = invoke("weekly", WEEKLY, "--week", week, "--reports-dir", root / "reports",
                        "--index-dir", root / "idx")
        assert result.exit_code == 0, result.output
    return root / "reports"


def _pair(folder, outlets) -> dict:
    pairs = pl.read_parquet(folder / "pairs.parquet")
    return pairs.filter(pl.concat_list("outlet_a", "outlet_b").list.sort()
                        == pl.lit(sorted(outlets))).row(0, named=True)


def _claim(folder, outlet, start) -> dict:
    claims = pl.read_parquet(folder / "claims.parquet")
    return claims.filter((pl.col("outlet") == outlet)
                         & pl.col("text").str.starts_with(start)).row(0, named=True)


def test_a_pair_with_both_quotes_its_findings_and_the_earlier_week(weeks):
    w46, w47 = weeks / "2026-W46", weeks / "2026-W47"
    now, before = _pair(w47, ["AFP", "Reuters"]), _pair(w46, ["AFP", "Reuters"])
    result = invoke("show", now["pair_id"], "--reports-dir", weeks)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [f"pair {now['pair_id']} in {w47}", "relation: agree (the model's)",
                         "confidence 0.50 · similarity 1.00 · findings: numeric · one text "
                         "republished"]
    quote = "A car bomb wounded 40 people in a market in Aleppo on Tuesday, police said"
    assert lines[4:10] == [
        f"A  AFP · police · 2026-11-16 · en · claim {now['claim_id_a']}", f"   {quote}",
        "   numbers: 40 people = 40 (injured)",
        f"B  Reuters · police · 2026-11-17 · en · claim {now['claim_id_b']}", f"   {quote}",
        "   numbers: 40 people = 40 (injured)"]
    assert "  - numeric: 40 = 40 (injured)" in lines
    # Both outlets rewrote their articles since W46 (AFP corrected 70 to 40): the pair had
    # other ids then, and contradicted.
    assert lines[-2:] == ["earlier runs:", f"  2026-W46  contradict  (as {before['pair_id']}, "
                                           f"{w46}; changed its article since: AFP, Reuters)"]


def test_a_claim_with_its_pairs_and_the_earlier_week(weeks):
    w47 = weeks / "2026-W47"
    claim = _claim(w47, "Reuters", "A car bomb")
    old = _claim(weeks / "2026-W46", "Reuters", "A car bomb")
    result = invoke("show", claim["claim_id"][:10], "--reports-dir", weeks)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"claim {claim['claim_id']} in {w47}"
    assert lines[1] == (f"Reuters · police · 2026-11-17 · en · claim {claim['claim_id']} · "
                        f"story s{claim['story_id']}")
    assert f"first reported by AFP on 2026-11-11 (claim {claim['first_claim_id']})" in lines
    assert lines[-1] == (f"  2026-W46  contradict with AFP  (as {old['claim_id']}, "
                         f"{weeks / '2026-W46'}; changed its article since: Reuters)")


def test_a_story_lists_its_divergences_in_brief_with_arabic_as_written(weeks):
    w47 = weeks / "2026-W47"
    story = pl.read_parquet(w47 / "stories.parquet").filter(pl.col("langs").list.contains("ar"))
    number = story["story_id"][0]
    pair = _pair(w47, ["Reuters", "الجزيرة نت"])
    result = invoke("show", f"s{number}", "--reports-dir", weeks)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"story s{number} in {w47}"
    assert lines[2] == ("outlets: Reuters, الجزيرة نت (2 independent sources) · 2 articles · "
                        "2 claims · 2026-11-18 · ar, en")
    at = lines.index("divergences (1):")
    assert lines[at + 1].startswith(f"  {pair['pair_id']}  ")
    assert "     الجزيرة نت: وانسحب الجيش من بلدة سراقب بعد معارك عنيفة، وفق مصدر عسكري" in lines
    assert invoke("show", f"story {number}", "--reports-dir", weeks).output == result.output


def test_the_python_api_returns_frames(weeks):
    w47 = weeks / "2026-W47"
    pair = _pair(w47, ["AFP", "Reuters"])
    shown = compare.show(pair["pair_id"], reports_dir=weeks)
    assert (shown.kind, shown.id, shown.run) == ("pair", pair["pair_id"], w47)
    assert shown.pairs.height == 1 and shown.claims["outlet"].to_list() == ["AFP", "Reuters"]
    assert shown.earlier.select("week", "relation").rows() == [("2026-W46", "contradict")]
    # An earlier run shown on its own has no earlier week.
    assert compare.show(_pair(weeks / "2026-W46", ["AFP", "Reuters"])["pair_id"],
                        run=weeks / "2026-W46", reports_dir=weeks).earlier.is_empty()


def test_a_persons_verdict_shows_beside_the_models_relation(weeks, tmp_path):
    reports, idx = tmp_path / "reports", tmp_path / "idx"
    shutil.copytree(weeks, reports)
    shutil.copytree(weeks.parent / "idx", idx)
    pair = _pair(reports / "2026-W47", ["Reuters", "الجزيرة نت"])
    compare.verdict(pair["pair_id"], "reject", note="took ≠ withdrew from: check", by="ana",
                    index_dir=idx, reports_dir=reports)
    result = invoke("weekly", WEEKLY, "--week", "2026-W47", "--reports-dir", reports,
                    "--index-dir", idx)
    assert result.exit_code == 0, result.output
    lines = invoke("show", pair["pair_id"], "--reports-dir", reports).output.splitlines()
    assert lines[1] == "relation: related (a person's verdict; the model says contradict)"
    at = compare.verdicts(index_dir=idx)["at"][0]
    assert f"verdict: rejected by ana at {at}: took ≠ withdrew from: check" in lines
    assert lines[lines.index("reasons:") + 1] == (
        f"  - person's verdict: rejected by ana on {at[:10]}: took ≠ withdrew from: check")


@pytest.mark.parametrize("item, message", [
    ("0123456789ab", "no pair, claim or story '0123456789ab' in {run} (give a pair id (12 hex "
                     "digits), a claim id (16) or their first 6 digits, or a story as s3; ids "
                     "are in report.md, pairs.parquet and claims.parquet)"),
    ("abc", "no pair, claim or story 'abc' in {run} (give a pair id (12 hex digits), a claim id "
            "(16) or their first 6 digits, or a story as s3; ids are in report.md, pairs.parquet "
            "and claims.parquet)"),
    ("s9", "no story s9 in {run} (the run's stories are s0 to s1, listed at the top of "
           "report.md)"),
])
def test_unknown_ids_are_one_line_and_exit_2(weeks, item, message):
    result = invoke("show", item, "--reports-dir", weeks)
    assert result.exit_code == 2
    assert result.output == f"claim-compare: error: {message.format(run=weeks / '2026-W47')}\n"


def test_text_from_articles_cannot_drive_the_terminal(weeks, tmp_path):
    """Ingest drops control characters; a run folder written otherwise is escaped anyway."""
    run = tmp_path / "evil"
    shutil.copytree(weeks / "2026-W47", run)
    pairs = pl.read_parquet(run / "pairs.parquet")
    pairs.with_columns(outlet_a=pl.lit("Evil\x1b[2J"), text_b=pl.lit("clear\x1b[2Jscreen\nnext"),
                       ).write_parquet(run / "pairs.parquet")
    result = invoke("show", pairs["pair_id"][0], "--run", run, "--reports-dir", weeks)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "   clear?[2Jscreen?next" in result.output.splitlines()
    assert any(line.startswith("A  Evil?[2J · ") for line in result.output.splitlines())
