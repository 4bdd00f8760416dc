"""Progress bars, ``--quiet``, ``--json`` and the lock's waiting message, on the real model."""

from __future__ import annotations

import io
import json
import re
import sys
import time

import pytest
from filelock import FileLock
from rich.console import Console
from typer.testing import CliRunner

import compare
from compare.cli import app
from compare.cli.common import echo_json
from compare.runs.progress import NULL, RichProgress, for_terminal
from compare.store.lock import LOCK

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WEEKS = [
    ("Reuters", "2026-11-10", "A car bomb wounded 40 people in Aleppo on Tuesday, police said."),
    ("AP", "2026-11-11", "A car bomb in Aleppo wounded 40 people on Tuesday, police said."),
    ("AFP", "2026-11-17", "A car bomb wounded 70 people in Aleppo on Tuesday, police said."),
    ("Reuters", "2026-11-18", "A car bomb in Aleppo wounded 40 people on Tuesday, police said."),
]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def json_run(tmp_path_factory, encoder, seeds_dir):
    root = tmp_path_factory.mktemp("json")
    result = invoke("run", seeds_dir, "--out", root / "out", "--index-dir", root / "idx",
                    "--json")
    assert result.exit_code == 0, result.output
    return root, result


def test_json_is_one_object_with_the_counts_of_run_json(json_run):
    root, result = json_run
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1
    summary = json.loads(result.stdout)
    info = json.loads((root / "out" / "run.json").read_text(encoding="utf-8"))
    assert summary["counts"] == info["counts"] and summary["counts"]["articles"] == 2
    assert summary["name"] == info["name"] and summary["out"] == str(root / "out")
    assert summary["timings"] == info["timings"] and "embed" in summary["timings"]
    assert summary["failed"] == [] and summary["skipped"] == []


def test_quiet_prints_nothing_and_still_writes_the_run(json_run, seeds_dir):
    root, _ = json_run
    result = invoke("run", seeds_dir, "--out", root / "again", "--index-dir", root / "idx",
                    "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    assert json.loads((root / "again" / "run.json").read_text())["counts"]["articles"] == 2


def test_weekly_and_diff_json(tmp_path, encoder):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.jsonl").write_text("".join(
        json.dumps({"outlet": o, "date": d, "text": t}) + "\n" for o, d, t in WEEKS))
    common = ["--index-dir", tmp_path / "idx", "--reports-dir", tmp_path / "reports", "--json"]
    first = json.loads(invoke("weekly", tmp_path / "inbox", "--week", "2026-W46", *common).stdout)
    assert first["diff"] is None and first["run"]["counts"]["articles"] == 2
    second = invoke("weekly", tmp_path / "inbox", "--week", "2026-W47", *common)
    assert second.exit_code == 0 and len(second.stdout.splitlines()) == 1
    week = json.loads(second.stdout)
    w47 = tmp_path / "reports" / "2026-W47"
    assert week["run"]["out"] == str(w47)
    assert week["run"]["counts"] == json.loads((w47 / "run.json").read_text())["counts"]
    assert week["diff"]["old"] == str(tmp_path / "reports" / "2026-W46")
    assert week["diff"]["diff_md"] == str(w47 / "diff.md")
    again = invoke("diff", tmp_path / "reports" / "2026-W46", w47, "--out", tmp_path / "d",
                   "--json")
    changes = json.loads(again.stdout)
    assert changes["counts"] == week["diff"]["counts"] and changes["counts"]
    assert changes["diff_parquet"] == str(tmp_path / "d" / "diff.parquet")
    assert (tmp_path / "d" / "diff.parquet").exists()
    quiet = invoke("diff", tmp_path / "reports" / "2026-W46", w47, "--out", tmp_path / "d",
                   "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_json_escapes_control_characters_and_keeps_arabic(capsys):
    echo_json({"why": "خبر \x1b[31mred\x9b\u2028end", "n": 1})
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "خبر" in out
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028]", out.rstrip("\n"))
    assert json.loads(out) == {"why": "خبر \x1b[31mred\x9b\u2028end", "n": 1}


class Recorder:
    """A progress reporter that keeps each stage's total and what was counted in it."""

    def __init__(self) -> None:
        self.stages: list[list] = []

    def stage(self, name, total=None):
        from contextlib import contextmanager

        @contextmanager
        def opened():
            seen = [name, total, 0]
            self.stages.append(seen)
            yield lambda n: seen.__setitem__(2, seen[2] + n)

        return opened()


def test_every_stage_counts_up_to_its_total(tmp_path, encoder, seeds_dir):
    recorder = Recorder()
    result = compare.run([seeds_dir], out=tmp_path / "out", index_dir=tmp_path / "idx",
                         encoder=encoder, progress=recorder)
    totals = {name: (total, done) for name, total, done in recorder.stages}
    assert totals["claims"] == (2, 2)
    assert totals["embed"] == (result.claims.height, result.claims.height)
    assert totals["relate"] == (result.pairs.height, result.pairs.height)
    assert totals["write"] == (3, 3)
    assert totals["ingest"] == (None, 2)  # two files read


def test_bars_are_drawn_for_embedding_and_relating(tmp_path, encoder, seeds_dir):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    result = compare.run([seeds_dir], out=tmp_path / "out", index_dir=tmp_path / "idx",
                         encoder=encoder, progress=RichProgress(console, delay=0))
    text = ANSI.sub("", screen.getvalue())
    claims, pairs = result.claims.height, result.pairs.height
    assert claims > 0 and pairs > 0
    assert re.search(rf"Embedding claims\s.*\b{claims}/{claims}\b", text), text
    assert re.search(rf"Relating pairs\s.*\b{pairs}/{pairs}\b", text), text
    assert "━" in text


def test_a_quick_stage_shows_nothing_and_a_slow_one_a_bar():
    screen = io.StringIO()
    bars = RichProgress(Console(file=screen, force_terminal=True, width=100), delay=0.2)
    with bars.stage("embed", 10) as advance:
        advance(10)
    assert screen.getvalue() == ""
    with bars.stage("relate", 4) as advance:
        advance(1)
        time.sleep(0.5)
        advance(3)
    assert re.search(r"Relating pairs\s.*\b4/4\b", ANSI.sub("", screen.getvalue()))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_only_on_an_interactive_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert for_terminal() is NULL
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(for_terminal(), RichProgress)
    assert for_terminal(quiet=True) is NULL
    monkeypatch.setenv("CI", "true")
    assert for_terminal() is NULL


def test_a_run_waiting_for_the_lock_says_so_on_stderr(tmp_path, encoder, seeds_dir):
    idx = tmp_path / "idx"
    idx.mkdir()
    args = ["run", seeds_dir, "--out", tmp_path / "out", "--index-dir", idx,
            "--lock-timeout", "0.5"]
    with FileLock(str(idx / LOCK)):
        result = invoke(*args)
        quiet = invoke(*args, "--quiet")
    assert result.exit_code == 2 and result.stdout == ""
    waiting, error = result.stderr.strip().splitlines()
    assert waiting == (f"claim-compare: waiting up to 0.5 s for another run that holds the "
                       f"index {idx} (--lock-timeout)")
    assert error.startswith("claim-compare: error: ") and "another claim-compare run" in error
    assert quiet.exit_code == 2 and quiet.stderr.strip() == error
    assert not (tmp_path / "out").exists()
