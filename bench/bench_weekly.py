"""What the persistent index saves a weekly job: a cold run against a re-run with a few new
articles.

Builds ``--cold`` articles of the benchmark corpus (bench/corpus.py) plus ``--new-share`` more,
runs the cold set against an empty ``--index-dir``, then the cold set plus the new articles
against the same index (as next week's job would, with most articles already known), then the
diff between the two. Prints the wall time of each, their ratio and the stage timings from each
run's ``run.json``. One model is loaded once and reused, so the ratio compares the runs alone.

Heavy (thousands of articles): run it alone on the machine, e.g.

    nice -n 10 python bench/bench_weekly.py --cold 2000 --new-share 0.05 --seed 0
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from compare.config import Settings
from compare.embed import load_encoder
from compare.runs.diff import diff_runs, write_diff

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_run import stage_lines, timed_run  # noqa: E402
from corpus import FIRST_WEEK, build_corpus  # noqa: E402


def split_corpus(cold: int, new: int, work: Path, seed: int) -> tuple[Path, Path]:
    """Two input folders: the first ``cold`` articles, and those plus ``new`` more."""
    [built] = build_corpus(cold + new, work / "built", seed=seed)
    lines = built.read_text(encoding="utf-8").splitlines(keepends=True)
    cold_dir, full_dir = work / "cold-input", work / "rerun-input"
    for folder, part in ((cold_dir, lines[:cold]), (full_dir, lines)):
        folder.mkdir(parents=True)
        (folder / built.name).write_text("".join(part), encoding="utf-8")
    return cold_dir, full_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", type=int, default=2000, help="articles in the cold run")
    parser.add_argument("--new-share", type=float, default=0.05,
                        help="new articles in the re-run, as a share of --cold")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--work", type=Path, help="keep the runs here [default: a temp dir]")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    new = round(args.cold * args.new_share)

    settings = Settings()
    start = time.perf_counter()
    encoder = load_encoder(settings.model, settings.precision)
    load_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="bench-weekly-") as tmp:
        work = args.work or Path(tmp)
        cold_dir, full_dir = split_corpus(args.cold, new, work, args.seed)
        index_dir = work / "index"
        cold = timed_run([cold_dir], work, "cold", encoder, settings, index_dir=index_dir,
                         week=FIRST_WEEK)
        rerun = timed_run([full_dir], work, "rerun", encoder, settings, index_dir=index_dir,
                          week=FIRST_WEEK)
        start = time.perf_counter()
        counts = write_diff(diff_runs(work / "cold", work / "rerun"), work / "cold",
                            work / "rerun", work / "rerun")
        diff_seconds = time.perf_counter() - start

    ratio = rerun["wall"] / cold["wall"]
    lines = [f"model {encoder.model_id} ({encoder.precision}), loaded once in "
             f"{load_seconds:.1f} s (not counted below)"]
    for row in (cold, rerun):
        c = row["counts"]
        lines += [f"{row['name']}: {c['articles']} articles ({c['new_articles']} new), "
                  f"{c['claims']} claims, {c['embedded_texts']} embedded, {c['pairs']} pairs: "
                  f"{row['wall']:.1f} s", *stage_lines(row["timings"])]
    lines += [
        f"re-run / cold: {ratio:.3f} ({rerun['wall']:.1f} s / {cold['wall']:.1f} s)",
        f"diff cold → rerun: {diff_seconds:.2f} s, {counts['rows']} rows "
        f"({counts['new_contradictions']} new contradictions)",
        f"reproduce: nice -n 10 python bench/bench_weekly.py --cold {args.cold} "
        f"--new-share {args.new_share} --seed {args.seed}",
    ]
    print("\n".join(lines))
    if args.json:
        figures = {"load_seconds": load_seconds, "cold": cold, "rerun": rerun, "ratio": ratio,
                   "diff_seconds": diff_seconds, "diff_counts": counts}
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
