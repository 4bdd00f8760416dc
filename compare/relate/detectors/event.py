"""Different events: other places, days, dates, years or parties — never a contradiction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date as Date

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import actors_meet, cross_lingual, places_differ
from compare.relate.cues import Claim, Cue, cue_span
from compare.relate.detectors.registry import Finding, detector
from compare.relate.overlap import shared
from compare.relate.table import DAY_INDEX


def _facet(facet: str, a: Mapping, b: Mapping) -> Finding:
    shown_a, shown_b = ", ".join(_shown(a)), ", ".join(_shown(b))
    detail = {"facet": facet, "a": _shown(a), "b": _shown(b)}
    return Finding("different_event", "related", detail,
                   f"different event: {facet} {shown_a} ≠ {shown_b}")


def _shown(found: Mapping) -> list[str]:
    return [v.text if isinstance(v, Cue) else v for v in found.values()]


def _apart(xs: Iterable[int], ys: Iterable[int], gap: int, cycle: int = 0) -> bool:
    """Every x is at least ``gap`` from every y (on a cycle of ``cycle`` when given): a day
    apart is one event reported the next day, or in another time zone."""
    ys = list(ys)
    for x in xs:
        for y in ys:
            d = abs(x - y)
            if (min(d, cycle - d) if cycle else d) < gap:
                return False
    return True


@detector("different_event", order=4, features=("related",))
def different_event(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """Claims set in different places, on days or dates two or more days apart (or published
    more than ``s.max_days`` apart), or naming different parties are about different events:
    ``related``, never a contradiction."""
    findings = []
    if places_differ(a.places, b.places):
        findings.append(_facet("place", a.places, b.places))
    days_a, days_b = [DAY_INDEX[d] for d in a.weekdays], [DAY_INDEX[d] for d in b.weekdays]
    if days_a and days_b and _apart(days_a, days_b, 2, cycle=7):
        findings.append(_facet("day", a.weekdays, b.weekdays))
    dates_a, dates_b = [m * 31 + d for m, d in a.dates], [m * 31 + d for m, d in b.dates]
    if dates_a and dates_b and _apart(dates_a, dates_b, 2):
        findings.append(_facet("date", a.dates, b.dates))
    if len(a.years) == len(b.years) == 1 and a.years.keys() != b.years.keys():
        findings.append(_facet("year", a.years, b.years))
    gap = _days_apart(a.date, b.date)
    if gap is not None and gap > s.max_days:
        findings.append(_facet("published", {a.date: a.date}, {b.date: b.date}))
    if _different_actors(a, b, s.shared_actors):
        findings.append(_facet("actor", a.actors, b.actors))
    return findings


def _different_actors(a: Claim, b: Claim, wanted: float) -> bool:
    """Each claim names its parties, none can be the other's, and the rest of the claims is the
    same (within one language) or each names just one party (across languages)."""
    if not a.actors or not b.actors or actors_meet(a.actors, b.actors):
        return False
    if cross_lingual(a, b):
        return len(a.actors) == len(b.actors) == 1
    skip_a = [i for c in a.actors.values() for i in cue_span(c)]
    skip_b = [i for c in b.actors.values() for i in cue_span(c)]
    return shared(a, b, skip_a, skip_b) >= wanted


def _days_apart(x: str | None, y: str | None) -> int | None:
    try:
        return abs((Date.fromisoformat(x[:10]) - Date.fromisoformat(y[:10])).days)
    except (TypeError, ValueError):
        return None
