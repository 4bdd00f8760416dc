"""Numbers: the same quantity for the same event, compared with its approximations and
roundings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.cues import Claim
from compare.relate.detectors.registry import Finding, detector

# Number slots that locate an event in time rather than count something.
TIME_SLOTS = frozenset({"year", "date", "month", "day", "time", "clock"})


def _slot(n: Mapping) -> str | None:
    if n.get("slot"):
        return None if n["slot"] in TIME_SLOTS else n["slot"]
    unit = (n.get("unit") or "").strip()
    return f"«{unit}»" if unit else None


def _bounds(n: Mapping, approx: float) -> tuple[float, float]:
    value = n.get("value")
    low = n.get("low") if n.get("low") is not None else value
    high = n.get("high") if n.get("high") is not None else value
    if n.get("approx") and low == high:
        low, high = low * (1 - approx), high * (1 + approx)
    return low, high


def _exact(n: Mapping) -> bool:
    return not n.get("approx") and n.get("low") == n.get("high")


def _round(v: float) -> bool:
    """A figure someone rounded to: 1,500, 2,000, 12 (against 12.4)."""
    return v >= 100 and float(v).is_integer() and int(v) % 100 == 0


def _compare_numbers(x: Mapping, y: Mapping, s: DetectorSettings = DEFAULT_DETECTORS) -> str:
    """``equal``, ``close`` (ranges overlap, or a rounding) or ``differ``."""
    if _exact(x) and _exact(y):
        vx, vy = x["value"], y["value"]
        if vx == vy:
            return "equal"
        rel = abs(vx - vy) / max(abs(vx), abs(vy))
        rounded = _round(vx) or _round(vy) or not (float(vx).is_integer()
                                                   and float(vy).is_integer())
        return "close" if rel <= s.rounding and rounded else "differ"
    (lx, hx), (ly, hy) = _bounds(x, s.approx), _bounds(y, s.approx)
    return "close" if lx <= hy * s.margin and ly <= hx * s.margin else "differ"


def _show(n: Mapping) -> str:
    if _exact(n):
        v = n["value"]
        return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"
    return n["text"]


@detector("numeric", order=1, typed=True, title="Numbers differ",
          features=("contradict", "agree"))
def numeric(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """Quantities in the same slot (killed, injured, percent …, else the same unit): one finding
    per slot, ``agree`` when some figures match (ranges and approximations overlapping, or one
    a rounding of the other), ``contradict`` when none does. Years are left to
    :func:`different_event`."""
    by_a, by_b = _by_slot(a.numbers), _by_slot(b.numbers)
    findings = []
    for slot in sorted(by_a.keys() & by_b.keys()):
        pairs = [(x, y, _compare_numbers(x, y, s)) for x in by_a[slot] for y in by_b[slot]]
        same = [p for p in pairs if p[2] != "differ"]
        x, y, verdict = (same or pairs)[0]
        label = slot.strip("«»")
        sign = {"equal": "=", "close": "≈", "differ": "≠"}[verdict]
        detail = {"slot": label, "a": x["text"], "b": y["text"],
                  "value_a": x["value"], "value_b": y["value"]}
        findings.append(Finding("numeric", "agree" if same else "contradict", detail,
                                f"numeric: {_show(x)} {sign} {_show(y)} ({label})"))
    return findings


def _by_slot(numbers: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    out: dict[str, list[Mapping]] = {}
    for n in numbers:
        slot = _slot(n)
        if slot is not None and n.get("value") is not None:
            out.setdefault(slot, []).append(n)
    return out
