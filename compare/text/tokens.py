"""The tokenizer: words, numbers and punctuation with offsets into the original text.

One grammar of characters (``compare.text.script``) and one module, in three views, because
three readers need different things of the same text:

- :func:`tokenize` — the words of a claim with their folded form and matching key (letters may
  carry marks and an apostrophe; a number with separators is one token). The relation step and
  the report's difference marking read claims this way.
- :func:`word_spans` — folded words (letters with their marks, digits included) and, on request,
  each punctuation mark: what sentence, clause and speaker splitting walk over.
- :func:`number_tokens` — numbers with their values (Arabic-Indic digits and the Arabic
  thousands comma read), words and punctuation, with dates, times, ordinals and model names
  masked: what quantity parsing walks over.

Every offset points into the text as written, so whatever matched on folded forms can be quoted
verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from compare.text.normalize import _FOLDED, fold_word, normalize, strip_clitics, to_ascii_digits
from compare.text.script import ARABIC, DIGIT, MARKS

# ---- claim words -----------------------------------------------------------------------------

WORD_TOKEN = re.compile(
    rf"{DIGIT}+(?:[.,\u066b\u066c]{DIGIT}+)*"
    rf"|[^\W\d_][\w{MARKS}]*(?:['’][^\W\d_]+)*"
)


class Tok(NamedTuple):
    """A word of a claim: its surface form, normalised form, matching key and offsets."""

    text: str
    norm: str
    key: str
    start: int
    end: int


_new_tuple = tuple.__new__


@lru_cache(maxsize=1 << 17)
def match_key(norm: str) -> str:
    """The form two inflections of one word share: no possessive 's, no article or و."""
    if "'" in norm or "’" in norm:
        norm = re.sub(r"['’]s$", "", norm)
    return strip_clitics(norm) or norm


@lru_cache(maxsize=1 << 18)
def _fold(surface: str) -> tuple[str, str]:
    norm = normalize(surface)
    return norm, match_key(norm) if norm else ""


def tokenize(text: str) -> tuple[Tok, ...]:
    """The words of ``text`` with their offsets, normalised forms and matching keys."""
    out = []
    for m in WORD_TOKEN.finditer(text):
        surface = m.group()
        norm, key = _fold(surface)
        if norm:  # tuple.__new__ skips NamedTuple's slower keyword constructor
            out.append(_new_tuple(Tok, (surface, norm, key, m.start(), m.end())))
    return tuple(out)


@lru_cache(maxsize=1 << 17)
def skeleton(key: str) -> str:
    """An Arabic word without its imperfect prefix, long vowels and final ه: يستقل, استقال and
    استقالة all give ستقل. Latin words are returned as they are."""
    if not ARABIC.match(key):
        return key
    word = key[1:] if key[0] in "يتنا" and len(key) > 3 else key
    word = word[0] + re.sub("[اوي]", "", word[1:]) if word else word
    return word[:-1] if word.endswith("ه") and len(word) > 3 else word


def tokens(text: str) -> list[str]:
    """The folded words of ``text`` (:func:`tokenize`'s ``norm`` forms)."""
    return [t.norm for t in tokenize(text)]


def phrase(text: str) -> tuple[str, ...]:
    """The folded words of a lexicon phrase, as :func:`tokenize` cuts a claim."""
    return tuple(fold_word(m.group()) for m in WORD_TOKEN.finditer(text))


# ---- word spans ------------------------------------------------------------------------------

# A word is letters (digits included) with their combining marks (harakat are not \w).
_WORD = re.compile(rf"(?:[^\W_]|[{MARKS}])+")
_PIECE = re.compile(rf"(?:[^\W_]|[{MARKS}])+|[^\w\s]")


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


# ---- number tokens ---------------------------------------------------------------------------

# Thousands are grouped by a comma, the Arabic comma, or (French, Russian) a space, a no-break
# space or a narrow no-break space: "48 000 militaires".
_THOUSANDS = ",،\u0020\u00a0\u202f"
_NUMBER_TOKEN = re.compile(
    rf"(?P<num>(?<!\d)\d{{1,3}}(?:[,،]\d{{3}})+(?:\.\d+)?(?!\d)"
    rf"|(?<!\d)\d{{1,3}}(?:[\u0020\u00a0\u202f]\d{{3}})+(?![\d.,])"
    rf"|\d+(?:\.\d+)?)"
    rf"|(?P<word>(?:[^\W\d_]|[{MARKS}])+)"
    rf"|(?P<punct>[^\w\s])"
)
_DROP_THOUSANDS = {ord(c): None for c in _THOUSANDS}
_NOT_A_NUMBER = re.compile(
    r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"  # numeric dates
    r"|\d{1,2} ?: ?\d{2}\b"  # times, also as "12 : 53"
    r"|\d+(?:st|nd|rd|th)\b"  # English ordinals
    r"|[A-Za-z]+-?\d+"  # model names: S-400, F16, COVID-19
    r"|\d+(?:\.\d+)?[/]\d+"  # fractions and scores
)


@dataclass(slots=True)
class NumTok:
    """A token for quantity parsing: a masked number is the word ``#``."""

    start: int
    end: int
    word: str  # folded
    raw: str
    value: float | None = None  # for digit tokens


def number_tokens(text: str) -> list[NumTok]:
    """Numbers (with values), words and punctuation of ``text`` for quantity parsing."""
    ascii_text = to_ascii_digits(text)
    masked = set()
    for m in _NOT_A_NUMBER.finditer(ascii_text):
        masked.update(range(m.start(), m.end()))
    toks = []
    for m in _NUMBER_TOKEN.finditer(ascii_text):
        raw = text[m.start():m.end()]
        if m.lastgroup == "num":
            if m.start() in masked:
                toks.append(NumTok(m.start(), m.end(), "#", raw))
                continue
            value = float(m.group().translate(_DROP_THOUSANDS))
            toks.append(NumTok(m.start(), m.end(), m.group(), raw, value))
        else:
            word = fold_word(m.group())
            if word:
                toks.append(NumTok(m.start(), m.end(), word, raw))
    return toks
