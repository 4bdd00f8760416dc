"""Changed against unchanged: one claim has rates (prices, taxes, a decision) raised or cut, the
other has them kept."""

from __future__ import annotations

from typing import NamedTuple

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import anchors_clash, cross_lingual
from compare.relate.cues import Claim
from compare.relate.detectors.frames import (
    Words,
    anchored,
    clause_break,
    names_meet,
    negated,
    per_claim,
    quote,
    shown,
    stop,
    window,
    words_found,
)
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import shared
from compare.relate.table import Hit, fold_set, variants
from compare.text.lexicon import changes as lx
from compare.text.lexicon import results as result_words

_WORDS = Words(aux=fold_set(result_words.AUXILIARIES),
               passive_aux=fold_set(result_words.PASSIVE_AUX),
               articles=fold_set(result_words.ARTICLES),
               inside=fold_set(result_words.NAME_INSIDE))
_NEEDS_UNCHANGED = fold_set(lx.KEEP_NEEDS_UNCHANGED)
# How many words after a verb what it changes may stand, and how many content words (the
# subject of an Arabic verb: "رفع البنك المركزي المصري أسعار الفائدة") may come between.
REACH, BETWEEN = 6, 3
# A generic central bank matches only a generic one, and then needs another shared anchor.
GENERIC_BODY = "central_bank"


class Change(NamedTuple):
    """What a claim says happened to one thing: raised (+), cut (-), changed either way (~) or
    kept (=), with the tokens that say it and the words naming who decided."""

    state: str
    target: str
    idx: tuple[int, ...]
    agent: tuple[int, ...]


