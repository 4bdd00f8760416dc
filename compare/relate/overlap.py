"""How far two claims share their words: content-word overlap (inflections and near-spellings
counted as one word) and the rapidfuzz token-set ratio of their normalised texts."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from compare.relate.cues import Claim

# Tokens this similar (rapidfuzz ratio) are one word in two inflections (resign / resigned).
TOKEN_MATCH = 80.0


def same_word(x: tuple[int, str, str], y: tuple[int, str, str]) -> bool:
    """Whether two content words (index, key, skeleton) are one word in two inflections."""
    if x[1] == y[1] or (len(x[2]) >= 3 and x[2] == y[2]):
        return True
    return min(len(x[1]), len(y[1])) >= 4 and fuzz.ratio(x[1], y[1],
                                                         score_cutoff=TOKEN_MATCH) > 0


def shared(a: Claim, b: Claim, skip_a: Iterable[int] = (), skip_b: Iterable[int] = ()) -> float:
    """Share of the shorter claim's content words found in the other claim (0 when either has
    none), leaving out the token indices in ``skip_a`` / ``skip_b`` (the cue words)."""
    sa, sb = set(skip_a), set(skip_b)
    ca = [w for w in a.content if w[0] not in sa]
    cb = [w for w in b.content if w[0] not in sb]
    if not ca or not cb:
        return 0.0
    short, long_ = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    hit = sum(any(same_word(x, y) for y in long_) for x in short)
    return hit / len(short)


def word_overlap(a: Claim, b: Claim) -> float:
    """How far the words of two claims coincide: rapidfuzz token-set ratio (0–100) of their
    normalised texts."""
    return fuzz.token_set_ratio(a.norm, b.norm)
