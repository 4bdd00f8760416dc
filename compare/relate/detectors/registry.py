"""The registry of detector kinds: every place that names a kind reads it from here.

A detector is a function ``(a, b, settings) -> list[Finding]`` registered with
:func:`detector` and its rank; the relation rules (which kinds are typed), the classifier's
features (which kind:direction counts it reads) and the report (a title per typed kind) all come
from :data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

DIRECTIONS = ("contradict", "agree", "related")


@dataclass(frozen=True)
class Finding:
    """One reason a pair agrees, contradicts or is about different events."""

    kind: str  # a registered kind
    direction: str  # one of DIRECTIONS: what this finding argues for
    detail: dict = field(compare=False)  # structured facts behind the reason
    reason: str = ""  # the human string shown in the report


@dataclass(frozen=True)
class Kind:
    """A detector kind and what the rest of the product does with it."""

    name: str
    detect: Callable
    typed: bool  # its contradictions name what differs (a number, a denial, an outcome)
    title: str  # report heading for contradictions of this kind ("" when not typed)
    features: tuple[str, ...]  # the directions the pair classifier counts as features
    order: int  # detectors run, and their findings are listed, in this order


KINDS: dict[str, Kind] = {}


def detector(name: str, *, order: int, typed: bool = False, title: str = "",
             features: tuple[str, ...] = ()):
    """Register a detector under ``name``; detectors run in ``order``, whichever module is
    imported first (the classifier's feature columns depend on it)."""
    def register(fn: Callable) -> Callable:
        if name in KINDS:
            raise ValueError(f"detector kind {name!r} registered twice")
        KINDS[name] = Kind(name, fn, typed, title, features, order)
        ranked = sorted(KINDS.values(), key=lambda k: k.order)
        KINDS.clear()
        KINDS.update((k.name, k) for k in ranked)
        return fn

    return register


def typed_kinds() -> tuple[str, ...]:
    """The kinds whose contradictions are typed, in registration order."""
    return tuple(k.name for k in KINDS.values() if k.typed)


def feature_names() -> tuple[str, ...]:
    """``kind:direction`` counts the pair classifier reads, in registration order."""
    return tuple(f"{k.name}:{d}" for k in KINDS.values() for d in k.features)
