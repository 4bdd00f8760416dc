"""RSS and Atom feed files to entries: each entry's title, link, date and text.

An entry's ``text`` is its full content (RSS ``content:encoded``, Atom ``content``) as plain
text, else its summary (``description``). ``full`` says whether that text is the article:

- content present, or a summary of at least ``FULL_SUMMARY_CHARS`` (400) characters and
  ``FULL_SUMMARY_SENTENCES`` (3) sentences: a summary that long is the article itself;
- and not cut short: no trailing ``…``, ``[...]`` or "Read more" link.

Anything else is a teaser that points to the article at its link.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
from dataclasses import dataclass

from compare.errors import InputError
from compare.ingest.html import host

FULL_SUMMARY_CHARS = 400
FULL_SUMMARY_SENTENCES = 3
NOT_FEED_HINT = "give an RSS or Atom feed, or article files: .txt, .md, .jsonl, .json, .html"

_SNIFF = 4096
# The root element: after a byte-order mark, an XML declaration, comments, processing
# instructions and a doctype. Each part of the prologue matches one way only (one space at a
# time, a comment or instruction ends at its first ``-->`` or ``?>``): nested quantifiers that
# could split it several ways backtrack exponentially on a page that is not a feed.
_ROOT = re.compile(
    r"\A\ufeff?(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->|<!DOCTYPE[^>]*>)*"
    r"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "tr", "table", "section", "article", "figure", "figcaption", "dd", "dt", "hr")
_DROP = ("script", "style", "noscript", "iframe", "object", "embed", "form", "button", "svg")
_SENTENCE_END = re.compile(r"[.!?؟。](?:[\"'»”)\]]*)(?=\s|$)")
_MORE = re.compile(r"\s*(?:read more|continue reading|lire la suite|اقرأ المزيد|читать далее"
                   r"|подробнее)\W*$", re.IGNORECASE)
_CUT = re.compile(r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\])\W*$")
_WORDPRESS_FOOTER = re.compile(r"^The post .+ appeared first on .+\.$")


@dataclass(frozen=True)
class Entry:
    """One item of a feed. ``text`` is plain text, one paragraph a line; ``full`` is False
    when it is only a teaser of the article at ``url``."""

    title: str | None
    url: str | None
    date: str | None
    text: str
    full: bool


@dataclass(frozen=True)
class Feed:
    """A feed's title and site link, and its entries in the file's order."""

    title: str | None
    link: str | None
    entries: list[Entry]


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS, Atom or RSS 1.0 (RDF) document."""
    head = data[:_SNIFF]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return bool(_ROOT.match(head[2:].decode(codec, errors="ignore")))
    return bool(_ROOT.match(head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")))


def read_feed(data: bytes, where: str) -> Feed:
    """The feed in ``data``, without empty entries; ``InputError`` naming ``where`` when it is
    not an RSS or Atom feed, or holds no entries (then saying where its XML is malformed)."""
    import feedparser

    if not looks_like_feed(data):
        raise InputError("not an RSS or Atom feed (the root element is not <rss>, <feed> or "
                         "<rdf:RDF>)", path=where, hint=NOT_FEED_HINT)
    parsed = feedparser.parse(io.BytesIO(data))  # a stream: never taken for a path or a URL
    entries = [entry for entry in map(_entry, parsed.entries)
               if entry.text or entry.title or entry.url]
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if problem is not None:
            line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
            reason = getattr(problem, "getMessage", lambda: str(problem))()
            raise InputError(f"malformed feed: {reason}", path=where, line=line,
                             hint="save the feed again, or fix its XML")
        raise InputError("the feed holds no entries", path=where,
                         hint="give a feed with <item> or <entry> elements")
    head = parsed.feed
    return Feed(title=_one_line(head.get("title")), link=head.get("link") or None,
                entries=entries)


def feed_outlet(feed: Feed, url: str | None = None) -> str | None:
    """The outlet a feed speaks for: its title, else the host of its link or of ``url``."""
    return feed.title or host(feed.link) or host(url)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: scripts and forms dropped, one block a line."""
    import lxml.html
    from lxml import etree

    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _lines(markup)
    for element in [*root.iter(*_DROP), *root.iter(etree.Comment)]:
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return _lines(root.text_content())


def _entry(item) -> Entry:
    content = "\n".join(html_to_text(part.get("value") or "") for part in item.get("content", []))
    content = _without_footer(content)
    has_content = bool(content)
    text = content if has_content else _without_footer(html_to_text(item.get("summary") or ""))
    cut = bool(_MORE.search(text) or _CUT.search(text))
    text = _MORE.sub("", text)
    long = (len(text) >= FULL_SUMMARY_CHARS
            and len(_SENTENCE_END.findall(text)) >= FULL_SUMMARY_SENTENCES)
    return Entry(title=_one_line(item.get("title")), url=item.get("link") or None,
                 date=_date(item), text=text, full=not cut and (has_content or long))


def _date(item) -> str | None:
    """The entry's date in its own time zone (feedparser's parsed dates are in UTC, which can
    move an evening's article to the next day)."""
    for key in ("published", "updated", "created"):
        raw = (item.get(key) or "").strip()
        if not raw:
            continue
        # A date is a hint: a year out of range (0, 99999999999) leaves the entry undated.
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
        except (ValueError, OverflowError):
            pass
        parsed = item.get(f"{key}_parsed")
        try:
            return dt.date(*parsed[:3]).isoformat() if parsed else None
        except (TypeError, ValueError, OverflowError):
            return None
    return None


def _without_footer(text: str) -> str:
    lines = text.split("\n")
    while lines and _WORDPRESS_FOOTER.match(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
