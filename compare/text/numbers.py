"""Quantities in a claim: digits, Arabic and English number words, vague amounts, percentages.

Each number becomes a :data:`compare.schema.NUMBER` record whose ``slot`` names what is counted
in a language-neutral way ("killed", "injured", "km", "percent" …), so "مقتل 40 شخصاً" and
"40 people were killed" can be compared. Decisions:

- Bounds of approximations: نحو/حوالي/about → ±10 %; قرابة/nearly/almost → [0.9 v, v];
  أكثر من/over/at least → [v, 1.5 v]; أقل من/under/fewer than → [0.5 v, v];
  up to/ما يصل إلى → [0.5 v, v]. ``value`` is the midpoint of [low, high].
- Vague amounts: العشرات/dozens 20–99, مئات/hundreds 200–999, آلاف/thousands 2,000–9,999,
  ملايين/millions 2–9.99 million; "عشرات الآلاف"/"tens of thousands" multiplies both bounds.
  "عدد من", "several", "a few" are not quantities.
- A four-digit integer 1900–2100 is a year (slot "year", unit "") unless a counted noun follows
  it; a day number next to a month name is slot "date"; numeric dates, times, ordinals ("3rd")
  and model names ("S-400") are not numbers at all.
- "الساعات الـ24": a number written with the article counts the noun before it.
- A number of people (or of nothing) takes the slot killed / injured / arrested from a verb or
  verbal noun near it ("مقتل العشرات من قوات النظام", "40 people were killed").
- "واحد" counts only after a counted noun ("جندي واحد"), "one" only before one.
"""


from __future__ import annotations

import re

from compare.text.lexicon.numbers import (
    APPROX,
    APPROX_AFTER,
    AR_DUALS,
    AR_HUNDREDS,
    AR_ONES,
    AR_PROCLITICS,
    AR_TENS,
    AR_VAGUE,
    BOUNDS,
    CLAUSE_END,
    CONTEXT_WORDS,
    EN_ONES,
    EN_TENS,
    EN_VAGUE,
    MEASURE_SLOTS,
    MONTHS,
    PEOPLE_SLOTS,
    PERCENT_AFTER,
    SLOTS,
    YEAR_CUES,
)
from compare.text.lexicon.places import WEEKDAYS
from compare.text.normalize import after_letters, fold_word, normalize
from compare.text.number_words import Num, number_at, unit_form
from compare.text.tokens import NumTok, number_tokens

_UNIT_STOP = set("""
في علي من الي عن مع و او ان قد لا ما هذا هذه ذلك التي الذي الذين كما بعد قبل خلال منذ حتي اخرين
اخري اخر اخرون فقط بين ضد عبر نحو حوالي او ثم the of in on at to and or a an was were is are have
has had per from by for with other others more than this that these those who which into about
""".split()) | {fold for _, names in WEEKDAYS for name in names
                for fold in (fold_word(name), fold_word(name).removeprefix("ال"))}

# ---- public --------------------------------------------------------------------------------

def extract_numbers(text: str, lang: str) -> list[dict]:
    """Every quantity in ``text`` as a dict with the fields of :data:`compare.schema.NUMBER`;
    ``start``/``end`` are offsets into ``text`` and ``text`` is the span as written (any
    approximation word, the number, a percent word and the counted noun)."""
    if not _may_hold_numbers(text):
        return []
    toks = number_tokens(text)
    found: list[dict] = []
    i = 0
    while i < len(toks):
        num = number_at(toks, i) if toks[i].value is not None or toks[i].word in _STARTS \
            else None
        if num is None:
            i += 1
            continue
        found.append(_describe(text, toks, num))
        i = max(num.last + 1, _consumed(found[-1], toks, i))
    return found


def slot_of(word: str) -> str | None:
    """Canonical slot of a folded noun ("قتلي" → "killed", "km" → "km"), or None."""
    return SLOTS.get(unit_form(word, word))