@detector("change", order=9, typed=True, title="Changed against unchanged")
def change(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """The same thing (interest rates, prices, taxes, output, a ruling) raised or cut in one
    claim and kept or left unchanged in the other contradicts ("رفع البنك المركزي أسعار
    الفائدة" / "أبقى البنك المركزي أسعار الفائدة دون تغيير"); both kept, or both moved the same
    way, agree. Who decided must be the same: the same words within one language (and most of
    the rest shared), the same named bank or body across languages."""
    ca, cb = changes(a), changes(b)
    findings = []
    for target in sorted(ca.keys() & cb.keys()):
        x, y = ca[target], cb[target]
        direction = _direction(x.state, y.state)
        if direction is None or not _same_decider(a, b, x, y, s):
            continue
        qa, qb = quote(a, x.idx + x.agent), quote(b, y.idx + y.agent)
        detail = {"target": target, "a": qa, "b": qb, "states": [x.state, y.state]}
        sign = "≠" if direction == "contradict" else "="
        findings.append(Finding("change", direction, detail,
                                f"change: {shown(qa)} {sign} {shown(qb)} ({target})"))
    return findings


def _direction(x: str, y: str) -> str | None:
    if (x == "=") != (y == "="):
        return "contradict"
    if x == y:
        return "agree"
    return None  # raised against cut is an opposite outcome (antonym), "~" says too little


def _same_decider(a: Claim, b: Claim, x: Change, y: Change, s: DetectorSettings) -> bool:
    if anchors_clash(a, b):
        return False
    bodies_a, bodies_b = _bodies(a), _bodies(b)
    if bodies_a and bodies_b and not bodies_a & bodies_b:
        return False
    if cross_lingual(a, b):
        common = bodies_a & bodies_b
        if common - {GENERIC_BODY}:
            return True
        return bool(common) and (anchored(a, b) or names_meet(a, x.agent, b, y.agent))
    if not (words_found(a, x.agent, b) and words_found(b, y.agent, a)):
        return False
    return shared(a, b, x.idx, y.idx) >= s.shared_outcome


def _bodies(claim: Claim) -> frozenset[str]:
    return frozenset(h.value for h in claim.tagged("change_body"))


@per_claim
def changes(claim: Claim) -> dict[str, Change]:
    """target → what the claim says happened to it; a target said to be both kept and
    changed is left out."""
    targets = claim.tagged("change_target")
    body_idx = {i for h in claim.tagged("change_body") for i in range(h.start, h.end)}
    unchanged = claim.tagged("unchanged")
    found: dict[str, set[Change]] = {}
    used: set[int] = set()
    verbs = claim.tagged("change") + claim.tagged("keep") + claim.tagged("uphold")
    for verb in sorted(verbs):
        state = _state(claim, verb, unchanged)
        target = state and _target(claim, verb, targets, body_idx)
        if not target or (verb.tag == "uphold" and target.value != "sentence"):
            continue
        idx = {*range(verb.start, verb.end), *range(target.start, target.end)}
        idx |= {i for c in claim.negations if c.end <= verb.start <= c.end + 2
                for i in range(c.start, c.end)}  # "لم يغير", "did not change"
        still = _near_unchanged(claim, target, unchanged)
        if still is not None:
            idx |= set(range(still.start, still.end))
            used.add(still.start)
        agent = _agent(claim, verb, target, idx)
        found.setdefault(target.value, set()).add(Change(state, target.value, tuple(sorted(idx)),
                                                         agent))
    for still in unchanged:
        if still.start in used:
            continue
        target = _target_before(claim, still, targets)
        if target is not None:
            idx = (*range(target.start, target.end), *range(still.start, still.end))
            found.setdefault(target.value, set()).add(Change("=", target.value, idx, ()))
    out = {}
    for target, said in found.items():
        states = {c.state for c in said}
        if len(states) == 1 or states <= {"+", "~"} or states <= {"-", "~"}:
            out[target] = min(said, key=lambda c: (c.state == "~", c.idx))
    return out


def _state(claim: Claim, verb: Hit, unchanged: list[Hit]) -> str | None:
    if verb.tag == "change":
        if negated(claim, verb.start):
            return "=" if verb.value == "~" else None  # "did not change" / "did not raise"
        return verb.value
    if negated(claim, verb.start):
        return None
    if _NEEDS_UNCHANGED.isdisjoint(variants(claim.toks[verb.start].norm)):
        return "="
    near = any(verb.end <= u.start <= verb.end + REACH for u in unchanged)
    return "=" if near else None


def _target(claim: Claim, verb: Hit, targets: list[Hit], body_idx: set[int]) -> Hit | None:
    """What the verb changes: the first target after it within reach, in its clause, with only
    function words, the decider's name and (Arabic, where the subject comes between) a few
    words between, or one word elsewhere ("raised its key interest rate"); else one just
    before it (a passive: "rates were raised")."""
    after = [t for t in targets if verb.end <= t.start <= verb.end + REACH]
    if after:
        t = min(after)
        if not any(clause_break(claim, i) for i in range(verb.end, t.start + 1)):
            between = sum(i not in body_idx and not stop(claim, i)
                          for i in range(verb.end, t.start))
            if between <= (BETWEEN if claim.tongue == "ar" else 1):
                return t
    return _target_before(claim, verb, targets)


def _target_before(claim: Claim, cue: Hit, targets: list[Hit]) -> Hit | None:
    """A target at most three words before ``cue``, with at most two content words between
    ("rates were raised", "les taux restent inchangés", "أسعار الفائدة دون تغيير")."""
    for t in sorted(targets, reverse=True):
        if t.end > cue.start or cue.start - t.end > 3:
            continue
        if any(clause_break(claim, i) for i in range(t.end, cue.start + 1)):
            return None
        content = sum(not stop(claim, i) for i in range(t.end, cue.start))
        return t if content <= 2 else None
    return None


def _near_unchanged(claim: Claim, target: Hit, unchanged: list[Hit]) -> Hit | None:
    return next((u for u in unchanged if target.end <= u.start <= target.end + 3
                 and not any(clause_break(claim, i) for i in range(target.end, u.start + 1))),
                None)


def _agent(claim: Claim, verb: Hit, target: Hit, idx: set[int]) -> tuple[int, ...]:
    """The words naming who decided: before the verb, or between an Arabic verb and what it
    changes."""
    skip = idx | {i for c in claim.negations for i in range(c.start, c.end)}
    w = window(claim, verb.start, verb.end, skip, _WORDS, halt=range(target.start, target.end))
    return tuple(sorted(w.pre or (w.post if target.start > verb.start else [])))
