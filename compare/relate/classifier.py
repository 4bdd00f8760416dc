"""Trained pair classifier: does claim B agree with, contradict, or merely relate to claim A?

Embedding similarity cannot tell agreement from contradiction, so the pair is read jointly: a
cross-encoder over the shared e5 encoder (``query: a`` / ``query: b`` as one input) whose upper ten
transformer layers are fine-tuned, with one 3-way head per training task (ANS news stance, XNLI
inference). The tuned layers are stored as their difference from the base weights, int8 per
row (18 MB); the word embeddings stay shared with the encoder. A small logistic regression
stacked on top combines the heads with the lexical differences of the pair (numbers, negations,
antonyms, token overlap), the detectors' findings and the pair's cosine similarity, so the typed
evidence counts. The weights are committed under ``compare/data/classifier/`` and rebuilt by
``claim-compare train`` (:mod:`compare.learn.train`).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from compare.errors import ModelError
from compare.relate.features import FINDING_FEATURES, LEXICAL_FEATURES, lexical_features
from compare.schema import RELATIONS

log = logging.getLogger(__name__)

LABELS = RELATIONS
TASKS = ("ans", "nli")
WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "data" / "classifier"
WEIGHTS_FILE = "pair_classifier.safetensors"
META_FILE = "pair_classifier.json"
REBUILD_COMMAND = "claim-compare train --data <data dir> --out compare/data/classifier"
FORMAT_VERSION = 2
MAX_TOKENS = 128


def layer_of(name: str) -> int:
    """The transformer layer a parameter belongs to (``encoder.layer.7.…`` → 7), else -1."""
    match = re.match(r"(?:.*\.)?encoder\.layer\.(\d+)\.", name)
    return int(match[1]) if match else -1


def quantize_delta(name: str, delta) -> dict:
    """A weight difference as stored: a matrix as int8 per row plus an fp32 scale per row
    (``delta.{name}.q`` / ``.s``); a vector as fp32 (``delta.{name}``)."""
    import torch

    delta = delta.detach().float()
    if delta.ndim == 1:
        return {f"delta.{name}": delta.contiguous()}
    scale = (delta.abs().amax(dim=1) / 127.0).clamp(min=1e-12)
    q = torch.round(delta / scale[:, None]).clamp(-127, 127).to(torch.int8)
    return {f"delta.{name}.q": q.contiguous(), f"delta.{name}.s": scale.contiguous()}


def dequantize_deltas(tensors: dict) -> dict:
    """``{parameter name: fp32 difference}`` from the stored ``delta.*`` tensors."""
    out = {}
    for key, value in tensors.items():
        if not key.startswith("delta."):
            continue
        name = key[len("delta."):]
        if name.endswith(".q"):
            out[name[:-2]] = value.float() * tensors[f"delta.{name[:-2]}.s"][:, None]
        elif not name.endswith(".s"):
            out[name] = value.float()
    return out


def pair_inputs(tokenizer, text_a: list[str], text_b: list[str], prompt: str = "query: ",
                padding: bool = True) -> dict:
    """Token ids of ``prompt + a`` / ``prompt + b`` as one sequence, ≤ MAX_TOKENS: padded
    tensors, or with ``padding=False`` one list of ids per pair (to batch by length)."""
    return tokenizer(
        [prompt + t for t in text_a], [prompt + t for t in text_b], padding=padding,
        truncation="longest_first", max_length=MAX_TOKENS,
        return_tensors="pt" if padding else None, return_token_type_ids=False,
    )


def _head_module(hidden: int):
    import torch

    class Heads(torch.nn.Module):
        """Mean-pooled token states → one linear 3-way head per task."""

        def __init__(self) -> None:
            super().__init__()
            self.drop = torch.nn.Dropout(0.1)
            self.heads = torch.nn.ModuleDict({t: torch.nn.Linear(hidden, 3) for t in TASKS})

        def forward(self, states, mask):
            m = mask.unsqueeze(-1).to(states.dtype)
            pooled = (states * m).sum(1) / m.sum(1).clamp(min=1.0)
            pooled = self.drop(pooled.float())
            return torch.stack([self.heads[t](pooled) for t in TASKS], dim=1)

    return Heads()


def build_cross_encoder(bert, hidden: int):
    """A cross-encoder module: ``forward(input_ids, attention_mask) -> logits[n, task, label]``."""
    import torch

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            self.head = _head_module(hidden)

        def forward(self, input_ids, attention_mask):
            states = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(states, attention_mask)

    return CrossEncoder()


class PairClassifier:
    """The committed pair classifier: tuned layers, task heads and the stacked combiner."""

    def __init__(self, meta: dict, tensors: dict, path: Path, digest: str = "") -> None:
        self.meta = meta
        self.tensors = tensors
        self.path = path
        self.feature_names: list[str] = list(meta["feature_names"])
        self.digest = digest
        self._built: tuple[object, object] | None = None

    @classmethod
    def load(cls, path: Path | str | None = None) -> PairClassifier:
        """Load the classifier from ``path`` (a folder), default the committed weights, offline."""
        folder = Path(path) if path is not None else WEIGHTS_DIR
        meta_path, weights_path = folder / META_FILE, folder / WEIGHTS_FILE
        for p in (meta_path, weights_path):
            if not p.is_file():
                raise ModelError("pair classifier file is missing", path=p,
                                 hint=f"rebuild it with: {REBUILD_COMMAND}")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise _unreadable(meta_path, exc) from None
        try:
            from safetensors.torch import load_file

            tensors = load_file(str(weights_path))
        except Exception as exc:  # safetensors raises its own error types for damaged files
            raise _unreadable(weights_path, exc) from None
        digest = hashlib.sha256(weights_path.read_bytes() + meta_path.read_bytes()).hexdigest()
        if (meta.get("format") != FORMAT_VERSION or tuple(meta.get("labels", ())) != LABELS
                or tuple(meta.get("feature_names", ())) != FEATURE_NAMES):
            raise ModelError("pair classifier was written by another version", path=meta_path,
                             hint=f"rebuild it with: {REBUILD_COMMAND}")
        missing = [k for k in ("stack.coef", "stack.intercept", "stack.mean", "stack.scale")
                   if k not in tensors]
        if missing:
            raise ModelError(f"pair classifier lacks {missing}", path=weights_path,
                             hint=f"rebuild it with: {REBUILD_COMMAND}")
        return cls(meta, tensors, folder, digest[:16])

    def _module(self, encoder):
        """The cross-encoder for ``encoder``, built once: a copy of its layers with the
        tuned differences added.

        The word embeddings (most of the model's memory) are shared with the encoder, not copied;
        they are frozen in training, so sharing is exact.
        """
        if self._built is not None and self._built[0] is encoder:
            return self._built[1]
        import torch

        if encoder.model_id != self.meta["base_model"]:
            raise ModelError(
                f"pair classifier was trained on {self.meta['base_model']!r}, "
                f"not {encoder.model_id!r}", path=self.path / META_FILE,
                hint=f"use the default model, or retrain: {REBUILD_COMMAND}")
        base = encoder.model[0].auto_model
        words = base.embeddings.word_embeddings.weight
        bert = copy.deepcopy(base, memo={id(words): words})
        dtype = next(bert.encoder.parameters()).dtype
        # Add in fp32, then return to the encoder's precision; never touch the shared words.
        _cast_layers(bert, torch.float32)
        self._add_deltas(bert)
        _cast_layers(bert, dtype)
        module = build_cross_encoder(bert, int(self.meta["hidden"]))
        heads = {k[len("head."):]: v for k, v in self.tensors.items() if k.startswith("head.")}
        module.head.load_state_dict(heads)
        module.eval()
        for p in module.parameters():
            p.requires_grad_(False)
        self._built = (encoder, module)
        return module

    def _add_deltas(self, bert) -> None:
        params = dict(bert.named_parameters())
        for name, delta in dequantize_deltas(self.tensors).items():
            if name not in params or params[name].shape != delta.shape:
                raise ModelError(f"pair classifier weight {name!r} does not fit the model",
                                 path=self.path / WEIGHTS_FILE, hint=f"retrain: {REBUILD_COMMAND}")
            params[name].data += delta

    def head_logprobs(self, text_a: list[str], text_b: list[str], encoder,
                      batch_size: int = 32,
                      on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Log-probabilities of every task head: n × (tasks·3), columns ``task:label``.

        Each distinct pair (A, B) is read once (the classifier reads A then B, so (B, A) is
        another pair); pairs are tokenised once and batched by token length (less padding);
        results come back in input order. ``on_progress(n)`` hears of each batch's distinct
        pairs as it finishes.
        """
        _check_lengths(text_a, text_b)
        width = len(TASKS) * len(LABELS)
        if not text_a:
            return np.zeros((0, width), dtype=np.float32)
        distinct = list(dict.fromkeys(zip(text_a, text_b, strict=True)))
        row = {pair: k for k, pair in enumerate(distinct)}
        heads = self._read([a for a, _ in distinct], [b for _, b in distinct], encoder,
                           batch_size, on_progress)
        return heads[[row[pair] for pair in zip(text_a, text_b, strict=True)]]

    def _read(self, text_a: list[str], text_b: list[str], encoder, batch_size: int,
              on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        import torch

        module = self._module(encoder)
        tokenizer = encoder.model.tokenizer
        ids = pair_inputs(tokenizer, text_a, text_b, padding=False)["input_ids"]
        order = np.argsort([len(x) for x in ids], kind="stable")
        out = np.zeros((len(ids), len(TASKS) * len(LABELS)), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(ids), batch_size):
                idx = order[start:start + batch_size]
                enc = tokenizer.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt",
                                    return_attention_mask=True)
                logits = module(enc["input_ids"], enc["attention_mask"]).float()
                out[idx] = torch.log_softmax(logits, dim=-1).reshape(len(idx), -1).numpy()
                if on_progress is not None:
                    on_progress(len(idx))
        return out

    def features(self, text_a: list[str], text_b: list[str], encoder, batch_size: int = 32,
                 claims: tuple[Sequence, Sequence] | None = None,
                 findings: Sequence[list] | None = None,
                 similarity: Sequence[float] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        """The stacker's input: head log-probabilities, then lexical and detector features
        (of ``claims`` when given — claims carry speaker, date and numbers — else of the texts),
        then the cosine similarity of the two texts under ``encoder`` (``similarity`` when
        already known, as for aligned pairs)."""
        heads = self.head_logprobs(text_a, text_b, encoder, batch_size, on_progress)
        a, b = claims if claims is not None else (text_a, text_b)
        if similarity is None:
            similarity = pair_similarity(text_a, text_b, encoder)
        sim = np.asarray(similarity, dtype=np.float32).reshape(-1, 1)
        return np.concatenate([heads, lexical_features(a, b, findings), sim], axis=1)

    def predict_proba(self, text_a: list[str], text_b: list[str], encoder, batch_size: int = 32,
                      claims: tuple[Sequence, Sequence] | None = None,
                      findings: Sequence[list] | None = None,
                      similarity: Sequence[float] | None = None,
                      on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Probabilities n × 3, columns in ``LABELS`` order (agree, contradict, related).

        Deterministic: pairs are batched by length and each is scored independently of the
        others; the batch size only changes the padding (floating-point noise, not the argmax).
        """
        return self.stack(self.features(text_a, text_b, encoder, batch_size, claims, findings,
                                        similarity, on_progress))

    def stack(self, feats: np.ndarray) -> np.ndarray:
        """Apply the stacked logistic regression to a feature matrix."""
        t = self.tensors
        x = (feats - t["stack.mean"].numpy()) / t["stack.scale"].numpy()
        z = x @ t["stack.coef"].numpy().T + t["stack.intercept"].numpy()
        return softmax(z)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax in float64 (stable), returned as float64."""
    z = np.asarray(z, dtype=np.float64)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def pair_similarity(text_a: Sequence[str], text_b: Sequence[str], encoder) -> np.ndarray:
    """Cosine similarity of each pair (A[i], B[i]) under ``encoder``; each text encoded once."""
    _check_lengths(text_a, text_b)
    texts = list(dict.fromkeys([*text_a, *text_b]))
    vecs = encoder.encode(texts)
    pos = {t: i for i, t in enumerate(texts)}
    va, vb = vecs[[pos[t] for t in text_a]], vecs[[pos[t] for t in text_b]]
    return np.einsum("ij,ij->i", va, vb).astype(np.float32)


HEAD_FEATURES = tuple(f"{task}:{label}" for task in TASKS for label in LABELS)
PAIR_FEATURES = ("similarity",)
FEATURE_NAMES = (*HEAD_FEATURES, *LEXICAL_FEATURES, *FINDING_FEATURES, *PAIR_FEATURES)


def _unreadable(path: Path, exc: Exception) -> ModelError:
    return ModelError(f"pair classifier file is unreadable: {type(exc).__name__}: {exc}",
                      path=path, hint=f"rebuild it with: {REBUILD_COMMAND}")


def _check_lengths(text_a: Sequence, text_b: Sequence) -> None:
    if len(text_a) != len(text_b):
        raise ValueError(f"text_a has {len(text_a)} texts but text_b has {len(text_b)}")


def _cast_layers(bert, dtype) -> None:
    """Cast every parameter except the word embeddings, which stay shared with the encoder."""
    for name, param in bert.named_parameters():
        if not name.startswith("embeddings.word_embeddings"):
            param.data = param.data.to(dtype)
