"""Relation stage: for every aligned pair, agree, contradict or related — with its reasons.

The typed detectors (numbers, denial, opposite outcomes, different event, attribution) give
the evidence; a different event caps the relation at ``related``; attribution never changes
the relation, it is only a reason.
"""

from __future__ import annotations

import polars as pl

from compare import schema
from compare.config import Settings
from compare.detectors import Claim, detect, lexical_diff


def signature() -> str:
    """Identifies this relation step's behaviour; cached relations are reused only under it."""
    return "detectors-1"


def relate_pairs(pairs: pl.DataFrame, claims: pl.DataFrame, encoder=None,
                 settings: Settings | None = None) -> pl.DataFrame:
    """``pairs`` with ``relation``, ``reasons`` and ``confidence`` filled in."""
    settings = settings or Settings()
    schema.check(pairs, schema.PAIRS, "relate")
    schema.check(claims, schema.CLAIMS, "relate")
    rows = {r["claim_id"]: r for r in claims.iter_rows(named=True)}
    relations, reasons, confidences = [], [], []
    for a_id, b_id, sim in pairs.select("claim_id_a", "claim_id_b", "similarity").iter_rows():
        a, b = Claim.from_row(rows[a_id]), Claim.from_row(rows[b_id])
        relation, why, confidence = decide(detect(a, b), sim, settings)
        relations.append(relation)
        reasons.append(why)
        confidences.append(confidence)
    return pairs.with_columns(
        relation=pl.Series(relations, dtype=pl.String),
        reasons=pl.Series(reasons, dtype=pl.List(pl.String)),
        confidence=pl.Series(confidences, dtype=pl.Float64),
    )


def decide(findings: list, similarity: float, settings: Settings) -> tuple[str, list[str], float]:
    """The relation the findings support, the reasons kept, and a confidence in [0, 1]."""
    reasons = [f.reason for f in findings]
    kinds = {f.kind for f in findings}
    if "different_event" in kinds:
        return "related", reasons, 0.6
    if any(f.direction == "contradict" for f in findings):
        return "contradict", reasons, 0.7
    if similarity >= settings.align_threshold:
        return "agree", reasons, min(1.0, 0.5 + similarity / 2)
    return "related", reasons, 0.5


def highlight_spans(text_a: str, text_b: str) -> tuple[list[tuple[int, int]],
                                                       list[tuple[int, int]]]:
    """Character spans of the words each text has and the other lacks (for the report)."""
    diff = lexical_diff(text_a, text_b)
    return ([(t["start"], t["end"]) for t in diff["only_a"]],
            [(t["start"], t["end"]) for t in diff["only_b"]])
