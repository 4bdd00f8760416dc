"""Evaluation of the relation step on held-out test sets shipped with the product.

``evaluate()`` runs the very function the pipeline uses to relate aligned claims
(:func:`compare.relate.relate_texts`) on ANS test (Arabic news headlines), XNLI Arabic test and the
XNLI Arabic↔English cross-lingual test, and writes ``eval.json`` and ``eval.md``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from compare.config import Settings
from compare.embed import load_encoder
from compare.errors import InputError
from compare.learn.data import EVAL_DIR, EVAL_SETS, TITLES, read_eval_set, stratified_sample
from compare.learn.metrics import scores
from compare.relate import as_claim, default_classifier, relate_texts
from compare.relate.classifier import pair_similarity
from compare.relate.rules import run_veto
from compare.schema import RELATIONS as LABELS
from compare.store.atomic import write_bytes


def evaluate(data_dir: Path | None = None, out_dir: Path | None = None,
             sample: int | None = None, encoder=None) -> dict:
    """Score the pipeline's relation step on every test set; write ``eval.json`` and ``eval.md``
    into ``out_dir`` when given.

    ``data_dir`` defaults to the sets shipped in the package. ``sample`` evaluates a fixed,
    label-stratified subsample of that many pairs per set (the same pairs on every run).
    Returns ``{set: {n, accuracy, macro_f1, per_class, contradiction_precision, in_run}}`` plus
    ``meta``; ``in_run`` holds what a run would flag of the step's contradictions
    (:func:`run_contradictions`).
    """
    folder = Path(data_dir) if data_dir is not None else EVAL_DIR
    sets = {name: _load(folder / f"{name}.jsonl.gz", sample) for name in EVAL_SETS}
    encoder = encoder or load_encoder()
    results: dict = {}
    t0 = time.perf_counter()
    for name, rows in sets.items():
        a, b = [r["a"] for r in rows], [r["b"] for r in rows]
        similarity = pair_similarity(a, b, encoder)
        relations = [d.relation for d in relate_texts(a, b, encoder, similarity=similarity)]
        results[name] = scores([r["label"] for r in rows], list(relations))
        results[name]["in_run"] = run_contradictions(rows, relations, similarity)
    results["meta"] = {"data": str(folder), "sample": sample, "model": encoder.model_id,
                       "precision": encoder.precision,
                       "classifier": default_classifier().digest,
                       "seconds": round(time.perf_counter() - t0, 1)}
    if out_dir is not None:
        write_results(Path(out_dir), results)
    return results


def run_contradictions(rows: list[dict], relations: list[str], similarity) -> dict:
    """The step's contradictions that a run would also flag (:func:`compare.relate.run_veto`
    finds nothing against them), with their precision and their recall of the gold
    contradictions; ``similarity`` is each pair's cosine."""
    settings = Settings()
    kept = [i for i, r in enumerate(relations) if r == "contradict" and not run_veto(
        as_claim(rows[i]["a"]), as_claim(rows[i]["b"]), float(similarity[i]), settings)]
    right = sum(rows[i]["label"] == "contradict" for i in kept)
    gold = sum(r["label"] == "contradict" for r in rows)
    return {"flagged": len(kept), "precision": round(right / len(kept), 4) if kept else 0.0,
            "recall": round(right / gold, 4) if gold else 0.0}


def _load(path: Path, sample: int | None) -> list[dict]:
    if not path.is_file():
        raise InputError("evaluation set not found", path=path,
                         hint="omit --data to use the sets shipped with claim-compare")
    try:
        rows = read_eval_set(path)
    except (OSError, EOFError, ValueError) as exc:
        raise InputError(f"unreadable evaluation set: {exc}", path=path) from None
    bad = [r.get("id") for r in rows if not {"a", "b", "label"} <= set(r)
           or r["label"] not in LABELS]
    if bad:
        raise InputError(f"{len(bad)} row(s) lack a, b or a known label, e.g. {bad[0]!r}",
                         path=path, hint=f"labels are {', '.join(LABELS)}")
    return stratified_sample(rows, sample) if sample else rows


def format_table(results: dict) -> str:
    """The results as a markdown table, one row per test set."""
    lines = ["| test set | pairs | accuracy | macro-F1 | contradiction precision | "
             "F1 agree | F1 contradict | F1 related | a run's contradictions: P / R |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in EVAL_SETS:
        r = results.get(name)
        if r is None:
            continue
        f1 = [f"{r['per_class'][lab]['f1']:.3f}" if r["per_class"][lab]["support"] else "–"
              for lab in LABELS]
        lines.append(f"| {TITLES[name]} | {r['n']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | "
                     f"{r['contradiction_precision']:.3f} | " + " | ".join(f1) + " | "
                     + _in_run(r.get("in_run")) + " |")
    return "\n".join(lines)


def _in_run(figures: dict | None) -> str:
    if not figures:
        return "–"
    if not figures["flagged"]:
        return "none flagged"
    return f"{figures['precision']:.3f} / {figures['recall']:.3f}"


def write_results(out_dir: Path, results: dict) -> None:
    """Write ``eval.json`` and ``eval.md`` into ``out_dir``, each atomically."""
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    write_bytes(out_dir / "eval.json", text.encode("utf-8"))
    meta = results.get("meta", {})
    md = ["# Relation step: evaluation on held-out test sets", "",
          "Macro-F1 is over the labels present in each set's gold labels (ANS test has only 7 "
          "`related` pairs, so its macro-F1 swings; read accuracy and per-class F1 too).", "",
          "The last column is what a run keeps of the step's contradictions: only pairs that are "
          "recognisably the same assertion and where a typed detector (number, denial, opposite "
          "outcome) names what differs; precision, and recall of all gold contradictions.", "",
          format_table(results), ""]
    if meta:
        md += [f"Model: {meta.get('model')} ({meta.get('precision')}); sample: "
               f"{meta.get('sample') or 'all pairs'}; {meta.get('seconds')} s.", ""]
    write_bytes(out_dir / "eval.md", "\n".join(md).encode("utf-8"))
