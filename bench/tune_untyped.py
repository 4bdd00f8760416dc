"""Choose ``contradict_untyped_confidence`` on dev splits: the lowest classifier confidence at
which contradictions without a typed finding may be flagged while what a run flags keeps
precision ≥ 0.85 on the corpus's dev split and on ANS dev. Test splits are never read.

    python bench/tune_untyped.py [--data ../shared/data] [--target 0.85]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from compare.config import Settings
from compare.embed import load_encoder
from compare.learn.data import corpus_rows, load_pairs
from compare.relate import relate_texts
from compare.schema import RELATIONS as LABELS

GRID = (1.01, 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91, 0.90, 0.88, 0.86, 0.84,
        0.82, 0.80, 0.75, 0.70)


def dev_sets(data: Path) -> dict[str, tuple[list[str], list[str], list[str]]]:
    rows = corpus_rows("dev")
    ans = load_pairs(data, "ans", "dev")
    return {"corpus_dev": ([r["a"] for r in rows], [r["b"] for r in rows],
                           [r["label"] for r in rows]),
            "ans_dev": (ans.a, ans.b, [LABELS[y] for y in ans.y])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--target", type=float, default=0.85)
    args = parser.parse_args()
    encoder = load_encoder()
    sets = dev_sets(args.data)
    frames = {}
    for name, (a, b, gold) in sets.items():
        loose = relate_texts(a, b, encoder=encoder,
                             settings=replace(Settings(), contradict_untyped_confidence=0.0))
        typed = relate_texts(a, b, encoder=encoder,
                             settings=replace(Settings(), contradict_untyped_confidence=1.01))
        frames[name] = (np.asarray(loose["flagged"].to_list()),
                        np.asarray(typed["flagged"].to_list()),
                        np.asarray(loose["confidence"].to_list()),
                        np.asarray(gold) == "contradict")
    table = {}
    for t in GRID:
        row = {}
        for name, (loose, typed, conf, gold_c) in frames.items():
            flagged = typed | (loose & (conf >= t))
            p = float((flagged & gold_c).sum() / max(flagged.sum(), 1))
            r = float((flagged & gold_c).sum() / max(gold_c.sum(), 1))
            row[name] = (int(flagged.sum()), p, r)
        table[t] = row
        print(f"{t:.2f}  " + "  ".join(f"{n}: {f} flagged, P {p:.3f} R {r:.3f}"
                                      for n, (f, p, r) in row.items()), flush=True)
    ok = [t for t, row in table.items() if all(p >= args.target for _, p, _ in row.values())]
    best = min(ok) if ok else 1.0
    print(f"chosen: contradict_untyped_confidence = {best} (lowest with precision ≥ "
          f"{args.target} on every dev set)")
    print(f"reproduce: python bench/tune_untyped.py --data {args.data} --target {args.target}")


if __name__ == "__main__":
    main()
