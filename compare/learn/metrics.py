"""Scores of predicted relations against gold labels, shared by training and evaluation."""

from __future__ import annotations

import numpy as np

from compare.learn.data import Pairs
from compare.schema import RELATIONS as LABELS


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


def figures(held: dict[str, Pairs], proba: np.ndarray) -> dict[str, dict]:
    """Scores of argmax predictions per held-out set (``proba`` rows in ``held`` order)."""
    out, start = {}, 0
    for name, p in held.items():
        pred = proba[start:start + len(p)].argmax(1)
        out[name] = scores([LABELS[i] for i in p.y], [LABELS[i] for i in pred])
        start += len(p)
    return out
