"""An article file's bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32
with a byte-order mark; binary files and text in another encoding are told apart and named.
"""

from __future__ import annotations

import codecs
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

BINARY_HINT = "give article text files: .txt, .md, .jsonl or .json"


def read_text(path: Path) -> str:
    """The text of an article file, newlines as ``\\n``; ``InputError`` when it is not text."""
    return decode(path.read_bytes(), path)


def decode(data: bytes, path: Path) -> str:
    """``data`` as text; ``InputError`` naming ``path`` when it is binary or not UTF-8."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, codec, path), path)
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
    return _checked(_decode(data, "utf-8", path), path)


def _checked(text: str, path: Path) -> str:
    if "\x00" in text:
        raise InputError("binary file (it holds NUL characters), not text", path=path,
                         line=text[: text.index("\x00")].count("\n") + 1, hint=BINARY_HINT)
    return text.replace("\r\n", "\n")


def _decode(data: bytes, codec: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        if not codec.startswith("utf-8"):
            raise InputError(f"damaged {codec.upper()} text ({exc.reason} at byte {exc.start})",
                             path=path, line=line, hint="save the file again as UTF-8") from None
        if any(b in _CONTROL for b in data[:_SNIFF]):
            raise InputError("binary file (it holds control bytes), not text", path=path,
                             hint=BINARY_HINT) from None
        raise InputError(f"not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x})",
                         path=path, line=line,
                         hint=f"save the file as UTF-8, e.g. iconv -f {_legacy(data)} "
                              "-t UTF-8") from None


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
