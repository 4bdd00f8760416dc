"""Calibrate the alignment threshold on dev data; report precision/recall on test.

Alignment task: two pseudo-outlets hold the two sides of each pair; a method is scored on how
many true pairs it recovers (recall) and how many of its pairs are true (precision).
- ANS (Arabic headlines): s1 in outlet A, s2 in outlet B; agree and disagree pairs are the same
  story (should align), "other" pairs are unrelated (should not).
- XNLI premises, Arabic in outlet A and their English translations in outlet B (cross-lingual).

    python bench/calibrate_align.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from compare.align import knn, mutual_pairs
from compare.embed import load_encoder


def ans(data: Path, split: str):
    rows = [json.loads(line) for line in open(data / "ans" / "ans_stance.jsonl", encoding="utf-8")]
    rows = [r for r in rows if r["split"] == split]
    a = list(dict.fromkeys(r["a"] for r in rows))
    b = list(dict.fromkeys(r["b"] for r in rows))
    pos_a = {t: i for i, t in enumerate(a)}
    pos_b = {t: i for i, t in enumerate(b)}
    truth = {(pos_a[r["a"]], pos_b[r["b"]]) for r in rows if r["label"] != "other"}
    truth |= {(pos_a[t], pos_b[t]) for t in set(a) & set(b)}  # the corpus repeats headlines
    return a, b, truth


def xnli(data: Path, split: str, limit: int = 800):
    ar, en = [], []
    for line in open(data / "xnli_ar" / "xnli_ar_en_cross.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["split"] == split and r["id"].startswith("xnli-ar_en"):
            ar.append(r["a"])
        if r["split"] == split and r["id"].startswith("xnli-en_ar"):
            en.append(r["a"])
    pairs = list(dict.fromkeys(zip(ar, en, strict=True)))[:limit]
    return [p[0] for p in pairs], [p[1] for p in pairs], {(i, i) for i in range(len(pairs))}


def score(encoder, a, b, truth, thresholds):
    vectors = np.vstack([encoder.encode(a), encoder.encode(b)])
    outlets = np.array([0] * len(a) + [1] * len(b))
    scores, ids = knn(vectors, k=32)
    out = {}
    for t in thresholds:
        got = mutual_pairs(scores, ids, outlets, t)
        found = {(i, j - len(a)) for i, j in got.select("i", "j").rows()}
        tp = len(found & truth)
        p = tp / len(found) if found else 1.0
        r = tp / len(truth)
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    encoder = load_encoder()
    thresholds = [round(t, 2) for t in np.arange(0.78, 0.95, 0.01)]
    start = time.perf_counter()
    for name, loader in (("ANS", ans), ("XNLI ar↔en premises", xnli)):
        dev = score(encoder, *loader(args.data, "dev"), thresholds)
        best = max(thresholds, key=lambda t: (dev[t][2], t))
        test = score(encoder, *loader(args.data, "test"), sorted({best, 0.80, 0.84, 0.88}))
        print(f"{name}: best dev threshold {best} (P {dev[best][0]:.3f} R {dev[best][1]:.3f} "
              f"F1 {dev[best][2]:.3f})")
        for t, (p, r, f) in test.items():
            print(f"  test @ {t}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print(f"({time.perf_counter() - start:.0f} s) command: python bench/calibrate_align.py "
          f"--data {args.data}")


if __name__ == "__main__":
    main()
