"""Throughput of the pair classifier and of the whole relation step.

Times ``PairClassifier.predict_proba`` (cross-encoder heads + lexical/detector features +
stacker) and ``compare.relate.relate_texts`` (the relation step the pipeline and the evaluation
run) on a fixed set of Arabic news-headline pairs from the shipped ANS test set, after one
warm-up call, at a few batch sizes. Also times one pair at a time (the latency a single
comparison sees).

    python bench/bench_classifier.py --n 379 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import time

import torch

from compare.embed import load_encoder
from compare.learn.data import EVAL_DIR, read_eval_set
from compare.relate import relate_texts
from compare.relate.classifier import PairClassifier


def best_of(fn, repeat: int) -> float:
    """Shortest wall time of ``repeat`` calls (the least disturbed by other jobs)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=379, help="pairs to score (ANS test, in order)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions (best is kept)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)

    rows = read_eval_set(EVAL_DIR / "ans_test.jsonl.gz")[: args.n]
    a, b = [r["a"] for r in rows], [r["b"] for r in rows]
    start = time.perf_counter()
    encoder = load_encoder()
    clf = PairClassifier.load()
    clf.predict_proba(a[:8], b[:8], encoder)  # builds the cross-encoder once
    relate_texts(a[:8], b[:8], encoder=encoder)
    print(f"load (encoder + classifier + first call): {time.perf_counter() - start:.1f} s; "
          f"encoder {encoder.model_id} ({encoder.precision}), {args.threads} threads")
    print(f"{len(a)} ANS test pairs:")
    for batch in (8, 32, 64):
        sec = best_of(lambda bs=batch: clf.predict_proba(a, b, encoder, batch_size=bs), args.repeat)
        print(f"  predict_proba, batch {batch:>2}: {len(a) / sec:7.1f} pairs/s")
    sec = best_of(lambda: relate_texts(a, b, encoder=encoder), args.repeat)
    print(f"  relate_texts (relation step)  : {len(a) / sec:7.1f} pairs/s")
    k = min(50, len(a))
    sec = best_of(lambda: [clf.predict_proba(a[i:i + 1], b[i:i + 1], encoder)
                           for i in range(k)], 1)
    print(f"  one pair at a time            : {1000 * sec / k:7.1f} ms/pair")
    print("reproduce: python bench/bench_classifier.py " + " ".join(sys.argv[1:] or
          [f"--n {args.n} --repeat {args.repeat}"]))


if __name__ == "__main__":
    main()
