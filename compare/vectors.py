"""FAISS in one place: the exact inner-product index every stage searches, and block search.

Vectors are unit-length e5 embeddings, so inner product is cosine similarity.
"""

from __future__ import annotations

import numpy as np


def flat_index(vectors: np.ndarray, dim: int | None = None):
    """An exact FAISS inner-product index holding ``vectors`` (row i = id i)."""
    import faiss

    dim = vectors.shape[1] if dim is None else dim
    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def search(index, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The top-``k`` (scores, ids) of each query row in ``index``."""
    return index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