def _starts() -> frozenset[str]:
    """Every folded word a number can begin with, proclitics and articles included."""
    words = {*AR_ONES, *AR_TENS, *AR_HUNDREDS, *AR_DUALS, "الف", "مليون", "مليار"}
    teens = {a + w for w in AR_ONES for a in ("ال", "وال", "بال", "لل")}  # الأحد عشر
    words |= {c + w for w in words for c in AR_PROCLITICS} | teens
    vague = {a + w for w in AR_VAGUE for a in ("", "ال", "وال", "بال", "لل")}
    vague |= {c + w for w in AR_VAGUE for c in AR_PROCLITICS}
    return frozenset(words | vague | {*EN_ONES, *EN_TENS, *EN_VAGUE, "a"})


_STARTS = _starts()
# Without a digit or one of these words a text holds no number: most sentences skip parsing.
_HINTS = (_STARTS - {"a"}) | {"dozen", "hundred", "thousand", "million", "billion"}
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
_WORDS = re.compile(r"[^\W\d_]+")


def _may_hold_numbers(text: str) -> bool:
    return bool(_DIGIT.search(text)) or not _HINTS.isdisjoint(_WORDS.findall(normalize(text)))


# ---- description ---------------------------------------------------------------------------

def _describe(text: str, toks: list[NumTok], num: Num) -> dict:
    start_tok = num.first
    end_tok = _percent(toks, num)
    cue_first, kind = _approx_before(toks, num.first)
    after_last, kind_after = _approx_after(toks, end_tok)
    kind = kind or kind_after
    if kind and not num.approx:
        lo, hi = BOUNDS[kind]
        num.low, num.high, num.approx = num.value * lo, num.value * hi, True
        num.value = (num.low + num.high) / 2
    if cue_first is not None:
        start_tok = cue_first
    elif num.percent and num.first > 0 and toks[num.first - 1].word == "%":
        start_tok = num.first - 1
    unit, slot, unit_last = _unit(toks, num, end_tok)
    if num.percent:
        unit, slot = "%", "percent"
    slot = _special_slot(toks, num, unit, slot)
    if slot == "year":
        unit, unit_last = "", None
    end_tok = max(end_tok, unit_last if unit_last is not None else end_tok, after_last or 0)
    start = toks[start_tok].start
    if start_tok == num.first:
        start = after_letters(text, start, num.skip)
    end = toks[end_tok].end
    return {"text": text[start:end], "value": float(num.value), "low": float(num.low),
            "high": float(num.high), "approx": bool(num.approx), "unit": unit, "slot": slot,
            "start": start, "end": end}


def _consumed(found: dict, toks: list[NumTok], i: int) -> int:
    k = i
    while k < len(toks) and toks[k].start < found["end"]:
        k += 1
    return k


def _percent(toks: list[NumTok], num: Num) -> int:
    k = num.last + 1
    for words in PERCENT_AFTER:
        if tuple(t.word for t in toks[k:k + len(words)]) == words:
            num.percent = True
            return k + len(words) - 1
    if num.first > 0 and toks[num.first - 1].word == "%" and \
            toks[num.first - 1].end == toks[num.first].start:
        num.percent = True
    return num.last


_APPROX_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in APPROX:
    _APPROX_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))


def _approx_before(toks: list[NumTok], first: int) -> tuple[int | None, str | None]:
    if first == 0:
        return None, None
    word = toks[first - 1].word
    candidates = _APPROX_BY_LAST.get(word) or _APPROX_BY_LAST.get(word[1:], []) \
        if word[:1] in "بلو" else _APPROX_BY_LAST.get(word, [])
    for words, kind in candidates:
        n = len(words)
        if first - n < 0:
            continue
        seen = [t.word for t in toks[first - n:first]]
        if seen[0] != words[0] and seen[0][:1] in "بلو" and seen[0][1:] == words[0]:
            seen[0] = seen[0][1:]  # بنحو, لحوالي, وأكثر
        if tuple(seen) == words:
            return first - n, kind
    return None, None


