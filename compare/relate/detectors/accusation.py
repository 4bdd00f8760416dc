"""Accusations: two outlets blaming the same side over the same party."""

from __future__ import annotations

import re
from collections.abc import Iterable

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.cues import Claim
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import shared
from compare.text import lexicon
from compare.text.normalize import normalize

_ACCUSE = [re.compile(p) for p in lexicon.ACCUSATION_CUES]
_SIDES = [(side, re.compile(p)) for side, p in lexicon.SIDES]


def accused(claim: Claim) -> frozenset[str]:
    """The sides a claim blames: sides named after a blaming verb, other than the speaker's."""
    norm = claim.norm or ""
    starts = [m.end() for rx in _ACCUSE for m in rx.finditer(norm)]
    if not starts:
        return frozenset()
    after = norm[min(starts) - 40 if min(starts) >= 40 else 0:]
    speaker = normalize(claim.speaker) if claim.speaker else ""
    named = {side for side, rx in _SIDES if rx.search(after)}
    own = {side for side, rx in _SIDES if speaker and rx.search(speaker)}
    return frozenset(named - own)


@detector("accusation", order=6)
def accusation(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """Both claims blame the same side over the same party or matter: an ``agree`` finding.

    Outlets often word one accusation differently ("accused the US army of shielding the group"
    / "held the American side responsible for the group's attack"); what a fact-checker compares
    is who blames whom over what.
    """
    sides = accused(a) & accused(b)
    if not sides:
        return []
    about = set(a.actors) & set(b.actors)
    if not about and shared(a, b) < 0.3:
        return []
    detail = {"sides": sorted(sides), "about": sorted(about)}
    over = f" over {_names(about)}" if about else ""
    return [Finding("accusation", "agree", detail, f"accusation: both blame {_names(sides)}{over}")]


def _names(ids: Iterable[str]) -> str:
    return ", ".join(lexicon.DISPLAY.get(i, i.replace("_", " ")) for i in sorted(ids))
