"""Alignment stage: which claims of different outlets make the same assertion.

Pure math over unit vectors, apart from :func:`align_claims`, which wires it to the frames.
A pair is kept when the two claims are each other's best match in the other's outlet (mutual
nearest neighbours per outlet pair) and their cosine clears the threshold, so one claim never
pairs with everything. Kept pairs are grouped into assertion groups (connected components).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from compare import schema
from compare.config import Settings
from compare.vectors import (
    EXACT_UP_TO,
    KnnInfo,
    build_index,
    drop_self,
    flat_index,
    recall_at_k,
    search,
)

ALIGNED = {
    "i": pl.Int64,  # row of claim a in the claims frame
    "j": pl.Int64,
    "similarity": pl.Float64,
}


def knn(vectors: np.ndarray, k: int, block: int = 4096, *,
        exact_up_to: int = EXACT_UP_TO) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` inner-product neighbours of every row among all rows (self excluded).

    Exact FAISS flat search up to ``exact_up_to`` rows, HNSW beyond (see
    :func:`knn_with_info` to learn which, and its recall). Queries run ``block`` rows at a time:
    memory is ``block × k`` for the results plus the index itself (``n × d`` floats), never
    ``n × n``. Returns (scores, ids), with id -1 and score -inf where fewer than ``k``
    neighbours exist.
    """
    scores, ids, _ = knn_with_info(vectors, k, block, exact_up_to=exact_up_to)
    return scores, ids


def knn_with_info(vectors: np.ndarray, k: int, block: int = 4096, *,
                  exact_up_to: int = EXACT_UP_TO, recall_sample: int = 1000,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray, KnnInfo]:
    """:func:`knn`, and how it searched: a :class:`KnnInfo` with the index kind and its
    recall@10, 1.0 for exact search and, for HNSW, measured against exact search on
    ``recall_sample`` rows drawn with ``seed``."""
    n, _ = vectors.shape
    k = max(0, min(k, n - 1))
    scores = np.full((n, k), -np.inf, dtype=np.float32)
    ids = np.full((n, k), -1, dtype=np.int64)
    if k == 0:
        return scores, ids, KnnInfo("flat", 1.0)
    index, kind = build_index(vectors, exact_up_to)
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        s, i = search(index, vectors[lo:hi], k + 1)
        scores[lo:hi], ids[lo:hi] = drop_self(s, i, np.arange(lo, hi), k)
    recall = 1.0 if kind == "flat" else recall_at_k(index, vectors, sample=recall_sample,
                                                     seed=seed)
    return scores, ids, KnnInfo(kind, recall)


def mutual_pairs(scores: np.ndarray, ids: np.ndarray, outlets: np.ndarray, threshold: float,
                 per_outlet: int = 1, slack: float = 0.0, langs: np.ndarray | None = None,
                 threshold_across: float | None = None) -> pl.DataFrame:
    """Pairs (i < j) of different outlets that rank each other among their best matches.

    ``scores``/``ids`` are neighbour lists as from :func:`knn`; ``outlets`` gives an outlet code
    per row. With ``per_outlet=1`` a pair is kept when each claim is the other's single best
    match in its outlet (mutual nearest neighbours). With ``per_outlet=m`` each claim may pair
    with up to ``m`` claims of another outlet, but only with those that also rank it among their
    top ``m`` and whose score is within ``slack`` of its best one there: an article that states
    the same thing twice keeps both, while one claim still cannot pair with everything.
    With ``langs`` (a language code per row), a pair of two languages needs
    ``threshold_across`` instead of ``threshold``: cosines across languages run lower.
    Returns an ``ALIGNED`` frame sorted by score, highest first (then by i, j). The work is on
    flat arrays of the ``n × k`` neighbour entries: memory and time grow with ``n · k``.
    """
    across = threshold if threshold_across is None else threshold_across
    i, j, sim, near = _top_per_outlet(scores, ids, outlets, per_outlet, slack)
    wanted = threshold if langs is None else np.where(langs[i] != langs[j], across, threshold)
    # (i, j) pairs when i lists j as near and j lists i as near: a join on pair keys, with the
    # entries of the lower row (a < b) and of the higher row (a > b) looked up apart
    base = max(len(ids), len(outlets))
    lower = np.sort((i * base + j)[near & (i < j)])
    higher = np.sort((j * base + i)[near & (i > j)])
    cand = np.flatnonzero((i < j) & (sim >= wanted))
    key = i[cand] * base + j[cand]
    keep = cand[_is_in(key, lower) & _is_in(key, higher)]
    i, j, sim = i[keep], j[keep], sim[keep]
    order = np.lexsort((j, i, -sim))
    return pl.DataFrame({"i": i[order], "j": j[order], "similarity": sim[order]}, schema=ALIGNED)


