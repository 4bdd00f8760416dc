"""Alignment at scale: knn + mutual pairs against sentence-transformers' paraphrase mining, and
HNSW past the exact limit.

    nice -n 19 python bench/align_scale.py --n 10000
    nice -n 19 python bench/align_scale.py --n 100000
    nice -n 19 python bench/align_scale.py --n 1000000 --no-compare
    nice -n 19 python bench/align_scale.py --n 100000 --no-compare --exact-up-to 50000 \\
        --check-exact                      # the HNSW path, and its pairs against exact search's
    nice -n 19 python bench/align_scale.py --n 100000 --no-compare --exact-up-to 0 \\
        --ef-construction 40 --ef-search 16 32 64 128   # HNSW forced: recall, speed per efSearch

Synthetic claims (fixed ``--seed``): unit vectors, d = 384, around ``n / 8`` event centres
(centre + Gaussian noise of norm 0.25–0.5, so claims of one event have cosines of about
0.8–0.94), each claim from one of ``--outlets`` outlets drawn at random: near-duplicates across
outlets, as in a week of news.

Comparison (``n`` up to ``--compare-up-to``, exact search): ours is ``knn`` (k = ``--k``) +
``mutual_pairs`` with one partner per outlet (mutual nearest neighbours, no slack). Paraphrase
mining returns every pair in either claim's top k; from it each claim's own top k is rebuilt
(its k best partners: the pairs hold them all), and the same mutual rule is applied with polars
(``mutual_from_mining``, which shares no code with ``compare.align``). The two pair sets are
compared as sets of (i, j), and their scores on the common pairs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import polars as pl

from compare.align import mutual_pairs
from compare.vectors import (
    EXACT_UP_TO,
    HNSW_EF_CONSTRUCTION,
    build_index,
    drop_self,
    hnsw_index,
    recall_at_k,
    search,
)


def clustered(n: int, dim: int = 384, outlets: int = 20, seed: int = 0,
              chunk: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
    """``n`` unit vectors around ``n // 8`` event centres, and an outlet code per vector."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // 8), dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = np.empty((n, dim), dtype=np.float32)
    for lo in range(0, n, chunk):  # in chunks: a million float64 rows would take 3 GB
        m = min(chunk, n - lo)
        noise = rng.standard_normal((m, dim), dtype=np.float32)
        noise *= (rng.uniform(0.25, 0.5, size=(m, 1)) / np.sqrt(dim)).astype(np.float32)
        block = centres[rng.integers(0, len(centres), size=m)] + noise
        vectors[lo:lo + m] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return vectors, rng.integers(0, outlets, size=n)


def neighbours(index, vectors: np.ndarray, k: int, block: int = 4096):
    """``knn``'s search loop, on an index built apart so that build and search are timed
    apart."""
    n = len(vectors)
    scores = np.empty((n, k), dtype=np.float32)
    ids = np.empty((n, k), dtype=np.int64)
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        scores[lo:hi], ids[lo:hi] = drop_self(*search(index, vectors[lo:hi], k + 1),
                                              np.arange(lo, hi), k)
    return scores, ids


def recall_above(index, vectors: np.ndarray, k: int, threshold: float, sample: int = 1000,
                 seed: int = 0) -> tuple[float, int]:
    """Share of the exact top-``k`` neighbours at cosine ``threshold`` or more (the ones that
    can align) that ``index`` finds, on ``recall_at_k``'s sample of queries; and their count."""
    import faiss

    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size=sample, replace=False))
    exact = drop_self(*faiss.knn(vectors[rows], vectors, k + 1,
                                 metric=faiss.METRIC_INNER_PRODUCT), rows, k)
    found = drop_self(*search(index, vectors[rows], k + 1), rows, k)[1]
    hits = [set(want[score >= threshold]) for score, want in zip(*exact, strict=True)]
    got = sum(len(h & set(f)) for h, f in zip(hits, found, strict=True))
    total = sum(map(len, hits))
    return got / max(1, total), total


def mutual_from_mining(mined: list, outlets: np.ndarray, k: int, threshold: float) -> set:
    """Mutual nearest neighbours per outlet pair from paraphrase mining's [score, i, j] list."""
    frame = pl.DataFrame(mined, schema={"s": pl.Float64, "a": pl.Int64, "b": pl.Int64},
                         orient="row")
    out = pl.Series(outlets)
    edges = pl.concat([frame.select("s", i="a", j="b"), frame.select("s", i="b", j="a")])
    best = (
        edges.sort(["i", "s", "j"], descending=[False, True, False])
        .filter(pl.int_range(pl.len()).over("i") < k)  # each claim's own top k
        .with_columns(oi=pl.lit(out).gather("i"), oj=pl.lit(out).gather("j"))
        .filter(pl.col("oi") != pl.col("oj"))
        .group_by("i", "oj", maintain_order=True).first()  # best partner per other outlet
    )
    mutual = best.join(best, left_on=["i", "j"], right_on=["j", "i"]).filter(
        (pl.col("i") < pl.col("j")) & (pl.col("s") >= threshold))
    return dict(zip(zip(mutual["i"], mutual["j"], strict=True), mutual["s"], strict=True))


