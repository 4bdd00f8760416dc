"""Which language a text is in: the article's, and each claim's.

Arabic script decides at once (the detector is slow on long Arabic text and now and then calls
it Persian); other texts go to lingua, limited to the languages news in this product comes in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from compare.text.script import ARABIC, ARABIC_SCRIPT, LETTER, NOT_ARABIC

_LANGUAGES = (
    "ARABIC", "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "RUSSIAN", "TURKISH", "PERSIAN",
    "HEBREW", "URDU", "CHINESE", "ITALIAN", "PORTUGUESE",
)
_SHORT = 12  # fewer letters than this: the script decides, not the letter statistics
_SAMPLE = 240  # characters given to the detector; longer texts gain nothing but time
_SCRIPTS = {
    "ar": ARABIC_SCRIPT,
    "he": re.compile(r"[\u0590-\u05ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}


_KEEP_PREFERRED = 0.02  # the detector's confidence below which a preferred language is dropped


@lru_cache(maxsize=2)
def _detector(fast: bool = False):
    # The accurate mode runs ~2,000 English sentences/s here and is the one that decides; the
    # fast (low-accuracy) mode, ~4x quicker, only confirms a language the caller expects.
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*_languages().values())
    if fast:
        builder = builder.with_low_accuracy_mode()
    return builder.with_minimum_relative_distance(0.1).build()


@lru_cache(maxsize=1)
def _languages() -> dict:
    from lingua import Language

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return {lang.iso_code_639_1.name.lower(): lang for lang in languages}


def detect_lang(text: str, fallback: str = "und", prefer: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language ("ar", "en", …); "und" when it has no letters.

    Text mostly in Arabic script without a letter proper to Persian or Urdu is "ar" at once
    (the detector is slow on long Arabic text and now and then calls it Persian). Strings of
    fewer than 12 letters are judged by script; a short Latin string, or one the detector
    cannot decide, gives ``fallback``. ``prefer`` (say, the article's language) wins over the
    detector's choice unless the detector gives it under 2 % confidence: names and short
    sentences make English look German or French. Only the first 240 characters are examined.
    """
    sample = text[:_SAMPLE]
    total = len(LETTER.findall(sample))
    if total == 0:
        return "und"
    script, count = max(((k, len(p.findall(sample))) for k, p in _SCRIPTS.items()),
                        key=lambda kv: kv[1])
    if script == "ar" and count * 2 > total and not NOT_ARABIC.search(sample):
        return "ar"
    if total < _SHORT:
        return script if count * 2 > total else fallback
    preferred = _languages().get(prefer or "")
    if preferred is not None and _detector(fast=True).detect_language_of(sample) == preferred:
        return prefer
    found = _detector().detect_language_of(sample)
    code = fallback if found is None else found.iso_code_639_1.name.lower()
    if preferred is not None and code != prefer and \
            _detector().compute_language_confidence(sample, preferred) >= _KEEP_PREFERRED:
        return prefer
    return code


def guess_lang(text: str) -> str:
    """"ar" when most letters of ``text`` are Arabic, else "en": enough to pick number words."""
    arabic = len(ARABIC.findall(text))
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return "ar" if arabic >= latin and arabic else "en"
