"""Opposite outcomes of one event (took / withdrew, rose / fell)."""

from __future__ import annotations

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import anchors_clash, cross_lingual
from compare.relate.cues import Claim, Cue, cue_span
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import shared


@detector("antonym", order=3, typed=True, title="Opposite outcomes",
          features=("contradict", "agree"))
def antonym(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """Opposite outcomes of one event (سيطر ↔ انسحب, rose ↔ fell) contradict; the same outcome
    on both sides agrees. A side naming both outcomes of a concept says nothing about it."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for concept in sorted(a.outcomes.keys() & b.outcomes.keys()):
        oa, ob = a.outcomes[concept], b.outcomes[concept]
        if len(oa) != 1 or len(ob) != 1:
            continue
        (pa, ca), (pb, cb) = next(iter(oa.items())), next(iter(ob.items()))
        if (ca.text, cb.text) in seen or not _outcome_context(a, b, ca, cb, s.shared_outcome):
            continue
        seen.add((ca.text, cb.text))
        opposite = pa != pb
        detail = {"concept": concept, "a": ca.text, "b": cb.text}
        reason = f"antonym: {ca.text} {'↔' if opposite else '='} {cb.text}"
        findings.append(Finding("antonym", "contradict" if opposite else "agree", detail, reason))
    return findings


def _outcome_context(a: Claim, b: Claim, ca: Cue, cb: Cue, wanted: float) -> bool:
    """The outcome words are about the same thing: no named party or place differs, and (within
    one language) the rest of the claims is shared."""
    if anchors_clash(a, b):
        return False
    return cross_lingual(a, b) or shared(a, b, cue_span(ca), cue_span(cb)) >= wanted


def outcome_flips(a: Claim, b: Claim) -> int:
    """How many outcome concepts the two claims name with opposite words, context unchecked."""
    flips = 0
    for concept in a.outcomes.keys() & b.outcomes.keys():
        oa, ob = a.outcomes[concept], b.outcomes[concept]
        flips += len(oa) == 1 and len(ob) == 1 and oa.keys() != ob.keys()
    return flips
