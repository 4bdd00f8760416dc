"""Safe writing: every artifact is written to a temporary name, then renamed into place, with
the permissions the user's umask gives; a folder is swapped in whole; the user's own files in a
replaced folder are carried over; and a place is checked for writing before any work starts.

OS errors while writing (a read-only folder, a full disk) become :class:`StorageError`: one
line naming the path, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from compare.errors import StorageError

# Staging folders left by a killed run are removed once they are this old (seconds).
STALE_AFTER = 600.0
# How libraries that wrap the OS say a write failed.
_WRITE_FAILURES = ("no space left", "os error 28", "file too large", "os error 27",
                   "read-only file system", "os error 30", "fwrite", "write error",
                   "failed to write")


def umask() -> int:
    """The process's umask (read without changing it for longer than a call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def file_mode() -> int:
    return 0o666 & ~umask()


def dir_mode() -> int:
    return 0o777 & ~umask()


def _why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full (or the file size limit is reached)"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "it is read-only"
    return exc.strerror or str(exc)


@contextlib.contextmanager
def storage(path: Path | str, what: str = "write") -> Iterator[None]:
    """Turn an OS error (or a library's write error) inside the block into a StorageError
    naming ``path``."""
    try:
        yield
    except StorageError:
        raise
    except OSError as exc:
        raise StorageError(f"cannot {what} here: {_why(exc)}", path=exc.filename or path,
                           hint="free some space or choose another folder") from None
    except Exception as exc:  # faiss and polars report failed writes in their own types
        text = str(exc).lower()
        if not any(cue in text for cue in _WRITE_FAILURES):
            raise
        why = "it is read-only" if "read-only" in text or "os error 30" in text else \
            "the disk is full (or the file size limit is reached)"
        raise StorageError(f"cannot {what} here: {why}", path=path,
                           hint="free some space or choose another folder") from None


def write_with(path: Path, write: Callable[[Path], object]) -> None:
    """Let ``write(tmp)`` fill a temporary file beside ``path``, then rename it into place, so
    readers see the old file or the whole new one, never a half-written one."""
    with storage(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            write(Path(tmp))
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, file_mode())
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


def make_dir(prefix: str, parent: Path) -> Path:
    """A fresh temporary folder in ``parent`` with the umask's permissions (not 0700), so that
    colleagues can read what is renamed from it."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    folder.chmod(dir_mode())
    return folder


def staging_dir(final: Path) -> Path:
    """A fresh temporary folder beside ``final`` (same filesystem, so renames are atomic);
    staging folders a killed run left beside it are removed first."""
    with storage(final.parent):
        clean_stale(final)
        return make_dir(f".{final.name}-tmp-", final.parent)


def clean_stale(final: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove ``.NAME-tmp-*`` and ``.NAME-old-*`` folders beside ``final`` untouched for
    ``older_than`` seconds (what a killed run leaves); returns what was removed."""
    removed = []
    if not final.parent.is_dir():
        return removed
    now = time.time()
    for pattern in (f".{final.name}-tmp-*", f".{final.name}-old-*"):
        for leftover in final.parent.glob(pattern):
            try:
                if now - leftover.stat().st_mtime >= older_than:
                    shutil.rmtree(leftover, ignore_errors=True)
                    removed.append(leftover)
            except OSError:
                continue
    return removed


def carry_over(old: Path, staged: Path, ours: set[str]) -> None:
    """Put into ``staged`` everything of ``old`` that is not one of ``ours`` (a user's notes,
    a diff written into the run folder): files as hard links (a copy across filesystems),
    folders as copies, so nothing leaves ``old`` before the swap."""
    for entry in old.iterdir():
        if entry.name in ours or (staged / entry.name).exists():
            continue
        target = staged / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True)
        else:
            try:
                os.link(entry, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry, target, follow_symlinks=False)


def replace_dir(staged: Path, final: Path, ours: set[str] | None = None) -> None:
    """Put the fully written folder ``staged`` at ``final``, replacing what was there.

    With ``ours`` (the names this program writes), every other entry of the old folder is
    carried into the new one first. The old folder is moved aside and removed only after the
    new one is in place, so an interruption leaves the old folder, the new one, or (killed
    between the two renames) the old one in ``.NAME-old-*`` beside it — never a half-written
    one, and never without the user's files.
    """
    with storage(final):
        final.parent.mkdir(parents=True, exist_ok=True)
        if ours is not None and final.is_dir():
            carry_over(final, staged, ours)
        fsync_tree(staged)
        if final.exists():
            old = make_dir(f".{final.name}-old-", final.parent)
            os.replace(final, old / final.name)
        os.replace(staged, final)
        for leftover in final.parent.glob(f".{final.name}-old-*"):
            shutil.rmtree(leftover, ignore_errors=True)  # this one and any a killed run left


def check_writable(path: Path, what: str, flag: str) -> None:
    """Fail now, before any work, when ``path`` (a folder, existing or to be made) cannot be
    written: try a file in it, or in the nearest folder above it that exists."""
    path = Path(path)
    probe_in = path
    while not probe_in.exists():
        if probe_in.parent == probe_in:
            break
        probe_in = probe_in.parent
    if probe_in.exists() and not probe_in.is_dir():
        raise StorageError(f"{flag} is inside a file, not a folder", path=probe_in,
                           hint=f"give a folder for the {what}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".claim-compare-probe-", dir=probe_in)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise StorageError(f"cannot write the {what} here: {_why(exc)}", path=probe_in,
                           hint=f"give a writable folder with {flag}") from None
