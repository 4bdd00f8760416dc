"""Atomic writes: every artifact is written to a temporary name, then renamed into place."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_with(path: Path, write: Callable[[Path], object]) -> None:
    """Let ``write(tmp)`` fill a temporary file beside ``path``, then rename it into place, so
    readers see the old file or the whole new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Atomically write ``data`` to ``path``."""
    write_with(path, lambda tmp: tmp.write_bytes(data))


def write_text(path: Path, text: str) -> None:
    """Atomically write ``text`` to ``path`` as UTF-8."""
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: object) -> None:
    """Atomically write ``data`` as indented UTF-8 JSON (Arabic kept readable)."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fsync_tree(folder: Path) -> None:
    """Flush every file under ``folder`` to disk."""
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())


def replace_dir(staged: Path, final: Path) -> None:
    """Put the fully written folder ``staged`` at ``final``, replacing what was there.

    The old folder is moved aside first and removed only after the new one is in place, so an
    interruption leaves the old folder, the new one, or (killed between the two renames) the old
    one in ``.NAME-old-*`` beside it — never a half-written one.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    fsync_tree(staged)
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}-old-", dir=final.parent))
        os.replace(final, old / final.name)
    os.replace(staged, final)
    for leftover in final.parent.glob(f".{final.name}-old-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # this one and any a killed run left


def staging_dir(final: Path) -> Path:
    """A fresh temporary folder beside ``final`` (same filesystem, so renames are atomic)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}-tmp-", dir=final.parent))
