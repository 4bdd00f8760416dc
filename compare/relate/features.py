"""What the pair classifier reads of a pair besides the encoder: the lexical difference of the
two claims and the counts of the detectors' findings.

:func:`lexical_diff` is also what the report marks: the words each claim has that the other
lacks in any inflection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from compare.relate.cues import Claim, as_claim
from compare.relate.detectors import DEFAULT, detect, feature_names
from compare.relate.detectors.antonym import outcome_flips
from compare.relate.detectors.numeric import numeric
from compare.relate.overlap import word_overlap
from compare.text.tokens import Tok, skeleton


@dataclass(frozen=True)
class Span:
    """A word of a claim, with its offsets into that claim's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class LexicalDiff:
    """Token-level difference of two claims.

    ``only_a`` / ``only_b`` are the words of each claim that the other lacks in any inflection
    (compared on normalised forms); ``numbers_differ`` counts slots whose figures contradict;
    ``antonyms`` the outcome concepts named with opposite words; ``token_set_ratio`` is
    rapidfuzz's (0–100, on normalised text) and ``length_ratio`` the shorter text's length over
    the longer's.
    """

    only_a: tuple[Span, ...]
    only_b: tuple[Span, ...]
    n_tokens_a: int
    n_tokens_b: int
    numbers_differ: int
    negations_a: int
    negations_b: int
    negation_diff: int
    antonyms: int
    token_set_ratio: float
    length_ratio: float


def lexical_diff(a_text: str | Claim, b_text: str | Claim) -> LexicalDiff:
    """The :class:`LexicalDiff` of two claims (texts or :class:`Claim` views)."""
    a, b = as_claim(a_text), as_claim(b_text)
    numbers = numeric(a, b, DEFAULT)
    na, nb = len(a.negations), len(b.negations)
    la, lb = len(a.text), len(b.text)
    return LexicalDiff(
        only_a=_only(a.toks, b.toks),
        only_b=_only(b.toks, a.toks),
        n_tokens_a=len(a.toks),
        n_tokens_b=len(b.toks),
        numbers_differ=sum(f.direction == "contradict" for f in numbers),
        negations_a=na,
        negations_b=nb,
        negation_diff=abs(na - nb),
        antonyms=outcome_flips(a, b),
        token_set_ratio=word_overlap(a, b),
        length_ratio=min(la, lb) / max(la, lb) if max(la, lb) else 1.0,
    )


def _only(toks: tuple[Tok, ...], other: tuple[Tok, ...]) -> tuple[Span, ...]:
    """Words of ``toks`` the other claim lacks in any inflection (استقال ~ استقالة)."""
    keys = {t.key for t in other}
    skeletons = {s for s in map(skeleton, keys) if len(s) >= 3}
    return tuple(Span(t.text, t.start, t.end) for t in toks
                 if t.key not in keys and skeleton(t.key) not in skeletons)


LEXICAL_FEATURES = (
    "only_a", "only_b", "only_a_frac", "only_b_frac", "numbers_differ", "negation_diff",
    "antonyms", "token_set_ratio", "length_ratio",
)
FINDING_FEATURES = feature_names()


def lexical_features(a: Sequence, b: Sequence, findings: Sequence[list] | None = None
                     ) -> np.ndarray:
    """Lexical-difference and detector-finding counts of each pair.

    ``a``/``b`` hold texts or :class:`Claim` objects (a claim from the claims table carries its
    speaker, date and parsed numbers); ``findings`` are the pairs' detector findings when
    already computed. Columns: ``LEXICAL_FEATURES`` then ``FINDING_FEATURES``.
    """
    if len(a) != len(b):
        raise ValueError(f"text_a has {len(a)} texts but text_b has {len(b)}")
    rows = []
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        ca, cb = as_claim(x), as_claim(y)
        found = findings[k] if findings is not None else detect(ca, cb)
        rows.append(_lexical_row(lexical_diff(ca, cb)) + _finding_row(found))
    width = len(LEXICAL_FEATURES) + len(FINDING_FEATURES)
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), width)


def _lexical_row(d: LexicalDiff) -> list[float]:
    only_a, only_b = len(d.only_a), len(d.only_b)
    return [only_a, only_b, only_a / max(d.n_tokens_a, 1), only_b / max(d.n_tokens_b, 1),
            d.numbers_differ, d.negation_diff, d.antonyms, d.token_set_ratio / 100.0,
            d.length_ratio]


def _finding_row(findings: list) -> list[float]:
    keys = [f"{f.kind}:{f.direction}" for f in findings]
    return [float(keys.count(name)) for name in FINDING_FEATURES]
