"""Articles from the web: article pages and RSS/Atom feeds by URL, read into the same rows as
article files (``files.py``), with the URL as their ``path``.

A feed gives one article per entry: an entry that carries the whole article is read as it is;
a teaser that links to the article has the linked page fetched (all teasers at once, through
the same fetcher) and read. A page or entry that cannot be had or holds no article text is
recorded as ``{"url", "why"}`` and logged, and the other URLs go on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from compare.errors import InputError
from compare.ingest.decode import decode, read_text
from compare.ingest.feeds import Entry, feed_outlet, looks_like_feed, read_feed
from compare.ingest.fetch import FEED_TYPES, Fetcher, FetchError, Page, is_url
from compare.ingest.files import article_id, clean_outlet
from compare.ingest.html import read_html

__all__ = ["is_url", "read_urls", "url_list"]

URL_HINT = "write one http:// or https:// URL per line; start a comment with #"

log = logging.getLogger("compare.ingest")

_COMMENT = re.compile(r"\s+#.*$")
_DATE_SHAPE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class _Teaser:
    """A feed entry whose article is on the page it links to."""

    link: str
    outlet: str
    entry: Entry


def url_list(path: Path) -> list[str]:
    """The URLs of a list file: one per line; blank lines and ``#`` comments (whole lines, or
    after a space) are ignored. A line that is not an http(s) URL is an ``InputError`` naming
    the file and line."""
    path = Path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise InputError("no such file", path=path, hint="check the path of the URL list") \
            from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path,
                         hint="check its permissions") from None
    urls = []
    for number, line in enumerate(text.split("\n"), start=1):
        entry = _COMMENT.sub("", line).strip()
        if not entry or entry.startswith("#"):
            continue
        if not is_url(entry):
            shown = entry if len(entry) <= 80 else entry[:77] + "..."
            raise InputError(f"not an http(s) URL: {shown!r}", path=path, line=number,
                             hint=URL_HINT)
        urls.append(entry)
    return urls


def read_urls(urls: list[str], fetcher: Fetcher, failed: list[dict]) -> list[dict]:
    """Article rows (``article_id``, outlet, title, date, url, lang, path, line, text) from
    pages and feeds at ``urls``, in the order given, a feed's entries in feed order. Each URL
    that fails, feed entries included, is appended to ``failed`` as ``{"url", "why"}``.

    One article is one row: a page given directly wins over a feed entry that links to it
    (the outlet would otherwise be named twice, once by the feed and once by the page, and
    agree with itself), and an article reached twice is kept where it is first reached."""
    urls = list(dict.fromkeys(urls))
    read: dict[str, _Read] = {}
    for url, got in fetcher.fetch_each(urls):
        read[url] = _read(url, got)  # parsed as it comes: bodies are not kept, rows are
    failed.extend(failure for url in urls for failure in read[url].failed)
    kept = _unique([(read[url].feed, item) for url in urls for item in read[url].items],
                   given={_key(url) for url in urls if not read[url].feed})
    teasers = {item.link: item for _, item in kept if isinstance(item, _Teaser)}
    linked: dict[str, _Read] = {}
    for link, got in fetcher.fetch_each(teasers):
        linked[link] = _teaser_read(teasers[link], got)
    failed.extend(failure for link in teasers for failure in linked[link].failed)
    return _resolved(kept, linked)


@dataclass
class _Read:
    """What one fetched URL gave: a feed's or a page's items, and its failures."""

    feed: bool
    items: list[dict | _Teaser]
    failed: list[dict]


def _key(url: str | None) -> str | None:
    return url.partition("#")[0] if url else None


def _keys(feed: bool, item: dict | _Teaser) -> set[str]:
    """The addresses an item stands for: a page's URL as given and as fetched; a feed
    entry's link."""
    found = {item.link} if isinstance(item, _Teaser) else {item["url"]}
    if not feed and isinstance(item, dict):
        found.add(item["path"])
    return {_key(url) for url in found if url}


_Items = list[tuple[bool, dict | _Teaser]]  # each item with whether a feed gave it


def _unique(items: _Items, given: set[str]) -> _Items:
    """``items`` without those already had: a feed entry whose link is a page read directly
    (as given or as fetched), a teaser that links to a page given (read, or failed: fetching
    it again would fail again), and any item whose address an earlier item holds."""
    direct = {key for feed, item in items if not feed for key in _keys(feed, item)}
    linked_to = direct | given
    seen: set[str] = set()
    kept = []
    for feed, item in items:
        keys = _keys(feed, item)
        had = linked_to if isinstance(item, _Teaser) else direct
        if keys & seen or (feed and keys & had):
            continue
        seen |= keys
        kept.append((feed, item))
    return kept


