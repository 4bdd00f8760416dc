"""An article file's bytes to text.

UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with a byte-order mark are read as
such. Text that is not UTF-8 is read in a legacy encoding: the one the file declares (an HTML
``<meta charset>`` or an HTTP header, given as ``declared``) when it reads the bytes sensibly,
else charset-normalizer's guess among the code pages news in this project's languages is saved
in (Windows-1256 and ISO-8859-6 for Arabic, Windows-1252 for English and French, Windows-1251
and KOI8-R for Russian…). Binary files, UTF-16 without a byte-order mark, UTF-8 damaged by a
few bytes of another encoding and bytes that no encoding reads sensibly are refused, each with
its own message naming the file.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from pathlib import Path

from compare.errors import InputError

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of the files most often saved or renamed by mistake among article files.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, e.g. a .docx or .odt document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel document"),
    (b"\x1f\x8b", "a gzip archive"),
)

# Bytes that plain text never holds: the C0 controls but tab, newlines, form feed and escape.
_CONTROL = (frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}) - {0x1B}
_SNIFF = 8192

# The code pages a guess may name, most likely first (the order breaks ties): news in Arabic,
# English, French and Russian saved by older systems. Single-byte pages decode any bytes, so a
# guess is kept only when its text reads like words (see ``_odd_share``).
LEGACY = ("cp1256", "cp1252", "cp1251", "koi8_r", "iso8859_6", "iso8859_15", "cp1250",
          "iso8859_5")
# What browsers read these labels as (WHATWG Encoding): pages that say latin-1 are cp1252.
_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254",
            "iso8859_11": "cp874", "tis_620": "cp874"}
_MAX_ODD = 0.25

log = logging.getLogger("compare.ingest")

BINARY_HINT = "give article files: .txt, .md, .jsonl, .json, .html or an RSS/Atom feed"


def read_text(path: Path) -> str:
    """The text of an article file, newlines as ``\\n``; ``InputError`` when it is not text."""
    return decode(path.read_bytes(), path)


def decode(data: bytes, path: Path | str, *, declared: str | None = None,
           lenient: bool = False) -> str:
    """``data`` as text, newlines as ``\\n``; ``InputError`` naming ``path`` when it is binary
    or no encoding reads it. ``declared`` is the charset the file or its server names (an HTML
    ``<meta charset>``, an HTTP ``Content-Type``); it is used when the bytes are not UTF-8 and
    it reads them sensibly.

    ``lenient`` is for pages fetched from the web: a few damaged bytes in UTF-8 text are read
    as U+FFFD, with a warning, where a file is refused (its owner can fix the line; nobody
    reading a web page can)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if lenient:
                return _checked(_replaced(data, codec, path), path)
            return _checked(_decode_bom(data, codec, path), path)
    head = data[:_SNIFF]
    utf16 = _utf16_without_bom(head)
    if utf16:
        raise InputError(f"{utf16} text without a byte-order mark", path=path,
                         hint=f"save the file as UTF-8, e.g. iconv -f {utf16} -t UTF-8")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({kind}), not text", path=path, hint=BINARY_HINT)
    if b"\x00" in head:
        raise InputError("binary file (it holds NUL bytes), not text", path=path,
                         hint=BINARY_HINT)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        if lenient and not _controls(data) and _mostly_utf8(data):
            return _checked(_replaced(data, "utf-8", path), path)
        return _checked(_legacy_text(data, path, exc, declared), path)


def _replaced(data: bytes, codec: str, path: Path | str) -> str:
    """``data`` in ``codec``, each damaged byte sequence read as U+FFFD, with a warning."""
    text = data.decode(codec, errors="replace")
    if "\ufffd" in text:
        log.warning("claim-compare: %s: damaged %s bytes read as U+FFFD", path,
                    codecs.lookup(codec).name.removesuffix("-sig").upper())
    return text


def _controls(data: bytes) -> bool:
    return any(b in _CONTROL for b in data[:_SNIFF])


def _checked(text: str, path: Path | str) -> str:
    if "\x00" in text:
        raise InputError("binary file (it holds NUL characters), not text", path=path,
                         line=text[: text.index("\x00")].count("\n") + 1, hint=BINARY_HINT)
    return text.replace("\r\n", "\n")


