"""Alignment math on hand-made and random vectors, checked against brute force."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from compare.align import groups, knn, mutual_pairs
from compare.embed import normalise


def brute_knn(vectors, k):
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(sims, order, axis=1), order


def brute_mutual(vectors, outlets, threshold):
    sims = vectors @ vectors.T
    n = len(vectors)
    best = {}
    for i in range(n):
        for o in set(outlets) - {outlets[i]}:
            cand = [j for j in range(n) if outlets[j] == o]
            best[(i, o)] = max(cand, key=lambda j: sims[i, j])
    return {
        (i, j) for (i, _), j in best.items()
        if i < j and sims[i, j] >= threshold and best[(j, outlets[i])] == i
    }


@pytest.mark.parametrize("block", [1, 3, 7, 1000])
def test_knn_matches_brute_force_for_any_block_size(block):
    rng = np.random.default_rng(0)
    vectors = normalise(rng.normal(size=(23, 8)))
    scores, ids = knn(vectors, k=5, block=block)
    want_scores, want_ids = brute_knn(vectors, 5)
    assert np.array_equal(ids, want_ids)
    assert np.allclose(scores, want_scores, atol=1e-5)


def test_knn_with_fewer_rows_than_k():
    vectors = normalise(np.eye(3, dtype=np.float32))
    scores, ids = knn(vectors, k=10)
    assert ids.shape == (3, 2) and (ids >= 0).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutual_pairs_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    vectors = normalise(rng.normal(size=(30, 6)))
    outlets = rng.integers(0, 3, size=30)
    scores, ids = knn(vectors, k=29)  # every neighbour: must equal brute force exactly
    got = mutual_pairs(scores, ids, outlets, threshold=0.2)
    assert set(zip(got["i"].to_list(), got["j"].to_list(), strict=True)) == brute_mutual(
        vectors, outlets, 0.2)


def test_one_claim_does_not_pair_with_everything():
    # claim 0 (outlet 0) is close to three claims of outlet 1: only its best match pairs with it
    vectors = normalise(np.array([[1, 0, 0], [0.99, 0.1, 0], [0.98, 0.2, 0], [0.97, 0.3, 0],
                                  [0, 0, 1]], dtype=np.float32))
    outlets = np.array([0, 1, 1, 1, 0])
    scores, ids = knn(vectors, k=4)
    got = mutual_pairs(scores, ids, outlets, threshold=0.5)
    assert got.select("i", "j").rows() == [(0, 1)]


def test_same_outlet_never_pairs_and_threshold_holds():
    vectors = normalise(np.array([[1, 0], [1, 0.01], [0, 1], [0.2, 1]], dtype=np.float32))
    outlets = np.array([0, 0, 1, 1])
    scores, ids = knn(vectors, k=3)
    assert mutual_pairs(scores, ids, outlets, threshold=0.99).is_empty()
    got = mutual_pairs(scores, ids, outlets, threshold=0.1)
    assert all(outlets[i] != outlets[j] for i, j in got.select("i", "j").rows())


def test_groups_are_connected_components():
    pairs = pl.DataFrame({"i": [0, 1, 5], "j": [1, 2, 6], "similarity": [0.9, 0.9, 0.9]})
    assert groups(8, pairs).tolist() == [0, 0, 0, -1, -1, 1, 1, -1]


def test_two_partners_per_outlet_only_when_both_rank_each_other_and_are_close():
    # 0 (outlet 0) vs 1, 2 (outlet 1): 1 and 2 both rank 0 first and are close → both pair;
    # 3 is far below 0's best → not paired even though 0 is 3's best.
    vectors = normalise(np.array([[1, 0, 0], [0.99, 0.1, 0], [0.98, 0.15, 0], [0.6, 0.8, 0]],
                                 dtype=np.float32))
    outlets = np.array([0, 1, 1, 1])
    scores, ids = knn(vectors, k=3)
    one = mutual_pairs(scores, ids, outlets, threshold=0.5)
    two = mutual_pairs(scores, ids, outlets, threshold=0.5, per_outlet=2, slack=0.05)
    assert one.select("i", "j").rows() == [(0, 1)]
    assert sorted(two.select("i", "j").rows()) == [(0, 1), (0, 2)]


def test_a_pair_across_languages_needs_its_own_threshold():
    scores = np.array([[0.85], [0.85], [0.85], [0.85]], dtype=np.float32)
    ids = np.array([[1], [0], [3], [2]])
    outlets = np.array([0, 1, 0, 1])
    langs = np.array([0, 1, 0, 0])  # rows 0/1 in two languages, rows 2/3 in one
    same_only = mutual_pairs(scores, ids, outlets, 0.87, langs=langs, threshold_across=0.84)
    assert same_only.select("i", "j").rows() == [(0, 1)]
    assert mutual_pairs(scores, ids, outlets, 0.87).is_empty()  # no languages given
    both = mutual_pairs(scores, ids, outlets, 0.84, langs=langs, threshold_across=0.84)
    assert sorted(both.select("i", "j").rows()) == [(0, 1), (2, 3)]
