"""Arabic and English text folding, for matching only.

Nothing here is ever shown to a user: claims keep their original text, and these forms only
decide whether two spellings are the same word. Decisions:

- alef forms أ إ آ ٱ → ا, ؤ → و, ئ → ي, and alef maqsura ى → ي. Many outlets write final ي as ى
  (فى, على/علي); folding both ways is the only spelling-independent choice. It merges على (on)
  with علي (Ali), which costs little for matching.
- taa marbuta ة → ه, as most Arabic search engines do.
- Persian ی ک ۀ → ي ك ه, because keyboards mix them into Arabic text.
- the standalone hamza ء is kept: it is a letter, not a seat variant.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pyarabic.araby as araby

_BIDI = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
        "\u2060\u2066\u2067\u2068\u2069\ufeff"

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"

# Arabic decimal (٫) and thousands (٬) separators travel with the digits so number parsing
# can run on the folded text at the same offsets.
_DIGITS = {ord(c): str(i) for i, c in enumerate(_ARABIC_INDIC)}
_DIGITS.update({ord(c): str(i) for i, c in enumerate(_PERSIAN)})
_DIGITS.update({ord("٫"): ".", ord("٬"): ",", ord("٪"): "%"})


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in (*araby.DIACRITICS, *araby.SMALL)}
    table[ord(araby.TATWEEL)] = None
    table.update({ord(c): None for c in _BIDI})
    for src, dst in {
        araby.ALEF_HAMZA_ABOVE: araby.ALEF,
        araby.ALEF_HAMZA_BELOW: araby.ALEF,
        araby.ALEF_MADDA: araby.ALEF,
        araby.ALEF_WASLA: araby.ALEF,
        araby.WAW_HAMZA: araby.WAW,
        araby.YEH_HAMZA: araby.YEH,
        araby.ALEF_MAKSURA: araby.YEH,
        araby.TEH_MARBUTA: araby.HEH,
        "ی": araby.YEH,
        "ک": "ك",
        "ۀ": araby.HEH,
        "،": ",",
        "؛": ";",
        "؟": "?",
    }.items():
        table[ord(src)] = dst
    table.update(_DIGITS)
    return table


_FOLD = _fold_table()
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def normalize(text: str) -> str:
    """Fold ``text`` for matching: NFKC, no diacritics or tatweel, one alef, ASCII digits,
    ASCII punctuation for ، ؛ ؟, lowercase, no bidi controls, single spaces."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return _SPACE.sub(" ", folded).strip()


def to_ascii_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits (and ٫ ٬ ٪) by ASCII, one character for one,
    so offsets into the result are offsets into ``text``."""
    return text.translate(_DIGITS)


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``; a number with separators ("1,500", "3.5") is one."""
    return _TOKEN.findall(normalize(text))


# The article with its proclitic prepositions, and the conjunction و. Bare ف ب ل ك are not
# stripped: too many stems begin with them (فرنسا, بوتين, لجنة, كتيبة).
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_MIN_STEM = 3


def _strip_article(token: str) -> str:
    for article in _ARTICLES:
        if token.startswith(article) and len(token) - len(article) >= _MIN_STEM:
            return token[len(article):]
    return token


def strip_clitics(token: str) -> str:
    """Strip a (prefixed) definite article and a leading و from a normalised Arabic token,
    never leaving fewer than three letters: "والوزارة" → "زاره", "للتنظيم" → "تنظيم".

    A stem that itself begins with و loses it too ("وزير" → "زير"), but then it does so in
    every form ("الوزير", "والوزير", "وزير"), which is what matching needs.
    """
    stem = _strip_article(token)
    for _ in range(2):
        if stem.startswith("و") and len(stem) - 1 >= _MIN_STEM:
            stem = _strip_article(stem[1:])
    return stem


_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 500_000  # distinct word forms kept (~60 MB); then the memo starts afresh


def fold_word(word: str) -> str:
    """:func:`normalize` of one word (no whitespace inside), memoised: the same words recur
    across a corpus."""
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        if not unicodedata.is_normalized("NFKC", word):
            word_nfkc = unicodedata.normalize("NFKC", word)
            folded = _SPACE.sub(" ", word_nfkc.translate(_FOLD).lower()).strip()
        else:
            folded = word.translate(_FOLD).lower()
        _FOLDED[word] = folded
    return folded


# A word is letters with their combining marks (harakat are not \w) and tatweel.
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")
_PIECE = re.compile(
    r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+|[^\w\s]"
)


def word_spans(text: str, punctuation: bool = True) -> list[tuple[int, int, str]]:
    """``(start, end, folded)`` for each word of ``text`` (and each punctuation character when
    ``punctuation``); offsets point into ``text`` so a match on folded words can be quoted
    verbatim."""
    pattern = _PIECE if punctuation else _WORD
    get = _FOLDED.get
    out = []
    for m in pattern.finditer(text):
        word = m.group()
        folded = get(word)
        if folded is None:
            folded = fold_word(word)
        if folded:  # a lone tatweel or diacritic folds to nothing
            out.append((m.start(), m.end(), folded))
    return out


_MARKS = frozenset(chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                    *range(0x06D6, 0x06EE), 0x0640))


def after_letters(text: str, pos: int, n: int) -> int:
    """Offset in ``text`` after the ``n`` letters starting at ``pos``, their diacritics and
    tatweel included: where a word starts once a proclitic like و or ل is left out."""
    for _ in range(n):
        pos += 1
        while pos < len(text) and text[pos] in _MARKS:
            pos += 1
    return pos


# ---- language ------------------------------------------------------------------------------

_LANGUAGES = (
    "ARABIC", "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "RUSSIAN", "TURKISH", "PERSIAN",
    "HEBREW", "URDU", "CHINESE", "ITALIAN", "PORTUGUESE",
)
_SHORT = 12  # fewer letters than this: the script decides, not the letter statistics
_SAMPLE = 240  # characters given to the detector; longer texts gain nothing but time
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "he": re.compile(r"[\u0590-\u05ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}
# Letters of Persian and Urdu that Arabic does not use (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ۀ ہ ھ).
_NOT_ARABIC = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691"
                         "\u06ba\u06d2\u06c0\u06c1\u06be]")


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
    total = len(_LETTER.findall(sample))
    if total == 0:
        return "und"
    script, count = max(((k, len(p.findall(sample))) for k, p in _SCRIPTS.items()),
                        key=lambda kv: kv[1])
    if script == "ar" and count * 2 > total and not _NOT_ARABIC.search(sample):
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
