"""The bad-input catalogue's harness: plant a user's files, drive the CLI in-process, and check
the exit code, the one-line message, and that nothing of the user's changed.

A case is a dict, one line in a table of the catalogue's files:

    {"id": "front-matter-month-13",                    # what is tried
     "files": {"in/a.md": "---\\noutlet: A\\n...", ...},  # the user's files, planted in tmp
     "argv": ["run", "in", "--out", "out"],             # paths relative to the planted folder
     "message": r"a\\.md:3: date .2026-13-45. is not an ISO date",  # regex the line must match
     "code": 2}                                          # optional, 2 by default

``check_case(case)`` runs it in a fresh folder and returns that folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app

PREFIX = "claim-compare: error: "


def plant(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under ``root``: its bytes (None for a folder) and mode."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            out[rel] = (None if path.is_dir() else path.read_bytes(), path.stat().st_mode)
    return out


def one_line(output: str) -> str:
    """The one error line of ``output``; warnings said on the way (a file skipped, a URL not
    read) may come before it, one line each."""
    lines = [line for line in output.strip().splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(PREFIX)]
    assert len(errors) == 1 and lines[-1] == errors[0], f"expected one error line, got:\n{output}"
    warnings = lines[:-1]
    assert all(w.startswith("claim-compare: ") for w in warnings), output
    assert "Traceback" not in output
    return errors[0]


@pytest.fixture
def check_case(tmp_path, monkeypatch):
    def run(case: dict) -> Path:
        root = tmp_path / "user"
        root.mkdir()
        plant(root, case.get("files", {}))
        if case.get("setup"):
            case["setup"](root)
        monkeypatch.chdir(root)
        before = snapshot(root)
        result = CliRunner().invoke(app, case["argv"])
        assert result.exit_code == case.get("code", 2), result.output
        line = one_line(result.output)
        assert re.search(case["message"], line), line
        after = snapshot(root)
        allowed = case.get("may_write", ())
        changed = sorted(k for k in before.keys() | after.keys()
                         if before.get(k) != after.get(k)
                         and not any(k == w or k.startswith(w + "/") for w in allowed))
        assert changed == [], f"the user's files changed: {changed}"
        return root

    return run
