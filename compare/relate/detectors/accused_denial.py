"""The accused denies: one claim blames a side, the other has that side denying it."""

from __future__ import annotations

import re
from typing import NamedTuple

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import anchors_clash, anchors_shared, cross_lingual
from compare.relate.cues import DENY, Claim, Cue
from compare.relate.detectors.accusation import accused
from compare.relate.detectors.frames import (
    Words,
    clause_break,
    has,
    per_claim,
    quote,
    shown,
    stop,
    window,
)
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import same_word, shared
from compare.relate.table import fold_set
from compare.text import lexicon
from compare.text.lexicon import results as result_words
from compare.text.normalize import normalize

_ACCUSE = [re.compile(p) for p in lexicon.ACCUSATION_CUES]
_SIDES = [(side, re.compile(p)) for side, p in lexicon.SIDES]
_REPORTS = fold_set(lexicon.REPORT_NOUNS)
# Words inside a name: "the US Department of Defense", "ministère de la Défense".
_INSIDE = fold_set(result_words.NAME_INSIDE | {"des", "la"})
_WORDS = Words(aux=fold_set(result_words.AUXILIARIES), articles=fold_set(result_words.ARTICLES))
# How many words before a denial verb (after an Arabic one) may name who denies.
SUBJECT = 6
# Share of content the two claims need when they name no common party (as for accusations).
SHARED_MATTER = 0.3


class Denier(NamedTuple):
    """A denial cue, the sides named as its subject (or the claim's speaker), and the tokens
    quoted for it."""

    cue: Cue
    sides: frozenset[str]
    idx: tuple[int, ...]


@detector("accused_denial", order=10, typed=True, title="The accused denies")
def accused_denial(a: Claim, b: Claim,
                   s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """One claim blames a side (:func:`accusation.accused`: "اتهمت موسكو واشنطن", "Russia accused
    the US") and the other has that side denying it ("نفت واشنطن", "the Pentagon denied",
    "Washington a démenti", "Вашингтон опроверг"): a contradiction naming who accuses and who
    denies. The denial must bear on the accusation's matter: within one language a word it
    denies is in the accusation, and they share a party or some content; across languages they
    share a party, place or figure and none differs."""
    for acc, den, first in ((a, b, True), (b, a, False)):
        denying = deniers(den)
        blamed = _blamed(acc) - _accused(den) if denying else frozenset()
        if not blamed:
            continue
        for d in denying:
            common = blamed & d.sides
            if not common or not _same_matter(acc, den, d.cue, s):
                continue
            side = sorted(common)[0]
            q_acc, q_den = quote(acc, _accusation_idx(acc, side)), quote(den, d.idx)
            name = lexicon.DISPLAY.get(side, side)
            qa, qb = (q_acc, q_den) if first else (q_den, q_acc)
            where = ("A", "B") if first else ("B", "A")
            detail = {"side": side, "accuses": where[0].lower(), "a": qa, "b": qb}
            reason = (f"accused denial: {shown(q_acc)} in {where[0]}; {shown(q_den)} in "
                      f"{where[1]} ({name}, accused in {where[0]}, denies in {where[1]})")
            return [Finding("accused_denial", "contradict", detail, reason)]
    return []


_accused = per_claim(accused)


@per_claim
def deniers(claim: Claim) -> list[Denier]:
    """The claim's explicit denials with the sides that deny: the words naming the subject
    (before the verb, or after an Arabic verb that opens its clause), else the speaker."""
    speaker = normalize(claim.speaker) if claim.speaker else ""
    spoken = frozenset(side for side, rx in _SIDES if speaker and rx.search(speaker))
    found = []
    for cue in claim.negations:
        if cue.value != DENY:
            continue
        subject = _subject(claim, cue)
        text = " ".join(claim.toks[i].norm for i in subject)
        sides = frozenset(side for side, rx in _SIDES if text and rx.search(text)) or spoken
        if sides:
            found.append(Denier(cue, sides, tuple(sorted({*subject,
                                                          *range(cue.start, cue.end)}))))
    return found


def _subject(claim: Claim, cue: Cue) -> list[int]:
    before = []
    i = cue.start - 1
    while i >= 0 and len(before) < SUBJECT and not clause_break(claim, i + 1):
        if has(claim, i, _WORDS.aux) or has(claim, i, _WORDS.articles) \
                or has(claim, i, _INSIDE):
            i -= 1
            continue
        if stop(claim, i):
            break
        before.append(i)
        i -= 1
    if before or claim.tongue != "ar":
        return sorted(before)
    after = []  # an Arabic verb first: "نفت وزارة الدفاع الأمريكية الاتهامات"
    for j in range(cue.end, min(cue.end + SUBJECT, len(claim.toks))):
        if clause_break(claim, j) or stop(claim, j) or has(claim, j, _REPORTS):
            break
        after.append(j)
    return after


def _same_matter(acc: Claim, den: Claim, cue: Cue, s: DetectorSettings) -> bool:
    if anchors_clash(acc, den):
        return False
    if cross_lingual(acc, den):
        return anchors_shared(acc, den)
    scope = [w for w in den.content if w[0] >= cue.end][:6]
    if not any(same_word(x, y) for x in scope for y in acc.content):
        return False
    return bool(set(acc.actors) & set(den.actors)) or \
        shared(acc, den, (), range(cue.start, cue.end)) >= SHARED_MATTER


class _Accusation(NamedTuple):
    cue: int  # the blaming verb's token
    side: str  # the side blamed
    at: int  # the token naming it
    accuser: tuple[int, ...]  # the words before the verb naming who blames


@per_claim
def _accusation(claim: Claim) -> _Accusation | None:
    """Whom the claim blames, told apart from who blames: the first side named after the
    blaming verb, or in Arabic, where the subject follows the verb ("اتهمت روسيا الولايات
    المتحدة"), the second when two are and none was named before it; the sides named by the
    claim's speaker and by the words before the verb are the accuser's."""
    if not _accused(claim):
        return None
    joined, starts = "", []
    for t in claim.toks:
        starts.append(len(joined))
        joined += t.norm + " "
    at = min((m.start() for rx in _ACCUSE for m in rx.finditer(joined)), default=None)
    if at is None:
        return None
    cue = max(i for i, st in enumerate(starts) if st <= at)
    token = {st: i for i, st in enumerate(starts)}
    named = sorted((max(i for st, i in token.items() if st < m.end()), side)
                   for side, rx in _SIDES for m in rx.finditer(joined, starts[cue]))
    accuser = window(claim, cue, cue + 1, (), _WORDS).pre
    own = {side for side, rx in _SIDES
           if rx.search(" ".join(claim.toks[i].norm for i in accuser))
           or (claim.speaker and rx.search(normalize(claim.speaker)))}
    named = [(i, side) for i, side in named if i - cue <= 10 and side not in own]
    if not named:
        return None
    if not own and claim.tongue == "ar" and len({side for _, side in named}) > 1:
        first = named[0][1]
        named = [(i, side) for i, side in named if side != first]
    at_token, side = named[0]
    return _Accusation(cue, side, at_token, tuple(accuser))


def _blamed(claim: Claim) -> frozenset[str]:
    found = _accusation(claim)
    return frozenset({found.side}) if found else frozenset()


def _accusation_idx(claim: Claim, side: str) -> list[int]:
    """Who blames whom, in the claim's words: the words naming who blames, the blaming verb and
    the word naming the side blamed."""
    found = _accusation(claim)
    return [*found.accuser, *range(found.cue, found.at + 1)] if found else []
