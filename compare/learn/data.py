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

from compare.errors import InputError
from compare.schema import RELATIONS as LABELS
from compare.store.atomic import write_bytes

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval"
# evaluation set → (dataset, split, where it is read from): "shipped" sets are in EVAL_DIR,
# "corpus" is the package's own corpus, "shared" sets may not be redistributed (ArNLI: CC
# BY-NC-SA, weights only) and are read from the shared data folder when it is there.
EVAL_SETS = {
    "corpus_test": ("corpus", "test", "corpus"),
    "ans_test": ("ans", "test", "shipped"),
    "xnli_ar_test": ("xnli_ar", "test", "shipped"),
    "xnli_ar_en_test": ("xnli_ar_en", "test", "shipped"),
    "arnli_test": ("arnli", "test", "shared"),
}
TITLES = {
    "corpus_test": "Cross-outlet news pairs, test (ar/en/fr/ru)",
    "ans_test": "ANS test (Arabic news headlines)",
    "xnli_ar_test": "XNLI test, Arabic",
    "xnli_ar_en_test": "XNLI test, Arabic ↔ English",
    "arnli_test": "ArNLI test (Arabic NLI)",
}
SAMPLE_SEED = 13


XNLI_LABELS = {"entailment": "agree", "contradiction": "contradict", "neutral": "related"}
HOLDOUT_EVERY = 5  # dev-only sets: items with index % 5 == 0 are held out of fine-tuning
CORPUS_FILE = Path(__file__).resolve().parent.parent / "data" / "corpus" / "pairs.jsonl"


@dataclass(frozen=True)
class Source:
    """A dataset: its file under the data folder (or in the package), the classifier head it
    trains, its labels mapped onto ``LABELS``, and the field to split by when the set comes as
    one split."""

    file: str
    task: str
    labels: dict
    split_by: str | None = None


DATASETS = {
    "ans": Source("ans/ans_stance.jsonl", "ans",
                  {"agree": "agree", "disagree": "contradict", "other": "related"}),
    "xnli_ar": Source("xnli_ar/xnli_ar.jsonl", "nli", XNLI_LABELS),
    "xnli_en": Source("xnli_ar/xnli_en.jsonl", "nli", XNLI_LABELS),
    "xnli_ar_en": Source("xnli_ar/xnli_ar_en_cross.jsonl", "nli", XNLI_LABELS),
    "arnli": Source("arnli/arnli.jsonl", "nli", XNLI_LABELS),
    "rte3_fr": Source("rte3_fr/rte3_fr_dev.jsonl", "nli", XNLI_LABELS),
    "negation_en": Source("negation_en/negation_en.jsonl", "ans",
                          {"negated": "contradict", "paraphrase": "agree"}),
    "emergent": Source("emergent/emergent.jsonl", "ans",
                       {"for": "agree", "against": "contradict", "observing": "related"},
                       split_by="claim_id"),
    "corpus": Source(str(CORPUS_FILE), "ans",
                     {"agree": "agree", "contradict": "contradict", "related": "related"}),
}


def hashed_split(key: str) -> str:
    """train (70 %), dev (15 %) or test (15 %) by the sha1 of ``key``: every item sharing a key
    (a claim, a base sentence) falls on one side."""
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) / 16**8
    return "train" if h < 0.70 else "dev" if h < 0.85 else "test"


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


def read_rows(data_dir: Path, name: str) -> list[dict]:
    """Every row of a dataset, with ``split`` set from ``split_by`` where the set has none."""
    source = DATASETS[name]
    path = Path(data_dir) / source.file  # an absolute file (the corpus) ignores data_dir
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if source.split_by:
        for r in rows:
            r["split"] = hashed_split(str(r[source.split_by]))
    return rows


def load_pairs(data_dir: Path, name: str, split: str) -> Pairs:
    """One split of one dataset, labels mapped onto ``LABELS``."""
    source = DATASETS[name]
    rows = [r for r in read_rows(data_dir, name) if r["split"] == split]
    if not rows:
        raise ValueError(f"{Path(data_dir) / source.file}: no {split!r} rows")
    y = np.array([LABELS.index(source.labels[r["label"]]) for r in rows], dtype=np.int64)
    return Pairs([r["id"] for r in rows], [r["a"] for r in rows], [r["b"] for r in rows], y,
                 source.task)


def xnli_index(pair_id: str) -> int:
    """The item index at the end of an id such as ``xnli-ar_en-dev-123`` or
    ``rte3-fr-dev-12``."""
    return int(pair_id.rsplit("-", 1)[1])


def reversed_pairs(p: Pairs) -> Pairs:
    """``p`` and each pair read the other way round (agreement and contradiction between two
    outlets' sentences do not depend on which is read first)."""
    return Pairs(p.ids + [f"{i}~reversed" for i in p.ids], p.a + p.b, p.b + p.a,
                 np.concatenate([p.y, p.y]), p.task)


def sample(p: Pairs, n: int, seed: int = 13) -> Pairs:
    """A seeded sample of ``n`` pairs, stratified by label."""
    if n >= len(p):
        return p
    rng = np.random.default_rng(seed)
    keep = np.zeros(len(p), bool)
    for label in np.unique(p.y):
        idx = np.flatnonzero(p.y == label)
        keep[rng.permutation(idx)[:max(1, round(n * len(idx) / len(p)))]] = True
    return p.take(keep)


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


