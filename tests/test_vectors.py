"""FAISS chosen by size: exact search against numpy brute force, HNSW against exact recall."""

from __future__ import annotations

import numpy as np
import pytest

from compare.align import knn, knn_with_info
from compare.embed import normalise
from compare.vectors import (
    EXACT_UP_TO,
    KnnInfo,
    build_index,
    drop_self,
    flat_index,
    recall_at_k,
)


def brute_knn(vectors, k):
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(sims, order, axis=1), order


def _vectors(n, dim=24, seed=0):
    return normalise(np.random.default_rng(seed).normal(size=(n, dim)))


def test_the_index_kind_follows_the_size():
    vectors = _vectors(11)
    assert build_index(vectors)[1] == "flat" and EXACT_UP_TO >= 100_000
    assert build_index(vectors, exact_up_to=11)[1] == "flat"
    index, kind = build_index(vectors, exact_up_to=10)
    assert kind == "hnsw" and index.ntotal == 11


@pytest.mark.parametrize(("n", "k", "block"), [(2, 5, 1), (97, 10, 13), (997, 10, 256)])
def test_flat_search_equals_numpy_brute_force(n, k, block):
    vectors = _vectors(n)
    scores, ids, info = knn_with_info(vectors, k, block=block)
    want_scores, want_ids = brute_knn(vectors, min(k, n - 1))
    assert info == KnnInfo("flat", 1.0)
    assert np.array_equal(ids, want_ids)
    assert np.allclose(scores, want_scores, atol=1e-5)


def test_hnsw_on_odd_sized_input_finds_the_exact_neighbours():
    vectors = _vectors(997, dim=32)
    scores, ids, info = knn_with_info(vectors, 10, block=101, exact_up_to=100)
    assert info.kind == "hnsw" and info.recall_at_10 >= 0.95
    _, want_ids = brute_knn(vectors, 10)
    found = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, want_ids, strict=True)])
    assert found >= 0.95
    rows = np.arange(997)[:, None]
    assert (ids != rows).all() and (ids >= 0).all()
    assert np.allclose(scores, np.einsum("id,ikd->ik", vectors, vectors[ids]), atol=1e-5)
    assert (np.diff(scores, axis=1) <= 1e-6).all()  # best first, as from exact search


def test_knn_keeps_its_results_whatever_the_index_reports():
    vectors = _vectors(61)
    assert all(np.array_equal(a, b) for a, b in zip(
        knn(vectors, 7, block=9), knn_with_info(vectors, 7, block=9)[:2], strict=True))


def test_recall_of_exact_search_is_one_and_the_sample_is_seeded():
    vectors = _vectors(301)
    assert recall_at_k(flat_index(vectors), vectors, k=10, sample=50) == 1.0
    hnsw, _ = build_index(vectors, exact_up_to=0)
    assert recall_at_k(hnsw, vectors, sample=40, seed=3) == recall_at_k(hnsw, vectors,
                                                                         sample=40, seed=3)
    assert recall_at_k(flat_index(vectors[:1]), vectors[:1]) == 1.0  # no neighbour to miss


def test_an_index_with_the_wrong_ids_has_no_recall():
    vectors = _vectors(400, dim=48)
    shuffled = flat_index(vectors[::-1])  # id i holds row 399 - i
    assert recall_at_k(shuffled, vectors, k=10, sample=400) < 0.05


def test_drop_self_keeps_order_and_pads():
    scores = np.array([[0.9, 1.0, 0.5], [1.0, 0.8, 0.7], [0.4, -3.0, -3.0]], np.float32)
    ids = np.array([[4, 0, 2], [1, 3, 5], [0, -1, -1]])
    got_s, got_i = drop_self(scores, ids, np.array([0, 1, 2]), 2)
    assert got_i.tolist() == [[4, 2], [3, 5], [0, -1]]
    assert got_s.tolist() == [[pytest.approx(0.9), 0.5], [pytest.approx(0.8),
                                                          pytest.approx(0.7)],
                              [pytest.approx(0.4), -np.inf]]
