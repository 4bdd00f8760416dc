"""Fetching pages and feeds over HTTP: bounded in time, size, redirects and concurrency, polite to
each host, retried when the failure may pass, and kept in the page cache so a re-run can do
without the network.

A :class:`Fetcher` answers every URL with a :class:`Page` or a :class:`FetchError` whose
``why`` is one short line ("HTTP 404 Not Found", "timed out after 20 s"). With a cache, a URL
fetched before is revalidated (If-None-Match / If-Modified-Since), and when the site cannot be
reached the cached copy is used, with a warning; ``offline`` reads the cache only.
"""

from __future__ import annotations

import codecs
import contextlib
import email.utils
import importlib.metadata
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import chain, islice, zip_longest
from urllib.parse import urlsplit

import httpx

from compare.errors import CompareError, StorageError
from compare.store.pages import CachedPage, PageCache

__all__ = ["ACCEPTED_TYPES", "FEED_TYPES", "FetchError", "FetchSettings", "Fetcher", "Page",
           "is_url", "user_agent"]

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
ACCEPTED_TYPES = FEED_TYPES | {"text/html", "application/xhtml+xml", "application/xml",
                               "text/xml", "text/plain"}
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8")
OFFLINE_HINT = "run once without --offline to fetch it"

log = logging.getLogger("compare.ingest")


def user_agent() -> str:
    """How claim-compare names itself to web servers, with its installed version."""
    # The package version, not compare.__version__: ingest sits below the package root.
    try:
        version = importlib.metadata.version("claim-compare")
    except importlib.metadata.PackageNotFoundError:
        version = "0.1.0"
    return (f"claim-compare/{version} (+https://github.com/claim-compare; "
            "news comparison for fact-checking)")


@dataclass(frozen=True)
class FetchSettings:
    """Limits of a fetch. Timeouts are seconds; a request is tried ``1 + retries`` times, the
    n-th retry after ``backoff * 2**(n-1)`` s, or after the server's Retry-After when that is
    at most ``max_retry_after``. ``total_timeout`` bounds one attempt however the server
    trickles its bytes."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host: int = 2
    concurrency: int = 8
    user_agent: str = field(default_factory=user_agent)
    offline: bool = False


class FetchError(CompareError):
    """A URL that could not be fetched; ``why`` says why in a few words."""

    def __init__(self, url: str, why: str, *, hint: str | None = None) -> None:
        self.url = url
        self.why = why
        super().__init__(why, path=url, hint=hint)


class _Transient(FetchError):
    """A failure that may pass: no connection, a timeout, HTTP 429 or 5xx."""

    def __init__(self, url: str, why: str, retry_after: float | None = None) -> None:
        super().__init__(url, why)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Page:
    """A fetched page: ``final_url`` after redirects, ``charset`` as the Content-Type header
    declares it (None when it does not), ``from_cache`` when the bytes are the cached copy."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    from_cache: bool = False


def is_url(text: str) -> bool:
    """True when ``text`` is an http:// or https:// URL with a host and no spaces."""
    if not isinstance(text, str) or any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


