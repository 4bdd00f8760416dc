"""The relation step's first pass (``relate_fast``): what it spares the cross-encoder, and the
run's throughput against embedding alone.

For the shipped seeds and ``--n`` articles of the benchmark corpus (bench/corpus.py), with one
model loaded once: a cold run with the default settings (fast path on) gives claims per second
end to end and the relation step's pairs per second on all the run's pairs; the same claims
embedded alone, in the same process, give the embedding-only figure. Then the relation step
(:func:`compare.relate.relate_pairs`) relates ``--exact-sample`` of the run's pairs fast and
exact (``relate_fast = false``: the cross-encoder reads every pair): pairs per second of
each, the share of pairs the cross-encoder still reads, what each
first-pass rule decides, and how many relations differ.

    python bench/relate_fast.py --n 300 --seed 0 --exact-sample 2000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import polars as pl

import compare
from compare import schema
from compare.config import Settings
from compare.embed import load_encoder
from compare.relate import default_classifier, relate_pairs
from compare.relate.cues import Claim
from compare.relate.detectors import detect
from compare.relate.fast import first_pass_rule
from compare.relate.rules import Rules

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def first_pass_shares(pairs: pl.DataFrame, claims: pl.DataFrame,
                      settings: Settings) -> dict:
    """How many pairs each first-pass rule decides, how many the cross-encoder reads and how
    many distinct (A, B) texts those are."""
    rules = Rules.from_meta(default_classifier().meta.get("relation"))
    rows = {r["claim_id"]: Claim.from_row(r) for r in claims.iter_rows(named=True)}
    by_rule: Counter = Counter()
    read = set()
    for x, y in pairs.select("claim_id_a", "claim_id_b").iter_rows():
        a, b = rows[x], rows[y]
        rule = first_pass_rule(a, b, detect(a, b, settings.detectors), rules)
        by_rule[rule or "read"] += 1
        if rule is None:
            read.add((a.text, b.text))
    return {"pairs": pairs.height, "by_rule": dict(by_rule), "read": by_rule["read"],
            "read_distinct": len(read)}


def relate_both(pairs: pl.DataFrame, claims: pl.DataFrame, encoder, sample: int | None,
                seed: int = 0) -> dict:
    """The relation step, fast and exact, on a seeded sample of ``sample`` of the run's pairs
    (all when None): seconds, and relations that differ."""
    claims = claims.select(list(schema.CLAIMS))
    relate_pairs(pairs.head(8), claims, encoder, Settings(relate_fast=False))  # builds the model
    seconds = {}
    part = pairs if sample is None or sample >= pairs.height else pairs.sample(sample, seed=seed)
    out = {}
    for fast in (True, False):
        start = time.perf_counter()
        out[fast] = relate_pairs(part, claims, encoder, Settings(relate_fast=fast))
        seconds["fast" if fast else "full"] = time.perf_counter() - start
    differ = (out[True]["relation"] != out[False]["relation"]).sum()
    contradict = {k: int((v["relation"] == "contradict").sum()) for k, v in
                  (("fast", out[True]), ("full", out[False]))}
    return {"seconds": seconds, "sample": part.height, "relations_differ": int(differ),
            "contradict": contradict}


def measure(inputs: list[Path], work: Path, name: str, encoder, sample: int | None) -> dict:
    """A cold run (fast path on), embedding alone, and the relation step both ways."""
    settings = Settings()
    start = time.perf_counter()
    result = compare.run(inputs, out=work / name, index_dir=work / f"{name}-index",
                         settings=settings, encoder=encoder)
    wall = time.perf_counter() - start
    texts = result.claims["text"].to_list()
    start = time.perf_counter()
    encoder.encode(texts, batch_size=settings.batch_size)
    embed_only = time.perf_counter() - start
    return {"name": name, "claims": len(texts), "run_seconds": wall,
            "embed_seconds": embed_only, "timings": result.info.timings,
            "first_pass": first_pass_shares(result.pairs, result.claims, settings),
            "relate": relate_both(result.pairs, result.claims, encoder, sample)}


def eval_both(sample: int | None, shared: Path, encoder) -> list[str]:
    """``claim-compare eval`` with the fast path and without: accuracy and macro-F1 per set,
    and the largest difference in points."""
    from compare.learn.evaluate import evaluate

    res = {fast: evaluate(sample=sample, encoder=encoder, shared_dir=shared,
                          settings=Settings(relate_fast=fast)) for fast in (True, False)}
    lines, worst = [f"eval (sample {sample or 'all'}): set, accuracy / macro-F1 fast vs exact"], 0.0
    for name in res[True]:
        if name == "meta" or name not in res[False]:
            continue
        f, x = res[True][name], res[False][name]
        gap = max(abs(f[k] - x[k]) for k in ("accuracy", "macro_f1")) * 100
        worst = max(worst, gap)
        lines.append(f"  {name}: {f['accuracy']:.4f} / {f['macro_f1']:.4f} vs "
                     f"{x['accuracy']:.4f} / {x['macro_f1']:.4f} ({gap:.2f} points)")
    seconds = [res[k]["meta"]["seconds"] for k in (True, False)]
    lines.append(f"  largest difference {worst:.2f} points; {seconds[0]} s fast, "
                 f"{seconds[1]} s exact")
    return lines


def report(row: dict) -> list[str]:
    n, fp, rel = row["claims"], row["first_pass"], row["relate"]
    pairs = fp["pairs"] or 1
    sec, part = rel["seconds"], rel["sample"] or 1
    e2e, emb = n / row["run_seconds"], n / row["embed_seconds"]
    rules = ", ".join(f"{k} {v}" for k, v in sorted(fp["by_rule"].items()) if k != "read")
    return [
        f"{row['name']}: {n} claims, {fp['pairs']} aligned pairs",
        f"  first pass decides {pairs - fp['read']} ({100 * (1 - fp['read'] / pairs):.1f} %): "
        f"{rules or 'none'}",
        f"  cross-encoder reads {fp['read']} pairs ({100 * fp['read'] / pairs:.1f} %), "
        f"{fp['read_distinct']} distinct",
        f"  relation step in the run (fast, all pairs): {row['timings']['relate']:.1f} s "
        f"({fp['pairs'] / row['timings']['relate']:.1f} pairs/s)",
        f"  on {rel['sample']} pairs: fast {sec['fast']:.1f} s ({part / sec['fast']:.1f} pairs/s)"
        f", exact {sec['full']:.1f} s ({part / sec['full']:.1f} pairs/s): "
        f"{sec['full'] / sec['fast']:.2f}x; relations that differ: {rel['relations_differ']}; "
        f"contradictions fast/exact {rel['contradict']['fast']}/{rel['contradict']['full']}",
        f"  end to end (fast path): {row['run_seconds']:.1f} s, {e2e:.1f} claims/s; embedding "
        f"alone {row['embed_seconds']:.1f} s, {emb:.1f} claims/s: ratio {e2e / emb:.2f}",
        "  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in
                                 sorted(row["timings"].items(), key=lambda kv: -kv[1])),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="corpus articles to run")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--work", type=Path, help="keep the runs here [default: a temp dir]")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--eval-sample", type=int, help="also run claim-compare eval both "
                        "ways on this many pairs per set (0: every pair)")
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"),
                        help="the shared data folder, for ArNLI")
    parser.add_argument("--runs", action=argparse.BooleanOptionalAction, default=True,
                        help="measure the runs (--no-runs: only the eval)")
    parser.add_argument("--exact-sample", type=int, help="relate this many pairs (a seeded "
                        "sample) both ways [default: all; the exact path reads every pair]")
    args = parser.parse_args(argv)

    encoder = load_encoder()
    rows = []
    if args.runs:
        with tempfile.TemporaryDirectory(prefix="bench-fast-") as tmp:
            work = args.work or Path(tmp)
            corpus = build_corpus(args.n, work / "corpus", seed=args.seed)
            rows = [measure([SEEDS], work, "seeds", encoder, args.exact_sample),
                    measure(corpus, work, f"corpus-{args.n}", encoder, args.exact_sample)]
    lines = [f"model {encoder.model_id} ({encoder.precision}); "
             f"classifier {default_classifier().digest}"]
    for row in rows:
        lines += report(row)
    if args.eval_sample is not None:
        lines += eval_both(args.eval_sample or None, args.shared, encoder)
    extra = f" --exact-sample {args.exact_sample}" if args.exact_sample else ""
    extra += f" --eval-sample {args.eval_sample}" if args.eval_sample is not None else ""
    extra += "" if args.runs else " --no-runs"
    lines.append(f"reproduce: python bench/relate_fast.py --n {args.n} --seed {args.seed}{extra}")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
