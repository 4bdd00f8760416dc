"""The cross-outlet pair corpus: its loader, its split by base sentence, its labels."""

from __future__ import annotations

import collections

from compare.learn.data import CORPUS_FILE, corpus_rows, hashed_split, load_pairs, read_rows
from compare.schema import RELATIONS as LABELS

TYPES = {
    "agree": {"paraphrase", "same_figure_rewritten", "other_speaker"},
    "related": {"elaboration", "different_event"},
    "contradict": {"different_figure", "zero_vs_count", "denial", "accused_denial",
                   "opposite_outcome", "result", "changed_unchanged", "swapped_actor"},
}


def test_every_record_is_well_formed():
    rows = read_rows(CORPUS_FILE.parent, "corpus")
    assert len(rows) >= 4000
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["label"] in LABELS and r["type"] in TYPES[r["label"]], r["id"]
        assert {r["lang_a"], r["lang_b"]} <= {"ar", "en", "fr", "ru"}, r["id"]
        assert r["a"].strip() and r["b"].strip() and r["a"] != r["b"], r["id"]
        assert r["base_url"].startswith("http"), r["id"]


def test_no_base_sentence_is_on_two_sides_of_the_split():
    sides = collections.defaultdict(set)
    for r in read_rows(CORPUS_FILE.parent, "corpus"):
        sides[r["base_id"]].add(r["split"])
        assert r["split"] == hashed_split(r["base_id"]), r["id"]
    assert all(len(s) == 1 for s in sides.values())
    counts = collections.Counter(next(iter(s)) for s in sides.values())
    assert 0.6 < counts["train"] / len(sides) < 0.8 and counts["test"] >= 50


def test_the_test_split_covers_every_type_and_crosses_languages():
    test = corpus_rows("test")
    assert {r["type"] for r in test} == set().union(*TYPES.values())
    assert sum(r["lang_a"] != r["lang_b"] for r in test) >= 200


def test_loaded_as_pairs_of_the_news_stance_head():
    pairs = load_pairs(CORPUS_FILE.parent, "corpus", "dev")
    assert pairs.task == "ans" and len(pairs) == len(corpus_rows("dev"))
    assert set(pairs.y.tolist()) == {0, 1, 2}
