"""Inputs to article files: files as given, folders searched recursively; what a folder holds
that is not read (another file type, an ``.xml`` file that is not a feed, a README, an
unreadable subfolder, a link) is skipped and recorded with the reason, hidden files silently.

Read: ``.txt`` / ``.md``, ``.jsonl`` / ``.json``, saved web pages (``.html``, ``.htm``,
``.xhtml``, ``.shtml``) and RSS/Atom feeds (``.xml``, ``.rss``, ``.atom``).
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from compare.errors import InputError
from compare.ingest.feeds import looks_like_feed
from compare.ingest.html import NO_TEXT_HINT

TEXT_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".jsonl", ".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
ACCEPTED = ".txt, .md, .jsonl, .json, .html or feed (.xml, .rss, .atom)"
READ_HINT = f"give {ACCEPTED} files"

log = logging.getLogger("compare.ingest")

# Files skipped without a word: hidden files (a name starting with '.') and these.
_QUIET = {"thumbs.db", "desktop.ini", "icon\r"}


@dataclass(frozen=True)
class Kind:
    """A sort of thing that is not read: how to count it, why it is skipped, what to do."""

    one: str
    many: str
    reason: str
    hint: str | None = None


WEB_ARCHIVE = Kind("web archive", "web archives", "MHTML web archives are not read",
                   "save the page as HTML only, as a .html file")
NOT_FEED = Kind("XML file that is not a feed", "XML files that are not feeds",
                "XML file that is not an RSS/Atom feed", READ_HINT)
README = Kind("README file", "README files", "README files in folders are not read",
              "give a README by name to read it as an article")
EMPTY_PAGE = Kind("HTML page without article text", "HTML pages without article text",
                  "HTML page with no article text", NO_TEXT_HINT)
PDF = Kind("PDF", "PDFs", "PDF is not read", "copy the article text into a .txt or .md file")
DOCUMENT = Kind("word-processor document", "word-processor documents",
                "word-processor documents are not read", "save the document as plain text, .txt")
IMAGE = Kind("image", "images", "images are not read", "articles are read from text files")
FOLDER_LINK = Kind("link to a folder", "links to folders", "links to folders are not followed",
                   "give the folder itself as an input")
BROKEN_LINK = Kind("broken link", "broken links", "broken link: nothing is at its target")
SPECIAL = Kind("special file", "special files", "not a regular file")

_BY_SUFFIX = {
    **dict.fromkeys((".mhtml", ".mht"), WEB_ARCHIVE),
    ".pdf": PDF,
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf", ".pages", ".wpd"), DOCUMENT),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg",
                     ".heic", ".avif", ".ico"), IMAGE),
}


@dataclass(frozen=True)
class Skip:
    """One file or folder that was not read."""

    path: str
    kind: Kind
    reason: str

    def record(self) -> dict[str, str]:
        """The entry ``run.json`` keeps: ``{"path", "why"}``."""
        why = f"{self.reason}: {self.kind.hint}" if self.kind.hint else self.reason
        return {"path": self.path, "why": why}

    def warn(self) -> None:
        hint = f" ({self.kind.hint})" if self.kind.hint else ""
        log.warning("skipped %s: %s%s", self.path, self.reason, hint)


def unreadable(path: Path | str, what: str, exc: OSError) -> Skip:
    """A file or folder that could not be read (``what``: "file" or "folder")."""
    kind = Kind(f"unreadable {what}", f"unreadable {what}s", f"unreadable {what}")
    return Skip(str(path), kind, f"unreadable {what}: {exc.strerror or exc}")


def kind_of(path: Path) -> Kind:
    """Why a file of this type is not read."""
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if not suffix:
        return Kind("file without a suffix", "files without a suffix",
                    "files without a suffix are not read", READ_HINT)
    return Kind("other file", "other files", f"{suffix} files are not read", READ_HINT)


def is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$") or name.lower() in _QUIET


def collect(inputs: Iterable[Path | str], skipped: list[Skip]) -> tuple[list[Path], set[Path]]:
    """The article files named by ``inputs`` and those of them given by name; what folders hold
    that is not read goes to ``skipped``."""
    files: list[Path] = []
    named: set[Path] = set()
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            _missing(raw, path)
        if path.is_dir():
            before = len(skipped)
            found = walk_folder(path, skipped)
            if not found:
                raise InputError(_nothing_read(skipped[before:]), path=path,
                                 hint=_nothing_hint(skipped[before:]))
            files.extend(found)
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
            named.add(path)
        else:
            kind = kind_of(path)
            raise InputError(f"unsupported file type {path.suffix or '(none)'!r}: {kind.reason}",
                             path=path, hint=kind.hint or READ_HINT)
    return list(dict.fromkeys(files)), named


def walk_folder(root: Path, skipped: list[Skip]) -> list[Path]:
    """Every article file under ``root``, sorted; the rest (but hidden files) goes to
    ``skipped``. An unreadable subfolder is skipped; an unreadable ``root`` is an error."""
    found: list[Path] = []
    start = len(skipped)

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        if where == root:
            raise InputError(f"cannot read the folder: {exc.strerror or exc}", path=root,
                             hint="check its permissions")
        skipped.append(unreadable(where, "folder", exc))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            if is_hidden(name):
                continue
            if (here / name).is_symlink():
                skipped.append(Skip(str(here / name), FOLDER_LINK, FOLDER_LINK.reason))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if is_hidden(name):
                continue
            path = here / name
            if not os.path.isfile(path):
                kind = BROKEN_LINK if os.path.islink(path) else SPECIAL
                skipped.append(Skip(str(path), kind, kind.reason))
            elif path.stem.upper() == "README" and path.suffix.lower() in SUFFIXES:
                skipped.append(Skip(str(path), README, README.reason))
            elif path.suffix.lower() == ".xml" and not _is_feed(path):
                skipped.append(Skip(str(path), NOT_FEED, NOT_FEED.reason))
            elif path.suffix.lower() in SUFFIXES:
                found.append(path)
            else:
                kind = kind_of(path)
                skipped.append(Skip(str(path), kind, kind.reason))
    skipped[start:] = sorted(skipped[start:], key=lambda skip: skip.path)
    return sorted(found)


def _is_feed(path: Path) -> bool:
    """Whether the ``.xml`` file ``path`` starts like a feed; an unreadable one is left for the
    reader to report."""
    try:
        with open(path, "rb") as fh:
            return looks_like_feed(fh.read(4096))
    except OSError:
        return True


def _missing(raw: Path | str, path: Path) -> None:
    text = str(raw)
    lowered = text.lower()
    if lowered.startswith(("http:/", "https:/")):
        scheme, rest = text.split(":", 1)
        raise InputError("URLs are not read yet", path=f"{scheme}://{rest.lstrip('/')}",
                         hint="save the page's article text as .txt or .md and give that file, "
                              "or wait for feed/URL support")
    raise InputError("no such file or directory", path=path,
                     hint="check the path, or omit it to compare the shipped seeds/")


def _nothing_read(skips: list[Skip]) -> str:
    message = f"directory holds no {ACCEPTED} files"
    if not skips:
        return message
    counts = Counter(skip.kind.one for skip in skips)
    plural = {skip.kind.one: skip.kind.many for skip in skips}
    parts = [f"{n} {kind if n == 1 else plural[kind]}" for kind, n in counts.most_common()]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{message}; skipped {listed}"


def _nothing_hint(skips: list[Skip]) -> str:
    hints = Counter(skip.kind.hint for skip in skips if skip.kind.hint)
    first = hints.most_common(1)[0][0] if hints else None
    if first and first != READ_HINT:
        return f"{first}, or point at the folder with the articles"
    return "point at the folder with the articles"
