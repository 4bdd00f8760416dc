"""Alignment math on hand-made and random vectors, checked against brute force."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from compare.align import groups, knn, margin_rescore, mutual_pairs
from compare.embed import normalise
from compare.vectors import flat_index, search


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


# The loop versions that the array code replaced, kept as references: the array code must give
# the same pairs, in the same order, with the same scores and group numbers.


def _ref_knn(vectors, k, block=4096):
    n, _ = vectors.shape
    k = max(0, min(k, n - 1))
    scores = np.full((n, k), -np.inf, dtype=np.float32)
    ids = np.full((n, k), -1, dtype=np.int64)
    if k == 0:
        return scores, ids
    index = flat_index(vectors)
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        s, i = search(index, vectors[lo:hi], k + 1)
        for row in range(hi - lo):
            keep = i[row] != lo + row
            got_s, got_i = s[row][keep][:k], i[row][keep][:k]
            scores[lo + row, : len(got_s)] = got_s
            ids[lo + row, : len(got_i)] = got_i
    return scores, ids


def _ref_mutual_pairs(scores, ids, outlets, threshold, per_outlet=1, slack=0.0, langs=None,
                      threshold_across=None):
    across = threshold if threshold_across is None else threshold_across
    ranked = {}
    n, k = ids.shape
    for i in range(n):
        for col in range(k):
            j = int(ids[i, col])
            if j < 0 or outlets[j] == outlets[i]:
                continue
            top = ranked.setdefault((i, int(outlets[j])), [])
            if len(top) < per_outlet:
                top.append((j, float(scores[i, col])))
    near = {
        key: {j for j, sc in top if sc >= top[0][1] - slack} for key, top in ranked.items()
    }
    rows = []
    for (i, _), top in ranked.items():
        for j, sim in top:
            wanted = across if langs is not None and langs[i] != langs[j] else threshold
            if i < j and sim >= wanted and j in near[(i, int(outlets[j]))] and (
                i in near.get((j, int(outlets[i])), ())
            ):
                rows.append((i, j, sim))
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return pl.DataFrame(rows, schema={"i": pl.Int64, "j": pl.Int64, "similarity": pl.Float64},
                        orient="row")


def _ref_margin_rescore(scores, ids, outlets, k):
    n = len(ids)
    valid = ids >= 0
    other = valid & (outlets[np.clip(ids, 0, None)] != outlets[:, None])
    mean = np.ones(n, dtype=np.float64)
    for i in range(n):
        top = scores[i][other[i]][:k]
        if len(top):
            mean[i] = float(np.mean(top))
    denom = (mean[:, None] + np.where(valid, mean[np.clip(ids, 0, None)], 1.0)) / 2
    margins = np.where(valid, scores / denom, -np.inf)
    order = np.argsort(-margins, axis=1, kind="stable")
    return np.take_along_axis(margins, order, axis=1), np.take_along_axis(ids, order, axis=1)


def _ref_groups(n, pairs):
    parent = np.arange(n)

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in zip(pairs["i"].to_list(), pairs["j"].to_list(), strict=True):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = np.array([find(x) for x in range(n)])
    paired = np.zeros(n, dtype=bool)
    paired[pairs["i"].to_numpy()] = True
    paired[pairs["j"].to_numpy()] = True
    out = np.full(n, -1, dtype=np.int64)
    numbering = {}
    for row in range(n):
        if paired[row]:
            out[row] = numbering.setdefault(int(roots[row]), len(numbering))
    return out


def _tied_vectors(seed, n, dim=5):
    """Vectors of -1/0/1 entries: many equal cosines and duplicate rows."""
    rng = np.random.default_rng(seed)
    return normalise(rng.integers(-1, 2, size=(n, dim)).astype(np.float32))


def _neighbour_lists(seed, n, k, n_outlets, holes=0.1):
    """knn lists of tied vectors with some ids knocked out to -1 (score -inf)."""
    rng = np.random.default_rng(seed)
    scores, ids = knn(_tied_vectors(seed, n), k)
    hole = rng.random(ids.shape) < holes
    scores, ids = np.where(hole, -np.inf, scores).astype(np.float32), np.where(hole, -1, ids)
    return scores, ids, rng.integers(0, n_outlets, size=n)


@pytest.mark.parametrize(("n", "k", "block"), [(1, 3, 7), (2, 3, 1), (37, 5, 4), (101, 12, 33),
                                               (203, 40, 64)])
def test_knn_equals_the_loop_version_with_ties_and_duplicates(n, k, block):
    vectors = _tied_vectors(n, n)
    got, want = knn(vectors, k, block=block), _ref_knn(vectors, k, block=block)
    assert np.array_equal(got[1], want[1]) and np.array_equal(got[0], want[0])
    assert got[0].dtype == want[0].dtype and got[1].dtype == want[1].dtype


CASES = [  # (n, k, outlets, per_outlet, slack)
    (3, 2, 2, 1, 0.0), (37, 6, 2, 1, 0.0), (61, 9, 3, 2, 0.0), (101, 15, 5, 2, 0.05),
    (157, 20, 7, 1, 0.1), (203, 31, 4, 3, 0.02), (77, 40, 11, 2, 0.3),
]


@pytest.mark.parametrize(("n", "k", "n_outlets", "per_outlet", "slack"), CASES)
@pytest.mark.parametrize("seed", [0, 1])
def test_mutual_pairs_equal_the_loop_version(n, k, n_outlets, per_outlet, slack, seed):
    scores, ids, outlets = _neighbour_lists(seed, n, k, n_outlets)
    for threshold in (-1.0, 0.3, 0.8):
        got = mutual_pairs(scores, ids, outlets, threshold, per_outlet, slack)
        want = _ref_mutual_pairs(scores, ids, outlets, threshold, per_outlet, slack)
        assert got.equals(want) and got.schema == want.schema


@pytest.mark.parametrize(("n", "k", "n_outlets", "per_outlet", "slack"), CASES)
def test_mutual_pairs_across_languages_equal_the_loop_version(n, k, n_outlets, per_outlet,
                                                              slack):
    scores, ids, outlets = _neighbour_lists(n, n, k, n_outlets)
    langs = np.random.default_rng(n).integers(0, 3, size=n)
    for threshold, across in ((0.5, 0.3), (0.8, 0.6), (0.5, None)):
        got = mutual_pairs(scores, ids, outlets, threshold, per_outlet, slack, langs, across)
        want = _ref_mutual_pairs(scores, ids, outlets, threshold, per_outlet, slack, langs,
                                 across)
        assert got.equals(want)


def test_mutual_pairs_equal_the_loop_version_on_unsorted_lists():
    # the rule reads "best" as the first in list order, whatever the scores say
    rng = np.random.default_rng(5)
    n, k = 59, 13
    ids = np.array([rng.permutation(np.delete(np.arange(n), r))[:k] for r in range(n)])
    scores = np.round(rng.uniform(0, 1, size=(n, k)), 1).astype(np.float32)
    outlets = rng.integers(0, 3, size=n)
    for per_outlet, slack in ((1, 0.0), (2, 0.2), (4, 0.5)):
        got = mutual_pairs(scores, ids, outlets, 0.2, per_outlet, slack)
        assert got.equals(_ref_mutual_pairs(scores, ids, outlets, 0.2, per_outlet, slack))


def test_mutual_pairs_of_empty_lists():
    empty = mutual_pairs(np.zeros((0, 0), np.float32), np.zeros((0, 0), np.int64),
                         np.zeros(0, np.int64), 0.5)
    assert empty.is_empty() and empty.schema == _ref_mutual_pairs(
        np.zeros((0, 0)), np.zeros((0, 0), np.int64), np.zeros(0), 0.5).schema


@pytest.mark.parametrize(("n", "k", "n_outlets", "margin_k"), [(1, 1, 1, 4), (37, 6, 2, 4),
                                                             (101, 15, 5, 9), (203, 31, 4, 20),
                                                             (77, 40, 11, 33)])
def test_margin_rescore_equals_the_loop_version_to_the_bit(n, k, n_outlets, margin_k):
    scores, ids, outlets = _neighbour_lists(n, n, k, n_outlets, holes=0.3)
    scores = scores * np.random.default_rng(n).uniform(0.9, 1.0, size=scores.shape)
    scores = scores.astype(np.float32)
    got, want = margin_rescore(scores, ids, outlets, margin_k), _ref_margin_rescore(
        scores, ids, outlets, margin_k)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    m_got = mutual_pairs(*got, outlets, 1.0, 2, 0.05)
    assert m_got.equals(_ref_mutual_pairs(*want, outlets, 1.0, 2, 0.05))


@pytest.mark.parametrize(("n", "edges"), [(1, 0), (9, 0), (9, 4), (101, 60), (499, 400),
                                          (1001, 2000)])
def test_groups_equal_the_loop_version(n, edges):
    rng = np.random.default_rng(n + edges)
    a, b = rng.integers(0, n, size=(2, edges))
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo < hi
    pairs = pl.DataFrame({"i": lo[keep], "j": hi[keep], "similarity": np.ones(keep.sum())},
                         schema={"i": pl.Int64, "j": pl.Int64, "similarity": pl.Float64})
    assert np.array_equal(groups(n, pairs), _ref_groups(n, pairs))


def test_groups_of_a_long_chain_numbered_from_its_first_row():
    # a path numbered against its order: union-find must still reach the smallest row
    order = np.random.default_rng(3).permutation(np.arange(2, 300))
    pairs = pl.DataFrame({"i": np.minimum(order[:-1], order[1:]),
                          "j": np.maximum(order[:-1], order[1:]), "similarity": 0.9})
    got = groups(301, pairs)
    assert np.array_equal(got, _ref_groups(301, pairs))
    assert got[:2].tolist() == [-1, -1] and (got[2:300] == 0).all() and got[300] == -1
