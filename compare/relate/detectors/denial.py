"""Denial: a claim against its denial, and two denials of one claim."""

from __future__ import annotations

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import anchors_shared, cross_lingual
from compare.relate.cues import DENY, DENY_WEAK, NEG, Claim, Cue, cue_span
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import same_word, shared


@detector("denial", order=2, typed=True, title="One asserts, the other denies",
          features=("contradict", "agree"))
def denial(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """A claim and its denial contradict; two denials of one claim agree.

    The negation must bear on a predicate the other claim states (the content word after a
    particle, or one of the few after a denial verb, is in the other claim), and the two
    claims must share most of their content. Across languages, where words cannot be compared,
    only explicit denials (نفى, denied) count, and only when the claims share a figure, place
    or party."""
    na, nb = a.negations, b.negations
    if not na and not nb:
        return []
    if na and nb:
        cue_a, cue_b = _mutual_cues(a, b, s.shared_denial)
        if cue_a is None or cue_b is None:
            return []
        detail = {"side": "both", "a": cue_a.text, "b": cue_b.text}
        return [Finding("denial", "agree", detail,
                        f"denial: «{cue_a.text}» in A and «{cue_b.text}» in B")]
    neg, other, side = (a, b, "A") if na else (b, a, "B")
    cue = _denying_cue(neg, other, s.shared_denial)
    if cue is None:
        return []
    detail = {"side": side.lower(), "cue": cue.text}
    return [Finding("denial", "contradict", detail, f"denial: «{cue.text}» in {side} only")]


def _mutual_cues(a: Claim, b: Claim, wanted: float) -> tuple[Cue | None, Cue | None]:
    """The cues by which each of two negated claims denies what the other states."""
    if cross_lingual(a, b):
        strong_a = [c for c in a.negations if c.value == DENY]
        strong_b = [c for c in b.negations if c.value == DENY]
        if strong_a and strong_b and anchors_shared(a, b):
            return strong_a[0], strong_b[0]
        return None, None
    skip_a = [i for c in a.negations for i in cue_span(c)]
    skip_b = [i for c in b.negations for i in cue_span(c)]
    if shared(a, b, skip_a, skip_b) < wanted:
        return None, None
    cue_a = next((c for c in a.negations if _scope_shared(a, b, c)), None)
    cue_b = next((c for c in b.negations if _scope_shared(b, a, c)), None)
    return cue_a, cue_b


def _denying_cue(neg: Claim, other: Claim, wanted: float) -> Cue | None:
    if cross_lingual(neg, other):
        strong = [c for c in neg.negations if c.value == DENY]
        return strong[0] if strong and anchors_shared(neg, other) else None
    skip = [i for c in neg.negations for i in cue_span(c)]
    if shared(neg, other, skip) < wanted:
        return None
    return next((c for c in neg.negations if _scope_shared(neg, other, c)), None)


# How many content words after a cue it negates: a particle the next word (لم يستقل, not
# resign); a denial verb its subject and object (نفى المتحدث باسم الحكومة استقالة الوزير).
SCOPE = {NEG: 1, DENY_WEAK: 3, DENY: 6}


def _scope_shared(neg: Claim, other: Claim, cue: Cue) -> bool:
    """What the cue negates is stated by the other claim: one of the content words in its
    scope (``SCOPE``) is a word of the other claim."""
    width = SCOPE[cue.value]
    scope = [w for w in neg.content if w[0] >= cue.end][:width]
    return any(same_word(x, y) for x in scope for y in other.content)
