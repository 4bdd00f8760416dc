"""Reading one quantity at a token: digits with a scale word, ranges, Arabic and English
number words, vague amounts ("العشرات", "dozens"). :mod:`compare.text.numbers` finds where
quantities start and describes them."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from compare.text.lexicon.numbers import (
    AR_AFTER_NOUN,
    AR_DUALS,
    AR_HUNDREDS,
    AR_ONES,
    AR_PROCLITICS,
    AR_SCALES,
    AR_TEEN_ONLY,
    AR_TENS,
    AR_VAGUE,
    AR_VAGUE_SCALES,
    EN_ONES,
    EN_SCALES,
    EN_TENS,
    EN_VAGUE,
    SLOTS,
)
from compare.text.normalize import strip_article
from compare.text.tokens import NumTok

# Numbers strip the article with its prepositions و ب ل only.
_ARTICLES = ("وال", "بال", "لل", "ال")


@dataclass
class Num:
    first: int  # token index range [first, last]
    last: int
    value: float
    low: float
    high: float
    approx: bool = False
    percent: bool = False
    definite: bool = False  # "الـ24"
    digits: bool = False
    scaled: bool = False
    skip: int = 0  # letters of a proclitic (و, ب …) glued to the first word, left out of the span


# ---- parsing -------------------------------------------------------------------------------

def number_at(toks: list[NumTok], i: int) -> Num | None:
    tok = toks[i]
    if tok.value is not None:
        return _digits(toks, i)
    return _arabic_words(toks, i) or _english_words(toks, i) or _vague(toks, i)


def _digits(toks: list[NumTok], i: int) -> Num:
    value = toks[i].value
    assert value is not None
    last = i
    scale = _scale_at(toks, i + 1)
    if scale:
        value *= scale
        last = i + 1
    num = Num(i, last, value, value, value, digits=True, scaled=bool(scale))
    num.definite = i > 0 and toks[i - 1].end == toks[i].start and toks[i - 1].word == "ال"
    return _range(toks, num)


def _scale_at(toks: list[NumTok], k: int) -> float | None:
    if k >= len(toks):
        return None
    word = toks[k].word
    if word in AR_SCALES:
        return AR_SCALES[word]
    if word in EN_SCALES:
        return EN_SCALES[word]
    if word == "dozen":
        return 12.0
    return None


def _range(toks: list[NumTok], num: Num) -> Num:
    """"20-30", "20 إلى 30", "between 20 and 30", "بين 20 و30"."""
    k = num.last + 1
    if k + 1 >= len(toks) or toks[k + 1].value is None:
        return num
    joiner = toks[k].word
    between = num.first > 0 and toks[num.first - 1].word in ("بين", "between")
    if joiner in ("-", "–", "الي", "to") or (between and joiner in ("و", "and")):
        base = toks[num.first].value
        high = toks[k + 1].value * (num.value / base if num.scaled and base else 1)
        if high > num.value:
            return Num(num.first, k + 1, (num.value + high) / 2, num.value, high, approx=True,
                        digits=True)
    return num


def _split_proclitic(word: str, lexicon: Container[str]) -> tuple[str, int]:
    """The number word inside ``word`` and how many letters of proclitics precede it."""
    if word in lexicon:
        return word, 0
    for clitic in AR_PROCLITICS:
        if word.startswith(clitic) and word[len(clitic):] in lexicon:
            return word[len(clitic):], len(clitic)
    return "", 0


def _split_article(word: str) -> tuple[str, int]:
    """The number word after a definite article (with و or ب before it), and its length."""
    for article in ("وال", "بال", "لل", "ال"):
        if word.startswith(article) and word[len(article):] in _AR_FIRST_WORDS:
            return word[len(article):], len(article)
    return "", 0


def _ar_value(word: str) -> tuple[str, float] | None:
    for kind, table in (("one", AR_ONES), ("ten", AR_TENS), ("hundred", AR_HUNDREDS),
                        ("dual", AR_DUALS)):
        if word in table:
            return kind, float(table[word])
    if word in ("الف", "مليون", "مليار"):
        return "scale", AR_SCALES[word]
    return None


_AR_FIRST_WORDS = frozenset({*AR_ONES, *AR_TENS, *AR_HUNDREDS, *AR_DUALS, "الف", "مليون",
                             "مليار"})


# Which number word may follow which after و in one compound numeral: خمسة وعشرون (one, ten),
# مئة وخمسون (hundred, ten), ألف وخمسمائة (scale, hundred).
_AR_AND_FOLLOWS = {"one": ("ten",), "teen": (), "ten": (), "hundred": ("one", "ten"),
                   "scale": ("one", "ten", "hundred")}


def _arabic_words(toks: list[NumTok], i: int) -> Num | None:
    teen = i + 1 < len(toks) and toks[i + 1].word in ("عشر", "عشره")
    word, skip = _split_proclitic(toks[i].word, _AR_FIRST_WORDS)
    if not word and teen:  # "الأحد عشر", "الثلاثة عشر": only before عشر, as الأحد is Sunday
        word, skip = _split_article(toks[i].word)
    first = _ar_value(word) if word else None
    if first is None:
        return None
    kind, value = first
    if word in AR_TEEN_ONLY and not teen:
        return None
    if word in AR_AFTER_NOUN and not (i > 0 and SLOTS.get(unit_form(toks[i - 1].word, ""))):
        return None
    total, current, last, last_kind = 0.0, value, i, kind
    if kind == "scale":
        total, current = value, 0.0
    j = i + 1
    while j < len(toks):
        nxt = toks[j].word
        if nxt in ("عشر", "عشره") and last_kind == "one" and current < 10:
            current, last_kind = current + 10, "teen"
        elif nxt in ("ميه", "مايه") and last_kind == "one" and 3 <= current <= 9:
            current, last_kind = current * 100, "hundred"
        elif nxt in AR_SCALES and last_kind != "scale":
            total, current, last_kind = total + (current or 1) * AR_SCALES[nxt], 0.0, "scale"
        elif nxt.startswith("و") and _ar_value(nxt[1:]) and _ar_value(nxt[1:])[0] != "dual":
            kind2, value2 = _ar_value(nxt[1:])
            if kind2 not in _AR_AND_FOLLOWS.get(last_kind, ()):
                break  # "ستة وثمانية" is six and eight, not fourteen
            current, last_kind = current + value2, kind2
        else:
            break
        last = j
        j += 1
    value = total + current
    return _word_range(toks, Num(i, last, value, value, value, skip=skip))


def _word_range(toks: list[NumTok], num: Num) -> Num:
    """"بين ستة وثمانية", "من ثلاثة إلى خمسة": a range of number words."""
    k = num.last + 1
    if k >= len(toks):
        return num
    high = None
    word = toks[k].word
    if word.startswith("و") and num.first > 0 and toks[num.first - 1].word == "بين":
        found = _ar_value(word[1:])
        if found and found[0] in ("one", "ten", "hundred"):
            high, last = found[1], k
    elif word == "الي" and k + 1 < len(toks):
        nxt = _arabic_words(toks, k + 1)
        if nxt is not None:
            high, last = nxt.high, nxt.last
    if high is None or high <= num.value:
        return num
    return Num(num.first, last, (num.value + high) / 2, num.value, high, approx=True,
                skip=num.skip)


def _english_words(toks: list[NumTok], i: int) -> Num | None:
    word = toks[i].word
    nxt = toks[i + 1].word if i + 1 < len(toks) else ""
    if word == "a" and nxt in ("dozen", "hundred", "thousand", "million", "billion"):
        value = {"dozen": 12.0, "hundred": 100.0}.get(nxt) or EN_SCALES[nxt]
        return _english_tail(toks, i, i + 2, 0.0, value)
    if word not in EN_ONES and word not in EN_TENS:
        return None
    if word == "one" and not (SLOTS.get(nxt) or nxt in EN_SCALES or nxt == "hundred"):
        return None
    return _english_tail(toks, i, i + 1, 0.0, float(EN_ONES.get(word, EN_TENS.get(word, 0))))


def _english_tail(toks: list[NumTok], i: int, j: int, total: float, current: float) -> Num:
    last = j - 1
    while j < len(toks):
        word = toks[j].word
        joined = toks[j - 1].end == toks[j].start or toks[j].start == toks[j - 1].end + 1
        if word == "-" and j + 1 < len(toks) and toks[j + 1].word in EN_ONES and \
                current % 100 >= 20 and current % 10 == 0 and joined:
            current += EN_ONES[toks[j + 1].word]
            last = j = j + 1
        elif word in EN_ONES and current % 100 >= 20 and current % 10 == 0 and \
                toks[j - 1].word in EN_TENS:
            current += EN_ONES[word]
        elif word in (EN_ONES.keys() | EN_TENS.keys()) and toks[j - 1].word == "and" \
                and current >= 100:
            current += EN_ONES.get(word, EN_TENS.get(word, 0))
        elif word == "and" and current >= 100 and j + 1 < len(toks) and \
                (toks[j + 1].word in EN_ONES or toks[j + 1].word in EN_TENS):
            j += 1
            continue
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in EN_SCALES:
            total, current = total + (current or 1) * EN_SCALES[word], 0.0
        elif word == "dozen":
            current = (current or 1) * 12
        else:
            break
        last = j
        j += 1
    value = total + current
    return Num(i, last, value, value, value)


def _vague(toks: list[NumTok], i: int) -> Num | None:
    word = toks[i].word
    if word in EN_VAGUE:
        low, high = EN_VAGUE[word]
        last = i
        if word == "tens" and not (i + 2 < len(toks) and toks[i + 1].word == "of"
                                   and toks[i + 2].word in EN_VAGUE):
            return None
        if i + 2 < len(toks) and toks[i + 1].word == "of" and toks[i + 2].word in (
                "thousands", "millions", "billions"):
            scale = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[toks[i + 2].word]
            low, high, last = low * scale, high * scale, i + 2
        return Num(i, last, (low + high) / 2, low, high, approx=True)
    stem = strip_article(word, _ARTICLES)
    skip = 0
    if stem == word:
        stem, skip = _split_proclitic(word, AR_VAGUE)
    if stem not in AR_VAGUE:
        return None
    low, high = AR_VAGUE[stem]
    last = i
    if i + 1 < len(toks) and stem in ("عشرات", "ميات"):
        factor = AR_VAGUE_SCALES.get(strip_article(toks[i + 1].word, _ARTICLES))
        if factor:
            low, high, last = low * factor, high * factor, i + 1
    return Num(i, last, (low + high) / 2, low, high, approx=True, skip=skip)


def unit_form(word: str, raw: str) -> str:
    """The counted noun as a table key: no article, no accusative alef ("جريحاً" → "جريح")."""
    stem = strip_article(word, _ARTICLES)
    if stem.startswith("و") and SLOTS.get(strip_article(stem[1:], _ARTICLES)):
        stem = strip_article(stem[1:], _ARTICLES)
    if stem.endswith("ا") and len(stem) >= 4 and ("\u064b" in raw or stem[:-1] in SLOTS):
        stem = stem[:-1]
    return stem