def _decode_bom(data: bytes, codec: str, path: Path | str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        if codec == "utf-8-sig":
            raise InputError(f"not UTF-8 text though it starts with a UTF-8 byte-order mark "
                             f"(byte {exc.start} is 0x{data[exc.start]:02x})", path=path,
                             line=line, hint="save the file again as UTF-8") from None
        raise InputError(f"damaged {codec.upper()} text ({exc.reason} at byte {exc.start})",
                         path=path, line=line, hint="save the file again as UTF-8") from None


def _legacy_text(data: bytes, path: Path | str, exc: UnicodeDecodeError,
                 declared: str | None) -> str:
    """``data``, which is not UTF-8 from byte ``exc.start`` on, read in a legacy encoding."""
    line = data[: exc.start].count(b"\n") + 1
    where = f"byte {exc.start} is 0x{data[exc.start]:02x}"
    if _controls(data):
        raise InputError("binary file (it holds control bytes), not text", path=path,
                         hint=BINARY_HINT)
    if _mostly_utf8(data):
        raise InputError(f"not UTF-8 text ({where})", path=path, line=line,
                         hint="the rest of the file is UTF-8: retype that line in UTF-8")
    text = _as_declared(data, declared)
    if text is None:
        text = _guess(data)
    if text is None:
        raise InputError(f"neither UTF-8 nor a legacy encoding reads this text ({where})",
                         path=path, line=line,
                         hint=f"save the file as UTF-8, e.g. iconv -f {_legacy(data)} -t UTF-8")
    return text


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with a few bytes of something else: more valid non-ASCII
    characters than broken sequences. Legacy text is the other way round (its bytes form valid
    UTF-8 only by chance), and reading UTF-8 in a code page would garble the UTF-8 part."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    fine = sum(1 for ch in text if ch > "\x7f") - broken
    return fine >= broken


def _codec(name: str | None) -> str | None:
    """Python's name of the charset ``name`` (an HTML or HTTP label), or None when unknown or
    not a one-byte or East-Asian text encoding."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'").lower()).name.replace("-", "_")
    except LookupError:
        return None
    codec = _ALIASES.get(codec, codec)
    return None if codec.startswith(("utf", "mbcs")) or codec.endswith("_codec") else codec


def _as_declared(data: bytes, declared: str | None) -> str | None:
    codec = _codec(declared)
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _odd_share(text) <= _MAX_ODD else None


def _guess(data: bytes) -> str | None:
    """``data`` in charset-normalizer's best legacy reading: among the code pages it finds
    plausible, the one whose words look most like words, then the least chaotic, the most
    coherent, the most likely page. None when no reading looks like text."""
    from charset_normalizer import from_bytes

    found = []
    for match in from_bytes(data, cp_isolation=list(LEGACY), explain=False):
        text = str(match)
        rank = LEGACY.index(match.encoding) if match.encoding in LEGACY else len(LEGACY)
        found.append((_odd_share(text), match.chaos, -match.coherence, rank, text))
    if not found:
        return None
    best = min(found, key=lambda item: item[:4])
    return best[4] if best[0] <= _MAX_ODD else None


def _odd_share(text: str) -> float:
    """The share of words with non-ASCII letters (in the first 64K characters of ``text``) that
    look like a wrong code page: letters of two scripts in one word, case changing inside a
    word (``гЮКб``), mostly accented Latin (``ÎČŃ``, not ``été``), a word starting with a
    combining mark, or C1 control characters."""
    words = odd = 0
    for word in _words(text[: _SNIFF * 8]):
        if all(ch < "\x80" for ch in word):
            continue
        words += 1
        odd += _is_odd(word)
    return odd / words if words else 0.0


def _words(text: str) -> list[str]:
    out, current = [], []
    for ch in text:
        if ch.isalpha() or unicodedata.category(ch) in ("Mn", "Cc") and ch not in "\t\n\r":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def _is_odd(word: str) -> bool:
    if unicodedata.category(word[0]) == "Mn" or any("\x80" <= ch <= "\x9f" for ch in word):
        return True
    scripts = {_script(ch) for ch in word if ch.isalpha()}
    if len(scripts) > 1:
        return True
    cased = [ch for ch in word[1:] if ch.isupper() or ch.islower()]
    if any(ch.isupper() for ch in cased) and any(ch.islower() for ch in cased):
        return True
    accented = sum(1 for ch in word if "\u00c0" <= ch <= "\u024f")
    return accented >= 3 and accented * 2 > len(word)


def _script(ch: str) -> str:
    if ch < "\u0250":
        return "latin"
    if "\u0370" <= ch < "\u0400":
        return "greek"
    if "\u0400" <= ch < "\u0530":
        return "cyrillic"
    if "\u0590" <= ch < "\u0600":
        return "hebrew"
    if "\u0600" <= ch < "\u0780" or "\ufb50" <= ch <= "\ufeff":
        return "arabic"
    return unicodedata.name(ch, "other").split()[0].lower()


def _utf16_without_bom(head: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` when ``head``, though it has no byte-order mark, reads as
    Latin or Arabic text in that encoding; else None."""
    if len(head) < 4 or b"\x00" not in head:
        return None
    even = head[: len(head) // 2 * 2]
    for codec in ("UTF-16LE", "UTF-16BE"):
        text = even.decode(codec, errors="replace")
        plain = sum(ch in "\t\n\r" or " " <= ch <= "~" or "\u00a0" <= ch <= "\u024f"
                    or "\u0600" <= ch <= "\u06ff" or "\u2000" <= ch <= "\u206f" for ch in text)
        if plain >= 0.95 * len(text):
            return codec
    return None


def _legacy(data: bytes) -> str:
    """The code page to suggest: CP1256 when the bytes read as Arabic there, else Windows-1252."""
    text = data[: _SNIFF * 8].decode("cp1256", errors="replace")
    return "CP1256" if any("\u0621" <= ch <= "\u064a" for ch in text) else "WINDOWS-1252"
