"""Local engine against ``--engine ray``: wall time of whole runs, and Ray's fixed costs.

Runs the pipeline cold (fresh index each) with both engines on the seeds, on
``examples/aleppo/`` and on ``--n`` articles of the benchmark corpus (bench/corpus.py), with
one model loaded once in this process. Ray runs on a local instance of ``--cpus`` CPUs started
once (its start-up is measured), ``--actors`` model actors per stage. Prints each run's wall
time with the embed and relate stages (run.json "timings"), whether both engines wrote the
same relations, the per-claim and per-pair costs, and where Ray pays off (README, "Ray").

    python bench/engine_ray.py --n 200 --cpus 2 --actors 1
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

import compare
from compare.config import Settings
from compare.embed import load_encoder
from compare.runs.engine import RaySettings, open_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def timed_run(inputs: list[Path], work: Path, name: str, encoder, engine) -> dict:
    """One cold run into ``work/<name>``: wall seconds, counts, stage timings."""
    start = time.perf_counter()
    result = compare.run(inputs, out=work / name, index_dir=work / f"{name}-index",
                         encoder=encoder, engine=engine)
    wall = time.perf_counter() - start
    info = json.loads((result.out / "run.json").read_text(encoding="utf-8"))
    return {"name": name, "wall": wall, "counts": info["counts"], "timings": info["timings"],
            "pairs": pl.read_parquet(result.out / "pairs.parquet")}


def same_relations(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    cols = ["pair_id", "relation"]
    return a.select(cols).sort("pair_id").equals(b.select(cols).sort("pair_id"))


def model_load_seconds(engine, encoder) -> float:
    """Seconds for a fresh embedding actor to start, load the model and encode one text,
    less what the loaded model takes for that text here."""
    start = time.perf_counter()
    engine.encode(encoder, ["قال المتحدث إن القوات وصلت."], 1, lambda batch: None)
    ray_seconds = time.perf_counter() - start
    start = time.perf_counter()
    encoder.encode(["قال المتحدث إن القوات وصلت."])
    return ray_seconds - (time.perf_counter() - start)


def line(local: dict, ray: dict) -> str:
    c, lt, rt = local["counts"], local["timings"], ray["timings"]
    return (f"{local['name']:<12} {c['articles']:>5} {c['claims']:>6} {c['pairs']:>6}  "
            f"local {local['wall']:7.1f} s (embed {lt['embed']:6.1f}, relate {lt['relate']:6.1f})"
            f"  ray {ray['wall']:7.1f} s (embed {rt['embed']:6.1f}, relate {rt['relate']:6.1f})"
            f"  same relations: {same_relations(local['pairs'], ray['pairs'])}")


def cost_model(rows: list[tuple[dict, dict]], start_s: float, load_s: float) -> list[str]:
    """Per-item costs from the largest local run, and the break-even sizes they give."""
    local = max((loc for loc, _ in rows), key=lambda r: r["counts"]["pairs"])
    c, t = local["counts"], local["timings"]
    per_claim = t["embed"] / max(c["embedded_texts"], 1)
    per_pair = t["relate"] / max(c["related_pairs"], 1)
    fixed = start_s + 2 * load_s  # the instance once, then one model load per model stage
    out = [f"Ray start-up {start_s:.1f} s; per actor, start + model load {load_s:.1f} s",
           f"local per-item cost ({local['name']}): embed {1000 * per_claim:.1f} ms/claim, "
           f"relate {1000 * per_pair:.1f} ms/pair"]
    pairs_per_claim = c["pairs"] / max(c["claims"], 1)
    per_claim_all = per_claim + pairs_per_claim * per_pair
    for nodes in (2, 4, 8):
        # W/N + fixed < W  <=>  W > fixed * N / (N - 1)
        work = fixed * nodes / (nodes - 1)
        out.append(f"  {nodes} nodes like this one: pays off above ~{work / per_claim_all:,.0f}"
                   f" claims per run ({work:.0f} s of local work, {pairs_per_claim:.1f} pairs"
                   " per claim)")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="corpus articles to run")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--cpus", type=int, default=os.cpu_count(), help="local Ray CPUs")
    parser.add_argument("--actors", type=int, default=1, help="model actors per stage")
    parser.add_argument("--work", type=Path, help="keep the runs here [default: a temp dir]")
    args = parser.parse_args(argv)

    import ray

    encoder = load_encoder(Settings().model, Settings().precision)
    start = time.perf_counter()
    ray.init(num_cpus=args.cpus, include_dashboard=False, logging_level=logging.ERROR,
             log_to_driver=False)
    start_s = time.perf_counter() - start
    engine = open_engine("ray", options=RaySettings(actors=args.actors))
    load_s = model_load_seconds(engine, encoder)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        work = args.work or Path(tmp)
        corpus = build_corpus(args.n, work / "corpus", seed=args.seed) if args.n else []
        sets = [("seeds", [ROOT / "seeds"]), ("aleppo", [ROOT / "examples" / "aleppo"])]
        sets += [(f"corpus-{args.n}", corpus)] if corpus else []
        for name, inputs in sets:
            rows.append((timed_run(inputs, work, f"{name}-local", encoder, "local"),
                         timed_run(inputs, work, f"{name}-ray", encoder, engine)))
    ray.shutdown()
    print(f"model {encoder.model_id} ({encoder.precision}); Ray {ray.__version__}, "
          f"{args.cpus} CPUs, {args.actors} actor(s) per model stage")
    print(f"{'input':<12} {'arts':>5} {'claims':>6} {'pairs':>6}")
    for local, ray_row in rows:
        print(line(local, ray_row))
    print("\n".join(cost_model(rows, start_s, load_s)))
    print(f"reproduce: python bench/engine_ray.py --n {args.n} --seed {args.seed} "
          f"--cpus {args.cpus} --actors {args.actors}")


if __name__ == "__main__":
    main()
