"""A sources file: the outlets a scheduled run polls, each with its feeds and pages.

```toml
[[outlet]]
name = "Al Jazeera"                      # the outlet's name in reports (overrides the feed's)
feeds = ["https://example.net/rss.xml"]  # RSS/Atom feeds: every item an article
pages = ["https://example.net/news/1"]   # single article pages
lang = "ar"                              # optional: the outlet's language
```
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from compare.errors import InputError
from compare.ingest.fetch import is_url
from compare.ingest.files import clean_outlet

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = {"name", "feeds", "pages", "lang"}
HINT = 'each [[outlet]] has name = "…" and feeds = ["https://…"] and/or pages = ["https://…"]'
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_HEADER = re.compile(r"^[ \t]*\[\[\s*outlet\s*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    """One outlet of a sources file."""

    name: str
    feeds: tuple[str, ...]
    pages: tuple[str, ...]
    lang: str | None = None

    @property
    def urls(self) -> tuple[str, ...]:
        return self.feeds + self.pages


def read_sources(path: Path) -> list[Source]:
    """The outlets of a sources file, checked: a wrong key, a missing name, a URL that is not
    http(s), or one outlet named twice is an ``InputError`` naming the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("sources file not found", path=path,
                         hint="give a TOML file of [[outlet]] tables") from None
    except UnicodeDecodeError:
        raise InputError("sources file is not UTF-8 text", path=path, hint=HINT) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else text.count("\n") + 1  # "at end of document"
        raise InputError(f"not valid TOML: {_TOML_LINE.sub('', str(exc)).strip()}", path=path,
                         line=line, hint=HINT) from None
    extra = sorted(set(data) - {"outlet"})
    if extra:
        raise InputError(f"unknown table or key {extra[0]!r}", path=path,
                         line=_line_of(text, extra[0]), hint=HINT)
    outlets = data.get("outlet")
    if not isinstance(outlets, list) or not outlets:
        raise InputError("no [[outlet]] tables", path=path, line=1, hint=HINT)
    sources, seen = [], {}
    for k, table in enumerate(outlets):
        source = _source(table, path, text, k)
        if source.name in seen:
            raise InputError(f"outlet {source.name!r} is named twice", path=path,
                             line=_outlet_line(text, k), hint="merge the two [[outlet]] tables")
        seen[source.name] = k
        sources.append(source)
    return sources


def _source(table: object, path: Path, text: str, k: int) -> Source:
    line = _outlet_line(text, k)

    def fail(message: str, key: str | None = None) -> InputError:
        at = _line_of(text, key, start=line) if key else line
        return InputError(f"outlet {k + 1}: {message}", path=path, line=at, hint=HINT)

    if not isinstance(table, dict):  # outlet = [1] or outlet = ["name"], not [[outlet]]
        shown = repr(table) if len(repr(table)) <= 40 else repr(table)[:37] + "..."
        raise InputError(f"outlet {k + 1} must be an [[outlet]] table, not {shown}",
                         path=path, line=_line_of(text, "outlet"), hint=HINT)
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}", unknown[0])
    name = table.get("name")
    # Control characters would break the report's lines and tables.
    name = clean_outlet(name) if isinstance(name, str) else ""
    if not name:
        raise fail("has no name", "name" if "name" in table else None)
    lists = {}
    for key in ("feeds", "pages"):
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
            raise fail(f"'{key}' must be a list of URLs", key)
        for url in value:
            if not is_url(url.strip()):  # what the fetcher takes: not https://[domain]/x
                raise fail(f"{url!r} is not an http(s) URL", key)
        lists[key] = tuple(dict.fromkeys(u.strip() for u in value))
    if not lists["feeds"] and not lists["pages"]:
        raise fail(f"{name!r} has no feeds and no pages")
    lang = table.get("lang")
    if lang is not None and (not isinstance(lang, str) or not lang.strip()):
        raise fail("'lang' must be a language code such as \"ar\"", "lang")
    return Source(name, lists["feeds"], lists["pages"],
                  lang.strip().lower() if lang else None)


def _outlet_line(text: str, k: int) -> int | None:
    headers = list(_HEADER.finditer(text))
    if k >= len(headers):
        return None
    return text.count("\n", 0, headers[k].start()) + 1


def _line_of(text: str, key: str, start: int | None = None) -> int | None:
    """The first line at or after ``start`` that sets ``key`` (or opens a table of it)."""
    pattern = re.compile(rf"^[ \t]*(?:\[+\s*)?{re.escape(key)}\b", re.MULTILINE)
    offset = 0
    if start:
        offset = sum(len(line) for line in text.splitlines(keepends=True)[:start - 1])
    found = pattern.search(text, offset)
    return text.count("\n", 0, found.start()) + 1 if found else start
