"""The catalogue, faults the OS causes: read-only places and a full disk. These need a real
process (another user, a file-size limit), so they run the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in (
    {"outlet": "A", "text": "قال الوزير إن 40 شخصا أصيبوا في الانفجار الذي وقع صباح اليوم."},
    {"outlet": "B", "text": "أعلنت الوزارة أن 70 شخصا أصيبوا في الانفجار الذي وقع صباح اليوم."},
))


def _cli(args: list[str], cwd: Path, env: dict | None = None, preexec=None):
    return subprocess.run([sys.executable, "-m", "compare.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600, preexec_fn=preexec,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def _error_line(proc) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines()
              if line.startswith("claim-compare: error: ")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


# -- read-only places: an immutable folder refuses even root --------------------------------

@pytest.fixture
def read_only(tmp_path):
    """``tmp_path/ro``, made immutable (``chattr +i``: read-only even for root), holding one
    file of the user's; skipped where the file system has no immutable flag."""
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "keep.txt").write_text("keep", encoding="utf-8")
    chattr = shutil.which("chattr")
    if not chattr or subprocess.run([chattr, "+i", str(ro)], capture_output=True).returncode:
        pytest.skip("no immutable flag here (chattr +i) to make a read-only folder")
    try:
        yield ro
    finally:
        subprocess.run([chattr, "-i", str(ro)], capture_output=True)


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "ro/out", "--index-dir", "idx"], "ro: cannot write the run folder here: it is "
                                                "read-only (give a writable folder with --out)"),
    (["--out", "out", "--index-dir", "ro/idx"], "ro: cannot write the index here: it is "
                                                "read-only (give a writable folder with "
                                                "--index-dir)"),
])
def test_a_read_only_place_is_refused_before_any_work(tmp_path, read_only, args, message):
    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    proc = _cli(["run", "in.jsonl", *args], tmp_path)
    assert proc.returncode == 2
    assert _error_line(proc).endswith(message)
    assert "Loading weights" not in proc.stderr  # refused before the model was loaded
    assert sorted(p.name for p in read_only.iterdir()) == ["keep.txt"]
    assert not (tmp_path / "out").exists() and not (tmp_path / "idx").exists()


def test_a_read_only_model_cache_on_first_run_says_what_to_set(tmp_path, read_only):
    (tmp_path / "in.jsonl").write_text(ARTICLES, encoding="utf-8")
    proc = _cli(["run", "in.jsonl", "--out", "out", "--index-dir", "idx"], tmp_path,
                {"CLAIM_COMPARE_CACHE": str(read_only / "cache")})
    assert proc.returncode == 2
    line = _error_line(proc)
    assert "cannot build the default model in the cache" in line
    assert "set CLAIM_COMPARE_CACHE to a writable folder" in line
    assert not (tmp_path / "out").exists()


# -- a full disk: a file-size limit makes every larger write fail ---------------------------

def _small_disk():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_full_disk_keeps_the_previous_run_and_index(tmp_path, seeds_dir, encoder):
    args = ["run", str(seeds_dir), "--out", "out", "--index-dir", "idx"]
    first = _cli(args, tmp_path)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    current = (tmp_path / "idx" / "CURRENT").read_text()
    (tmp_path / "more.txt").write_text("---\noutlet: C\n---\nقال المتحدث إن الجيش سيطر على "
                                       "البلدة بعد معارك استمرت يومين.\n", encoding="utf-8")
    full = _cli([*args[:2], str(tmp_path / "more.txt"), *args[2:]], tmp_path,
                preexec=_small_disk)
    assert full.returncode == 2
    line = _error_line(full)
    assert "the disk is full (or the file size limit is reached)" in line
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before
    assert (tmp_path / "idx" / "CURRENT").read_text() == current
    again = _cli(args, tmp_path)
    assert again.returncode == 0, again.stderr
