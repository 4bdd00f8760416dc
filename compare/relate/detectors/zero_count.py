"""None against some: "no one was hurt" against "three were injured", in one event."""

from __future__ import annotations

from typing import NamedTuple

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import anchors_clash, cross_lingual
from compare.relate.cues import NEG, Claim
from compare.relate.detectors.frames import (
    anchored,
    clause_break,
    forms,
    has,
    lookup,
    mentions,
    per_claim,
    quote,
    shown,
)
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import shared
from compare.relate.table import fold_set
from compare.text.lexicon import casualties as lx
from compare.text.lexicon import numbers as number_words


def _table(words: dict[str, str]) -> dict[str, str]:
    return {w: v for k, v in words.items() for w in fold_set([k])}


_NOUNS = _table(lx.CASUALTY_NOUNS)
_NEEDS_NEXT = {w: (fold_set([nxt]), slot) for k, (nxt, slot) in lx.CASUALTY_NEEDS_NEXT.items()
               for w in fold_set([k])}
_ZERO = fold_set(lx.ZERO_WORDS)
_FILLERS = fold_set(lx.ZERO_FILLERS)
_RESULT_VERBS = fold_set(lx.ZERO_RESULT_VERBS)
_AFTER = fold_set(lx.ZERO_AFTER)
_NOBODY_PHRASES = tuple(tuple(next(iter(fold_set([w]))) for w in p) for p in lx.NOBODY)
_NOBODY_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _words in _NOBODY_PHRASES:
    _NOBODY_BY_FIRST.setdefault(_words[0], []).append(_words)
_NOBODY_AR = fold_set(lx.NOBODY_AR)
_HURT = _table(lx.HURT_VERBS)
_COUNT_WORDS = {w: v for k, v in lx.COUNT_WORDS.items() for w in fold_set([k])}
_COUNT_SLOTS = _table(lx.COUNT_SLOTS)
_CONTEXT = number_words.CONTEXT_WORDS
_OR = fold_set("or and ou et или и أو".split())
SLOTS = ("killed", "injured")


class Said(NamedTuple):
    """None or some in one slot (killed, injured or casualties), where the claim says it."""

    slot: str
    value: float  # 0 for none
    idx: tuple[int, ...]  # the tokens that say it


