"""FAISS in one place: the indexes every stage searches, chosen by size, and block search.

Vectors are unit-length e5 embeddings, so inner product is cosine similarity. Up to
:data:`EXACT_UP_TO` vectors the index is exact (``IndexFlatIP``); beyond it, a graph index
(HNSW), whose recall :func:`recall_at_k` measures against exact search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXACT_UP_TO = 200_000
"""Largest number of vectors searched exactly. Exact all-neighbour search grows as n² · d, HNSW
(build and search) as n · log n: on 100,000 claims exact cost 102 CPU-s and HNSW 145
(``bench/align_scale.py``), so HNSW pays from about 150,000; up to 200,000 we keep exact
results (about 7 minutes of CPU) rather than a recall below 1."""

HNSW_M = 32
"""Graph degree of the HNSW index (links per vector per layer; memory ``n · M · 8`` bytes)."""

HNSW_EF_CONSTRUCTION = 80
"""Candidate list while building the HNSW graph: higher is slower to build and better linked.
On 100,000 clustered claims (``bench/align_scale.py``), 40 → 80 → 160 gave recall@10 0.91 →
0.97 → 0.99 at efSearch 64, built in 130 s, 87 s and 206 s on a busy machine; every neighbour
that could align (cosine ≥ 0.87) was found from 80 on."""

HNSW_EF_SEARCH = 64
"""Candidate list per HNSW query (FAISS uses ``k`` instead when that is larger): at 32 it
missed 0.3 % of the neighbours that could align, at 64 none, and 128 searched 1.1–2.8× slower
for recall@10 0.968 → 0.971 (same measurement)."""


@dataclass(frozen=True)
class KnnInfo:
    """How a neighbour search was done: the index ``kind`` (``"flat"`` or ``"hnsw"``) and its
    recall@10 against exact search (1.0 for ``"flat"``, exact by construction; measured on a
    seeded sample of queries for ``"hnsw"``)."""

    kind: str
    recall_at_10: float


def flat_index(vectors: np.ndarray, dim: int | None = None):
    """An exact FAISS inner-product index holding ``vectors`` (row i = id i)."""
    import faiss

    dim = vectors.shape[1] if dim is None else dim
    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def hnsw_index(vectors: np.ndarray, m: int = HNSW_M,
               ef_construction: int = HNSW_EF_CONSTRUCTION, ef_search: int = HNSW_EF_SEARCH):
    """An approximate FAISS HNSW inner-product index holding ``vectors`` (row i = id i).

    Memory is the vectors plus ``n · m · 8`` bytes of links (n · 1.8 KB at d = 384, m = 32).
    """
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    index.hnsw.efSearch = ef_search
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def build_index(vectors: np.ndarray, exact_up_to: int = EXACT_UP_TO) -> tuple[object, str]:
    """The index for ``vectors`` and its kind: ``"flat"`` (exact) up to ``exact_up_to``
    vectors, ``"hnsw"`` beyond."""
    if len(vectors) <= exact_up_to:
        return flat_index(vectors), "flat"
    return hnsw_index(vectors), "hnsw"


def search(index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The top-``k`` (scores, ids) of each query row in ``index``."""
    return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)


def drop_self(scores: np.ndarray, ids: np.ndarray, rows: np.ndarray,
              k: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``k`` neighbours of each query other than itself (query q is database row
    ``rows[q]``), from a search for ``k + 1``; id -1 and score -inf where fewer remain."""
    keep = (ids != rows[:, None]) & (ids >= 0)
    # a stable sort of "not kept" moves the kept neighbours to the front, in their order
    order = np.argsort(~keep, axis=1, kind="stable")[:, :k]
    kept = np.take_along_axis(keep, order, axis=1)
    got_s = np.where(kept, np.take_along_axis(scores, order, axis=1), -np.inf)
    got_i = np.where(kept, np.take_along_axis(ids, order, axis=1), -1)
    return got_s.astype(np.float32), got_i.astype(np.int64)


def recall_at_k(index, vectors: np.ndarray, k: int = 10, sample: int = 1000,
                seed: int = 0) -> float:
    """Share of the exact top-``k`` neighbours (self excluded) that ``index`` finds, over a
    sample of ``sample`` rows of ``vectors`` drawn with ``seed``.

    Only the sampled queries are searched exactly (``faiss.knn``, which works in tiles of
    queries × database rows): memory is ``sample × k``, never ``n × n``.
    """
    import faiss

    n = len(vectors)
    k = min(k, n - 1)
    if k <= 0:
        return 1.0
    rows = np.sort(np.random.default_rng(seed).choice(n, size=min(sample, n), replace=False))
    base = np.ascontiguousarray(vectors, dtype=np.float32)
    queries = base[rows]
    want = drop_self(*faiss.knn(queries, base, k + 1, metric=faiss.METRIC_INNER_PRODUCT),
                     rows, k)[1]
    got = drop_self(*search(index, queries, k + 1), rows, k)[1]
    query = np.arange(len(rows))[:, None]
    want_keys, got_keys = (query * n + want)[want >= 0], (query * n + got)[got >= 0]
    return float(np.isin(got_keys, want_keys).sum() / max(1, len(want_keys)))
