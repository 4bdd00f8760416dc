"""The catalogue, output side: where a run writes, what it may replace, what it must refuse.

Each row is one case: the user's files, the command, the one line it must print (exit 2), and
the harness checks that none of the user's files changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app

ARTICLES = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in (
    {"outlet": "A", "text": "قال الوزير إن 40 شخصا أصيبوا في الانفجار الذي وقع صباح اليوم."},
    {"outlet": "B", "text": "أعلنت الوزارة أن 70 شخصا أصيبوا في الانفجار الذي وقع صباح اليوم."},
))
OTHER_TOOL_RUN = {"in.jsonl": ARTICLES, "out/run.json": '{"status": "ok", "tool": "other"}',
                  "out/notes.md": "my notes", "out/src/main.py": "print('hi')"}

CASES = [
    {"id": "out-holds-another-tools-run-json", "files": OTHER_TOOL_RUN,
     "argv": ["run", "in.jsonl", "--out", "out", "--index-dir", "idx"],
     "message": r"out: --out holds a run.json that claim-compare did not write"},
    {"id": "out-is-someone-elses-folder",
     "files": {"in.jsonl": ARTICLES, "out/notes.md": "keep me"},
     "argv": ["run", "in.jsonl", "--out", "out", "--index-dir", "idx"],
     "message": r"out: --out is a non-empty directory: it is not a claim-compare run"},
    {"id": "out-is-a-file", "files": {"in.jsonl": ARTICLES, "out": "a file"},
     "argv": ["run", "in.jsonl", "--out", "out", "--index-dir", "idx"],
     "message": r"out: --out is a file, not a directory"},
    {"id": "out-inside-a-file", "files": {"in.jsonl": ARTICLES, "f": "a file"},
     "argv": ["run", "in.jsonl", "--out", "f/out", "--index-dir", "idx"],
     "message": r"f: --out is inside a file, not a folder"},
    {"id": "index-dir-inside-a-file", "files": {"in.jsonl": ARTICLES, "f": "a file"},
     "argv": ["run", "in.jsonl", "--out", "out", "--index-dir", "f/idx"],
     "message": r"f: --index-dir is inside a file, not a folder"},
    {"id": "name-climbs-out-of-reports-dir", "files": {"in.jsonl": ARTICLES},
     "argv": ["run", "in.jsonl", "--name", "../../x", "--index-dir", "idx"],
     "message": r"--name '\.\./\.\./x' is not a plain folder name \(the name is a folder"},
    {"id": "name-is-hidden", "files": {"in.jsonl": ARTICLES},
     "argv": ["run", "in.jsonl", "--name", ".x", "--index-dir", "idx"],
     "message": r"--name '\.x' is not a plain folder name"},
    {"id": "threshold-flag-out-of-range", "files": {"in.jsonl": ARTICLES},
     "argv": ["run", "in.jsonl", "--threshold", "7", "--index-dir", "idx"],
     "message": r"--threshold 7\.0 is outside 0…1 \(the default is 0\.87\)"},
    {"id": "max-claim-chars-of-one", "files": {"in.jsonl": ARTICLES,
                                               "c.toml": "[tool.claim-compare]\n"
                                                         "max_claim_chars = 1\n"},
     "argv": ["run", "in.jsonl", "--config", "c.toml", "--index-dir", "idx"],
     "message": r"c\.toml:2: setting max_claim_chars = 1 should be between 40 and 100,000"},
    {"id": "max-claim-chars-below-min", "files": {"in.jsonl": ARTICLES,
                                                  "c.toml": "[tool.claim-compare]\n"
                                                            "max_claim_chars = 50\n"
                                                            "min_claim_chars = 60\n"},
     "argv": ["run", "in.jsonl", "--config", "c.toml", "--index-dir", "idx"],
     "message": r"c\.toml: max_claim_chars = 50 is below min_claim_chars = 60"},
    {"id": "diff-on-a-folder-that-is-not-a-run",
     "files": {"a/notes.md": "x", "b/notes.md": "y"}, "argv": ["diff", "a", "b"],
     "message": r"a: not a claim-compare run folder: it holds no run\.json or run tables"},
    {"id": "diff-on-an-incomplete-run",
     "files": {"a/run.json": '{"name": "a"}', "b/notes.md": "y"}, "argv": ["diff", "a", "b"],
     "message": r"incomplete run: claims\.parquet is missing"},
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_output_case(case, check_case):
    check_case(case)


# -- cases that need a real run first ------------------------------------------------------


def _run(root: Path, *args: str):
    result = CliRunner().invoke(app, ["run", str(root / "in.jsonl"), "--index-dir",
                                      str(root / "idx"), *args])
    assert result.exit_code == 0, result.output
    return result


def test_rerun_keeps_the_users_files_and_the_diff_in_the_run_folder(tmp_path, encoder):
    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    out = tmp_path / "out"
    _run(tmp_path, "--out", str(out))
    (out / "notes.md").write_text("my notes", encoding="utf-8")
    (out / "diff.md").write_text("an earlier diff", encoding="utf-8")
    (out / "extra").mkdir()
    (out / "extra" / "a.txt").write_text("a", encoding="utf-8")
    first = json.loads((out / "run.json").read_text())["created"]
    _run(tmp_path, "--out", str(out))
    assert json.loads((out / "run.json").read_text())["created"] != first
    assert (out / "notes.md").read_text() == "my notes"
    assert (out / "diff.md").read_text() == "an earlier diff"
    assert (out / "extra" / "a.txt").read_text() == "a"
    assert not list(tmp_path.glob(".out-*"))


def test_stale_staging_folders_of_a_killed_run_are_cleaned(tmp_path, encoder):
    import os
    import time

    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    stale = tmp_path / ".out-tmp-killed"
    stale.mkdir()
    (stale / "claims.parquet").write_bytes(b"half")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    fresh = tmp_path / ".out-tmp-running"  # another run's, still being written
    fresh.mkdir()
    _run(tmp_path, "--out", str(tmp_path / "out"))
    assert not stale.exists() and fresh.exists()


def test_run_folders_and_index_generations_follow_the_umask(tmp_path, encoder):
    import os
    import stat

    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    old = os.umask(0o022)
    try:
        _run(tmp_path, "--out", str(tmp_path / "out"))
    finally:
        os.umask(old)
    generation = tmp_path / "idx" / (tmp_path / "idx" / "CURRENT").read_text().strip()
    for path in (tmp_path / "out", generation):
        assert stat.S_IMODE(path.stat().st_mode) == 0o755, path
    for path in [*(tmp_path / "out").iterdir(), *generation.iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_a_run_waiting_for_the_lock_says_so(tmp_path, encoder, caplog):
    from compare.store import lock

    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    with lock(tmp_path / "idx"):
        result = CliRunner().invoke(app, ["run", str(tmp_path / "in.jsonl"), "--out",
                                          str(tmp_path / "out"), "--index-dir",
                                          str(tmp_path / "idx"), "--lock-timeout", "0.5"])
    assert result.exit_code == 2
    assert "waiting up to 0.5 s for another run that holds" in caplog.text
    line = result.stderr.strip().splitlines()[-1]  # after the waiting message
    assert line.startswith("claim-compare: error: ") and "another claim-compare run" in line
    assert not (tmp_path / "out").exists()


def test_a_damaged_index_falls_back_to_the_previous_generation(tmp_path, encoder, caplog):
    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    _run(tmp_path, "--out", str(tmp_path / "one"))
    _run(tmp_path, "--out", str(tmp_path / "two"))
    current = tmp_path / "idx" / (tmp_path / "idx" / "CURRENT").read_text().strip()
    (current / "claims.parquet").write_bytes(b"garbage")
    result = _run(tmp_path, "--out", str(tmp_path / "three"))
    assert f"{current.name} is damaged" in caplog.text
    assert "2 articles from 2 outlets" in result.output


def test_files_a_run_does_not_read_are_listed_in_run_json(tmp_path, encoder):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(ARTICLES, encoding="utf-8")
    (tmp_path / "in" / "page.html").write_text("<html></html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--index-dir", str(tmp_path / "idx")])
    assert result.exit_code == 0, result.output
    skipped = json.loads((tmp_path / "out" / "run.json").read_text())["skipped"]
    assert [s["path"].rsplit("/", 1)[-1] for s in skipped] == ["page.html"]
    assert "HTML" in skipped[0]["why"]
