"""Stories: the run's articles grouped into events, across outlets and languages.

Pure math over the frames and the claim vectors; no model call. Two articles are linked by the
share of their claims that alignment paired with a claim of the other (the run's assertion
groups) and by the cosine of their article vectors (the mean of their claim vectors,
renormalised). Candidate links are the pairs with aligned claims and each article's
``neighbours`` nearest articles, never an n × n matrix. Stories grow by average linkage: two
stories merge, best first, while the mean share over their article pairs of different outlets
plus ``cosine_weight`` times their mean cosine reaches ``threshold``. Stories whose dates lie
more than ``max_days`` apart never merge: the same kind of event on another day is another
event. An article without such links is a story of its own; every claim belongs to its
article's story. ``bench/stories_ecbplus.py`` measures the defaults on ECB+.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass

import numpy as np
import polars as pl

from compare import schema
from compare.align import knn
from compare.config import DEFAULT_DETECTORS
from compare.copies import components

STORIES = schema.STORIES

# The columns this stage reads.
_ARTICLE_COLUMNS = ("article_id", "outlet", "date", "lang")
_CLAIM_COLUMNS = ("claim_id", "article_id", "outlet", "text", "group_id")
_PAIR_COLUMNS = ("claim_id_a", "claim_id_b", "similarity")


@dataclass(frozen=True)
class StoryParams:
    """Knobs of :func:`stories`, chosen on ECB+ topics 1–35 (``bench/stories_ecbplus.py``).

    ``threshold`` is the mean link two stories need to merge, a link being the share of the
    two articles' claims aligned with the other plus ``cosine_weight`` times their article
    cosine: at the defaults, two articles at cosine 0.95 merge from 15 % of their claims
    aligned, and no cosine merges articles without aligned claims. ``neighbours`` nearest
    articles are searched per article (memory ``n × neighbours``). ``max_days`` is the widest
    gap between the dates of two stories that may merge (the detectors' different-event
    window). ``linkage="single"`` joins any two articles whose own link reaches ``threshold``
    (connected components) instead: measured worse.
    """

    threshold: float = 0.625
    cosine_weight: float = 0.5
    neighbours: int = 10
    max_days: int = DEFAULT_DETECTORS.max_days
    linkage: str = "average"


def stories(articles: pl.DataFrame, claims: pl.DataFrame, pairs: pl.DataFrame,
            vectors: np.ndarray, **params) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Group the run's articles into stories.

    ``articles`` is the run's ARTICLES frame, ``claims`` its CLAIMS_OUT frame with ``vectors``
    (row i: the unit vector of claim i), ``pairs`` its aligned PAIRS; ``params`` are
    :class:`StoryParams` fields. Returns the claims with ``story_id`` added and a ``STORIES``
    frame, one row per story, articles without any link alone in their own story.
    """
    p = StoryParams(**params)
    if p.linkage not in ("average", "single"):
        raise ValueError(f"stories: linkage {p.linkage!r} is neither 'average' nor 'single'")
    _check(articles, claims, pairs, vectors)
    if articles.is_empty():
        return claims.with_columns(story_id=pl.lit(None, pl.Int64)), schema.empty(STORIES)
    # sorted ids, so that float sums, and so ties, never depend on the input's order
    articles = articles.sort("article_id")
    claims = claims.drop("story_id", strict=False)
    order = claims["claim_id"].arg_sort().to_numpy()
    work, work_vectors = claims[order], vectors[order]
    row_of = work["article_id"].replace_strict(
        articles["article_id"], pl.Series(range(articles.height)), return_dtype=pl.Int64)
    article_vecs, sizes = article_vectors(row_of.to_numpy(), work_vectors, articles.height)
    days = _days(articles["date"].to_list())
    edges = candidate_links(article_vecs, _pair_links(work, pairs, row_of), sizes, days, p)
    if p.linkage == "average":
        outlets = articles["outlet"].cast(pl.Categorical).to_physical().to_numpy()
        label = average_linkage(article_vecs, edges, days, p, outlets)
    else:
        label = single_linkage(articles.height, edges, p)
    story = pl.DataFrame({"article_id": articles["article_id"],
                          "story_id": pl.Series(_number(articles, label), dtype=pl.Int64)})
    claims_out = claims.join(story, on="article_id", how="left", maintain_order="left")
    table = story_table(articles.join(story, on="article_id"),
                        work.join(story, on="article_id", how="left", maintain_order="left"),
                        work_vectors)
    return claims_out, table


