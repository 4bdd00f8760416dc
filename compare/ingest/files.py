"""Article files: files and directories in, one ``ARTICLES`` frame out.

Read: ``.txt`` / ``.md`` (one article, optional YAML front matter with ``outlet``, ``title``,
``date``, ``url``, ``lang``), ``.jsonl`` / ``.json`` (articles with at least ``text`` and
``outlet``, every field a string), saved web pages (``.html`` …: outlet the site's name, else
the file name) and RSS/Atom feeds (``.xml``, ``.rss``, ``.atom``: each entry an article, a
teaser its summary). Text may be in a legacy code page (``decode``). What else folders hold,
``.xml`` that is not a feed and pages without article text are skipped and recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NoReturn

import polars as pl

from compare import schema
from compare.errors import InputError, NothingToCompare
from compare.ingest import frontmatter
from compare.ingest.decode import decode
from compare.ingest.feeds import feed_outlet, read_feed
from compare.ingest.html import EmptyPage, read_html
from compare.ingest.walk import (
    EMPTY_PAGE,
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    Skip,
    collect,
    unreadable,
)

__all__ = ["JSON_SUFFIXES", "META_FIELDS", "SUFFIXES", "TEXT_SUFFIXES", "article_id",
           "clean_outlet", "file_sha256", "find_files", "read_articles", "require_outlets"]

META_FIELDS = ("outlet", "title", "date", "url", "lang")
ARTICLE_HINT = "every article needs non-empty 'text' and 'outlet' strings"

_SOURCE_LINE = re.compile(r"^\s*(?:المصدر|مصدر|Source|Quelle)\s*[:：]\s*(?P<outlet>[^\n]{1,80}?)"
                          r"\s*$", re.IGNORECASE | re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?", re.DOTALL)
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}\b")
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_KINDS = ((bool, "true/false"), (int | float, "a number"), (str, "a string"),
          (list | tuple, "a list"), (type(None), "null"), (bytes, "binary data"))


def article_id(outlet: str, text: str) -> str:
    """Stable id of an article: a hash of its outlet and text."""
    return hashlib.sha1(f"{outlet}\n{text}".encode()).hexdigest()[:16]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, as recorded in ``run.json``."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def clean_outlet(value: str) -> str:
    """An outlet name on one line: control characters dropped, each run of whitespace (newlines
    included) one space, no space at either end."""
    kept = "".join(ch for ch in value if ch.isspace() or unicodedata.category(ch) != "Cc")
    return " ".join(kept.split())


def find_files(inputs: Iterable[Path | str], skipped: list | None = None) -> list[Path]:
    """Every article file named by ``inputs`` (files as given, directories recursively).

    What the directories hold that is not read is appended to ``skipped``, when given, as
    ``{"path": ..., "why": ...}`` records (no warning is logged here; ``read_articles`` does).
    """
    skips: list[Skip] = []
    files, _ = collect(inputs, skips)
    if skipped is not None:
        skipped.extend(skip.record() for skip in skips)
    return files


def read_articles(inputs: Iterable[Path | str], skipped: list | None = None) -> pl.DataFrame:
    """Read every article under ``inputs`` into an ``ARTICLES`` frame (duplicates dropped).

    Files in the input folders that are not read (another type, unreadable, a link to a folder,
    ``.xml`` that is not a feed, a web page without article text) and unreadable subfolders
    are skipped: each is logged as a warning on ``compare.ingest`` and, when ``skipped`` is a
    list, appended to it as ``{"path": str, "why": str}``. Hidden files are skipped without a
    word. Any input that cannot be read as articles raises ``InputError`` naming the file and
    line; then nothing is logged.
    """
    skips: list[Skip] = []
    files, named = collect(inputs, skips)
    rows: list[dict] = []
    empty: list[Path] = []
    pages: list[EmptyPage] = []
    for path in files:
        try:
            found = _read_file(path, path.read_bytes())
        except OSError as exc:
            if path in named:
                raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path,
                                 hint="check its permissions") from None
            skips.append(unreadable(path, "file", exc))
            continue
        except EmptyPage as err:
            if path in named:
                raise
            skips.append(Skip(str(path), EMPTY_PAGE, EMPTY_PAGE.reason))
            pages.append(err)
            continue
        if not found:
            empty.append(path)
        rows.extend(found)
    if not rows:
        if pages and not empty:
            raise pages[0]
        _no_articles(empty, [s for s in skips if s.kind.one == "unreadable file"])
    for skip in skips:
        skip.warn()
    if skipped is not None:
        skipped.extend(skip.record() for skip in skips)
    frame = pl.DataFrame(rows, schema=schema.ARTICLES)
    return frame.unique(subset="article_id", keep="first", maintain_order=True)


def require_outlets(articles: pl.DataFrame, minimum: int = 2) -> None:
    """Raise ``NothingToCompare`` when the articles come from fewer than ``minimum`` outlets."""
    outlets = articles["outlet"].unique().to_list()
    if len(outlets) < minimum:
        names = ", ".join(sorted(outlets)) or "none"
        raise NothingToCompare(
            f"all {articles.height} article(s) come from one outlet ({names}): nothing to compare",
            hint="add articles from another outlet, or set 'outlet' in front matter / JSON",
        )


def _no_articles(empty: list[Path], unread: list[Skip]) -> NoReturn:
    if len(empty) == 1 and not unread:
        what = "holds an empty list" if empty[0].suffix.lower() == ".json" else "is empty"
        raise NothingToCompare(f"no articles: the file {what}", path=empty[0], line=1,
                               hint="add articles to it, or give the files that hold them")
    parts = [f"{len(empty)} file(s) hold none"] if empty else []
    parts += [f"{len(unread)} file(s) could not be read"] if unread else []
    first = empty[0] if empty else Path(unread[0].path) if unread else None
    raise NothingToCompare(f"no articles found in the inputs: {' and '.join(parts)}"
                           if parts else "no articles found in the inputs", path=first,
                           hint="each file needs some text; JSON articles need 'text'")


def _read_file(path: Path, data: bytes) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [_page_article(path, data)]
    if suffix in FEED_SUFFIXES:
        return _feed_articles(path, data)
    text = decode(data, path)
    if suffix == ".jsonl":
        return list(_jsonl_articles(path, text))
    if suffix == ".json":
        return list(_json_articles(path, text))
    return [_text_article(path, text)]


# -- web pages, feeds, .txt / .md -----------------------------------------------------------

def _page_article(path: Path, data: bytes) -> dict:
    page = read_html(data, str(path))
    fields = {key: page[key] for key in ("title", "date", "url", "lang")}
    return _row(clean_outlet(page["outlet"] or "") or path.stem, fields, page["text"], path, None)


def _feed_articles(path: Path, data: bytes) -> list[dict]:
    feed = read_feed(data, str(path))
    outlet = clean_outlet(feed_outlet(feed) or "") or path.stem
    return [_row(outlet, {"title": e.title, "date": e.date, "url": e.url, "lang": None},
                 e.text or e.title, path, None) for e in feed.entries if e.text or e.title]


def _text_article(path: Path, raw: str) -> dict:
    meta: dict = {}
    lines: dict[str, int] = {}
    body = raw
    match = _FRONT_MATTER.match(raw)
    if match:
        meta, lines = frontmatter.load(match.group(1), path)
        body = raw[match.end():]
    if not body.strip():
        if "text" in meta:
            raise InputError("article has no text", path=path, line=lines.get("text"),
                             hint="the text goes below the closing ---, not in a 'text:' line")
        raise InputError("article has no text", path=path, hint="remove the file or add text")
    fields = _fields(meta, path, lines.get, "", yaml=True)
    if meta.get("outlet") in (None, ""):
        outlet = clean_outlet(_outlet_from_source_line(body) or path.stem)
        if not outlet:
            raise InputError("article has no 'outlet'", path=path,
                             hint="set 'outlet: NAME' in front matter")
    else:
        outlet = clean_outlet(meta["outlet"])
        if not outlet:
            raise InputError("article has no 'outlet'", path=path, line=lines.get("outlet"),
                             hint="write the outlet's name after 'outlet:'")
    return _row(outlet, fields, body, path, None)


def _outlet_from_source_line(body: str) -> str | None:
    found = _SOURCE_LINE.findall(body)
    return found[-1].strip(" .،") if found else None


# -- .jsonl / .json --------------------------------------------------------------------------

def _jsonl_articles(path: Path, text: str) -> Iterator[dict]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {_json_problem(exc)}", path=path, line=number,
                             hint="each line must be one JSON object") from None
        except RecursionError:
            raise InputError("malformed JSON: nested too deeply", path=path, line=number,
                             hint="each line must be one JSON object") from None
        yield _json_row(record, path, number)


def _json_articles(path: Path, text: str) -> Iterator[dict]:
    if not text.strip():
        raise InputError("empty file, no JSON", path=path, line=1,
                         hint="add articles, or remove the file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {_json_problem(exc)}", path=path, line=exc.lineno,
                         hint="check the JSON syntax") from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", path=path, line=1,
                         hint="check the JSON syntax") from None
    nested = isinstance(data, dict) and "articles" in data and "text" not in data
    if nested:
        data = data["articles"]
        if not isinstance(data, list):
            raise InputError(f"'articles' must be a list of articles (got {_kind(data)})",
                             path=path, line=_json_line(text, nested=True),
                             hint='write {"articles": [{"text": "...", "outlet": "..."}]}')
    if isinstance(data, dict):
        try:
            yield _json_row(data, path, None)
        except InputError as err:
            raise _at_line(err, _json_line(text)) from None
        return
    if not isinstance(data, list):
        raise InputError(f"expected an article object or a list of articles, got {_kind(data)}",
                         path=path, line=_json_line(text),
                         hint="write [{\"text\": \"...\", \"outlet\": \"...\"}, ...]")
    for index, record in enumerate(data, start=1):
        try:
            row = _json_row(record, path, None, item=index)
        except InputError as err:
            raise _at_line(err, _json_line(text, nested=nested, item=index)) from None
        yield row


def _json_row(record: object, path: Path, line: int | None, item: int | None = None) -> dict:
    where = f"article {item}: " if item is not None else ""
    if not isinstance(record, dict):
        raise InputError(f"{where}expected a JSON object, got {_kind(record)}",
                         path=path, line=line, hint="each article is an object with text, outlet")
    for key in ("text", "outlet"):
        value = record.get(key)
        if not isinstance(value, str) and value is not None:
            raise InputError(f"{where}'{key}' must be a string (got {_kind(value)})", path=path,
                             line=line, hint=ARTICLE_HINT)
        if value is None or not value.strip():
            raise InputError(f"{where}article has no '{key}'", path=path, line=line,
                             hint=ARTICLE_HINT)
    fields = _fields(record, path, lambda _key: line, where)
    outlet = clean_outlet(record["outlet"])
    if not outlet:
        raise InputError(f"{where}article has no 'outlet'", path=path, line=line,
                         hint=f"{ARTICLE_HINT}; control characters are dropped")
    return _row(outlet, fields, record["text"].replace("\r\n", "\n"), path, line)


def _json_problem(exc: json.JSONDecodeError) -> str:
    # Some messages end in "at" ("Unterminated string starting at"): add no second one.
    joiner = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{joiner}column {exc.colno}"


def _at_line(err: InputError, line: int) -> InputError:
    return InputError(err.message, path=err.path, line=line, hint=err.hint)


def _json_line(text: str, *, nested: bool = False, item: int | None = None) -> int:
    """The line of the top-level value of a valid JSON ``text``, of its ``articles`` member
    (``nested``), or of the ``item``-th article of the list there."""
    pos = _WS.match(text).end()
    if nested:
        pos = _members(text, pos)["articles"]
    if item is not None and text[pos] == "[":
        pos = _items(text, pos)[item - 1]
    return text.count("\n", 0, pos) + 1


def _members(text: str, pos: int) -> dict[str, int]:
    """Where each member's value of the JSON object at ``text[pos]`` starts."""
    found: dict[str, int] = {}
    pos = _WS.match(text, pos + 1).end()
    while text[pos] != "}":
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _WS.match(text, _WS.match(text, pos).end() + 1).end()
        found[key] = pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _WS.match(text, pos).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
    return found


