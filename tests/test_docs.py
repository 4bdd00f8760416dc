"""Every command has help and a README section with a real example; the code passes ruff."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from compare.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(get_command(app).commands)


def test_commands_are_the_documented_ones():
    assert COMMANDS == ["diff", "eval", "run", "show", "train", "verdict", "verdicts", "version",
                        "weekly"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_a_readme_example(name):
    command = get_command(app).commands[name]
    assert command.help and len(command.help.split()) >= 4
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\$ claim-compare {name}\b", readme, re.MULTILINE), (
        f"README.md has no '$ claim-compare {name}' example")


def test_readme_gives_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci, "CI must run the README's test command"


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([ruff, "check", "compare", "tests", "bench"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
