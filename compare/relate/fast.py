"""The relation step's first pass (``relate_fast``): pairs whose relation the rules fix
whatever the pair classifier reads are decided without it, so the cross-encoder reads only the
pairs whose relation it can change.

Two rules, each exact (the full path gives these pairs the same relation by construction):

- the same words after normalisation agree (:func:`compare.relate.rules.same_words`);
- a ``different_event`` finding makes the pair ``related``
  (:func:`compare.relate.rules.fixed_relation`).

A typed contradiction (a number, a denial, an opposite outcome…) is fixed as well when the
classifier's rules let detectors decide, but those pairs are still read: they are the
contradictions a run reports, ranked by the classifier's confidence and shown with its view,
and they are about 1 % of a run's pairs (275 of 24,198 on 300 real articles).

What the first pass cannot give is the classifier's probability: a different-event pair
reports the weight the rules give a finding that decides (0.5, the floor of a ruled relation
in :func:`compare.relate.rules.decide`) and the reason :data:`UNREAD` in place of the
classifier's view; same-word pairs report 0.5 and, as on the full path, no classifier view.
``bench/relate_fast.py`` measures the share of pairs each rule decides and the relations
against the full path.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.relate.cues import Claim
from compare.relate.detectors import Finding
from compare.relate.rules import SAME_WORDS, Decision, Rules, finding_kinds, fixed_relation

UNREAD = "classifier: not read (the relation does not depend on it)"
RULED_CONFIDENCE = 0.5

RULES = ("same_words", "different_event")


def first_pass_rule(a: Claim, b: Claim, findings: Sequence[Finding],
                    rules: Rules) -> str | None:
    """Which rule of :data:`RULES` fixes the pair's relation without the classifier, or None
    when the classifier reads the pair."""
    if a.norm and a.norm == b.norm:
        return "same_words"
    return "different_event" if fixed_relation(findings, rules) == "related" else None


def first_pass(a: Claim, b: Claim, findings: Sequence[Finding],
               rules: Rules) -> Decision | None:
    """The decision for a pair whose relation the rules fix whatever the classifier reads, or
    None when the classifier must read the pair."""
    rule = first_pass_rule(a, b, findings, rules)
    if rule is None:
        return None
    reasons = [f.reason for f in findings]
    if rule == "same_words":  # the full path shows no classifier view for these either
        return Decision("agree", RULED_CONFIDENCE, [*reasons, SAME_WORDS],
                        finding_kinds(findings))
    return Decision("related", RULED_CONFIDENCE, [*reasons, UNREAD], finding_kinds(findings))