class Lap:
    """Wall and CPU seconds since the previous lap. The machine is shared: wall time says how
    long a step took here, CPU time (all threads) how much work it was."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __call__(self) -> tuple[float, str]:
        wall, cpu = time.perf_counter(), time.process_time()
        took, text = wall - self.wall, f"{wall - self.wall:.1f} s (cpu {cpu - self.cpu:.1f} s)"
        self.wall, self.cpu = wall, cpu
        return took, text


def as_dict(pairs: pl.DataFrame) -> dict:
    return dict(zip(zip(pairs["i"], pairs["j"], strict=True), pairs["similarity"], strict=True))


def report_difference(mine: dict, theirs: dict, names: tuple[str, str]) -> None:
    only_a, only_b = mine.keys() - theirs.keys(), theirs.keys() - mine.keys()
    gap = max((abs(mine[p] - theirs[p]) for p in mine.keys() & theirs.keys()), default=0.0)
    print(f"same pairs: {not only_a and not only_b} ({names[0]} only {len(only_a):,}, "
          f"{names[1]} only {len(only_b):,}); max score gap on common pairs {gap:.2e}")
    for pair in sorted(only_a | only_b)[:5]:
        print(f"  differs: {pair} {names[0]} {mine.get(pair)} {names[1]} {theirs.get(pair)}")


def compare_with_mining(vectors, outlets, k, threshold) -> None:
    import torch
    from sentence_transformers.util import paraphrase_mining_embeddings

    lap = Lap()
    scores, ids = neighbours(build_index(vectors)[0], vectors, k)
    mine = as_dict(mutual_pairs(scores, ids, outlets, threshold))
    t_ours, ours_text = lap()
    mined = paraphrase_mining_embeddings(torch.from_numpy(vectors), top_k=k,
                                         max_pairs=len(vectors) * k)
    t_mine, mine_text = lap()
    theirs = mutual_from_mining(mined, outlets, k, threshold)
    t_rule, rule_text = lap()
    print(f"ours (flat knn k={k} + mutual_pairs): {ours_text}, {len(mine):,} pairs")
    print(f"paraphrase_mining_embeddings top_k={k}: {mine_text} ({len(mined):,} mined "
          f"pairs) + mutual rule {rule_text}: {len(theirs):,} pairs")
    report_difference(mine, theirs, ("ours", "theirs"))
    print(f"time ratio, mining (+ rule) / ours: {t_mine / t_ours:.2f} "
          f"({(t_mine + t_rule) / t_ours:.2f})")


def scale_run(vectors, outlets, k, threshold, exact_up_to, ef_search, ef_construction,
              check_exact) -> None:
    lap = Lap()
    index, kind = build_index(vectors, exact_up_to) if len(vectors) <= exact_up_to else (
        hnsw_index(vectors, ef_construction=ef_construction), "hnsw")
    t_build, build_text = lap()
    what = f"hnsw (M 32, efConstruction {ef_construction})" if kind == "hnsw" else kind
    print(f"index {what}: built in {build_text}")
    if ef_search:
        sweep(index, vectors, k, threshold, ef_search)
        return
    scores, ids = neighbours(index, vectors, k)
    t_search, search_text = lap()
    recall = recall_at_k(index, vectors) if kind == "hnsw" else 1.0
    _, recall_text = lap()
    pairs = mutual_pairs(scores, ids, outlets, threshold)
    _, pairs_text = lap()
    print(f"search k={k}: {search_text}; recall@10 {recall:.4f} on 1,000 queries "
          f"({recall_text}); mutual_pairs {pairs_text}: {pairs.height:,} pairs")
    print(f"build + search: {t_build + t_search:.1f} s")
    if check_exact:
        scores, ids = neighbours(build_index(vectors)[0], vectors, k)
        exact = as_dict(mutual_pairs(scores, ids, outlets, threshold))
        print(f"exact search for the check: {lap()[1]}, {len(exact):,} pairs")
        report_difference(as_dict(pairs), exact, (kind, "exact"))


def sweep(index, vectors, k, threshold, ef_search) -> None:
    """Recall and speed of ``index`` (HNSW) at each ``efSearch``."""
    sample = vectors[:20_000]
    for ef in ef_search:
        index.hnsw.efSearch = ef
        lap = Lap()
        search(index, sample, k + 1)
        rate = len(sample) / lap()[0]
        above, total = recall_above(index, vectors, k, threshold)
        print(f"  efSearch {ef}: recall@10 {recall_at_k(index, vectors):.4f}, recall of the "
              f"{total:,} neighbours ≥ {threshold} {above:.4f}, {rate:,.0f} queries/s (k={k + 1})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--k", type=int, default=32)
    parser.add_argument("--threshold", type=float, default=0.87)
    parser.add_argument("--compare-up-to", type=int, default=100_000)
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--exact-up-to", type=int, default=EXACT_UP_TO)
    parser.add_argument("--ef-search", type=int, nargs="*", default=[])
    parser.add_argument("--ef-construction", type=int, default=HNSW_EF_CONSTRUCTION)
    parser.add_argument("--check-exact", action="store_true",
                        help="also align with exact search and compare the pairs")
    args = parser.parse_args()
    start = time.perf_counter()
    vectors, outlets = clustered(args.n, outlets=args.outlets, seed=args.seed)
    print(f"{args.n:,} claims, {args.outlets} outlets, seed {args.seed}: generated in "
          f"{time.perf_counter() - start:.1f} s")
    if args.n <= args.compare_up_to and not args.no_compare:
        compare_with_mining(vectors, outlets, args.k, args.threshold)
    else:
        scale_run(vectors, outlets, args.k, args.threshold, args.exact_up_to, args.ef_search,
                  args.ef_construction, args.check_exact)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"peak RSS {peak:.2f} GiB")
    print("command: nice -n 19 python bench/align_scale.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