def _top_per_outlet(scores: np.ndarray, ids: np.ndarray, outlets: np.ndarray, per_outlet: int,
                    slack: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each row's first ``per_outlet`` neighbours in every other outlet, in list order, as flat
    (row, id, score) arrays, with whether each is within ``slack`` of the first one's score."""
    n, k = ids.shape
    row = np.repeat(np.arange(n, dtype=np.int64), k)
    j = ids.ravel().astype(np.int64)
    valid = j >= 0
    valid[valid] = outlets[j[valid]] != outlets[row[valid]]
    row, j = row[valid], j[valid]
    sim = scores.ravel()[valid].astype(np.float64)  # the reference compared Python floats
    codes, out = np.unique(outlets, return_inverse=True)
    # entries run in (row, column) order already: a stable sort on (row, outlet) keeps the rank
    order = np.argsort(row * len(codes) + out[j], kind="stable")
    row, j, sim = row[order], j[order], sim[order]
    out = out[j]
    start = np.ones(len(row), dtype=bool)
    start[1:] = (row[1:] != row[:-1]) | (out[1:] != out[:-1])
    first = np.flatnonzero(start)
    group = np.cumsum(start) - 1
    rank = np.arange(len(row)) - first[group]
    near = sim >= sim[first][group] - slack
    top = rank < per_outlet
    return row[top], j[top], sim[top], near[top]


def _is_in(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Whether each of ``keys`` is in ``sorted_keys`` (sorted): a binary-search join."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[pos] == keys


def margin_rescore(scores: np.ndarray, ids: np.ndarray, outlets: np.ndarray,
                   k: int) -> tuple[np.ndarray, np.ndarray]:
    """Ratio-margin scores: cosine over the mean cosine of both sides' ``k`` nearest neighbours
    in other outlets, re-sorted per row.

    A claim that resembles everything (a hub, such as a generic sentence about the war) gets a
    high neighbourhood mean, so its pairs score lower; two claims that stand out for each other
    score above 1. Returns (margins, ids) shaped like the input, -inf where ids are -1.
    """
    valid = ids >= 0
    other = valid & (outlets[np.clip(ids, 0, None)] != outlets[:, None])
    mean = _first_k_mean(scores, other, k)
    denom = (mean[:, None] + np.where(valid, mean[np.clip(ids, 0, None)], 1.0)) / 2
    margins = np.where(valid, scores / denom, -np.inf)
    order = np.argsort(-margins, axis=1, kind="stable")
    return np.take_along_axis(margins, order, axis=1), np.take_along_axis(ids, order, axis=1)


def _first_k_mean(scores: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's first ``k`` scores where ``mask`` holds; 1.0 where none does."""
    order = np.argsort(~mask, axis=1, kind="stable")[:, :k]
    top = np.take_along_axis(scores, order, axis=1)
    count = np.minimum(mask.sum(axis=1), max(k, 0))
    mean = np.ones(len(scores), dtype=np.float64)
    # rows with as many values share one call, so numpy sums them in the order a per-row
    # np.mean would (pairwise from 8 values on): the means are the same to the last bit
    for m in np.unique(count[count > 0]):
        rows = count == m
        mean[rows] = np.mean(np.ascontiguousarray(top[rows, :m]), axis=1)
    return mean


def groups(n: int, pairs: pl.DataFrame) -> np.ndarray:
    """Assertion group of every row: connected components of the pair graph, -1 if unpaired.

    Groups are numbered in the order of their first row.
    """
    i, j = (pairs[c].to_numpy().astype(np.int64) for c in ("i", "j"))
    root = _components(n, i, j)
    paired = np.zeros(n, dtype=bool)
    paired[i] = True
    paired[j] = True
    out = np.full(n, -1, dtype=np.int64)
    # a root is its component's smallest row: numbering the roots in increasing order numbers
    # the groups by their first row
    out[paired] = np.unique(root[paired], return_inverse=True)[1]
    return out


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The smallest row of every row's connected component over the edges (i, j).

    Union-find over arrays: each round hooks every root onto the smallest root it is linked
    to, then pointer jumping flattens the trees; the number of roots falls every round.
    """
    label = np.arange(n, dtype=np.int64)
    while True:
        while not np.array_equal(jumped := label[label], label):
            label = jumped
        li, lj = label[i], label[j]
        if np.array_equal(li, lj):
            return label
        low = np.minimum(li, lj)
        np.minimum.at(label, li, low)
        np.minimum.at(label, lj, low)


def align_claims(claims: pl.DataFrame, vectors: np.ndarray,
                 settings: Settings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Align claims across outlets.

    Returns the claims with ``group_id`` and ``unique`` added and the aligned
    pairs (``PAIRS`` columns without the relation ones: ``relation``, ``reasons`` and
    ``confidence`` are null until the relation stage fills them).
    """
    claims_out, pairs, _ = align_with_info(claims, vectors, settings)
    return claims_out, pairs


def align_with_info(claims: pl.DataFrame, vectors: np.ndarray, settings: Settings,
                    ) -> tuple[pl.DataFrame, pl.DataFrame, dict]:
    """:func:`align_claims`, and how the neighbours were searched (what a run records as
    ``index`` in its ``run.json``): ``{"kind": "flat" | "hnsw", "size": vectors searched,
    "recall_at_10": 1.0 for exact search, measured against it for HNSW}``."""
    schema.check(claims, schema.CLAIMS, "align")
    if claims.height != len(vectors):
        raise ValueError(f"align: {claims.height} claims but {len(vectors)} vectors")
    outlets = claims["outlet"].cast(pl.Categorical).to_physical().to_numpy()
    scores, ids, knn_info = knn_with_info(vectors, settings.neighbours,
                                          block=settings.search_block)
    index = {"kind": knn_info.kind, "size": len(vectors),
             "recall_at_10": round(knn_info.recall_at_10, 4)}
    if settings.align_margin > 0:
        margins, m_ids = margin_rescore(scores, ids, outlets, settings.margin_k)
        aligned = mutual_pairs(margins, m_ids, outlets, settings.align_margin,
                               settings.per_outlet, settings.align_slack)
        cosine = np.einsum("ij,ij->i", vectors[aligned["i"].to_numpy()],
                           vectors[aligned["j"].to_numpy()])
        aligned = aligned.with_columns(similarity=pl.Series(cosine, dtype=pl.Float64)).filter(
            pl.col("similarity") >= settings.align_threshold)
    else:
        langs = claims["lang"].fill_null("und").cast(pl.Categorical).to_physical().to_numpy()
        aligned = mutual_pairs(scores, ids, outlets, settings.align_threshold,
                               settings.per_outlet, settings.align_slack, langs,
                               settings.align_threshold_across)
    group = groups(claims.height, aligned)
    claims_out = claims.with_columns(
        group_id=pl.Series(group, dtype=pl.Int64).replace(-1, None),
    ).with_columns(unique=pl.col("group_id").is_null())
    pairs = _pair_frame(claims_out, aligned)
    return claims_out, pairs, index


def _pair_frame(claims: pl.DataFrame, aligned: pl.DataFrame) -> pl.DataFrame:
    side = claims.select("claim_id", "outlet", "text", "speaker", "group_id").with_row_index("row")
    a = side.rename({c: f"{c}_a" for c in side.columns if c not in ("row", "group_id")})
    b = side.drop("group_id")
    b = b.rename({c: f"{c}_b" for c in b.columns if c != "row"})
    out = (
        aligned.with_columns(pl.col("i", "j").cast(pl.UInt32))
        .join(a, left_on="i", right_on="row", how="left", maintain_order="left")
        .join(b, left_on="j", right_on="row", how="left", maintain_order="left")
        .with_columns(
            relation=pl.lit(None, pl.String),
            reasons=pl.lit(None, pl.List(pl.String)),
            confidence=pl.lit(None, pl.Float64),
            kinds=pl.lit(None, pl.List(pl.String)),
            same_text=pl.lit(None, pl.Boolean),  # the copies stage decides
            **{c: pl.lit(None, pl.String) for c in schema.VERDICT_COLUMNS},  # relate fills
        )
    )
    out = out.with_columns(pair_id=schema.pair_ids(out["claim_id_a"], out["claim_id_b"]))
    return out.select(list(schema.PAIRS)).cast(schema.PAIRS)


FIRST = {"first_outlet": pl.String, "first_date": pl.String, "first_claim_id": pl.String}


def first_reported(claims: pl.DataFrame, vectors: np.ndarray, earlier: pl.DataFrame,
                   earlier_vectors: np.ndarray, settings: Settings) -> pl.DataFrame:
    """``claims`` with the ``FIRST`` columns: the earliest claim of ``earlier`` (claims of other
    articles, with their vectors) from another outlet, dated strictly before the claim, at
    cosine ``first_threshold`` or more; null where there is none."""
    if earlier.is_empty() or claims.is_empty():
        return claims.with_columns([pl.lit(None, t).alias(c) for c, t in FIRST.items()])
    index = flat_index(earlier_vectors)
    k = min(settings.neighbours, earlier.height)
    scores, ids = search(index, vectors, k)
    dates = claims["date"].to_list()
    outlets = claims["outlet"].to_list()
    e_out, e_date, e_id = (earlier[c].to_list() for c in ("outlet", "date", "claim_id"))
    found = []
    for i in range(claims.height):
        best = None
        for s, j in zip(scores[i], ids[i], strict=True):
            if j < 0 or s < settings.first_threshold or e_out[j] == outlets[i]:
                continue
            if not (dates[i] and e_date[j] and e_date[j] < dates[i]):
                continue  # "first" needs both dates, the earlier one strictly before
            if best is None or (e_date[j] or "9999") < (e_date[best] or "9999"):
                best = j
        found.append((e_out[best], e_date[best], e_id[best]) if best is not None else
                     (None, None, None))
    first = pl.DataFrame(found, schema=FIRST, orient="row")
    return pl.concat([claims, first], how="horizontal")
