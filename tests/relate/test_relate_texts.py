"""Two statements, one call: compare.relate_texts on the real model."""

from __future__ import annotations

import polars as pl
import pytest

import compare
from compare.relate import TEXT_PAIRS


def test_a_denial_across_languages_is_flagged_with_its_reason(encoder):
    frame = compare.relate_texts("The minister resigned on Tuesday",
                                 "نفت الوزارة أن يكون الوزير قد استقال يوم الثلاثاء",
                                 encoder=encoder)
    assert frame.schema == pl.Schema(TEXT_PAIRS) and frame.height == 1
    row = frame.row(0, named=True)
    assert row["relation"] == "contradict" and row["flagged"] is True
    assert "denial" in row["kinds"] and any(r.startswith("denial:") for r in row["reasons"])


def test_lists_give_one_row_per_pair_in_order(encoder):
    a = ["قتل 40 شخصا في الانفجار", "The army took the town"]
    b = ["قتل 70 شخصا في الانفجار", "The army took the town on Monday"]
    frame = compare.relate_texts(a, b, encoder=encoder)
    assert frame["text_a"].to_list() == a and frame["text_b"].to_list() == b
    assert frame.row(0, named=True)["flagged"] is True  # 40 vs 70 killed
    assert frame.row(1, named=True)["flagged"] is False


def test_a_flag_is_always_a_contradiction_of_the_step(encoder):
    frame = compare.relate_texts(["سيطر الجيش على البلدة"] * 2,
                                 ["انسحب الجيش من البلدة", "سيطرت قوات الجيش على البلدة"],
                                 encoder=encoder)
    assert frame.filter(pl.col("flagged") & (pl.col("relation") != "contradict")).is_empty()


def test_sides_of_different_length_are_refused(encoder):
    with pytest.raises(ValueError, match="2 texts on side A but 1"):
        compare.relate_texts(["a", "b"], ["c"], encoder=encoder)
