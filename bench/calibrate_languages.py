"""Cosine thresholds for alignment, per language relation, on dev data only.

Same-event pairs (agree, contradict and elaboration pairs of the cross-outlet corpus's dev split)
must clear the alignment threshold; different-event pairs of the same kind should not. XNLI dev
premises in Arabic and English (the same sentence translated) give pure translations. For each
threshold it prints, same language and across languages apart: the share of same-event pairs
kept (recall), the share of kept pairs that are same-event (precision against the different-event
pairs), and the share of translations kept.

    python bench/calibrate_languages.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from compare.embed import load_encoder
from compare.learn.data import corpus_rows

THRESHOLDS = (0.78, 0.80, 0.82, 0.84, 0.85, 0.86, 0.87, 0.88, 0.90)


def cosines(encoder, a: list[str], b: list[str]) -> np.ndarray:
    va, vb = encoder.encode(a), encoder.encode(b)
    return np.einsum("ij,ij->i", va, vb)


def xnli_premises(data: Path, limit: int = 600) -> tuple[list[str], list[str]]:
    """The distinct dev premises of XNLI in Arabic and in English, item for item."""
    def premises(name: str) -> dict[int, str]:
        out: dict[int, str] = {}
        for line in (data / "xnli_ar" / name).open(encoding="utf-8"):
            r = json.loads(line)
            if r["split"] == "dev":
                out.setdefault(int(r["id"].rsplit("-", 1)[1]) // 3, r["a"])
        return out
    ar, en = premises("xnli_ar.jsonl"), premises("xnli_en.jsonl")
    keys = sorted(ar.keys() & en.keys())[:limit]
    return [ar[k] for k in keys], [en[k] for k in keys]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    encoder = load_encoder()
    rows = corpus_rows("dev")
    sims = cosines(encoder, [r["a"] for r in rows], [r["b"] for r in rows])
    same_event = np.array([r["type"] != "different_event" for r in rows])
    across = np.array([r["lang_a"] != r["lang_b"] for r in rows])
    ar, en = xnli_premises(args.data)
    translations = cosines(encoder, ar, en)
    print(f"corpus dev: {len(rows)} pairs ({across.sum()} across languages); "
          f"XNLI dev premises ar/en: {len(ar)}")
    for name, part in (("same language", ~across), ("across languages", across)):
        s = sims[part & same_event]
        d = sims[part & ~same_event]
        print(f"{name}: same-event cosine mean {s.mean():.3f} (5th pct {np.percentile(s, 5):.3f}),"
              f" different-event mean {d.mean():.3f} (95th pct {np.percentile(d, 95):.3f})")
    print("threshold | same language: R / P | across languages: R / P | translations kept")
    for t in THRESHOLDS:
        cells = []
        for part in (~across, across):
            kept = part & (sims >= t)
            recall = (kept & same_event).sum() / max((part & same_event).sum(), 1)
            precision = (kept & same_event).sum() / max(kept.sum(), 1)
            cells.append(f"{recall:.3f} / {precision:.3f}")
        print(f"{t:.2f} | {cells[0]} | {cells[1]} | {(translations >= t).mean():.3f}")
    print(f"reproduce: python bench/calibrate_languages.py --data {args.data}")


if __name__ == "__main__":
    main()
