"""The data the classifier learns from and is measured on: training/dev pairs read from the
shared data folder (train and dev splits only), and the held-out test sets shipped in the
package. Shared by :mod:`compare.learn.train` and :mod:`compare.learn.evaluate`, which never
import each other."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.schema import RELATIONS as LABELS
from compare.store.atomic import write_bytes

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval"
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


# file, task, gold label → LABELS
DATASETS = {
    "ans": ("ans/ans_stance.jsonl", "ans",
            {"agree": "agree", "disagree": "contradict", "other": "related"}),
    "xnli_ar": ("xnli_ar/xnli_ar.jsonl", "nli", None),
    "xnli_en": ("xnli_ar/xnli_en.jsonl", "nli", None),
    "xnli_ar_en": ("xnli_ar/xnli_ar_en_cross.jsonl", "nli", None),
}
XNLI_LABELS = {"entailment": "agree", "contradiction": "contradict", "neutral": "related"}
HOLDOUT_EVERY = 5  # XNLI dev items with index % 5 == 0 are held out of fine-tuning


@dataclass
class Pairs:
    """Text pairs of one task with label indices into ``LABELS``."""

    ids: list[str]
    a: list[str]
    b: list[str]
    y: np.ndarray
    task: str

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, mask: np.ndarray) -> Pairs:
        idx = np.flatnonzero(mask)
        return Pairs([self.ids[i] for i in idx], [self.a[i] for i in idx],
                     [self.b[i] for i in idx], self.y[idx], self.task)


def load_pairs(data_dir: Path, name: str, split: str) -> Pairs:
    """One split of one dataset from the shared data folder, labels mapped onto ``LABELS``."""
    rel, task, mapping = DATASETS[name]
    mapping = mapping or XNLI_LABELS
    rows = [json.loads(line) for line in (Path(data_dir) / rel).open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == split]
    if not rows:
        raise ValueError(f"{data_dir / rel}: no {split!r} rows")
    y = np.array([LABELS.index(mapping[r["label"]]) for r in rows], dtype=np.int64)
    return Pairs([r["id"] for r in rows], [r["a"] for r in rows], [r["b"] for r in rows], y, task)


def xnli_index(pair_id: str) -> int:
    """The XNLI item index at the end of an id such as ``xnli-ar_en-dev-123``."""
    return int(pair_id.rsplit("-", 1)[1])


def symmetric_ans(p: Pairs) -> Pairs:
    """ANS pairs in both orders, plus the contradictions implied by the corpus's structure.

    Agreement and contradiction between two headlines do not depend on which is read first,
    and the pipeline pairs claims in no meaningful order, so every pair is also trained
    reversed. ANS writes a paraphrase and a contradiction of the same original headline; the
    paraphrase then contradicts the contradiction too, and that pair is added (both orders).
    """
    ids, a, b, y = list(p.ids), list(p.a), list(p.b), list(p.y)
    ids += [f"{i}~reversed" for i in p.ids]
    a, b, y = a + list(p.b), b + list(p.a), y + list(p.y)
    agree, contradict = LABELS.index("agree"), LABELS.index("contradict")
    by_original: dict[str, list[int]] = {}
    for k, text in enumerate(p.a):
        by_original.setdefault(text, []).append(k)
    for rows in by_original.values():
        for i in (k for k in rows if p.y[k] == agree):
            for j in (k for k in rows if p.y[k] == contradict):
                ids += [f"{p.ids[i]}+{p.ids[j]}", f"{p.ids[j]}+{p.ids[i]}"]
                a += [p.b[i], p.b[j]]
                b += [p.b[j], p.b[i]]
                y += [contradict, contradict]
    return Pairs(ids, a, b, np.asarray(y, dtype=np.int64), p.task)


def training_sets(data_dir: Path, augment: bool = True) -> tuple[list[Pairs], dict[str, Pairs]]:
    """(pairs to fine-tune on, held-out dev pairs by dataset name); ``augment`` adds
    :func:`symmetric_ans` pairs to the ANS training pairs."""
    ans = load_pairs(data_dir, "ans", "train")
    fit = [symmetric_ans(ans) if augment else ans]
    held = {"ans_dev": load_pairs(data_dir, "ans", "dev")}
    for name in ("xnli_ar", "xnli_en", "xnli_ar_en"):
        dev = load_pairs(data_dir, name, "dev")
        out = np.array([xnli_index(i) % HOLDOUT_EVERY == 0 for i in dev.ids])
        fit.append(dev.take(~out))
        held[f"{name}_dev"] = dev.take(out)
    return fit, held


def data_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of every file the training reads."""
    files = sorted({rel for rel, _, _ in DATASETS.values()})
    return {rel: hashlib.sha256((Path(data_dir) / rel).read_bytes()).hexdigest() for rel in files}


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


def build_eval_sets(shared_data: Path, out_dir: Path = EVAL_DIR) -> dict[str, int]:
    """Copy the held-out test splits from the shared data folder as gzipped JSONL
    ``{id, a, b, label}`` with labels mapped onto ``LABELS``; returns the pair counts."""
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