def _items(text: str, pos: int) -> list[int]:
    """Where each item of the JSON array at ``text[pos]`` starts."""
    found: list[int] = []
    pos = _WS.match(text, pos + 1).end()
    while text[pos] != "]":
        found.append(pos)
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _WS.match(text, pos).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
    return found


# -- fields ----------------------------------------------------------------------------------

def _fields(meta: dict, path: Path, line_of: Callable[[str], int | None], where: str, *,
            yaml: bool = False) -> dict:
    """``title``, ``date``, ``url``, ``lang`` of an article, checked: each a string if given
    (``outlet`` too), the date an ISO date."""
    for key in META_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}'{key}' must be a string (got {_kind(value, yaml)})",
                             path=path, line=line_of(key),
                             hint=f"write {key}: VALUE" if yaml else f"write \"{key}\": \"...\"")
    return {
        "title": _opt_str(meta.get("title")),
        "date": _iso_date(meta.get("date"), path, line_of("date"), where),
        "url": _opt_str(meta.get("url")),
        "lang": _opt_str(meta.get("lang")),
    }


def _row(outlet: str, fields: dict, text: str, path: Path, line: int | None) -> dict:
    return {
        "article_id": article_id(outlet, text),
        "outlet": outlet,
        **fields,
        "path": str(path),
        "line": line,
        "text": text,
    }


def _kind(value: object, yaml: bool = False) -> str:
    if isinstance(value, dict):
        return "nested 'key: value' lines" if yaml else "an object"
    return next((name for kind, name in _KINDS if isinstance(value, kind)),
                type(value).__name__)


def _opt_str(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def _iso_date(value: str | None, path: Path, line: int | None, where: str) -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError as exc:
        why = f": {exc}" if _DATE_SHAPE.match(text) else ""
        raise InputError(f"{where}date {text!r} is not an ISO date{why}", path=path, line=line,
                         hint="write dates as YYYY-MM-DD") from None
