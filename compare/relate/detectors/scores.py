"""Scores and tallies as claims write them, for the ``result`` detector: "2-1", "٢-١", "2:1",
"2 à 1", "two goals to one", "بهدفين مقابل هدف", "بثلاثية نظيفة", "a goalless draw"; "by 12
votes to 3", "بأغلبية 12 صوتا مقابل 3", "par 12 voix contre 3", "12 голосами против 3".

Not a detector: it registers nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from compare.relate.cues import Claim
from compare.relate.detectors.frames import clause_break, gap, has, lookup
from compare.relate.table import fold_set
from compare.text.lexicon import casualties, numbers
from compare.text.lexicon import results as words
from compare.text.lexicon.places import MONTHS as MONTH_NAMES
from compare.text.normalize import fold_word

_DASHES = frozenset({"-", "–", "—", "−", ":"})
_MONTHS = numbers.MONTHS | fold_set(name for _, names in MONTH_NAMES for name in names)
_SMALL = {**numbers.EN_ONES, **numbers.AR_ONES,
          **{w: v for k, v in casualties.COUNT_WORDS.items() for w in fold_set([k])},
          **dict.fromkeys(fold_set(words.NIL), 0)}
_GOAL_WORDS = {w: v for k, v in words.GOAL_WORDS.items() for w in fold_set([k])}
_GOAL_NOUNS = fold_set(words.GOAL_NOUNS)
_JOINERS = fold_set(words.SCORE_JOINERS)
_NIL_AFTER = fold_set(words.NIL_AFTER)
_NIL_PHRASES = frozenset(tuple(fold_word(w) for w in p) for p in words.NIL_PHRASES)
_SAME_AFTER = fold_set(words.SAME_AFTER)
_GOALLESS = fold_set(words.GOALLESS)
_TALLY_NOUNS = fold_set(words.TALLY_NOUNS)
_TALLY_FOR = fold_set(words.TALLY_FOR)
_TALLY_AGAINST = fold_set(words.TALLY_AGAINST)
_TALLY_LEADS = fold_set(words.TALLY_LEADS)
_AGAINST_WORDS = fold_set(words.TALLY_AGAINST_WORDS)
VOTE_CONTEXT = fold_set(words.VOTE_CONTEXT)
# Words a score may be written with when it has no digits.
SCORE_WORDS = frozenset(_GOAL_WORDS) | _GOAL_NOUNS | _GOALLESS


class Count(NamedTuple):
    """Two numbers read together (goals of a match, or votes for and against) and the tokens
    they were read from."""

    pair: tuple[int, int]
    idx: tuple[int, ...]


def number(claim: Claim, i: int) -> int | None:
    """Token ``i`` as a small whole number: digits, or a number word in any of the four
    languages ("three", "ثلاثة", "trois", "трое", "nil")."""
    if not 0 <= i < len(claim.toks):
        return None
    norm = claim.toks[i].norm
    if norm.isdigit():
        return int(norm) if len(norm) <= 3 else None
    return lookup(claim, i, _SMALL)


def _goals(claim: Claim, i: int) -> tuple[int, int] | None:
    """(goals, last token) for "هدفين", "ثلاثة أهداف", "2 buts", "two goals" or a number."""
    value = lookup(claim, i, _GOAL_WORDS)
    if value is not None:
        return value, i
    value = number(claim, i)
    if value is None:
        return None
    return (value, i + 1) if has(claim, i + 1, _GOAL_NOUNS) else (value, i)


def _dashed(claim: Claim, i: int) -> bool:
    """Tokens ``i`` and ``i + 1`` are two numbers joined by a dash or colon ("2-1", "2:1"),
    not part of a longer chain (a date such as 2017-09-14)."""
    n = len(claim.toks)
    if i + 1 >= n or number(claim, i) is None or number(claim, i + 1) is None:
        return False
    joint = gap(claim, i)
    if joint not in _DASHES or (joint == ":" and len(claim.toks[i + 1].norm) != 1):
        return False
    before = i > 0 and claim.toks[i - 1].norm.isdigit() and gap(claim, i - 1) in _DASHES | {"/"}
    after = i + 2 < n and claim.toks[i + 2].norm.isdigit() and gap(claim, i + 1) in _DASHES | {"/"}
    month = has(claim, i + 2, _MONTHS) or has(claim, i - 1, _MONTHS)  # "10-11 October"
    return not (before or after or month)


def scores(claim: Claim, draw: bool) -> list[Count]:
    """The match scores a claim writes, in order; ``draw`` (the claim names a draw) lets a
    goalless word read as 0-0."""
    found: list[Count] = []
    i, n = 0, len(claim.toks)
    while i < n:
        count = _score_at(claim, i, draw)
        if count is None:
            i += 1
            continue
        found.append(count)
        i = count.idx[-1] + 1
    return found


def _score_at(claim: Claim, i: int, draw: bool) -> Count | None:
    if _dashed(claim, i):
        return Count((number(claim, i), number(claim, i + 1)), (i, i + 1))
    if draw and has(claim, i, _GOALLESS):
        return Count((0, 0), (i,))
    first = _goals(claim, i)
    if first is None:
        return None
    value, last = first
    spoken = last > i or lookup(claim, i, _GOAL_WORDS) is not None  # "هدفين", "two goals"
    if has(claim, last + 1, _JOINERS) and not clause_break(claim, last + 1):
        second = _goals(claim, last + 2)
        if second is not None and (spoken or claim.toks[i].norm.isdigit()):
            return Count((value, second[0]), tuple(range(i, second[1] + 1)))
    if not spoken:
        return None
    if has(claim, last + 1, _NIL_AFTER):
        return Count((value, 0), tuple(range(i, last + 2)))
    if has(claim, last + 1, _SAME_AFTER):
        return Count((value, value), tuple(range(i, last + 2)))
    following = tuple(claim.toks[k].norm for k in range(last + 1, min(last + 3, len(claim.toks))))
    if following in _NIL_PHRASES:
        return Count((value, 0), tuple(range(i, last + 3)))
    return None


def tallies(claim: Claim) -> list[Count]:
    """The vote tallies a claim writes (for, against), in order."""
    found: list[Count] = []
    n = len(claim.toks)
    for i in range(n):
        if found and i <= found[-1].idx[-1]:
            continue
        count = _tally_at(claim, i, n)
        if count is not None:
            found.append(count)
    return found


def _against(claim: Claim, j: int) -> int | None:
    """The token of the number after "against" at ``j`` ("مقابل 3", "مقابل رفض 127")."""
    for k in (j + 1, j + 2):
        if number(claim, k) is not None:
            return k
        if not has(claim, k, _AGAINST_WORDS):
            return None
    return None


def _tally_at(claim: Claim, i: int, n: int) -> Count | None:
    first = number(claim, i)
    if first is None:
        return None
    lead = next((k for k in (i - 1, i - 2) if has(claim, k, _TALLY_LEADS | _TALLY_FOR)), None)
    start = lead if lead is not None else i
    if _dashed(claim, i) and (has(claim, i + 2, VOTE_CONTEXT) or has(claim, i - 1, VOTE_CONTEXT)):
        return Count((first, number(claim, i + 1)), tuple(range(start, i + 2)))
    noun = favour = False
    for j in range(i + 1, min(i + 6, n)):
        if has(claim, j, _TALLY_NOUNS):
            noun = True
        elif has(claim, j, _TALLY_FOR):
            favour = True
        elif has(claim, j, _TALLY_AGAINST) and _against(claim, j) is not None:
            k = _against(claim, j)
            if noun or favour or lead is not None or has(claim, k + 1, _TALLY_NOUNS):
                end = k + 1 if has(claim, k + 1, _TALLY_NOUNS) else k
                pair = (first, number(claim, k))
                if has(claim, end + 1, _TALLY_FOR):  # "415 صوتا مقابل 127 صوتا مؤيدا"
                    pair, end = (pair[1], pair[0]), end + 1
                return Count(pair, tuple(range(start, end + 1)))
            return None
        elif number(claim, j) is not None:
            if favour and has(claim, j + 1, _TALLY_AGAINST):  # "12 pour et 3 contre"
                return Count((first, number(claim, j)), tuple(range(start, j + 2)))
            return None
    return None
