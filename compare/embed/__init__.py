"""Embedding stage: turn claim texts into unit vectors with a sentence-transformers model.

The model call lives here and nowhere else; everything downstream is math on the arrays.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.config import DEFAULT_MODEL, PROMPT
from compare.errors import ModelError

log = logging.getLogger(__name__)

_CHECK_SENTENCES = (
    "اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية للتنظيم.",
    "The Defense Ministry accused the US army of protecting the group.",
    "قُتل 40 شخصاً وأصيب 70 آخرون في انفجار سيارة مفخخة.",
    "Le ministre a démissionné mardi soir.",
)


@dataclass
class Encoder:
    """A loaded sentence-transformers model and the facts a run records about it."""

    model: object
    model_id: str
    dim: int
    precision: str
    prompt: str = PROMPT

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in order."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            list(texts), prompt=self.prompt, batch_size=batch_size,
            convert_to_numpy=False, convert_to_tensor=True, show_progress_bar=False,
        )
        return normalise(vecs.float().cpu().numpy())


def normalise(vecs: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vecs = np.ascontiguousarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)


def text_key(model_id: str, text: str) -> str:
    """Cache key of one text under one model."""
    return hashlib.sha1(f"{model_id}\0{text}".encode()).hexdigest()


def _cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(f in flags.split() for f in ("avx512_bf16", "amx_bf16"))


def _resolve(name: str) -> tuple[str, str]:
    """(folder or hub name to load, stable model id)."""
    if name == DEFAULT_MODEL:
        from compare.embed.e5 import default_model_dir

        return str(default_model_dir()), DEFAULT_MODEL
    path = Path(name).expanduser()
    if path.exists():
        return str(path.resolve()), path.resolve().name
    return name, name


def load_encoder(name: str = DEFAULT_MODEL, precision: str = "auto") -> Encoder:
    """Load a sentence-transformers model by name or folder, offline, once per process.

    ``precision`` is ``fp32``, ``bf16`` or ``auto``: bf16 when the CPU has bf16 instructions and
    the bf16 vectors keep cosine ≥ 0.999 to fp32 on a fixed check set.
    """
    return _load(name, precision)


@functools.lru_cache(maxsize=4)
def _load(name: str, precision: str) -> Encoder:
    import torch
    from sentence_transformers import SentenceTransformer

    if precision not in ("auto", "fp32", "bf16"):
        raise ModelError(f"unknown precision {precision!r}", hint="use auto, fp32 or bf16")
    target, model_id = _resolve(name)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" on every run says nothing to a user
    try:
        model = SentenceTransformer(target, device="cpu")
    except Exception as exc:
        raise ModelError(
            f"cannot load model {name!r}: {type(exc).__name__}: {str(exc).splitlines()[0]}",
            hint="give a sentence-transformers folder, or omit --model for the built-in "
            f"{DEFAULT_MODEL}",
        ) from None
    model.eval()
    dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else (
        model.get_sentence_embedding_dimension())
    enc = Encoder(model, model_id, int(dim), "fp32")
    want_bf16 = precision == "bf16" or (precision == "auto" and _cpu_has_bf16())
    if want_bf16:
        ref = enc.encode(list(_CHECK_SENTENCES))
        model.to(torch.bfloat16)
        cos = float((ref * enc.encode(list(_CHECK_SENTENCES))).sum(1).min())
        if cos >= 0.999 or precision == "bf16":
            enc.precision = "bf16"
        else:
            log.info("bf16 cosine %.4f < 0.999: staying in fp32", cos)
            model.to(torch.float32)
    return enc