class Fetcher:
    """Fetches pages through one HTTP client shared by its threads, at most
    ``settings.per_host`` at a time from one host. Close it (or use it in a ``with``).
    ``transport`` (tests, custom transports: ``httpx.MockTransport``) replaces the network."""

    def __init__(self, cache: PageCache | None, settings: FetchSettings | None = None, *,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.cache = cache
        self.settings = settings or FetchSettings()
        self._transport = transport
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._client: httpx.Client | None = None
        self._cache_failed = False

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections (the fetcher opens new ones if used again)."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def fetch(self, url: str) -> Page:
        """The page at ``url``; ``FetchError`` when it cannot be had from the site or the
        cache."""
        if not is_url(url):
            raise FetchError(url, "not an http(s) URL",
                             hint="give URLs that start with http:// or https://")
        cached = self._cached(url)
        if self.settings.offline:
            if cached is None:
                raise FetchError(url, "not in the page cache and --offline", hint=OFFLINE_HINT)
            return _from_cache(cached, url)
        with self._slot(url):
            try:
                return self._with_retries(url, cached)
            except _Transient as failure:
                if cached is None:
                    raise FetchError(url, failure.why) from None
                log.warning("claim-compare: %s: %s; using the copy cached on %s", url,
                            failure.why, cached.fetched_at)
                return _from_cache(cached, url)

    def fetch_all(self, urls: Iterable[str]) -> list[Page | FetchError]:
        """Each URL's page or error, in the order given; each distinct URL is fetched once,
        ``settings.concurrency`` at a time."""
        urls = list(urls)
        done = dict(self.fetch_each(urls))
        return [done[url] for url in urls]

    def fetch_each(self, urls: Iterable[str]) -> Iterator[tuple[str, Page | FetchError]]:
        """Each distinct URL with its page or error as soon as it is fetched (in no set
        order), ``settings.concurrency`` at a time. Only about twice that many are fetched
        ahead of the caller: one that reads each page as it comes never holds every body."""
        # Hosts interleaved, so that workers waiting for one busy host do not hold the pool
        # while other hosts could be fetched.
        order = _interleaved(list(dict.fromkeys(urls)))
        workers = max(1, min(self.settings.concurrency, len(order)))
        todo = iter(order)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            running = {pool.submit(self._labelled, url) for url in islice(todo, 2 * workers)}
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                running |= {pool.submit(self._labelled, url) for url in islice(todo, len(done))}
                for future in done:
                    yield future.result()

    # -- one URL ---------------------------------------------------------------------------

    def _labelled(self, url: str) -> tuple[str, Page | FetchError]:
        return url, self._fetch_or_error(url)

    def _fetch_or_error(self, url: str) -> Page | FetchError:
        try:
            return self.fetch(url)
        except FetchError as error:
            return error
        except Exception as exc:  # noqa: BLE001 - one odd URL or server must not end the run
            log.debug("claim-compare: fetching %s failed", url, exc_info=True)
            return FetchError(url, f"cannot fetch: {type(exc).__name__}: {_reason(exc)}")

    def _cached(self, url: str) -> CachedPage | None:
        return self.cache.get(url) if self.cache is not None else None

    @contextlib.contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            gate = self._hosts.setdefault(host, threading.BoundedSemaphore(self.settings.per_host))
        with gate:
            yield

    def _with_retries(self, url: str, cached: CachedPage | None) -> Page:
        tries = self.settings.retries + 1
        for attempt in range(tries):
            try:
                return self._attempt(url, cached)
            except _Transient as failure:
                if attempt + 1 == tries:
                    raise
                wait = self._wait(attempt, failure)
                log.debug("claim-compare: %s: %s; retrying in %g s", url, failure.why, wait)
                time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, attempt: int, failure: _Transient) -> float:
        asked = failure.retry_after
        if asked is None:
            return self.settings.backoff * 2 ** attempt
        if asked > self.settings.max_retry_after:
            raise _Transient(failure.url, f"{failure.why} (the server asks to retry after "
                                          f"{asked:g} s)") from None
        return asked

    def _attempt(self, url: str, cached: CachedPage | None) -> Page:
        try:
            with self._http().stream("GET", url, headers=_conditional(cached)) as response:
                return self._received(url, response, cached)
        except httpx.TooManyRedirects:
            raise FetchError(url, "too many redirects "
                                  f"(more than {self.settings.max_redirects})") from None
        except httpx.TimeoutException as exc:
            raise _Transient(url, self._timed_out(exc)) from None
        except httpx.ConnectError as exc:
            raise _Transient(url, f"cannot connect: {_reason(exc)}") from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(url, f"connection lost: {_reason(exc)}") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"cannot fetch: {_reason(exc)}") from None
        except UnicodeError as exc:  # a lone surrogate in the URL, a host name IDNA refuses
            raise FetchError(url, f"cannot fetch: cannot encode it ({_reason(exc)})") from None

    def _received(self, url: str, response: httpx.Response, cached: CachedPage | None) -> Page:
        status = response.status_code
        if status == 304 and cached is not None:
            return _from_cache(cached, url)
        if status == 429 or status >= 500:
            raise _Transient(url, _status(response), _retry_after(response))
        if not 200 <= status < 300:
            raise FetchError(url, _status(response))
        content_type, charset = _content_type(response.headers.get("content-type"))
        if content_type is not None and content_type not in ACCEPTED_TYPES:
            raise FetchError(url, f"not a web page or feed (content type {content_type})")
        body = self._body(url, response)
        page = CachedPage(url=url, final_url=str(response.url), status=status,
                          content_type=content_type, charset=charset, body=body,
                          etag=response.headers.get("etag"),
                          last_modified=response.headers.get("last-modified"))
        self._keep(url, page)
        return Page(url=url, final_url=page.final_url, status=status, content_type=content_type,
                    charset=charset, body=page.body)

    def _body(self, url: str, response: httpx.Response) -> bytes:
        """The body, read no further than ``max_bytes`` and ``total_timeout``."""
        limit = self.settings.max_bytes
        too_large = f"page larger than {_size(limit)}"
        declared = response.headers.get("content-length", "")
        # isdigit() alone takes "²", which int() refuses.
        if declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, too_large)
        deadline = time.monotonic() + self.settings.total_timeout
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, too_large)
            if time.monotonic() > deadline:
                raise _Transient(url, f"timed out after {self.settings.total_timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _keep(self, url: str, page: CachedPage) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put(url, page)
        except StorageError as exc:
            # The page is still good for this run; only the offline copy is missing.
            if not self._cache_failed:
                log.warning("claim-compare: pages are not cached: %s", exc)
            self._cache_failed = True

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = self._new_client()
            return self._client

    def _new_client(self) -> httpx.Client:
        s = self.settings
        timeout = httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout,
                                write=s.read_timeout, pool=s.total_timeout)
        limits = httpx.Limits(max_connections=s.concurrency,
                              max_keepalive_connections=s.concurrency)
        return httpx.Client(follow_redirects=True, max_redirects=s.max_redirects,
                            timeout=timeout, limits=limits, transport=self._transport,
                            headers={"User-Agent": s.user_agent, "Accept": _ACCEPT})

    def _timed_out(self, exc: httpx.TimeoutException) -> str:
        if isinstance(exc, httpx.ConnectTimeout):
            return f"timed out connecting after {self.settings.connect_timeout:g} s"
        if isinstance(exc, httpx.PoolTimeout):
            return "timed out waiting for a free connection"
        return f"timed out after {self.settings.read_timeout:g} s"


