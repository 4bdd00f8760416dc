"""Evaluation of the relation step on held-out test sets.

``evaluate()`` runs the very function a user calls to relate two statements
(:func:`compare.relate.relate_texts`, the step every run uses) on the test split of the
cross-outlet corpus (by type and by language pair), ANS test (Arabic news headlines), XNLI
Arabic and Arabic↔English, and ArNLI test when the shared data folder is there (its licence
allows shipping weights, not the data). It writes ``eval.json`` and ``eval.md``.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from compare.config import DEFAULT_TRAINING_DATA, Settings
from compare.embed import load_encoder
from compare.errors import InputError
from compare.learn.data import (
    EVAL_DIR,
    EVAL_SETS,
    TITLES,
    corpus_rows,
    read_eval_set,
    shared_rows,
    stratified_sample,
)
from compare.learn.metrics import scores
from compare.relate import default_classifier, relate_texts
from compare.schema import RELATIONS as LABELS
from compare.store.atomic import write_bytes


def evaluate(data_dir: Path | None = None, out_dir: Path | None = None,
             sample: int | None = None, encoder=None,
             shared_dir: Path | None = DEFAULT_TRAINING_DATA,
             settings: Settings | None = None) -> dict:
    """Score the relation step on every test set; write ``eval.json`` and ``eval.md`` into
    ``out_dir`` when given.

    ``data_dir`` holds the shipped sets (default: the package's); ``shared_dir`` the sets that
    cannot be shipped (skipped, and said so, when missing). ``sample`` evaluates a fixed,
    label-stratified subsample of that many pairs per set (the same pairs on every run).
    ``settings`` are the relation step's (default: the defaults; ``relate_fast`` among them).
    Returns ``{set: {n, accuracy, macro_f1, per_class, contradiction_precision, in_run}}`` (the
    corpus also ``by_type`` and ``by_languages``) plus ``meta``; ``in_run`` holds what a run
    flags: how many, their precision, and their recall of the gold contradictions.
    """
    folder = Path(data_dir) if data_dir is not None else EVAL_DIR
    encoder = encoder or load_encoder()
    results: dict = {}
    skipped = {}
    t0 = time.perf_counter()
    for name in EVAL_SETS:
        rows = _rows(name, folder, shared_dir, sample)
        if rows is None:
            skipped[name] = f"needs {EVAL_SETS[name][0]} in the shared data folder {shared_dir}"
            continue
        frame = relate_texts([r["a"] for r in rows], [r["b"] for r in rows], encoder=encoder,
                             settings=settings)
        results[name] = _figures(rows, frame["relation"].to_list(), frame["flagged"].to_list())
        if name == "corpus_test":
            results[name]["by_type"] = _breakdown(rows, frame, lambda r: r["type"])
            results[name]["by_languages"] = _breakdown(
                rows, frame, lambda r: "same language" if r["lang_a"] == r["lang_b"]
                else "across languages")
            results[name]["by_language_pair"] = _breakdown(
                rows, frame, lambda r: f"{r['lang_a']}-{r['lang_b']}")
    results["meta"] = {"data": str(folder), "shared": str(shared_dir), "sample": sample,
                       "model": encoder.model_id, "precision": encoder.precision,
                       "classifier": default_classifier().digest, "skipped": skipped,
                       "relate_fast": (settings or Settings()).relate_fast,
                       "seconds": round(time.perf_counter() - t0, 1)}
    if out_dir is not None:
        write_results(Path(out_dir), results)
    return results


def _figures(rows: list[dict], relations: list[str], flagged: list[bool]) -> dict:
    figures = scores([r["label"] for r in rows], relations)
    figures["in_run"] = run_contradictions(rows, flagged)
    return figures


def run_contradictions(rows: list[dict], flagged: list[bool]) -> dict:
    """What a run flags of the pairs: how many, their precision, and their recall of the gold
    contradictions."""
    kept = [i for i, f in enumerate(flagged) if f]
    right = sum(rows[i]["label"] == "contradict" for i in kept)
    gold = sum(r["label"] == "contradict" for r in rows)
    return {"flagged": len(kept), "precision": round(right / len(kept), 4) if kept else 0.0,
            "recall": round(right / gold, 4) if gold else 0.0}


def _breakdown(rows: list[dict], frame, key) -> dict:
    """Per group of rows: the step's figures and what a run flags."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[key(r)].append(i)
    relations, flagged = frame["relation"].to_list(), frame["flagged"].to_list()
    return {name: _figures([rows[i] for i in idx], [relations[i] for i in idx],
                           [flagged[i] for i in idx])
            for name, idx in sorted(groups.items())}


def _rows(name: str, folder: Path, shared_dir: Path | None, sample: int | None):
    dataset, split, where = EVAL_SETS[name]
    if where == "corpus":
        rows = corpus_rows(split)
    elif where == "shared":
        if shared_dir is None or not (Path(shared_dir) / dataset).is_dir():
            return None
        rows = shared_rows(Path(shared_dir), dataset, split)
    else:
        return _load(folder / f"{name}.jsonl.gz", sample)
    return stratified_sample(rows, sample) if sample else rows


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
            lines.append(f"| {TITLES[name]} | not measured: "
                         f"{results.get('meta', {}).get('skipped', {}).get(name, '')} |"
                         + " |" * 7)
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
          "The last column is what a run flags as contradictions: only pairs that are "
          "recognisably the same assertion and where a typed detector (number, denial, opposite "
          "outcome) names what differs; precision, and recall of all gold contradictions.", "",
          format_table(results), ""]
    corpus = results.get("corpus_test")
    if corpus:
        for title, key in (("by type", "by_type"), ("across languages", "by_languages"),
                           ("by language pair", "by_language_pair")):
            md += [f"## Cross-outlet news pairs, {title}", "", _group_table(corpus[key]), ""]
    if meta:
        md += [f"Model: {meta.get('model')} ({meta.get('precision')}); sample: "
               f"{meta.get('sample') or 'all pairs'}; {meta.get('seconds')} s.", ""]
    write_bytes(out_dir / "eval.md", "\n".join(md).encode("utf-8"))


def _group_table(groups: dict) -> str:
    lines = ["| group | pairs | accuracy | macro-F1 | contradiction precision | "
             "a run's contradictions: P / R |", "|---|---:|---:|---:|---:|---:|"]
    for name, r in groups.items():
        lines.append(f"| {name} | {r['n']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | "
                     f"{r['contradiction_precision']:.3f} | {_in_run(r['in_run'])} |")
    return "\n".join(lines)
