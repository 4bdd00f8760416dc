"""Typed divergence detectors: why two aligned claims agree, contradict or are about different
events.

Each detector looks at the two claims of an aligned pair and returns :class:`Finding` records:
a kind (``numeric``, ``denial``, ``antonym``, ``different_event``, ``attribution``,
``accusation``, and the news kinds ``result``, ``zero_count``, ``change`` and
``accused_denial``), the relation it argues for (``contradict``, ``agree`` or ``related``) and a
reason quoted from the claims' own words. Matching runs on normalised forms; everything shown
is the original text. Claims may be in Arabic, English, French or Russian; the news kinds add no
classifier feature (its columns are fixed by the committed weights).

The detectors are lexical and conservative: a contradiction is only claimed when the rest of the
two claims is shared, because a false contradiction costs a fact-checker more than a missed one.
They are pure Python (plus rapidfuzz) and cache per-claim work, so the relation stage and the
classifier can run them over tens of thousands of pairs. One module per kind; each registers
itself with :func:`compare.relate.detectors.registry.detector` and its rank. ``frames`` and
``scores`` are helpers of the news kinds and register nothing.
"""

from __future__ import annotations

import dataclasses

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.cues import Claim
from compare.relate.detectors import (  # noqa: F401 - registration order is detection order
    accusation,
    accused_denial,
    antonym,
    attribution,
    change,
    denial,
    event,
    numeric,
    result,
    zero_count,
)
from compare.relate.detectors.registry import (
    DIRECTIONS,
    KINDS,
    Finding,
    Kind,
    feature_names,
    typed_kinds,
)

DEFAULT = DEFAULT_DETECTORS

__all__ = ["DIRECTIONS", "KINDS", "Finding", "Kind", "detect", "feature_names", "typed_kinds"]


def detect(a: Claim, b: Claim, settings: DetectorSettings = DEFAULT) -> list[Finding]:
    """Every finding of every detector for the pair (A, B), in detector order.

    When the claims are about different events, nothing they say can contradict: the
    contradicting findings are kept as reasons but their direction becomes ``related``."""
    findings = [f for kind in KINDS.values() for f in kind.detect(a, b, settings)]
    if any(f.kind == "different_event" for f in findings):
        findings = [dataclasses.replace(f, direction="related")
                    if f.direction == "contradict" else f for f in findings]
    return findings
