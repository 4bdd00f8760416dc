"""Bytes to text: byte-order marks, legacy code pages (declared or guessed), binary files."""

from __future__ import annotations

import json

import pytest

from compare.errors import InputError
from compare.ingest import decode, read_articles, read_html
from compare.ingest.decode import read_text

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
ARABIC = "قال متحدث عسكري إن الغارة استهدفت مستودعاً للأسلحة، ما أدى إلى مقتل سبعة أشخاص.\n"
FRENCH = "L'armée a démenti toute frappe sur le marché, selon un porte-parole. Été 2026.\n"
RUSSIAN = "Министерство обороны заявило, что удар по рынку не наносился.\n"


@pytest.mark.parametrize("text,codec", [
    (ARABIC, "cp1256"), (ARABIC, "iso8859_6"), ("مرحبا", "cp1256"), ("خبر عاجل", "cp1256"),
    (FRENCH, "cp1252"), ("Le café est fermé.", "latin-1"),
    (RUSSIAN, "cp1251"), (RUSSIAN, "koi8_r"), ("Привет мир", "koi8_r"), ("Привет", "cp1251"),
])
def test_legacy_code_pages_are_guessed(text, codec):
    assert decode(text.encode(codec), "a.txt") == text


def test_the_declared_charset_reads_what_a_guess_would_not():
    data = "مرحبا".encode("iso8859_6")
    assert decode(data, "a.html", declared="ISO-8859-6") == "مرحبا"
    assert decode(data, "a.html") != "مرحبا"  # alone, these bytes are likelier Windows-1256


@pytest.mark.parametrize("declared", ["iso-8859-1", "utf-8", "no-such-charset", "base64"])
def test_a_wrong_or_unknown_declared_charset_falls_back_to_the_guess(declared):
    assert decode(ARABIC.encode("cp1256"), "a.html", declared=declared) == ARABIC


def test_utf8_wins_over_a_stale_declared_charset():
    assert decode(ARABIC.encode(), "a.html", declared="windows-1256") == ARABIC


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_byte_order_marks(codec):
    data = ("\ufeff" + ARABIC.replace("\n", "\r\n")).encode(codec)
    assert decode(data, "a.txt") == ARABIC


def test_cp1256_txt_is_read_as_arabic(tmp_path):
    page = tmp_path / "in" / "sham.txt"
    page.parent.mkdir()
    page.write_bytes(("---\noutlet: الشام اليوم\ndate: 2026-11-14\n---\n" + ARABIC)
                     .encode("cp1256"))
    row = read_articles([page.parent]).row(0, named=True)
    assert (row["outlet"], row["date"], row["text"]) == ("الشام اليوم", "2026-11-14", ARABIC)
    assert read_text(page).endswith(ARABIC)


def test_cp1256_jsonl_is_read(tmp_path):
    line = json.dumps({"text": ARABIC, "outlet": "المرصد"}, ensure_ascii=False) + "\n"
    (tmp_path / "a.jsonl").write_bytes(line.encode("cp1256"))
    assert read_articles([tmp_path])["outlet"].to_list() == ["المرصد"]


@pytest.mark.parametrize("name", ["photo.txt", "photo.html", "photo.md", "photo.json"])
def test_a_png_under_any_name_is_binary(tmp_path, name):
    (tmp_path / name).write_bytes(PNG)
    with pytest.raises(InputError) as info:
        read_articles([tmp_path / name])
    err = info.value
    assert err.path == str(tmp_path / name)
    assert err.message == "binary file (a PNG image), not text"
    assert "CP1256" not in str(err) and "iconv" not in str(err)


def test_a_png_given_to_read_html_is_binary():
    with pytest.raises(InputError, match=r"^page\.html: binary file \(a PNG image\), not text"):
        read_html(PNG, "page.html")


def test_control_bytes_are_binary():
    with pytest.raises(InputError, match="binary file \\(it holds control bytes\\)"):
        decode(b"ab\x01\x02\x03\x04\x90\x91\xfe", "a.txt")


def test_utf8_damaged_by_a_legacy_line_names_the_line():
    data = "سطر أول\nسطر ثان\n".encode() + "مرحبا".encode("cp1256")
    with pytest.raises(InputError) as info:
        decode(data, "a.txt")
    assert (info.value.line, info.value.message) == (3, "not UTF-8 text (byte 28 is 0xe3)")


def test_bytes_no_encoding_reads_are_refused_with_a_hint():
    with pytest.raises(InputError) as info:
        decode(bytes(0xC0 + i * 7 % 60 for i in range(50)), "a.txt")
    assert info.value.message.startswith("neither UTF-8 nor a legacy encoding reads this text")
    assert info.value.path == "a.txt" and "iconv" in info.value.hint


def test_utf16_without_a_byte_order_mark_is_still_refused():
    with pytest.raises(InputError, match="UTF-16LE text without a byte-order mark"):
        decode("Some words here.\n".encode("utf-16-le"), "a.txt")


def test_a_fetched_page_with_a_stray_byte_is_read_and_a_file_is_not(caplog):
    data = "سطر أول\nسطر ثان\n".encode() + b"\xff" + "مرحبا".encode()
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode(data, "a.txt")
    with caplog.at_level("WARNING", logger="compare.ingest"):
        text = decode(data, "https://example.org/a", lenient=True)
    assert text == "سطر أول\nسطر ثان\n\ufffdمرحبا"
    assert "https://example.org/a: damaged UTF-8 bytes read as U+FFFD" in caplog.text
    # Lenient is for damaged UTF-8, not for binary files or legacy code pages.
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n....", "https://example.org/a", lenient=True)
    assert decode("مرحبا بكم في الموقع".encode("cp1256"), "u", lenient=True) == (
        "مرحبا بكم في الموقع")