# What fine-tuning reads: per dataset (split used, how many pairs at most, read both ways), in
# one stage, so that news pairs are learned without forgetting ANS (going on from an ANS/XNLI
# stage with the news sets forgot a tenth of ANS dev). Dev-only sets give four fifths to
# fine-tuning and hold the rest out. The caps keep a run on two cores under an hour.
MIXTURE = {
    "ans": ("train", None, True),
    "xnli_ar": ("dev", None, False),
    "xnli_en": ("dev", None, False),
    "xnli_ar_en": ("dev", None, False),
    "corpus": ("train", None, True),
    "arnli": ("train", 2000, False),
    "rte3_fr": ("dev", None, False),
    "negation_en": ("train", 1000, False),
    "emergent": ("train", 1000, False),
}
# Held out of fine-tuning: they fit the stacker and the relation rules, and give dev figures.
HELD_OUT = ("corpus", "ans", "xnli_ar", "xnli_en", "xnli_ar_en", "arnli", "rte3_fr", "emergent")
# A person's verdicts (``claim-compare verdicts --export FILE``) are pairs from the product's own
# runs that someone checked, so each counts more than a written corpus pair: it is read both ways
# and this many times per epoch. The stance head sees about 14,800 pairs an epoch, so 100
# verdicts make 800 of them (5 %): enough to be learned, too few to pull the head off the
# mixture. Not tuned (a training run takes an hour); all verdicts train, none is held out.
VERDICT_REPEAT = 4


def verdict_pairs(path: Path, repeat: int = VERDICT_REPEAT) -> Pairs:
    """The exported verdicts in ``path`` as stance pairs, each read both ways ``repeat``
    times; a line that is not a training pair is an error naming it."""
    if not Path(path).is_file():
        raise InputError("no such file", path=path,
                         hint="export the verdicts first: `claim-compare verdicts --export FILE`")
    ids, a, b, y = [], [], [], []
    with Path(path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = _verdict_row(path, number, line)
            ids.append(row["id"])
            a.append(row["a"])
            b.append(row["b"])
            y.append(LABELS.index(row["label"]))
    pairs = reversed_pairs(Pairs(ids, a, b, np.asarray(y, dtype=np.int64), "ans"))
    return Pairs([f"{i}~{k}" for k in range(repeat) for i in pairs.ids], pairs.a * repeat,
                 pairs.b * repeat, np.tile(pairs.y, repeat), pairs.task)


def _verdict_row(path: Path, number: int, line: str) -> dict:
    try:
        row = json.loads(line)
    except ValueError:
        row = None
    if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in "ab") \
            or row.get("label") not in LABELS:
        raise InputError("not a training pair: each line needs a, b and a label (agree, "
                         "contradict or related)", path=path, line=number,
                         hint="write the file with `claim-compare verdicts --export FILE`")
    row.setdefault("id", f"verdict-line-{number}")
    return row


def training_sets(data_dir: Path, augment: bool = True, mixture: dict | None = None,
                  verdicts: Path | None = None) -> tuple[list[Pairs], dict[str, Pairs]]:
    """(pairs to fine-tune on, held-out dev pairs by ``<dataset>_dev``); ``augment`` adds the
    :func:`symmetric_ans` pairs to ANS and reads the corpus both ways; ``verdicts`` (an export
    of a person's verdicts) adds :func:`verdict_pairs` to the pairs to fine-tune on."""
    mixture = MIXTURE if mixture is None else mixture
    fit, held = [], {}
    for name, (split, cap, both_ways) in mixture.items():
        pairs = load_pairs(data_dir, name, split)
        if split == "dev":  # a dev-only set: hold a fifth out
            out = np.array([xnli_index(i) % HOLDOUT_EVERY == 0 for i in pairs.ids])
            held[f"{name}_dev"] = pairs.take(out)
            pairs = pairs.take(~out)
        elif name in HELD_OUT:
            held[f"{name}_dev"] = load_pairs(data_dir, name, "dev")
        if augment and name == "ans":
            pairs = symmetric_ans(pairs)
        elif augment and both_ways:
            pairs = reversed_pairs(pairs)
        if cap is not None:
            pairs = sample(pairs, cap)
        fit.append(pairs)
    if verdicts is not None:
        fit.append(verdict_pairs(Path(verdicts)))
    return fit, held


def data_hashes(data_dir: Path, names=None) -> dict[str, str]:
    """sha256 of every file the training reads (the corpus by its name in the package)."""
    names = MIXTURE if names is None else names
    out = {}
    for name in sorted(names):
        path = Path(data_dir) / DATASETS[name].file
        key = f"compare/data/corpus/{path.name}" if name == "corpus" else DATASETS[name].file
        out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


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
    for name, (dataset, split, where) in EVAL_SETS.items():
        if where != "shipped":
            continue
        pairs = load_pairs(Path(shared_data), dataset, split)
        rows = [{"id": i, "a": a, "b": b, "label": LABELS[y]}
                for i, a, b, y in zip(pairs.ids, pairs.a, pairs.b, pairs.y, strict=True)]
        _write_gz_jsonl(out_dir / f"{name}.jsonl.gz", rows)
        counts[name] = len(rows)
    return counts


def corpus_rows(split: str) -> list[dict]:
    """The corpus's pairs of one split, each with its type and languages."""
    return [r for r in read_rows(Path("."), "corpus") if r["split"] == split]


def shared_rows(shared_dir: Path, name: str, split: str) -> list[dict]:
    """``{id, a, b, label}`` rows of a set read from the shared data folder."""
    pairs = load_pairs(shared_dir, name, split)
    return [{"id": i, "a": a, "b": b, "label": LABELS[y]}
            for i, a, b, y in zip(pairs.ids, pairs.a, pairs.b, pairs.y, strict=True)]


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
