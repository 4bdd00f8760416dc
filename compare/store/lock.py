"""The index's write lock: one run writes an index at a time; the next one waits."""

from __future__ import annotations

import logging
from pathlib import Path

from filelock import FileLock, Timeout

from compare.errors import LockedError
from compare.store.atomic import storage

LOCK = ".lock"


log = logging.getLogger(__name__)


def lock(root: Path, timeout: float = 600.0) -> FileLock:
    """The store's write lock; acquiring it waits up to ``timeout`` seconds, and says so on
    stderr (a warning) when it has to wait."""
    with storage(root, "write the index"):
        root.mkdir(parents=True, exist_ok=True)
    return _Lock(str(root / LOCK), timeout=timeout)


class _Lock(FileLock):
    def acquire(self, timeout=None, *args, **kwargs):  # noqa: D102 - FileLock API
        wait = self.timeout if timeout is None else timeout
        try:
            return super().acquire(0, *args, **kwargs)
        except Timeout:
            pass
        try:
            if wait <= 0:
                raise Timeout(self.lock_file)
            log.warning("claim-compare: waiting up to %g s for another run that holds the "
                        "index %s (--lock-timeout)", wait, Path(self.lock_file).parent)
            return super().acquire(wait, *args, **kwargs)
        except Timeout:
            raise LockedError(
                f"another claim-compare run is writing this index (waited {wait:g} s)",
                path=self.lock_file,
                hint="wait for it to finish, raise --lock-timeout, or use another --index-dir",
            ) from None
