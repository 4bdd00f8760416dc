"""The page cache: web pages and feeds fetched once, kept under ``<index_dir>/pages/`` so that a
re-run works offline and a refetch can be a conditional request.

Each URL is kept as two files named by the SHA-1 of the URL, in a subfolder named by its first
two hex digits: ``<sha1>.body`` (the bytes as received) and ``<sha1>.json`` (the record: url,
final_url, status, content_type, charset, etag, last_modified, fetched_at, sha256, size). Both
are written atomically, body first; a reader checks the body against the record's SHA-256, so
an entry that is damaged or half-replaced reads as absent (with a warning), never as wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from compare.store.atomic import write_bytes, write_json

__all__ = ["PAGES", "CachedPage", "PageCache"]

PAGES = "pages"
FORMAT = 1
_RECORD_KEYS = ("url", "final_url", "status", "content_type", "charset", "etag",
                "last_modified", "fetched_at", "sha256", "size")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedPage:
    """A page as the cache keeps it: the response's bytes and what is needed to use or
    revalidate them (``etag`` and ``last_modified`` go back as If-None-Match and
    If-Modified-Since)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None  # UTC, ISO 8601; set by PageCache.put when missing

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def size(self) -> int:
        return len(self.body)


class PageCache:
    """Fetched pages under ``root / "pages"`` (``root`` is the index folder), keyed by URL."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.folder = self.root / PAGES
        # Two threads putting one URL could interleave body and record; one writer at a time.
        self._lock = threading.Lock()

    def paths(self, url: str) -> tuple[Path, Path]:
        """Where the body and the record of ``url`` are (or would be) kept."""
        key = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()
        where = self.folder / key[:2]
        return where / f"{key}.body", where / f"{key}.json"

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self.get(url) is not None

    def get(self, url: str) -> CachedPage | None:
        """The cached page of ``url``; None when there is none, or when the entry is damaged
        (unreadable, an invalid record, a body that does not match it), which is logged."""
        body_path, record_path = self.paths(url)
        if not record_path.exists():
            return None
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return self._damaged(url, record_path, f"cannot read it: {exc}")
        problem = _check(record, url, body)
        if problem:
            return self._damaged(url, record_path, problem)
        return CachedPage(
            url=record["url"], final_url=record["final_url"], status=record["status"],
            content_type=record["content_type"], charset=record["charset"], body=body,
            etag=record["etag"], last_modified=record["last_modified"],
            fetched_at=record["fetched_at"])

    def put(self, url: str, page: CachedPage) -> None:
        """Keep ``page`` as the copy of ``url``, replacing any earlier one; a full disk or a
        read-only folder is a ``StorageError`` and leaves the earlier copy readable or absent,
        never damaged in a way ``get`` would return."""
        body_path, record_path = self.paths(url)
        fetched_at = page.fetched_at or dt.datetime.now(dt.timezone.utc).isoformat(
            timespec="seconds")
        record = {
            "format": FORMAT,
            "url": url,
            "final_url": page.final_url,
            "status": page.status,
            "content_type": page.content_type,
            "charset": page.charset,
            "etag": page.etag,
            "last_modified": page.last_modified,
            "fetched_at": fetched_at,
            "sha256": page.sha256,
            "size": page.size,
        }
        with self._lock:
            write_bytes(body_path, page.body)
            write_json(record_path, record)

    @staticmethod
    def _damaged(url: str, record_path: Path, why: str) -> None:
        log.warning("claim-compare: the cached copy of %s is damaged (%s: %s); ignoring it",
                    url, record_path, why)
        return None


def _check(record: object, url: str, body: bytes) -> str | None:
    """What is wrong with a cache entry, or None when its record and body agree."""
    if not isinstance(record, dict) or any(key not in record for key in _RECORD_KEYS):
        return "the record lacks fields"
    if record["url"] != url:
        return f"the record is for another URL ({record['url']})"
    if not isinstance(record["status"], int) or not isinstance(record["final_url"], str):
        return "the record's status or final URL is malformed"
    if record["size"] != len(body):
        return f"the body has {len(body)} bytes, the record says {record['size']}"
    if record["sha256"] != hashlib.sha256(body).hexdigest():
        return "the body does not match its SHA-256"
    return None