def _approx_after(toks: list[NumTok], last: int) -> tuple[int | None, str | None]:
    k = last + 1
    for words, kind in APPROX_AFTER:
        if tuple(t.word for t in toks[k:k + len(words)]) == words:
            return k + len(words) - 1, kind
    return None, None


def _unit(toks: list[NumTok], num: Num, end_tok: int) -> tuple[str, str | None, int | None]:
    """(unit, slot, index of the unit token) for the noun after the number, or before it for
    "قتلى: 40" and "الساعات الـ24"."""
    before = _unit_before(toks, num)
    if before is not None:
        return before
    k = end_tok + 1
    if k < len(toks) and toks[k].word in ("من", "of"):
        k += 1
    candidates = []
    for j in range(k, min(k + 3, len(toks))):
        tok = toks[j]
        if tok.value is not None or not tok.word[:1].isalpha() or tok.word in _UNIT_STOP:
            break
        candidates.append((j, unit_form(tok.word, tok.raw)))
        if tok.word[:1] < "\u0250" and len(candidates) < 2:
            continue  # English: an adjective may come first ("40 Syrian soldiers")
        break
    for j, form in candidates:
        if form in SLOTS:
            return form, SLOTS[form], j
    if candidates:
        j, form = candidates[0]
        return form, None, j
    return "", None, None


def _unit_before(toks: list[NumTok], num: Num) -> tuple[str, str | None, int | None] | None:
    i = num.first
    if num.definite and i >= 2 and toks[i - 2].word[:1].isalpha():
        form = unit_form(toks[i - 2].word, toks[i - 2].raw)
        return form, SLOTS.get(form), None
    if i >= 2 and toks[i - 1].word == ":" and SLOTS.get(unit_form(toks[i - 2].word, "")):
        form = unit_form(toks[i - 2].word, toks[i - 2].raw)
        return form, SLOTS[form], None
    if toks[i].word in ("واحد", "واحده") and i >= 1:
        form = unit_form(toks[i - 1].word, toks[i - 1].raw)
        return form, SLOTS.get(form), None
    return None


def _special_slot(toks: list[NumTok], num: Num, unit: str, slot: str | None) -> str | None:
    """Years, dates, and killed/injured/arrested read from a nearby verb."""
    if num.digits and not num.scaled and not num.percent and num.value.is_integer():
        if toks[num.first].raw.isdigit() or toks[num.first].word.isdigit():
            if _is_year(toks, num, slot):
                return "year"
    if unit in MONTHS or (num.first > 0 and toks[num.first - 1].word in MONTHS):
        if num.value <= 31 and num.value.is_integer():
            return "date"
    if slot in PEOPLE_SLOTS and slot not in MEASURE_SLOTS:
        context = _context_slot(toks, num)
        if context:
            return context
    return slot


def _is_year(toks: list[NumTok], num: Num, slot: str | None) -> bool:
    if not 1900 <= num.value <= 2100 or "," in toks[num.first].word:
        return False
    cue = num.first > 0 and toks[num.first - 1].word in YEAR_CUES
    return cue or slot is None


def _context_slot(toks: list[NumTok], num: Num) -> str | None:
    lo = max(0, num.first - 4)
    for tok in reversed(toks[lo:num.first]):
        if tok.word in CLAUSE_END:
            break
        slot = CONTEXT_WORDS.get(tok.word) or CONTEXT_WORDS.get(_drop_conj(tok.word))
        if slot:
            return slot
    for tok in toks[num.last + 1:num.last + 6]:
        if tok.word in CLAUSE_END:
            break
        slot = CONTEXT_WORDS.get(tok.word) or CONTEXT_WORDS.get(_drop_conj(tok.word))
        if slot:
            return slot
    return None


def _drop_conj(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word
