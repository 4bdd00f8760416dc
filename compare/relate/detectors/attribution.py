"""Attribution: both claims credited, to different voices."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.cues import Claim
from compare.relate.detectors.registry import Finding, detector
from compare.text import lexicon
from compare.text.normalize import normalize
from compare.text.script import ARABIC
from compare.text.tokens import match_key, phrase, tokenize


def _build_speakers() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for speaker, names in lexicon.SPEAKERS:
        for name in names:
            words = tuple(match_key(w) for w in phrase(name))
            table.setdefault(words[0], []).append((words[1:], speaker))
    return table


_SPEAKERS = _build_speakers()
_ROLE = re.compile(r"^(?:ال)?(?:ناطق|متحدث)(?: ال?رسمي)? باسم |^(?:a |the )?"
                   r"(?:spokesman|spokeswoman|spokesperson) (?:for|of) ")


@lru_cache(maxsize=1 << 14)
def _speaker_view(speaker: str) -> tuple[frozenset[str], str, str]:
    """(alias ids, matching keys joined, the same with a leading "spokesman for" dropped)."""
    keys = tuple(match_key(t.norm) for t in tokenize(speaker))
    ids = set()
    for i, k in enumerate(keys):
        for rest, sid in _SPEAKERS.get(k, ()):
            if keys[i + 1:i + 1 + len(rest)] == rest:
                ids.add(sid)
    joined = " ".join(keys)
    role_free = _ROLE.sub("", normalize(speaker))
    return frozenset(ids), joined, " ".join(match_key(t.norm) for t in tokenize(role_free))


def same_speaker(x: str, y: str) -> bool | None:
    """True when two attributions name one voice, False when they differ, None when it cannot
    be told (different scripts and no known alias)."""
    ids_x, kx, rx = _speaker_view(x)
    ids_y, ky, ry = _speaker_view(y)
    if ids_x and ids_y:
        return bool(ids_x & ids_y)
    if bool(ARABIC.search(x)) != bool(ARABIC.search(y)):
        return None
    for u, v in ((kx, ky), (rx, ry)):
        if u and v and (fuzz.token_set_ratio(u, v) >= 90
                        or (min(len(u), len(v)) >= 5 and fuzz.partial_ratio(u, v) >= 90)):
            return True
    return False


@detector("attribution", order=5)
def attribution(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """Both claims attributed, to different voices: an ``agree``-direction finding (who said it
    does not change the relation) naming both speakers verbatim."""
    if not a.speaker or not b.speaker or same_speaker(a.speaker, b.speaker) is not False:
        return []
    detail = {"a": a.speaker, "b": b.speaker}
    return [Finding("attribution", "agree", detail,
                    f"attribution: {a.speaker} ≠ {b.speaker}")]
