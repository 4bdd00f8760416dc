"""Article files: files and directories in, one ``ARTICLES`` frame out.

Accepted inputs: ``.txt`` / ``.md`` (one article each, optional YAML front matter with
``outlet``, ``title``, ``date``, ``url``, ``lang``), ``.jsonl`` (one article per line) and
``.json`` (an article, a list of articles, or ``{"articles": [...]}``); JSON articles need at
least ``text`` and ``outlet``. Directories are searched recursively for those suffixes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import polars as pl
import yaml

from compare import schema
from compare.errors import InputError, NothingToCompare

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".jsonl", ".json"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
META_FIELDS = ("outlet", "title", "date", "url", "lang")

_SOURCE_LINE = re.compile(
    r"^\s*(?:المصدر|مصدر|Source|Quelle)\s*[:：]\s*(?P<outlet>[^\n]{1,80}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?", re.DOTALL)


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


def find_files(inputs: Iterable[Path | str]) -> list[Path]:
    """Every article file named by ``inputs`` (files as given, directories recursively)."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or directory", path=path,
                             hint="check the path, or omit it to compare the shipped seeds/")
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise InputError("directory holds no .txt, .md, .jsonl or .json files",
                                 path=path, hint="point at the folder with the articles")
            files.extend(found)
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            raise InputError(f"unsupported file type {path.suffix or '(none)'!r}", path=path,
                             hint="give .txt, .md, .jsonl or .json files")
    return list(dict.fromkeys(files))


def read_articles(inputs: Iterable[Path | str]) -> pl.DataFrame:
    """Read every article under ``inputs`` into an ``ARTICLES`` frame (duplicates dropped)."""
    rows: list[dict] = []
    for path in find_files(inputs):
        rows.extend(_read_file(path))
    if not rows:
        raise NothingToCompare("no articles found in the inputs",
                               hint="each file needs some text; JSON articles need 'text'")
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


def _read_file(path: Path) -> list[dict]:
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return list(_jsonl_articles(path, text))
    if suffix == ".json":
        return list(_json_articles(path, text))
    return [_text_article(path, text)]


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x})",
                         path=path, line=line,
                         hint="save the file as UTF-8, e.g. iconv -f CP1256 -t UTF-8") from None
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes), not text", path=path,
                         line=text[: text.index("\x00")].count("\n") + 1,
                         hint="give UTF-8 text, Markdown or JSON articles")
    return text.replace("\r\n", "\n")


def _text_article(path: Path, raw: str) -> dict:
    meta: dict = {}
    body = raw
    match = _FRONT_MATTER.match(raw)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            raise InputError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                             path=path, line=line,
                             hint="write 'key: value' lines between ---") from None
        if not isinstance(meta, dict):
            raise InputError("front matter must be 'key: value' lines", path=path, line=2)
        body = raw[match.end():]
    if not body.strip():
        raise InputError("article has no text", path=path, hint="remove the file or add text")
    if not meta.get("outlet"):
        meta["outlet"] = _outlet_from_source_line(body) or path.stem
    return _row(meta, body, path, None)


def _outlet_from_source_line(body: str) -> str | None:
    found = _SOURCE_LINE.findall(body)
    return found[-1].strip(" .،") if found else None


def _jsonl_articles(path: Path, text: str) -> Iterator[dict]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg} at column {exc.colno}", path=path,
                             line=number, hint="each line must be one JSON object") from None
        yield _json_row(record, path, number)


def _json_articles(path: Path, text: str) -> Iterator[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} at column {exc.colno}", path=path,
                         line=exc.lineno, hint="check the JSON syntax") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        yield _json_row(record, path, None, item=index)


def _json_row(record: object, path: Path, line: int | None, item: int | None = None) -> dict:
    where = f"article {item}: " if item is not None else ""
    if not isinstance(record, dict):
        raise InputError(f"{where}expected a JSON object, got {type(record).__name__}",
                         path=path, line=line, hint="each article is an object with text, outlet")
    for key in ("text", "outlet"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}article has no '{key}'", path=path, line=line,
                             hint="every article needs non-empty 'text' and 'outlet' strings")
    return _row(record, record["text"].replace("\r\n", "\n"), path, line, item=item)


def _row(meta: dict, text: str, path: Path, line: int | None, item: int | None = None) -> dict:
    outlet = str(meta["outlet"]).strip()
    return {
        "article_id": article_id(outlet, text),
        "outlet": outlet,
        "title": _opt_str(meta.get("title")),
        "date": _iso_date(meta.get("date"), path, line, item),
        "url": _opt_str(meta.get("url")),
        "lang": _opt_str(meta.get("lang")),
        "path": str(path),
        "line": line,
        "text": text,
    }


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _iso_date(value: object, path: Path, line: int | None, item: int | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        where = f"article {item}: " if item is not None else ""
        raise InputError(f"{where}date {text!r} is not an ISO date", path=path, line=line,
                         hint="write dates as YYYY-MM-DD") from None