def _resolved(kept: _Items, linked: dict[str, _Read]) -> list[dict]:
    """``kept`` with each teaser replaced by the row of its article, or dropped when it could
    not be read or its link led (by a redirect) to an article already among the rows."""
    seen = {key for feed, item in kept for key in _keys(feed, item)}
    rows = []
    for _, item in kept:
        if isinstance(item, _Teaser):
            if not linked[item.link].items:
                continue
            [row] = linked[item.link].items
            final = _key(row["url"])
            if final != _key(item.link) and final in seen:
                continue
            seen.add(final)
            item = row
        rows.append(item)
    return rows


def _read(url: str, got: Page | FetchError) -> _Read:
    failed: list[dict] = []
    if isinstance(got, FetchError):
        _fail(failed, url, got.why)
        return _Read(False, [], failed)
    feed = got.content_type in FEED_TYPES or looks_like_feed(got.body)
    try:
        items = _feed_items(url, got, failed) if feed else [_page_row(url, got)]
    except InputError as err:
        _fail(failed, url, err.message)
        items = []
    return _Read(feed, items, failed)


def _feed_items(url: str, page: Page, failed: list[dict]) -> list[dict | _Teaser]:
    feed = read_feed(page.body, url)
    outlet = clean_outlet(feed_outlet(feed, url) or "") or _host(url)
    items: list[dict | _Teaser] = []
    for entry in feed.entries:
        link = _link(page.final_url, entry.url)
        if entry.full and (entry.text or "").strip():
            items.append(_row(outlet, entry.title, entry.date, link, None, entry.text, url))
        elif link:
            items.append(_Teaser(link, outlet, entry))
        else:
            why = (f"its link {entry.url!r} is not an http(s) URL" if entry.url
                   else "no link to it")
            _fail(failed, url, f"a feed entry ({entry.title or 'untitled'}) has no article "
                               f"text and {why}")
    return items


def _link(base: str, href: str | None) -> str | None:
    """A feed entry's link made absolute; None when it is no usable http(s) URL (an
    unrendered template such as ``https://[domain]/x`` makes ``urljoin`` raise)."""
    if not href:
        return None
    try:
        link = urljoin(base, href.strip())
    except ValueError:
        return None
    return link if is_url(link) else None


def _page_row(url: str, page: Page) -> dict:
    outlet_fallback = _host(url)
    if page.content_type == "text/plain":
        text = decode(page.body, url, declared=page.charset, lenient=True)
        return _row(outlet_fallback, None, None, page.final_url, None, text, url)
    found = read_html(page.body, where=url, url=page.final_url, charset=page.charset,
                      lenient=True)
    outlet = clean_outlet(found.get("outlet") or "") or outlet_fallback
    return _row(outlet, found.get("title"), found.get("date"), found.get("url") or page.final_url,
                found.get("lang"), found["text"], url)


def _teaser_read(teaser: _Teaser, got: Page | FetchError) -> _Read:
    """The row of the article a teaser links to (its only item), or why there is none."""
    failed: list[dict] = []
    if isinstance(got, FetchError):
        _fail(failed, teaser.link, got.why)
        return _Read(False, [], failed)
    entry = teaser.entry
    try:
        found = read_html(got.body, where=teaser.link, url=got.final_url, charset=got.charset,
                          lenient=True)
        return _Read(False, [_row(teaser.outlet, found.get("title") or entry.title,
                                  found.get("date") or entry.date,
                                  found.get("url") or got.final_url, found.get("lang"),
                                  found["text"], teaser.link)], failed)
    except InputError as err:
        _fail(failed, teaser.link, err.message)
        return _Read(False, [], failed)


def _row(outlet: str, title: str | None, date: object, url: str | None, lang: str | None,
         text: str, path: str) -> dict:
    """An article row as ``files.py`` builds it; the URL read stands for the file."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InputError("no article text", path=path)
    return {
        "article_id": article_id(outlet, text),
        "outlet": outlet,
        "title": (title or "").strip() or None,
        "date": _iso_date(date),
        "url": url,
        "lang": lang or None,
        "path": path,
        "line": None,
        "text": text,
    }


def _iso_date(value: object) -> str | None:
    """A date as YYYY-MM-DD, from ISO 8601 or the RFC 822 dates of RSS; None when there is
    none or it cannot be read (a web page's date is a hint, not an input to refuse)."""
    if isinstance(value, dt.datetime | dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    shape = _DATE_SHAPE.match(text)
    try:
        return dt.date.fromisoformat(shape.group(1)).isoformat() if shape else None
    except ValueError:
        return None


def _host(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or url).lower()
    except ValueError:  # not a URL after all: the text stands for its host
        host = url.lower()
    return host[4:] if host.startswith("www.") else host


def _fail(failed: list[dict], url: str, why: str) -> None:
    log.warning("claim-compare: skipped %s: %s", url, why)
    failed.append({"url": url, "why": why})
