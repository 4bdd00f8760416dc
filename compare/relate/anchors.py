"""The language-independent evidence that two claims are about one event: the parties and
places they name, and whether those can be the same."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from compare.relate.cues import Claim
from compare.relate.table import ACTOR_KIND, PARENT
from compare.text import lexicon
from compare.text.script import ARABIC


def cross_lingual(a: Claim, b: Claim) -> bool:
    return bool(ARABIC.search(a.text)) != bool(ARABIC.search(b.text))


def actors_meet(xs: Iterable[str], ys: Iterable[str]) -> bool:
    """Some party of one claim may be a party of the other: the same, or a generic one
    ("the army") of the same kind."""
    ys = list(ys)
    for x in xs:
        for y in ys:
            if x == y or ((x in lexicon.GENERIC_ACTORS or y in lexicon.GENERIC_ACTORS)
                          and ACTOR_KIND[x] == ACTOR_KIND[y]):
                return True
    return False


def anchors_clash(a: Claim, b: Claim) -> bool:
    """Both claims name parties, or places, and none of them can be the same."""
    if a.actors and b.actors and not actors_meet(a.actors, b.actors):
        return True
    return places_differ(a.places, b.places)


def anchors_shared(a: Claim, b: Claim) -> bool:
    """The claims share a named party, a place, a figure or an outcome (resigned / استقال), and
    no party or place differs: the language-independent evidence that two claims in different
    languages are one."""
    if anchors_clash(a, b):
        return False
    if actors_meet(a.actors, b.actors) or (a.places and b.places):
        return True
    if any(len(a.outcomes[c]) == 1 and a.outcomes[c].keys() == b.outcomes[c].keys()
           for c in a.outcomes.keys() & b.outcomes.keys()):
        return True
    values_a = {n["value"] for n in a.numbers if n.get("value") is not None}
    return any(n.get("value") in values_a for n in b.numbers)


@cache
def lineage(place: str) -> frozenset[str]:
    """The place and every place containing it (a parent may be "israel|palestine")."""
    out = {place}
    for parent in filter(None, PARENT.get(place, "").split("|")):
        out |= lineage(parent)
    return frozenset(out)


def places_meet(pa: Mapping[str, str], pb: Mapping[str, str]) -> bool:
    """Some place of one claim is, contains or lies within some place of the other."""
    return any(x in lineage(y) or y in lineage(x) for x in pa for y in pb)


def places_differ(pa: Mapping[str, str], pb: Mapping[str, str]) -> bool:
    """No place of one claim can be a place of the other, and the two name places at the same
    scale (two cities, two countries): talks in Geneva about Syria are not a different place."""
    if not pa or not pb or places_meet(pa, pb):
        return False
    return any(bool(PARENT[x]) == bool(PARENT[y]) for x in pa for y in pb)
