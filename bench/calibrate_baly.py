"""Alignment on real articles: does a claim align with the article lines that state it?

Baly et al. 2018 (../shared/data/arabic_fc_stance_baly2018): each claim is outlet A, the lines
of one article are outlet B. For agree/disagree articles the annotated rationale lines are the
right partners; for unrelated articles any alignment is a false one. Folds 1-4 tune, fold 5
reports. Prints precision/recall for plain cosine mutual-NN and for ratio-margin mutual-NN.

    python bench/calibrate_baly.py [--data ../shared/data] [--per-fold 60]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from compare.align import knn, margin_rescore, mutual_pairs
from compare.embed import load_encoder


def items(data: Path, folds: set[str], per_fold: int, seed: int = 0):
    rows = [json.loads(line) for line in
            open(data / "arabic_fc_stance_baly2018" / "claim_article.jsonl", encoding="utf-8")]
    rng = random.Random(seed)
    out = []
    for fold in sorted(folds):
        pos = [r for r in rows if r["split"] == fold and r["label"] in ("agree", "disagree")
               and r["rationale_idx"]]
        neg = [r for r in rows if r["split"] == fold and r["label"] == "unrelated"]
        out += rng.sample(pos, min(per_fold, len(pos))) + rng.sample(neg, min(per_fold, len(neg)))
    return out


def prepare(encoder, rows):
    prepared = []
    for r in rows:
        lines = [(i, t) for i, t in enumerate(r["b"].split("\n")) if len(t.strip()) >= 25]
        if not lines:
            continue
        texts = [r["a"]] + [t for _, t in lines]
        prepared.append((encoder.encode(texts), [i for i, _ in lines], set(r["rationale_idx"]),
                         r["label"]))
    return prepared


def evaluate(prepared, method: str, threshold: float, floor: float = 0.80):
    tp = fp = pos = 0
    for vectors, line_ids, truth, label in prepared:
        outlets = np.array([0] + [1] * (len(vectors) - 1))
        scores, ids = knn(vectors, k=min(32, len(vectors) - 1))
        if method == "margin":
            m, mids = margin_rescore(scores, ids, outlets, 4)
            got = mutual_pairs(m, mids, outlets, threshold)
            got = [(i, j) for i, j in got.select("i", "j").rows()
                   if float(vectors[i] @ vectors[j]) >= floor]
        else:
            got = mutual_pairs(scores, ids, outlets, threshold).select("i", "j").rows()
        pos += label != "unrelated"
        for _, j in got:
            if label != "unrelated" and line_ids[j - 1] in truth:
                tp += 1
            else:
                fp += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / pos if pos else 0.0
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--per-fold", type=int, default=60)
    args = parser.parse_args()
    encoder = load_encoder()
    start = time.perf_counter()
    dev = prepare(encoder, items(args.data, {"fold1", "fold2", "fold3", "fold4"}, args.per_fold))
    test = prepare(encoder, items(args.data, {"fold5"}, args.per_fold))
    grid = {"cosine": [0.84, 0.86, 0.88, 0.90], "margin": [1.00, 1.02, 1.04, 1.06, 1.08]}
    for method, thresholds in grid.items():
        for t in thresholds:
            p, r = evaluate(dev, method, t)
            pt, rt = evaluate(test, method, t)
            print(f"{method:6s} {t:.2f}  dev P {p:.3f} R {r:.3f}   test P {pt:.3f} R {rt:.3f}")
    print(f"({time.perf_counter() - start:.0f} s) command: python bench/calibrate_baly.py "
          f"--data {args.data} --per-fold {args.per_fold}")


if __name__ == "__main__":
    main()
