"""Evaluation of the relation step on held-out test sets shipped with the product.

``evaluate()`` runs the very function the pipeline uses to relate aligned claims
(:func:`compare.relate.relate_texts`) on ANS test (Arabic news headlines), XNLI Arabic test and the
XNLI Arabic↔English cross-lingual test, and writes ``eval.json`` and ``eval.md``.
"""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import numpy as np

from compare.errors import InputError
from compare.files import write_bytes
from compare.schema import RELATIONS as LABELS

EVAL_DIR = Path(__file__).parent / "data" / "eval"
# evaluation set → (training-data dataset, split)
EVAL_SETS = {
    "ans_test": ("ans", "test"),
    "xnli_ar_test": ("xnli_ar", "test"),
    "xnli_ar_en_test": ("xnli_ar_en", "test"),
}
TITLES = {
    "ans_test": "ANS test (Arabic news headlines)",
    "xnli_ar_test": "XNLI test, Arabic",
    "xnli_ar_en_test": "XNLI test, Arabic ↔ English",
}
SAMPLE_SEED = 13


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
    from compare.classifier import pair_similarity
    from compare.embed import load_encoder
    from compare.relate import default_classifier, relate_texts

    folder = Path(data_dir) if data_dir is not None else EVAL_DIR
    sets = {name: _load(folder / f"{name}.jsonl.gz", sample) for name in EVAL_SETS}
    encoder = encoder or load_encoder()
    results: dict = {}
    t0 = time.perf_counter()
    for name, rows in sets.items():
        a, b = [r["a"] for r in rows], [r["b"] for r in rows]
        similarity = pair_similarity(a, b, encoder)
        relations, _, _ = relate_texts(a, b, encoder, similarity=similarity)
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
    from compare.config import Settings
    from compare.relate import as_claim, run_veto

    settings = Settings()
    kept = [i for i, r in enumerate(relations) if r == "contradict" and not run_veto(
        as_claim(rows[i]["a"]), as_claim(rows[i]["b"]), float(similarity[i]), settings)]
    right = sum(rows[i]["label"] == "contradict" for i in kept)
    gold = sum(r["label"] == "contradict" for r in rows)
    return {"flagged": len(kept), "precision": round(right / len(kept), 4) if kept else 0.0,
            "recall": round(right / gold, 4) if gold else 0.0}


def stratified_sample(rows: list[dict], n: int, seed: int = SAMPLE_SEED) -> list[dict]:
    """A fixed subsample of about ``n`` rows keeping each label's share (every label present
    keeps at least one row); rows stay in their original order."""
    if n >= len(rows):
        return rows
    rng = np.random.default_rng(seed)
    labels = np.array([r["label"] for r in rows])
    keep: list[int] = []
    for label in sorted(set(labels.tolist())):
        idx = np.flatnonzero(labels == label)
        take = max(1, round(n * len(idx) / len(rows)))
        keep += rng.permutation(idx)[:take].tolist()
    return [rows[i] for i in sorted(keep)]


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


def scores(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, macro-F1 over the labels present in ``gold``, per-class figures, and the
    precision of ``contradict`` (the costly mistake: telling a reader two outlets disagree)."""
    gold_a, pred_a = np.asarray(gold), np.asarray(pred)
    per_class = {}
    for label in LABELS:
        tp = int(np.sum((pred_a == label) & (gold_a == label)))
        n_pred, n_gold = int(np.sum(pred_a == label)), int(np.sum(gold_a == label))
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                            "support": n_gold}
    present = [lab for lab in LABELS if per_class[lab]["support"]]
    return {
        "n": len(gold_a),
        "accuracy": round(float(np.mean(gold_a == pred_a)), 4) if len(gold_a) else 0.0,
        "macro_f1": round(float(np.mean([per_class[lab]["f1"] for lab in present])), 4)
        if present else 0.0,
        "per_class": per_class,
        "contradiction_precision": per_class["contradict"]["precision"],
    }


def build_eval_sets(shared_data: Path, out_dir: Path = EVAL_DIR) -> dict[str, int]:
    """Copy the held-out test splits from the shared data folder as gzipped JSONL
    ``{id, a, b, label}`` with labels mapped onto ``LABELS``; returns the pair counts."""
    from compare.train import load_pairs

    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (dataset, split) in EVAL_SETS.items():
        pairs = load_pairs(Path(shared_data), dataset, split)
        rows = [{"id": i, "a": a, "b": b, "label": LABELS[y]}
                for i, a, b, y in zip(pairs.ids, pairs.a, pairs.b, pairs.y, strict=True)]
        _write_gz_jsonl(out_dir / f"{name}.jsonl.gz", rows)
        counts[name] = len(rows)
    return counts


def read_eval_set(path: Path) -> list[dict]:
    """Rows ``{id, a, b, label}`` of one gzipped JSONL evaluation set."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _write_gz_jsonl(path: Path, rows: list[dict]) -> None:
    """Byte-reproducible gzip (no timestamp, no file name), written atomically."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        for row in rows:
            gz.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    write_bytes(path, buf.getvalue())
