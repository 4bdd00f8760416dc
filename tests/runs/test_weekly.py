"""Weekly runs: dated selection, earlier-week links, idempotent re-runs, kill -9, two writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import compare
from compare.cli import app
from compare.runs.diff import diff_runs
from compare.store import open_store

W46 = [
    ("Reuters", "2026-11-10", "A car bomb wounded 40 people in Aleppo on Tuesday, police said. "
     "The governor of Aleppo ordered an inquiry into the attack on the market."),
    ("AP", "2026-11-11", "A car bomb in Aleppo wounded 40 people on Tuesday, police said. "
     "Schools in the city will stay closed until Thursday, the education office said."),
]
W47 = [
    ("AFP", "2026-11-17", "A car bomb wounded 70 people in Aleppo on Tuesday, police said. "
     "Rescue teams worked through the night to clear the rubble from the market."),
    ("Reuters", "2026-11-18", "Rescue teams worked through the night in Aleppo to clear rubble "
     "from the market. The army said it took the town of Saraqib after heavy fighting."),
]


def write_inbox(folder: Path, articles) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"outlet": o, "date": d, "text": t, "title": t[:40]}) for o, d, t in
             articles]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture()
def inbox(tmp_path):
    return write_inbox(tmp_path / "inbox", W46 + W47)


def test_week_selects_by_date_and_links_to_earlier_weeks(inbox, tmp_path, encoder):
    idx, reports = tmp_path / "idx", tmp_path / "reports"
    w46 = compare.run([inbox], week="2026-W46", index_dir=idx, reports_dir=reports,
                      encoder=encoder)
    assert w46.out == reports / "2026-W46"
    assert sorted(w46.articles["outlet"]) == ["AP", "Reuters"]
    w47 = compare.run([inbox], week="2026-W47", index_dir=idx, reports_dir=reports,
                      encoder=encoder)
    assert sorted(w47.articles["outlet"]) == ["AFP", "Reuters"]
    linked = w47.claims.filter(pl.col("first_outlet").is_not_null())
    assert linked.height >= 1
    first = linked.filter(pl.col("text").str.contains("70 people")).row(0, named=True)
    assert first["first_outlet"] in {"Reuters", "AP"} and first["first_date"] == "2026-11-10"
    store = open_store(idx, encoder.model_id, encoder.dim)
    assert store.articles.height == 4
    assert "first reported by" in (w47.out / "report.md").read_text(encoding="utf-8")


def test_rerunning_a_week_is_idempotent(inbox, tmp_path, encoder):
    idx, reports = tmp_path / "idx", tmp_path / "reports"
    first = compare.run([inbox], week="2026-W46", index_dir=idx, reports_dir=reports,
                        encoder=encoder, name="a")
    again = compare.run([inbox], week="2026-W46", index_dir=idx, reports_dir=reports,
                        encoder=encoder, name="b")
    assert again.info.counts.embedded_texts == 0
    store = open_store(idx, encoder.model_id, encoder.dim)
    assert store.claims.height == first.claims.height
    assert store.claims["claim_id"].n_unique() == store.claims.height
    assert diff_runs(first.out, again.out).is_empty()


def test_undated_articles_are_left_out_of_a_week_and_counted(tmp_path, encoder):
    folder = write_inbox(tmp_path / "in", W46 + [("BBC", None, "An undated story about rain.")])
    result = compare.run([folder], week="2026-W46", index_dir=tmp_path / "idx",
                         reports_dir=tmp_path / "r", encoder=encoder)
    assert result.info.counts.undated_skipped == 1


def test_weekly_command_runs_the_week_then_diffs(inbox, tmp_path, encoder):
    runner = CliRunner()
    common = ["--index-dir", str(tmp_path / "idx"), "--reports-dir", str(tmp_path / "reports")]
    one = runner.invoke(app, ["weekly", str(inbox), "--week", "2026-W46", *common])
    assert one.exit_code == 0, one.output
    assert "No earlier run to diff against." in one.output
    two = runner.invoke(app, ["weekly", str(inbox), "--week", "2026-W47", *common])
    assert two.exit_code == 0, two.output
    assert "2026-W46 → 2026-W47" in two.output
    assert (tmp_path / "reports" / "2026-W47" / "diff.parquet").exists()


# -- crash safety ------------------------------------------------------------------------------

SLOW_WRITER = textwrap.dedent("""
    import sys, time
    import polars as pl
    import compare.store.generations
    real = pl.DataFrame.write_parquet
    def slow(self, path, *a, **k):
        real(self, path, *a, **k)
        if str(path).endswith("claims.parquet") and "/.gen-" in str(path):
            print("WRITING", flush=True)
            time.sleep(60)
    pl.DataFrame.write_parquet = slow
    from compare.cli import main
    sys.argv = ["claim-compare", *sys.argv[1:]]
    main()
""")


def _spawn(args: list[str], cwd: Path, script: str | None = None) -> subprocess.Popen:
    code = ["-c", script] if script else ["-m", "compare.cli"]
    return subprocess.Popen([sys.executable, *code, *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _wait_for(proc: subprocess.Popen, marker: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        if marker in line:
            return
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise AssertionError(f"never saw {marker!r}")


def test_kill_during_index_write_keeps_the_previous_state(inbox, tmp_path, encoder):
    idx, reports = tmp_path / "idx", tmp_path / "reports"
    before = compare.run([inbox], week="2026-W46", index_dir=idx, reports_dir=reports,
                         encoder=encoder)
    generation = (idx / "CURRENT").read_text()
    proc = _spawn(["run", str(inbox), "--week", "2026-W47", "--index-dir", str(idx),
                   "--reports-dir", str(reports)], tmp_path, SLOW_WRITER)
    _wait_for(proc, "WRITING")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (idx / "CURRENT").read_text() == generation
    store = open_store(idx, encoder.model_id, encoder.dim)
    assert store.claims.height == before.claims.height
    assert not (reports / "2026-W47").exists()
    assert (reports / "2026-W46" / "run.json").exists()
    after = compare.run([inbox], week="2026-W47", index_dir=idx, reports_dir=reports,
                        encoder=encoder)
    store = open_store(idx, encoder.model_id, encoder.dim)
    assert store.articles.height == 4
    assert store.claims.height == before.claims.height + after.claims.height
    # no half-written generation is left; the one before the current is kept as a fallback
    assert sorted(p.name for p in idx.iterdir() if p.name.startswith(("gen-", ".gen-"))) == [
        generation.strip(), (idx / "CURRENT").read_text().strip()]


def test_two_concurrent_runs_both_complete_without_corruption(inbox, tmp_path, encoder):
    idx = tmp_path / "idx"
    procs = [
        _spawn(["run", str(inbox), "--week", week, "--index-dir", str(idx),
                "--reports-dir", str(tmp_path / "reports")], tmp_path)
        for week in ("2026-W46", "2026-W47")
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    store = open_store(idx, encoder.model_id, encoder.dim)
    assert store.articles.height == 4
    assert store.claims["claim_id"].n_unique() == store.claims.height
    assert store.faiss_index().ntotal == store.claims.height
    for week in ("2026-W46", "2026-W47"):
        assert (tmp_path / "reports" / week / "run.json").exists()
