"""The ``claim-compare`` command: a thin skin over the Python API.

Each command parses its options, makes one API call and prints a short summary. A
``CompareError`` becomes one line on stderr — file, line, what is wrong, what to do — and exit
code 2. ``common`` holds the app and the shared options; ``runs`` (run, weekly, diff),
``review`` (show, verdict, verdicts) and ``learn`` (eval, train, version) the commands.
"""

from __future__ import annotations

from compare.cli import learn, review, runs
from compare.cli.common import app

__all__ = ["app", "main"]

# In the order ``--help`` lists them: the weekly job first, then reviewing, then the model.
COMMANDS = {"run": runs.run, "weekly": runs.weekly, "diff": runs.diff, "show": review.show,
            "verdict": review.verdict_, "verdicts": review.verdicts_, "eval": learn.evaluate,
            "train": learn.train, "version": learn.version}
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)


def main() -> None:
    """Console entry point."""
    app()
