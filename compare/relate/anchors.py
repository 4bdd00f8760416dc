"""The language-independent evidence that two claims are about one event: the parties and
places they name, and whether those can be the same."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

from compare.relate.cues import Claim
from compare.relate.table import ACTOR_KIND, PARENT
from compare.text import lexicon
from compare.text.lexicon import transliteration as sounds
from compare.text.script import ARABIC


def cross_lingual(a: Claim, b: Claim) -> bool:
    """The claims are in two languages (:attr:`Claim.tongue`: Arabic, Russian, French or
    English), so their words cannot be compared."""
    return a.tongue != b.tongue


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


@lru_cache(maxsize=1 << 15)
def name_key(word: str) -> str:
    """A name's consonants in sound classes, the same for Liverpool, ليفربول and Ливерпуль
    (:mod:`compare.text.lexicon.transliteration`); "" when it has none."""
    word = word.lower()
    if ARABIC.search(word):
        word = word[2:] if word.startswith("ال") and len(word) > 4 else word
        return _classes(word, sounds.ARABIC_GROUPS, sounds.ARABIC_CLASSES)
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        for ending in sounds.CYRILLIC_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[:-len(ending)]
                break
        word = "".join(sounds.CYRILLIC_LATIN.get(ch, ch) for ch in word)
    word = "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(ch))
    word = "".join(ch if ch != "c" or word[i + 1:i + 2] == "h"
                   else "S" if word[i + 1:i + 2] in tuple(sounds.SOFT_C_BEFORE) else "K"
                   for i, ch in enumerate(word))
    return _classes(word, sounds.LATIN_GROUPS, sounds.LATIN_CLASSES)


def _classes(word: str, groups: Mapping[str, str], classes: Mapping[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        group = next((g for g in groups if word.startswith(g, i)), None)
        cls = groups[group] if group else classes.get(word[i], word[i] if word[i] in "SK" else "")
        i += len(group) if group else 1
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)
