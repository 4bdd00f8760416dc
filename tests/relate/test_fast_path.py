"""The relation step's first pass: each rule on hand-made claims and probability rows, then the
fast path against the exact path (every pair read by the cross-encoder) on real pairs: the
runs of the seeds and the examples, and pairs of the shipped evaluation sets.

Tolerance: the rules are exact, so every pair the first pass decides has the exact path's
relation. The pairs the cross-encoder reads on both paths are batched with other pairs on
each, so their probabilities differ by bf16 padding noise: their confidences agree within
``NEAR_TIE``, and a near tie may flip (1 of 1,500 evaluation pairs did): at most one in a
hundred read pairs may change relation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

import compare
from compare.config import Settings
from compare.learn.data import EVAL_DIR, read_eval_set, stratified_sample
from compare.relate import relate_pairs, relate_texts
from compare.relate.cues import Claim
from compare.relate.detectors import detect
from compare.relate.fast import RULED_CONFIDENCE, UNREAD, first_pass, first_pass_rule
from compare.relate.rules import SAME_WORDS, Rules, decide, same_words

ROOT = Path(__file__).resolve().parents[2]
NEAR_TIE = 0.02
DECIDES = Rules(detectors_decide=True)
PROBAS = [np.array(p) for p in ([0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9],
                                [0.34, 0.33, 0.33])]

SAME = ("قالَ الوزيرُ إنّ الحكومةَ استقالت", "قال الوزير إن الحكومة استقالت")  # diacritics aside
NUMBERS = ("The strike killed 12 people in Aleppo.", "The strike killed 30 people in Aleppo.")
PUBLISHED_APART = (Claim("The army took the town.", date="2026-11-02"),
                   Claim("The army took the town back.", date="2026-11-20"))
PARAPHRASE = ("The minister resigned on Tuesday.", "On Tuesday the minister stepped down.")


def _claims(pair):
    return tuple(x if isinstance(x, Claim) else Claim(x) for x in pair)


def _full(a, b, findings, rules, proba):
    """The exact path's decision for one pair, given the classifier's probabilities."""
    return same_words(a, b, proba, findings) or decide(proba, findings, rules)


@pytest.mark.parametrize(("pair", "rule", "relation"), [
    (SAME, "same_words", "agree"),
    (PUBLISHED_APART, "different_event", "related"),
])
def test_each_rule_fixes_the_relation_whatever_the_classifier_reads(pair, rule, relation):
    a, b = _claims(pair)
    findings = detect(a, b)
    assert first_pass_rule(a, b, findings, DECIDES) == rule
    fast = first_pass(a, b, findings, DECIDES)
    assert fast.relation == relation and fast.confidence == RULED_CONFIDENCE
    assert fast.kinds == list(dict.fromkeys(f.kind for f in findings))
    for proba in PROBAS:
        assert _full(a, b, findings, DECIDES, proba).relation == relation


def test_a_ruled_pair_says_the_classifier_was_not_read_except_for_the_same_words():
    a, b = _claims(PUBLISHED_APART)
    assert first_pass(a, b, detect(a, b), DECIDES).reasons[-1] == UNREAD
    a, b = _claims(SAME)
    # the exact path shows no classifier view for the same words either
    assert first_pass(a, b, detect(a, b), DECIDES).reasons[-1] == SAME_WORDS


def test_a_typed_contradiction_is_still_read_for_its_confidence():
    # the detectors fix its relation, but the report ranks contradictions by the classifier
    a, b = _claims(NUMBERS)
    findings = detect(a, b)
    assert {_full(a, b, findings, DECIDES, p).relation for p in PROBAS} == {"contradict"}
    assert first_pass(a, b, findings, DECIDES) is None


def test_a_paraphrase_is_left_to_the_classifier():
    a, b = _claims(PARAPHRASE)
    findings = detect(a, b)
    assert first_pass(a, b, findings, DECIDES) is None
    assert len({_full(a, b, findings, DECIDES, p).relation for p in PROBAS}) > 1


def _check_paths(fast: pl.DataFrame, full: pl.DataFrame) -> None:
    assert fast.height == full.height
    unread = fast["reasons"].list.contains(UNREAD) | fast["reasons"].list.contains(SAME_WORDS)
    read = ~unread & ~full["reasons"].list.contains(SAME_WORDS)
    differ = fast["relation"] != full["relation"]
    assert not (differ & unread).any(), full.filter(differ & unread).select("reasons")
    assert differ.sum() <= read.sum() // 100, full.filter(differ).select("relation", "reasons")
    gap = (fast["confidence"] - full["confidence"]).abs()
    assert (gap.filter(read & ~differ) < NEAR_TIE).all()
    assert (fast["confidence"].filter(unread & ~full["reasons"].list.contains(SAME_WORDS))
            == RULED_CONFIDENCE).all()


@pytest.fixture(scope="module")
def real_runs(tmp_path_factory, encoder):
    """The runs of the seeds, the Aleppo example and the web example (offline files)."""
    root = tmp_path_factory.mktemp("fast")
    runs = []
    for name in ("seeds", "examples/aleppo", "examples/web"):
        runs.append(compare.run([ROOT / name], out=root / name.replace("/", "-"),
                                index_dir=root / f"idx-{name.replace('/', '-')}",
                                encoder=encoder, write=False))
    return runs


def test_fast_and_exact_paths_relate_real_run_pairs_alike(real_runs, encoder):
    pairs = pl.concat([r.pairs for r in real_runs])
    claims = pl.concat([r.claims for r in real_runs]).unique("claim_id", maintain_order=True)
    claims = claims.select(list(compare.schema.CLAIMS))
    fast = relate_pairs(pairs, claims, encoder, Settings(relate_fast=True))
    full = relate_pairs(pairs, claims, encoder, Settings(relate_fast=False))
    assert pairs.height >= 30
    _check_paths(fast, full)
    assert fast["reasons"].list.contains(UNREAD).any()


def test_fast_and_exact_paths_relate_evaluation_pairs_alike(encoder):
    rows = []
    for name in ("ans_test", "xnli_ar_test", "xnli_ar_en_test"):
        rows += stratified_sample(read_eval_set(EVAL_DIR / f"{name}.jsonl.gz"), 100)
    a, b = [r["a"] for r in rows], [r["b"] for r in rows]
    fast = relate_texts(a, b, encoder=encoder, settings=Settings(relate_fast=True))
    full = relate_texts(a, b, encoder=encoder, settings=Settings(relate_fast=False))
    _check_paths(fast, full)
    assert (fast["flagged"] != full["flagged"]).sum() <= len(rows) // 100
    assert fast["reasons"].list.contains(UNREAD).any()  # 3 of these 300 are different events
