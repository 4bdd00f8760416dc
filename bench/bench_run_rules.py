"""What a run's two extra contradiction tests cost on labelled pairs, and what they remove from a
real run.

A run calls an aligned pair a contradiction only when the relation step says so, the two claims
are recognisably the same assertion and a typed detector finds what differs
(``compare.relate.run_veto``). ``claim-compare eval`` measures the
relation step alone; this script applies the run's tests on top, on the shipped ANS test set
(labelled: precision and recall of ``contradict``) and, with ``--run DIR``, counts what they
keep of a run's contradictions when that run was made with the tests switched off
(``bench/no_run_tests.toml``):

    python bench/bench_run.py --n 200 --seed 0 --work /tmp/bench --config bench/no_run_tests.toml
    python bench/bench_run_rules.py --run /tmp/bench/corpus-200
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from compare.config import Settings
from compare.embed import load_encoder
from compare.learn.data import EVAL_DIR, read_eval_set
from compare.relate import as_claim, relate_texts
from compare.relate.classifier import pair_similarity
from compare.relate.cues import Claim
from compare.relate.rules import run_veto, same_assertion

TESTS = {
    "relation step alone (what eval measures)": lambda a, b, sim, st: True,
    "+ same assertion": lambda a, b, sim, st: same_assertion(a, b, sim, st)[0],
    "+ same assertion + typed finding (a run)": lambda a, b, sim, st: not run_veto(a, b, sim, st),
}


def labelled(settings: Settings, encoder) -> None:
    rows = read_eval_set(EVAL_DIR / "ans_test.jsonl.gz")
    a, b = [r["a"] for r in rows], [r["b"] for r in rows]
    sims = pair_similarity(a, b, encoder)
    relations = relate_texts(a, b, encoder=encoder)["relation"].to_list()
    gold = [r["label"] for r in rows]
    total = gold.count("contradict")
    print(f"ANS test, {len(rows)} pairs, {total} contradictions:")
    for name, keep in TESTS.items():
        flagged = [g for g, r, x, y, s in zip(gold, relations, a, b, sims, strict=True)
                   if r == "contradict" and keep(as_claim(x), as_claim(y), float(s), settings)]
        right = flagged.count("contradict")
        print(f"  {name:42s} flagged {len(flagged):4d}  precision "
              f"{right / max(len(flagged), 1):.3f}  recall {right / total:.3f}")


def from_run(folder: Path, settings: Settings) -> None:
    pairs = pl.read_parquet(folder / "pairs.parquet")
    claims = pl.read_parquet(folder / "claims.parquet")
    text = dict(zip(claims["claim_id"], claims["text"], strict=True))
    found = pairs.filter(pl.col("relation") == "contradict").rows(named=True)
    print(f"run {folder}: {pairs.height} pairs, {len(found)} contradictions")
    for name, keep in TESTS.items():
        kept = sum(keep(Claim(text[r["claim_id_a"]]), Claim(text[r["claim_id_b"]]),
                        r["similarity"], settings) for r in found)
        print(f"  {name:42s} kept {kept:5d}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", type=Path, help="a run folder made with the tests switched off")
    args = parser.parse_args(argv)
    settings = Settings()
    labelled(settings, load_encoder())
    if args.run:
        from_run(args.run, settings)
    print("reproduce: python bench/bench_run_rules.py" + "".join(f" {x}" for x in sys.argv[1:]))


if __name__ == "__main__":
    main()