def _check(articles: pl.DataFrame, claims: pl.DataFrame, pairs: pl.DataFrame,
           vectors: np.ndarray) -> None:
    for frame, columns, full in ((articles, _ARTICLE_COLUMNS, schema.ARTICLES),
                                 (claims, _CLAIM_COLUMNS, schema.CLAIMS_OUT),
                                 (pairs, _PAIR_COLUMNS, schema.PAIRS)):
        schema.check(frame, {c: full[c] for c in columns}, "stories")
    if claims.height != len(vectors):
        raise ValueError(f"stories: {claims.height} claims but {len(vectors)} vectors")
    unknown = set(claims["article_id"].unique().to_list()) - set(articles["article_id"])
    if unknown:
        raise ValueError(f"stories: claims of {len(unknown)} article(s) not in the articles "
                         f"frame, e.g. {sorted(unknown)[0]!r}")


def article_vectors(rows: np.ndarray, vectors: np.ndarray,
                    n: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean claim vector of each of ``n`` articles, renormalised; claim count per article).
    ``rows[i]`` is the article of claim ``i``. An article without claims gets a zero vector."""
    sums = np.zeros((n, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, rows, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    out = np.where(norms > 0, sums / np.maximum(norms, 1e-12), 0.0).astype(np.float32)
    return out, np.bincount(rows, minlength=n)


def _days(dates: list[str | None]) -> np.ndarray:
    """Day number of each ISO date; -1 where undated or unreadable."""
    out = np.full(len(dates), -1, dtype=np.int64)
    for i, d in enumerate(dates):
        try:
            out[i] = dt.date.fromisoformat(d[:10]).toordinal() if d else -1
        except ValueError:
            pass  # an unreadable date links like no date
    return out


def _pair_links(claims: pl.DataFrame, pairs: pl.DataFrame, row_of: pl.Series) -> pl.DataFrame:
    """Aligned claims between two articles: (a, b, na, nb) with a < b, ``na`` the number of
    distinct claims of article a aligned with claims of article b, ``nb`` the reverse."""
    article = pl.DataFrame({"claim_id": claims["claim_id"], "row": row_of})
    linked = (
        pairs.select("claim_id_a", "claim_id_b")
        .join(article.rename({"claim_id": "claim_id_a", "row": "ra"}), on="claim_id_a")
        .join(article.rename({"claim_id": "claim_id_b", "row": "rb"}), on="claim_id_b")
        .filter(pl.col("ra") != pl.col("rb"))
    )
    # orient every pair a < b, keeping which claim sits on which side
    linked = linked.select(
        a=pl.min_horizontal("ra", "rb"), b=pl.max_horizontal("ra", "rb"),
        ca=pl.when(pl.col("ra") < pl.col("rb")).then("claim_id_a").otherwise("claim_id_b"),
        cb=pl.when(pl.col("ra") < pl.col("rb")).then("claim_id_b").otherwise("claim_id_a"),
    )
    return linked.group_by("a", "b").agg(
        na=pl.col("ca").n_unique(), nb=pl.col("cb").n_unique()).sort("a", "b")


def candidate_links(article_vecs: np.ndarray, pair_links: pl.DataFrame, sizes: np.ndarray,
                    days: np.ndarray, p: StoryParams) -> dict[tuple[int, int], tuple[float, float]]:
    """(cosine, aligned share) of every candidate article pair (a < b): the nearest
    ``p.neighbours`` articles of each article and every pair with aligned claims. Pairs dated
    more than ``p.max_days`` apart, and articles without claims, are left out."""
    shared = _shared(pair_links, sizes)
    found: set[tuple[int, int]] = set(shared)
    _, ids = knn(article_vecs, p.neighbours)
    for a, row in enumerate(ids.tolist()):
        found.update((min(a, b), max(a, b)) for b in row if b >= 0)
    kept = [(a, b) for a, b in sorted(found)
            if sizes[a] and sizes[b] and not _too_far(days, a, b, p.max_days)]
    if not kept:
        return {}
    a, b = np.array(kept).T
    cosines = np.einsum("ij,ij->i", article_vecs[a], article_vecs[b]).tolist()
    return {pair: (cosine, shared.get(pair, 0.0))
            for pair, cosine in zip(kept, cosines, strict=True)}


def _shared(pair_links: pl.DataFrame, sizes: np.ndarray) -> dict[tuple[int, int], float]:
    """Share of aligned claims per article pair: of the two articles' claims, how many were
    aligned with a claim of the other."""
    return {(a, b): (na + nb) / max(sizes[a] + sizes[b], 1)
            for a, b, na, nb in pair_links.iter_rows()}


def _too_far(days: np.ndarray, a: int, b: int, max_days: int) -> bool:
    return bool(days[a] >= 0 and days[b] >= 0 and abs(days[a] - days[b]) > max_days)


def single_linkage(n: int, links: dict[tuple[int, int], tuple[float, float]],
                   p: StoryParams) -> np.ndarray:
    """Connected components of the links whose score reaches ``p.threshold``; a label per
    article."""
    edges = [(a, b) for (a, b), (cosine, shared) in links.items()
             if shared + p.cosine_weight * cosine >= p.threshold]
    return components(n, edges)


def average_linkage(article_vecs: np.ndarray, links: dict[tuple[int, int], tuple[float, float]],
                    days: np.ndarray, p: StoryParams,
                    outlets: np.ndarray | None = None) -> np.ndarray:
    """Agglomerative clustering over the candidate links, best merge first, while the mean link
    between the two clusters reaches ``p.threshold``: the mean aligned share over their article
    pairs of different outlets (``outlets``, a code per article; all distinct if None) plus
    ``p.cosine_weight`` times the mean cosine over all their article pairs, exact from the
    clusters' vector sums. Two clusters merge only when their dates come within
    ``p.max_days``. Returns a label (the smallest member) per article."""
    n = len(article_vecs)
    outlets = np.arange(n) if outlets is None else outlets
    state = _Clusters(article_vecs, days, links, outlets)
    heap = [state.entry(a, b, p.cosine_weight) for a, b in links]
    heapq.heapify(heap)
    while heap:
        neg, a, b, stamp_a, stamp_b = heapq.heappop(heap)
        if -neg < p.threshold:
            break
        if (stamp_a, stamp_b) != (state.stamp[a], state.stamp[b]):
            continue  # stale: one side has merged since, and its new entry is in the heap
        if state.gap(a, b) > p.max_days:
            continue  # a later merge that widens a side's dates pushes the pair again
        keep = state.merge(a, b)
        for c in sorted(state.links[keep]):
            heapq.heappush(heap, state.entry(min(keep, c), max(keep, c), p.cosine_weight))
    return np.array([state.root(x) for x in range(n)], dtype=np.int64)


class _Clusters:
    """Average-linkage bookkeeping: per cluster the sum of its article vectors, its size, its
    articles per outlet, its dated span, and the summed aligned share towards each linked
    cluster."""

    def __init__(self, vecs: np.ndarray, days: np.ndarray,
                 links: dict[tuple[int, int], tuple[float, float]], outlets: np.ndarray) -> None:
        n = len(vecs)
        self.outlets = [{int(o): 1} for o in outlets]
        self.sums, self.size = vecs.astype(np.float64), np.ones(n)
        self.first = np.where(days >= 0, days, np.iinfo(np.int64).max)
        self.last = np.where(days >= 0, days, np.iinfo(np.int64).min)
        self.stamp, self.parent = [0] * n, list(range(n))
        self.links: list[dict[int, float]] = [{} for _ in range(n)]
        for (a, b), (_, shared) in links.items():
            self.links[a][b] = self.links[b][a] = shared

    def entry(self, a: int, b: int, weight: float) -> tuple[float, int, int, int, int]:
        pairs = self.size[a] * self.size[b]
        mean = weight * (self.sums[a] @ self.sums[b]) / pairs
        across = pairs - self._same_outlet(a, b)
        if across:
            mean += self.links[a][b] / across
        return -float(mean), a, b, self.stamp[a], self.stamp[b]

    def _same_outlet(self, a: int, b: int) -> int:
        """Article pairs of one outlet between ``a`` and ``b``: alignment never pairs claims of
        one outlet, so their zero share says nothing."""
        small, large = sorted((self.outlets[a], self.outlets[b]), key=len)
        return sum(count * large.get(o, 0) for o, count in small.items())

    def gap(self, a: int, b: int) -> int:
        if self.last[a] < 0 or self.last[b] < 0:
            return 0  # a cluster without a dated article fits any date
        return int(max(self.first[a] - self.last[b], self.first[b] - self.last[a], 0))

    def merge(self, a: int, b: int) -> int:
        keep, gone = min(a, b), max(a, b)
        self.sums[keep] += self.sums[gone]
        self.size[keep] += self.size[gone]
        for o, count in self.outlets[gone].items():
            self.outlets[keep][o] = self.outlets[keep].get(o, 0) + count
        self.outlets[gone] = {}
        self.first[keep] = min(self.first[keep], self.first[gone])
        self.last[keep] = max(self.last[keep], self.last[gone])
        for c, shared in self.links[gone].items():
            del self.links[c][gone]
            if c != keep:
                total = self.links[keep].get(c, 0.0) + shared
                self.links[keep][c] = self.links[c][keep] = total
        self.links[gone] = {}
        self.parent[gone] = keep
        self.stamp[keep] += 1
        self.stamp[gone] = -1
        return keep

    def root(self, x: int) -> int:
        while self.parent[x] != x:
            x = self.parent[x]
        return x


def _number(articles: pl.DataFrame, label: np.ndarray) -> np.ndarray:
    """Story ids from cluster labels: most articles first, then the earliest date (undated
    last), then the smallest article id (articles are sorted, so the label)."""
    order = (
        pl.DataFrame({"label": label, "date": articles["date"]})
        .group_by("label")
        .agg(size=pl.len(), first=pl.col("date").min())
        .sort(["size", "first", "label"], descending=[True, False, False], nulls_last=True)
    )
    story = dict(zip(order["label"].to_list(), range(order.height), strict=True))
    return np.array([story[x] for x in label.tolist()], dtype=np.int64)


def story_table(articles: pl.DataFrame, claims: pl.DataFrame, vectors: np.ndarray) -> pl.DataFrame:
    """The STORIES frame of ``articles`` and ``claims`` that both carry ``story_id``."""
    per_article = articles.group_by("story_id").agg(
        outlets=pl.col("outlet").unique().sort(),
        n_articles=pl.len(),
        first_date=pl.col("date").min(),
        last_date=pl.col("date").max(),
        langs=pl.col("lang").drop_nulls().unique().sort(),
    ).with_columns(n_outlets=pl.col("outlets").list.len())
    source = pl.coalesce("source", "outlet") if "source" in claims.columns else pl.col("outlet")
    per_claim = claims.group_by("story_id").agg(n_claims=pl.len(), n_sources=source.n_unique())
    table = (
        per_article.join(per_claim, on="story_id", how="left")
        .join(titles(claims, vectors), on="story_id", how="left")
        .with_columns(n_claims=pl.col("n_claims").fill_null(0),
                      n_sources=pl.col("n_sources").fill_null(pl.col("n_outlets")))
        .sort("story_id")
    )
    return table.select(list(STORIES)).cast(STORIES)


def titles(claims: pl.DataFrame, vectors: np.ndarray) -> pl.DataFrame:
    """(story_id, title, title_claim_id): per story its most central claim, the one with the
    highest mean cosine to the story's other claims, among the claims aligned with another
    outlet of the story when there are any."""
    if claims.is_empty():
        return pl.DataFrame(schema={"story_id": pl.Int64, "title": pl.String,
                                    "title_claim_id": pl.String})
    story = claims["story_id"].to_numpy()
    sums = np.zeros((int(story.max()) + 1, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, story, vectors)
    count = np.bincount(story)
    own = np.einsum("ij,ij->i", vectors, vectors)
    central = (np.einsum("ij,ij->i", vectors, sums[story]) - own) / np.maximum(count[story] - 1, 1)
    shared_group = pl.col("outlet").n_unique().over("story_id", "group_id") > 1
    return (
        claims.select("story_id", "claim_id", "text", "outlet", "group_id")
        .with_columns(central=pl.Series(central),
                      aligned=pl.col("group_id").is_not_null() & shared_group)
        .sort(["story_id", "aligned", "central", "claim_id"], descending=[False, True, True, False])
        .group_by("story_id", maintain_order=True)
        .agg(title=pl.col("text").first(), title_claim_id=pl.col("claim_id").first())
    )
