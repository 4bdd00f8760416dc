"""Training data preparation: the symmetric ANS pairs (no fine-tuning here; see the README)."""

from __future__ import annotations

import numpy as np

from compare.learn.data import Pairs, symmetric_ans
from compare.schema import RELATIONS as LABELS

AGREE, CONTRADICT, RELATED = (LABELS.index(x) for x in LABELS)


def _pairs() -> Pairs:
    return Pairs(
        ids=["t-0", "t-1", "t-2", "t-3"],
        a=["الأصل", "الأصل", "عنوان آخر", "الأصل"],
        b=["إعادة صياغة", "نقيض", "نقيض آخر", "خبر لا علاقة له"],
        y=np.array([AGREE, CONTRADICT, CONTRADICT, RELATED]),
        task="ans",
    )


def test_every_pair_is_kept_and_also_reversed():
    p = _pairs()
    out = symmetric_ans(p)
    rows = set(zip(out.a, out.b, out.y.tolist(), strict=True))
    for a, b, y in zip(p.a, p.b, p.y.tolist(), strict=True):
        assert (a, b, y) in rows and (b, a, y) in rows


def test_a_paraphrase_contradicts_the_contradiction_of_the_same_original():
    out = symmetric_ans(_pairs())
    implied = [(a, b, y) for i, a, b, y in zip(out.ids, out.a, out.b, out.y.tolist(),
                                               strict=True) if "+" in i]
    assert sorted(implied) == sorted([("إعادة صياغة", "نقيض", CONTRADICT),
                                      ("نقيض", "إعادة صياغة", CONTRADICT)])
    # Nothing is implied across originals, nor from an unrelated headline.
    assert len(out) == 2 * 4 + 2
    assert len(set(out.ids)) == len(out)