def _from_cache(cached: CachedPage, url: str) -> Page:
    return Page(url=url, final_url=cached.final_url, status=cached.status,
                content_type=cached.content_type, charset=cached.charset, body=cached.body,
                from_cache=True)


def _conditional(cached: CachedPage | None) -> dict[str, str]:
    if cached is None:
        return {}
    headers = {"If-None-Match": cached.etag, "If-Modified-Since": cached.last_modified}
    return {name: value for name, value in headers.items() if value}


def _interleaved(urls: list[str]) -> list[str]:
    """``urls`` reordered round-robin over their hosts (first URL of each host, then the
    second of each…)."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault((urlsplit(url).hostname or "") if is_url(url) else "", []).append(url)
    rounds = zip_longest(*by_host.values())
    return [url for url in chain.from_iterable(rounds) if url is not None]


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """The media type and the charset of a Content-Type header, lower case; a charset Python
    does not know is dropped, so that the page's own declaration decides."""
    if not header or not header.strip():
        return None, None
    media, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("'\"").lower() or None
    if charset is not None:
        try:
            codecs.lookup(charset)
        except (LookupError, ValueError):  # unknown, or a name with a NUL or a surrogate
            charset = None
    return media.strip().lower() or None, charset


def _status(response: httpx.Response) -> str:
    reason = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
    return f"HTTP {response.status_code} {reason}".rstrip()


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks to wait (Retry-After as seconds or as an HTTP date); None when
    it asks nothing readable (then the usual backoff applies)."""
    value = response.headers.get("retry-after", "").strip()
    if value.isascii() and value.isdigit():  # isdigit() alone takes "²"
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return None


def _reason(exc: Exception) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]


def _size(limit: int) -> str:
    for unit, scale in (("GB", 10 ** 9), ("MB", 10 ** 6), ("kB", 10 ** 3)):
        if limit >= scale:
            return f"{limit / scale:g} {unit}"
    return f"{limit} bytes"
