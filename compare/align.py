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
from compare.vectors import flat_index, search

ALIGNED = {
    "i": pl.Int64,  # row of claim a in the claims frame
    "j": pl.Int64,
    "similarity": pl.Float64,
}


def knn(vectors: np.ndarray, k: int, block: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` inner-product neighbours of every row among all rows (self excluded).

    Exact FAISS flat search done ``block`` query rows at a time: memory is ``block × k`` for the
    results plus the index itself (``n × d`` floats), never ``n × n``. Returns (scores, ids), with
    id -1 and score -inf where fewer than ``k`` neighbours exist.
    """
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
    Returns an ``ALIGNED`` frame sorted by score, highest first.
    """
    across = threshold if threshold_across is None else threshold_across
    ranked: dict[tuple[int, int], list[tuple[int, float]]] = {}
    n, k = ids.shape
    for i in range(n):
        for col in range(k):
            j = int(ids[i, col])
            if j < 0 or outlets[j] == outlets[i]:
                continue
            top = ranked.setdefault((i, int(outlets[j])), [])
            if len(top) < per_outlet:  # neighbour lists are sorted, best first
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
    return pl.DataFrame(rows, schema=ALIGNED, orient="row")


def margin_rescore(scores: np.ndarray, ids: np.ndarray, outlets: np.ndarray,
                   k: int) -> tuple[np.ndarray, np.ndarray]:
    """Ratio-margin scores: cosine over the mean cosine of both sides' ``k`` nearest neighbours
    in other outlets, re-sorted per row.

    A claim that resembles everything (a hub, such as a generic sentence about the war) gets a
    high neighbourhood mean, so its pairs score lower; two claims that stand out for each other
    score above 1. Returns (margins, ids) shaped like the input, -inf where ids are -1.
    """
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


def groups(n: int, pairs: pl.DataFrame) -> np.ndarray:
    """Assertion group of every row: connected components of the pair graph, -1 if unpaired."""
    parent = np.arange(n)

    def find(x: int) -> int:
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
    numbering: dict[int, int] = {}
    for row in range(n):
        if paired[row]:
            out[row] = numbering.setdefault(int(roots[row]), len(numbering))
    return out


def align_claims(claims: pl.DataFrame, vectors: np.ndarray,
                 settings: Settings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Align claims across outlets.

    Returns the claims with ``group_id`` and ``unique`` added and the aligned
    pairs (``PAIRS`` columns without the relation ones: ``relation``, ``reasons`` and
    ``confidence`` are null until the relation stage fills them).
    """
    schema.check(claims, schema.CLAIMS, "align")
    if claims.height != len(vectors):
        raise ValueError(f"align: {claims.height} claims but {len(vectors)} vectors")
    outlets = claims["outlet"].cast(pl.Categorical).to_physical().to_numpy()
    scores, ids = knn(vectors, settings.neighbours, block=settings.search_block)
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
    return claims_out, pairs


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
        )
    )
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
