"""A saved web page to one article: its text without the page around it, and what the page
says about it (title, date, outlet, address, language).

The bytes are decoded by ``decode`` in the charset the page declares (``<meta charset>``, an
``http-equiv`` Content-Type or an XML declaration) unless the caller knows better (an HTTP
header); trafilatura then finds the article, offline. Menus, comments, scripts, share buttons,
related links and footers are left out; paragraphs stay one per line.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from compare.errors import InputError
from compare.ingest.decode import decode


class EmptyPage(InputError):
    """A web page that holds no article text."""


NO_TEXT_HINT = ("save the article's own page, not a front page or a list of links, or copy "
                "its text into a .txt file")

# An article has at least this many words; a line with no more than this share of its words
# outside the page's links is a menu or a "read also" line, not the article's.
MIN_WORDS = 5
LINK_SHARE = 0.4
# The HTML standard's prescan looks at the first 1024 bytes; pages with long heads put it later.
_PRESCAN = 4096
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")
_LANG = re.compile(r"[A-Za-z]{2,3}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Where a link text may start (not inside a word), and its first word or character.
_START = re.compile(r"(?<!\w)(?:\w+|\W)")
_HEAD = re.compile(r"\w+|\W")
_WORD = re.compile(r"\w")
_HOST = re.compile(r"^(?:www\d*|w\d+|m|amp)\.", re.IGNORECASE)


def read_html(data: bytes, where: str, *, url: str | None = None,
              charset: str | None = None, lenient: bool = False) -> dict:
    """The article of the web page ``data`` as ``{"outlet", "title", "date", "url", "lang",
    "text"}`` (each a string or None; ``date`` is YYYY-MM-DD).

    ``where`` names the page in errors; ``url`` is where it was fetched from and ``charset``
    the charset its server named, both optional. ``outlet`` is the page's site name
    (``og:site_name``, JSON-LD publisher…), else the host of ``url`` or of the page's canonical
    link, without ``www.`` (or ``m.``); ``url`` is ``url`` or the canonical link; ``lang`` the
    first subtag of ``<html lang>``. ``EmptyPage`` (an ``InputError``) naming ``where`` when the
    page holds no article text; ``InputError`` when its bytes are not text. ``lenient`` (a page
    fetched from the web) reads a few damaged UTF-8 bytes as U+FFFD instead of refusing them.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    markup = _XML_DECLARATION.sub("", decode(data, where, declared=charset or sniff_charset(data),
                                             lenient=lenient))
    tree = load_html(markup)
    found, text = None, ""
    canonical = _canonical(tree, url) if tree is not None else None
    links = _link_index(tree) if tree is not None else (frozenset(), {})
    for tables in (False, True) if tree is not None else ():
        # Layout tables hold menus and sidebars: read tables only when nothing else is found.
        found = bare_extraction(tree, url=url or canonical, with_metadata=True,
                                include_comments=False, include_tables=tables)
        if found is not None:
            text = _without_link_lines(_text(found.text or "", found.title), links)
        if len(text.split()) >= MIN_WORDS:
            break
    if found is None or len(text.split()) < MIN_WORDS:
        raise EmptyPage("no article text in the page", path=where, hint=NO_TEXT_HINT)
    return {
        "outlet": _outlet(found.sitename, url, canonical or found.url),
        "title": _clean(found.title),
        "date": found.date if found.date and _ISO_DATE.fullmatch(found.date) else None,
        "url": url or canonical or found.url or None,
        "lang": _lang(tree.get("lang") or tree.get("xml:lang")) or _lang(found.language),
        "text": text,
    }


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few KB: an XML declaration's ``encoding``, a
    ``<meta charset>`` or an ``http-equiv`` Content-Type; None when it declares none."""
    head = data[:_PRESCAN]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def host(url: str | None) -> str | None:
    """The host of ``url`` in lower case, without ``www.``; None when it has none."""
    if not url:
        return None
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return _HOST.sub("", name) if name else None


def _canonical(tree, url: str | None) -> str | None:
    """The page's own address: its canonical link, else its ``og:url``, made absolute."""
    links = [link.get("href") or "" for link in tree.iter("link")
             if "canonical" in (link.get("rel") or "").lower().split()]
    metas = [meta.get("content") or "" for meta in tree.iter("meta")
             if "og:url" in (meta.get("property"), meta.get("name"))]
    for href in [*links, *metas]:
        try:
            full = urljoin(url or "", href.strip())
            usable = urlsplit(full).scheme in ("http", "https") and host(full)
        except ValueError:  # an unrendered template ("https://[domain]/…") is no address
            continue
        if usable:
            return full
    return None


def _outlet(sitename: str | None, url: str | None, canonical: str | None) -> str | None:
    """The site's name, unless trafilatura only made it from an address; else a host."""
    name = _clean(sitename)
    hosts = {host(url), host(canonical)} - {None}
    if name and (host(f"http://{name}") or name).lower() not in hosts:
        return name
    return host(url) or host(canonical)


def _text(extracted: str, title: str | None) -> str:
    """One paragraph a line, spaces trimmed, without the title when it comes first."""
    lines = [" ".join(line.split()) for line in extracted.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]
    return "\n".join(lines)


def _link_index(tree) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The texts of the page's links, and their lengths by first word (first character when
    they start with no word), longest first."""
    texts = frozenset(" ".join(a.text_content().split()) for a in tree.iter("a")) - {""}
    lengths: dict[str, set[int]] = {}
    for link in texts:
        lengths.setdefault(_HEAD.match(link).group(), set()).add(len(link))
    return texts, {head: tuple(sorted(n, reverse=True)) for head, n in lengths.items()}


def _without_link_lines(text: str, links: tuple[frozenset[str], dict]) -> str:
    """``text`` without its lines that are mostly the text of the page's links: a "read also"
    line inside the article, or the menu trafilatura falls back on when a page has no article."""
    if not links[0]:
        return text
    return "\n".join(line for line in text.split("\n")
                     if len(_outside_links(line, *links).split()) > LINK_SHARE * len(line.split()))


def _outside_links(line: str, texts: frozenset[str], lengths: dict[str, tuple[int, ...]]) -> str:
    """``line`` with each link text in it, as whole words and longest first, made a space.

    At each word only the lengths of the links that start with it are looked up: one regular
    expression of every link text costs links × text, minutes on a long page of many links."""
    parts, kept, at = [], 0, 0
    while (start := _START.search(line, at)) is not None:
        p = start.start()
        end = next((p + n for n in lengths.get(start.group(), ())
                    if line[p:p + n] in texts and not _WORD.match(line, p + n)), None)
        if end is None:
            at = start.end()
            continue
        parts.append(line[kept:p])
        kept = at = end
    return " ".join([*parts, line[kept:]])


def _same(line: str, title: str) -> bool:
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.split()) or None


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    first = re.split(r"[-_]", value.strip(), maxsplit=1)[0]
    return first.lower() if _LANG.fullmatch(first) else None
