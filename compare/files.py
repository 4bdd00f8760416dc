"""Atomic writes: every artifact is written to a temporary name, then renamed into place."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
