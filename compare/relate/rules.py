"""The relation rules: one pair's relation from the classifier's probabilities and the
detectors' findings, and the two tests a run applies before it calls a pair a contradiction.

- a ``different_event`` finding caps the relation at ``related`` — never contradict (nor agree:
  two different events are not the same assertion);
- an ``attribution`` finding never changes the relation; it is only a reason;
- an ``accusation`` finding (both blame the same side over the same party) turns ``related``
  into ``agree`` when no typed finding argues for a contradiction;
- every relation keeps its reasons: the findings' own, then ``classifier: <label> <p>``.

In a run, a contradiction passes two more tests (:func:`run_veto`). The two claims must be
recognisably the same assertion (:func:`same_assertion`: most words shared or a
near-paraphrase's cosine; across languages, where no words are shared, the cosine alone), and a
typed detector must find what differs (:func:`typed_contradiction`: a number, a denial, an
opposite outcome). Those pairs otherwise stay ``related``, the classifier's view kept as a reason.

The decision offsets were tuned on dev splits only and travel with the classifier's weights
(``relation`` in its JSON, read as :class:`Rules`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from compare.config import Settings
from compare.relate.cues import Claim
from compare.relate.detectors import Finding, detect, typed_kinds
from compare.relate.overlap import word_overlap
from compare.schema import RELATIONS as LABELS


@dataclass(frozen=True)
class Rules:
    """Decision rules stored with the classifier: log-probability offsets per label (in
    ``LABELS`` order) and whether a typed finding alone makes a contradiction."""

    bias: tuple[float, float, float] = (0.0, 0.0, 0.0)
    detectors_decide: bool = False

    @classmethod
    def from_meta(cls, meta: Mapping | None) -> Rules:
        """The rules in a classifier's ``relation`` metadata (the defaults when absent)."""
        if not meta:
            return cls()
        return cls(tuple(float(b) for b in meta["bias"]), bool(meta.get("detectors_decide")))

    def as_meta(self) -> dict:
        return {"bias": list(self.bias), "detectors_decide": self.detectors_decide}


@dataclass(frozen=True)
class Decision:
    """One pair's relation, its confidence, the reasons shown and the finding kinds behind it."""

    relation: str
    confidence: float
    reasons: list[str]
    kinds: list[str]


def typed_contradiction(findings: Sequence[Finding]) -> bool:
    """Whether a typed detector (numbers, denial, opposite outcome) finds a contradiction."""
    typed = typed_kinds()
    return any(f.kind in typed and f.direction == "contradict" for f in findings)


def finding_kinds(findings: Sequence[Finding]) -> list[str]:
    """The kinds of ``findings``, each once, in the order found."""
    return list(dict.fromkeys(f.kind for f in findings))


def fixed_relation(findings: Sequence[Finding], rules: Rules = Rules()) -> str | None:
    """The relation the findings impose whatever the classifier reads, or None: ``related``
    for a ``different_event`` finding, ``contradict`` for a typed contradiction when
    ``rules.detectors_decide``."""
    if any(f.kind == "different_event" for f in findings):
        return "related"
    if rules.detectors_decide and typed_contradiction(findings):
        return "contradict"
    return None


def decide(proba: np.ndarray, findings: Sequence[Finding], rules: Rules = Rules()) -> Decision:
    """One pair's relation from the classifier's probabilities (``LABELS`` order) and the
    detectors' findings.

    The confidence is the classifier's probability of the relation given, except when a rule
    overrides it: a capped or detector-decided relation reports the findings' own weight (the
    larger of 0.5 and the classifier's probability of that relation).
    """
    proba = np.asarray(proba, dtype=np.float64)
    scores = np.log(np.maximum(proba, 1e-12)) + np.asarray(rules.bias, dtype=np.float64)
    relation = LABELS[int(scores.argmax())]
    kinds = {f.kind for f in findings}
    typed = typed_contradiction(findings)
    ruled = False
    if fixed := fixed_relation(findings, rules):
        ruled, relation = relation != fixed, fixed
    elif "accusation" in kinds and not typed and relation == "related":
        ruled, relation = True, "agree"  # the same side blamed over the same thing
    p = float(proba[LABELS.index(relation)])
    confidence = max(0.5, p) if ruled else p
    top = int(proba.argmax())
    reasons = [f.reason for f in findings] + [f"classifier: {LABELS[top]} {proba[top]:.2f}"]
    return Decision(relation, round(confidence, 4), reasons, finding_kinds(findings))


SAME_WORDS = "same words: the two claims say the same thing word for word"


def same_words(a: Claim, b: Claim, proba: np.ndarray, findings: Sequence[Finding],
               ) -> Decision | None:
    """``agree`` for two claims with the same words after normalisation (a wire text
    republished, a quote repeated), else None. The classifier has read two identical English
    sentences as a contradiction."""
    if not a.norm or a.norm != b.norm:
        return None
    p = float(proba[LABELS.index("agree")])
    reasons = [f.reason for f in findings] + [SAME_WORDS]
    return Decision("agree", round(max(0.5, p), 4), reasons, finding_kinds(findings))


UNTYPED = ("not flagged: only the classifier reads a contradiction; no number, denial or "
           "opposite outcome differs")


def run_veto(a: Claim, b: Claim, similarity: float, settings: Settings,
             findings: Sequence[Finding] | None = None, confidence: float = 0.0) -> str:
    """Why a run does not call a pair the step reads as a contradiction one (the reason the
    report shows), or "" when it does: the claims must be :func:`same_assertion` and, with
    ``contradict_needs_finding``, a typed detector must name what differs — unless the
    classifier's ``confidence`` reaches ``contradict_untyped_confidence``."""
    ok, why = same_assertion(a, b, similarity, settings)
    if not ok:
        return why
    if settings.contradict_needs_finding and not typed_contradiction(
            detect(a, b, settings.detectors) if findings is None else findings):
        if confidence >= settings.contradict_untyped_confidence:
            return ""
        return UNTYPED
    return ""


def same_assertion(a: Claim, b: Claim, similarity: float, settings: Settings,
                   ) -> tuple[bool, str]:
    """Whether two aligned claims are close enough to be one assertion told two ways, and
    (when not) the reason shown in the report."""
    if a.lang != b.lang:  # no words to share: the cosine alone decides
        close = settings.contradict_min_similarity_across
        if similarity >= close:
            return True, ""
        return False, (f"not the same assertion: similarity {similarity:.2f} across languages "
                       f"(a contradiction needs {close:.2f})")
    overlap = word_overlap(a, b) / 100.0
    wanted, close = settings.contradict_min_overlap, settings.contradict_min_similarity
    if overlap >= wanted or similarity >= close:
        return True, ""
    return False, (f"not the same assertion: {overlap:.0%} of words shared, similarity "
                   f"{similarity:.2f} (a contradiction needs {wanted:.0%} or {close:.2f})")
