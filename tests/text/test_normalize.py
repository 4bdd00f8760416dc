"""Folding for matching: each class of variation, tokens, clitics, language detection."""

from __future__ import annotations

import pytest

from compare.text.lang import detect_lang
from compare.text.normalize import after_letters, normalize, strip_clitics, to_ascii_digits
from compare.text.tokens import tokens, word_spans


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أَكَّدَتْ", "اكدت"),  # harakat, shadda, sukun
        ("كتابٌ وكتاباً وكتابٍ", "كتاب وكتابا وكتاب"),  # tanwin
        ("الرحمٰن", "الرحمن"),  # dagger alef
        ("العـــــربية", "العربيه"),  # tatweel
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آمن", "امن"),
        ("ٱلله", "الله"),
        ("مسؤول", "مسوول"),
        ("سئل", "سيل"),
        ("على", "علي"),  # alef maqsura folds onto ya
        ("مدرسة", "مدرسه"),  # taa marbuta
        ("٢٠١٧", "2017"),
        ("۲۰۱۷", "2017"),
        ("٣٫٥", "3.5"),
        ("هل؟ نعم، لا؛", "هل? نعم, لا;"),
        ("Deir\u200f al-Zor\u202b \u2066x\u2069", "deir al-zor x"),  # bidi controls
        ("ﻻ", "لا"),  # presentation form, through NFKC
        ("  BEIRUT\t\n Reuters  ", "beirut reuters"),
    ],
)
def test_normalize_folds_each_class(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_normalize_makes_spellings_meet() -> None:
    assert normalize("الأمريكيّة") == normalize("الامريكية")
    assert normalize("إيجور كوناشينكوف") == normalize("ايجور كوناشينكوف")


def test_to_ascii_digits_keeps_offsets() -> None:
    text = "قتل ٤٠ شخصاً و١٬٥٠٠ جريح و٣٫٥ كم"
    ascii_text = to_ascii_digits(text)
    assert len(ascii_text) == len(text)
    assert "40" in ascii_text and "1,500" in ascii_text and "3.5" in ascii_text
    assert to_ascii_digits("۱۲") == "12"


def test_tokens_are_folded_words_and_whole_numbers() -> None:
    assert tokens("قال الناطقُ: «قُتل ٣٫٥ ألف»، 1,500 Killed") == [
        "قال", "الناطق", "قتل", "3.5", "الف", "1,500", "killed"]


@pytest.mark.parametrize(
    ("token", "stem"),
    [
        ("والتنظيم", "تنظيم"),
        ("للتنظيم", "تنظيم"),
        ("بالمدينه", "مدينه"),
        ("وقال", "قال"),
        ("واكد", "اكد"),
        ("الله", "الله"),  # would leave two letters
        ("بتوفير", "بتوفير"),  # bare ب is kept
        ("فرنسا", "فرنسا"),  # bare ف is kept
    ],
)
def test_strip_clitics(token: str, stem: str) -> None:
    assert strip_clitics(token) == stem


def test_strip_clitics_is_consistent_for_stems_starting_with_waw() -> None:
    assert strip_clitics("الوزير") == strip_clitics("وزير") == strip_clitics("والوزير")


def test_word_spans_point_into_the_original() -> None:
    text = "وقالَ الناطقُ: «نعم»"
    spans = word_spans(text)
    assert [w for _, _, w in spans] == ["وقال", "الناطق", ":", "«", "نعم", "»"]
    assert [text[s:e] for s, e, _ in spans][:2] == ["وقالَ", "الناطقُ"]
    assert [w for _, _, w in word_spans(text, punctuation=False)] == ["وقال", "الناطق", "نعم"]


def test_after_letters_skips_diacritics() -> None:
    text = "لِـوزارة"
    assert text[after_letters(text, 0, 1):] == "وزارة"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية للتنظيم", "ar"),
        ("قال", "ar"),  # too short for statistics: the script decides
        ("Russia's defence ministry said on Friday that the strikes would go on.", "en"),
        ("Le ministère russe de la Défense a accusé vendredi l'armée américaine.", "fr"),
        ("Das russische Verteidigungsministerium warf der US-Armee am Freitag vor.", "de"),
        ("وزارت دفاع روسیه ارتش آمریکا را متهم کرد که از این گروه حمایت می‌کند", "fa"),
        ("1,500 — 2017", "und"),
        ("", "und"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_detect_lang_fallback_and_preference() -> None:
    assert detect_lang("OK", fallback="en") == "en"  # short Latin: unsure
    # Names make a short English sentence look German; the article's language holds.
    assert detect_lang("Weltkugelbrunnen is made of granite that is very black.", prefer="en") \
        == "en"
    assert detect_lang("Das Ministerium hat am Freitag eine Erklärung veröffentlicht.",
                       prefer="en") == "de"
