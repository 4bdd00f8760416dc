"""The CLI in-process: the seeds run, help text, and every bad input → one line, exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from compare.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory, encoder, seeds_dir):
    root = tmp_path_factory.mktemp("cli")
    result = invoke("run", seeds_dir, "--out", root / "out", "--index-dir", root / "idx")
    assert result.exit_code == 0, result.output
    return root, result


def test_run_prints_a_summary_and_writes_the_report(seeds_out):
    root, result = seeds_out
    assert "2 articles from 2 outlets" in result.output
    assert f"Report: {root / 'out' / 'report.md'}" in result.output
    info = json.loads((root / "out" / "run.json").read_text())
    assert info["counts"]["articles"] == 2


def test_help_reads_like_the_readme():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("run", "diff", "weekly", "eval", "train"):
        assert command in result.output
    run_help = invoke("run", "--help").output
    for flag in ("--out", "--index-dir", "--week", "--model", "--threshold"):
        assert flag in run_help


def _bad(tmp_path, *args):
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", *map(str, args), "--out", str(out),
                                 "--index-dir", str(tmp_path / "idx")])
    assert result.exit_code == 2, result.output
    assert not out.exists(), "nothing may be written on bad input"
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claim-compare: error: "), result.output
    return lines[0]


def test_nonexistent_path(tmp_path):
    line = _bad(tmp_path, tmp_path / "missing")
    assert "missing: no such file or directory" in line


def test_utf8_with_a_legacy_line(tmp_path):
    (tmp_path / "a.txt").write_bytes("سطر\n".encode() + "خبر".encode("cp1256"))
    assert "a.txt:2: not UTF-8 text" in _bad(tmp_path, tmp_path / "a.txt")


def test_malformed_jsonl(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x", "outlet": "A"}\n{oops\n')
    assert "a.jsonl:2: malformed JSON" in _bad(tmp_path, tmp_path / "a.jsonl")


def test_article_without_outlet(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    assert "a.jsonl:1: article has no 'outlet'" in _bad(tmp_path, tmp_path / "a.jsonl")


def test_article_without_text(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"outlet": "A"}\n')
    assert "a.jsonl:1: article has no 'text'" in _bad(tmp_path, tmp_path / "a.jsonl")


def test_single_outlet(tmp_path, seeds_dir):
    line = _bad(tmp_path, seeds_dir / "000_ece09340e527c063.txt")
    assert "nothing to compare" in line


def test_no_articles(tmp_path):
    (tmp_path / "in").mkdir()
    assert "holds no .txt" in _bad(tmp_path, tmp_path / "in")


def test_out_that_is_someone_elses_folder_is_not_touched(tmp_path, seeds_dir):
    precious = tmp_path / "out" / "notes.txt"
    precious.parent.mkdir()
    precious.write_text("keep me")
    result = runner.invoke(app, ["run", str(seeds_dir), "--out", str(tmp_path / "out"),
                                 "--index-dir", str(tmp_path / "idx")])
    assert result.exit_code == 2 and "not a claim-compare run" in result.output
    assert precious.read_text() == "keep me"