@detector("zero_count", order=8, typed=True, title="None against some")
def zero_count(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """One claim says none were killed or hurt ("no one was hurt", "لم يسفر عن إصابات",
    "aucune victime", "без жертв") and the other counts some in that slot ("three were
    injured", "أصيب ثلاثة", "трое ранены"): a contradiction; both saying none agree.

    "No casualties" covers the killed and the injured; "no one was injured" says nothing of the
    dead. The two claims must be about one event: within a language the rest of their words is
    shared; across languages they name one place or (not generic) party, or share a figure,
    and none differs."""
    if not (_casualties(a) or _casualties(b)):
        return []
    za, zb = zeros(a), zeros(b)
    if not za and not zb:
        return []
    findings = []
    for x, y, direction in _pairs(a, b, za, zb):
        if not _same_event(a, b, x, y, s):
            continue
        qa, qb = quote(a, x.idx), quote(b, y.idx)
        slot = x.slot if x.value == 0 else y.slot
        detail = {"slot": slot, "a": qa, "b": qb}
        sign = "≠" if direction == "contradict" else "="
        findings.append(Finding("zero_count", direction, detail,
                                f"zero count: {shown(qa)} {sign} {shown(qb)} ({slot})"))
        break
    return findings


def _pairs(a: Claim, b: Claim, za: list[Said], zb: list[Said]):
    """(said in A, said in B, direction): none against some first, then none and none."""
    for x in za:
        for y in counts(b):
            if _covers(x.slot, y.slot):
                yield x, y, "contradict"
    for y in zb:
        for x in counts(a):
            if _covers(y.slot, x.slot):
                yield x, y, "contradict"
    for x in za:
        for y in zb:
            if x.slot == y.slot or "casualties" in (x.slot, y.slot):
                yield x, y, "agree"


def _covers(zero: str, some: str) -> bool:
    """None in slot ``zero`` is denied by some in slot ``some``."""
    return zero == some or zero == "casualties"


def _same_event(a: Claim, b: Claim, x: Said, y: Said, s: DetectorSettings) -> bool:
    if anchors_clash(a, b):
        return False
    if cross_lingual(a, b):
        return anchored(a, b)
    return shared(a, b, x.idx, y.idx) >= s.shared_outcome


@per_claim
def _casualties(claim: Claim) -> bool:
    """The claim names casualties at all (a noun or a verb of them)."""
    return mentions(claim, _NOUNS) or mentions(claim, _HURT) or mentions(claim, _NEEDS_NEXT)


@per_claim
def zeros(claim: Claim) -> list[Said]:
    """Every "none" the claim says, and its slot; a slot the claim also counts is left out."""
    found = [*_none_of(claim), *_nobody(claim)]
    some = {c.slot for c in counts(claim)} if found else set()
    return [z for z in found if not any(_covers(z.slot, c) for c in some)]


def _none_of(claim: Claim) -> list[Said]:
    """A zero word or negation, then (after allowed words) casualty nouns: "no casualties",
    "لم يسفر الانفجار عن إصابات", "sans faire de victimes", "не было жертв"; "жертв нет"."""
    starts = {c.end: c.start for c in claim.negations if c.value == NEG}
    starts.update({i + 1: i for i, token in enumerate(forms(claim))
                   if not _ZERO.isdisjoint(token)})
    found = []
    for k, first in sorted(starts.items()):
        found.extend(_nouns_from(claim, k, first))
    for i, token in enumerate(forms(claim)[1:], 1):  # "жертв нет"
        slot = not _AFTER.isdisjoint(token) and _noun(claim, i - 1)
        if slot:
            found.append(Said(slot, 0, (i - 1, i)))
    return found


def _nouns_from(claim: Claim, k: int, first: int) -> list[Said]:
    n, subject = len(claim.toks), False
    for step in range(5):
        if k >= n or (step and clause_break(claim, k)):
            return []
        slot = _noun(claim, k)
        if slot:
            said = [Said(slot, 0, tuple(range(first, k + 1)))]
            while k + 2 < n and has(claim, k + 1, _OR) and _noun(claim, k + 2):
                k += 2
                said.append(Said(_noun(claim, k), 0, tuple(range(first, k + 1))))
            return said
        if has(claim, k, _RESULT_VERBS):
            subject = True  # one word (the subject) may follow: "لم يسفر الانفجار عن"
        elif not has(claim, k, _FILLERS):
            if not subject:
                return []
            subject = False
        k += 1
    return []


def _noun(claim: Claim, i: int) -> str | None:
    slot = lookup(claim, i, _NOUNS)
    if slot:
        return slot
    needs = lookup(claim, i, _NEEDS_NEXT)
    return needs[1] if needs and has(claim, i + 1, needs[0]) else None


def _nobody(claim: Claim) -> list[Said]:
    """"no one was hurt", "personne n'a été blessé", "никто не пострадал", "لم يصب أحد"."""
    norms = tuple(t.norm for t in claim.toks)
    found = []
    for i, norm in enumerate(norms):
        for words in _NOBODY_BY_FIRST.get(norm, ()):
            if norms[i:i + len(words)] == words:
                for k in range(i + len(words), min(i + len(words) + 4, len(norms))):
                    slot = lookup(claim, k, _HURT)
                    if slot:
                        found.append(Said(slot, 0, tuple(range(i, k + 1))))
                        break
    for c in claim.negations:
        slot = c.value == NEG and lookup(claim, c.end, _HURT)
        if slot and has(claim, c.end + 1, _NOBODY_AR):
            found.append(Said(slot, 0, tuple(range(c.start, c.end + 2))))
    return found


@per_claim
def counts(claim: Claim) -> list[Said]:
    """Some killed or injured: the number reader's figures in those slots (with the verb next
    to them), and counts in French and Russian words or Arabic duals."""
    found = []
    for n in claim.numbers:
        if n.get("slot") in SLOTS and (n.get("low") or n.get("value") or 0) > 0:
            idx = [i for i, t in enumerate(claim.toks) if n["start"] <= t.start < n["end"]]
            if idx:
                found.append(Said(n["slot"], n["value"], _with_verb(claim, idx)))
    for i in range(len(claim.toks)):
        value = _COUNT_WORDS.get(claim.toks[i].norm)
        if value is None and claim.toks[i].norm.isdigit() and claim.lang != "ar":
            value = int(claim.toks[i].norm) or None
        if not value or any(i in c.idx for c in found):
            continue
        said = _count_slot(claim, i, value)
        if said is None and claim.toks[i].norm in _COUNT_WORDS:
            slot = _context(claim, i)
            said = Said(slot, value, _with_verb(claim, [i])) if slot else None
        if said is not None:
            found.append(said)
    return found


def _count_slot(claim: Claim, i: int, value: float) -> Said | None:
    """A count and the word after it (or up to three before it) that says what it counts:
    "trois blessés", "трое ранены", "погибли два человека", "la mort de deux personnes"."""
    for k in (*range(i, min(i + 5, len(claim.toks))), i - 1, i - 2, i - 3):
        if k < 0 or any(clause_break(claim, j) for j in range(min(i, k) + 1, max(i, k) + 1)):
            continue
        slot = lookup(claim, k, _COUNT_SLOTS)
        if slot:
            return Said(slot, value, tuple(range(min(i, k), max(i, k) + 1)))
    return None


def _context(claim: Claim, i: int) -> str | None:
    for k in (i - 1, i - 2, i + 1, i + 2):
        slot = lookup(claim, k, _CONTEXT)
        if slot in SLOTS:
            return slot
    return None


def _with_verb(claim: Claim, idx: list[int]) -> tuple[int, ...]:
    """The number's tokens and the verb that says what it counts, when one is next to it."""
    lo, hi = min(idx), max(idx)
    for k in (lo - 1, lo - 2, hi + 1, hi + 2, hi + 3):
        if 0 <= k < len(claim.toks) and lookup(claim, k, _CONTEXT) in SLOTS:
            if not any(clause_break(claim, j) for j in range(min(k, lo) + 1, max(k, hi) + 1)):
                return tuple(range(min(k, lo), max(k, hi) + 1))
    return tuple(idx)
