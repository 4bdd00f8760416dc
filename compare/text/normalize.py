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

import pyarabic.araby as araby

from compare.text.script import (
    ARABIC_INDIC_DIGITS,
    BIDI_CONTROLS,
    MARK_CHARS,
    PERSIAN_DIGITS,
)

# Arabic decimal (٫) and thousands (٬) separators travel with the digits so number parsing
# can run on the folded text at the same offsets.
_DIGITS = {ord(c): str(i) for i, c in enumerate(ARABIC_INDIC_DIGITS)}
_DIGITS.update({ord(c): str(i) for i, c in enumerate(PERSIAN_DIGITS)})
_DIGITS.update({ord("٫"): ".", ord("٬"): ",", ord("٪"): "%"})


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in (*araby.DIACRITICS, *araby.SMALL)}
    table[ord(araby.TATWEEL)] = None
    table.update({ord(c): None for c in BIDI_CONTROLS})
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


# The article with its proclitic prepositions, and the conjunction و. Bare ف ب ل ك are not
# stripped: too many stems begin with them (فرنسا, بوتين, لجنة, كتيبة).
ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_MIN_STEM = 3


def strip_article(token: str, articles: tuple[str, ...] = ARTICLES,
                  min_stem: int = _MIN_STEM) -> str:
    """A folded Arabic token without the first of ``articles`` it starts with, when at least
    ``min_stem`` letters remain: "والوزارة" → "وزاره". The number and speaker readers pass the
    narrower sets of articles they were measured with."""
    for article in articles:
        if token.startswith(article) and len(token) - len(article) >= min_stem:
            return token[len(article):]
    return token


def strip_clitics(token: str) -> str:
    """Strip a (prefixed) definite article and a leading و from a normalised Arabic token,
    never leaving fewer than three letters: "والوزارة" → "زاره", "للتنظيم" → "تنظيم".

    A stem that itself begins with و loses it too ("وزير" → "زير"), but then it does so in
    every form ("الوزير", "والوزير", "وزير"), which is what matching needs.
    """
    stem = strip_article(token)
    for _ in range(2):
        if stem.startswith("و") and len(stem) - 1 >= _MIN_STEM:
            stem = strip_article(stem[1:])
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


def after_letters(text: str, pos: int, n: int) -> int:
    """Offset in ``text`` after the ``n`` letters starting at ``pos``, their diacritics and
    tatweel included: where a word starts once a proclitic like و or ل is left out."""
    for _ in range(n):
        pos += 1
        while pos < len(text) and text[pos] in MARK_CHARS:
            pos += 1
    return pos
