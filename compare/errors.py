"""The one exception family of claim-compare.

Every error a user can cause is a ``CompareError``: it names the file (and line) at fault and
says what to do. The CLI prints it on one line and exits with code 2.
"""

from __future__ import annotations


class CompareError(Exception):
    """A problem the user can fix; carries the file, line and a hint."""

    def __init__(self, message: str, *, path: object = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(CompareError):
    """An input file or directory cannot be read as articles."""


class NothingToCompare(CompareError):
    """The inputs hold fewer than two outlets."""


class IndexMismatch(CompareError):
    """An index on disk was built by another model or is damaged."""

    model_mismatch = False  # True when the index is sound but built by another model


class ModelError(CompareError):
    """The embedding model cannot be built or loaded."""


class RunError(CompareError):
    """A run directory is missing or incomplete."""


class LockedError(CompareError):
    """Another run holds the index lock."""


class StorageError(CompareError):
    """A file or folder cannot be written: read-only, full disk, or not a folder."""
