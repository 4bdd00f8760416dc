"""The index's write lock: one run writes an index at a time; the next one waits."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from compare.errors import LockedError

LOCK = ".lock"


def lock(root: Path, timeout: float = 600.0) -> FileLock:
    """The store's write lock; acquiring it waits up to ``timeout`` seconds."""
    root.mkdir(parents=True, exist_ok=True)
    return _Lock(str(root / LOCK), timeout=timeout)


class _Lock(FileLock):
    def acquire(self, *args, **kwargs):  # noqa: D102 - FileLock API
        try:
            return super().acquire(*args, **kwargs)
        except Timeout:
            raise LockedError(
                f"another claim-compare run is writing this index (waited {self.timeout:.0f} s)",
                path=self.lock_file,
                hint="wait for it to finish, raise --lock-timeout, or use another --index-dir",
            ) from None
