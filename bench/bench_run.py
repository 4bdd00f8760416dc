"""Throughput of a whole run: claims per second end to end, and where the time goes.

Runs the pipeline cold (fresh index, fresh run folder) on the shipped seeds and on ``--n``
articles of the benchmark corpus (bench/corpus.py), with one model loaded once for both.
Prints claims per second (with and without the model load) and each stage's share of the run
time, read back from the run's ``run.json`` "timings".

    python bench/bench_run.py --n 200 --seed 0
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import compare
from compare.config import Settings, load_settings
from compare.embed import load_encoder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def timed_run(inputs: list[Path], work: Path, name: str, encoder, settings: Settings,
              index_dir: Path | None = None, **run_args) -> dict:
    """One pipeline run into ``work/<name>``; its wall time, counts and stage timings."""
    index_dir = index_dir or work / f"{name}-index"
    start = time.perf_counter()
    result = compare.run(inputs, out=work / name, index_dir=index_dir, settings=settings,
                         encoder=encoder, **run_args)
    wall = time.perf_counter() - start
    info = json.loads((result.out / "run.json").read_text(encoding="utf-8"))
    return {"name": name, "wall": wall, "counts": info["counts"], "timings": info["timings"],
            "out": str(result.out)}


def stage_lines(timings: dict) -> list[str]:
    """Each stage's seconds and share of the summed stage time, largest first."""
    total = sum(timings.values()) or 1.0
    return [f"    {stage:<8} {seconds:8.2f} s  {100 * seconds / total:5.1f} %"
            for stage, seconds in sorted(timings.items(), key=lambda kv: -kv[1])]


def report(row: dict, load_seconds: float) -> list[str]:
    claims, wall = row["counts"]["claims"], row["wall"]
    c = row["counts"]
    return [
        f"{row['name']}: {c['articles']} articles, {c['outlets']} outlets, {claims} claims, "
        f"{c['pairs']} pairs ({c['agree']} agree, {c['contradict']} contradict, "
        f"{c['related']} related), {c['unique']} single-outlet claims",
        f"  run {wall:.1f} s: {claims / wall:.1f} claims/s; with the model load "
        f"({load_seconds:.1f} s): {claims / (wall + load_seconds):.1f} claims/s",
        "  stages (run.json timings):",
        *stage_lines(row["timings"]),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="corpus articles to run")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--work", type=Path, help="keep the runs here [default: a temp dir]")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--config", type=Path, help="settings file, as claim-compare --config")
    args = parser.parse_args(argv)

    settings = load_settings(args.config) if args.config else Settings()
    start = time.perf_counter()
    encoder = load_encoder(settings.model, settings.precision)
    load_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        work = args.work or Path(tmp)
        corpus = build_corpus(args.n, work / "corpus", seed=args.seed)
        rows = [timed_run([SEEDS], work, "seeds", encoder, settings),
                timed_run(corpus, work, f"corpus-{args.n}", encoder, settings)]
    lines = [f"model {encoder.model_id} ({encoder.precision}), loaded in {load_seconds:.1f} s"]
    for row in rows:
        lines += report(row, load_seconds)
    extra = f" --config {args.config}" if args.config else ""
    lines.append(f"reproduce: python bench/bench_run.py --n {args.n} --seed {args.seed}{extra}")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"load_seconds": load_seconds, "runs": rows},
                                        indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
