"""Embedding through the index's cache: a text embedded once under a model is never embedded
again, whichever article or run it comes from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np
import polars as pl

from compare.embed import Encoder, text_key
from compare.store import Store

# encode(encoder, texts, batch_size, on_batch) -> vectors, as encode_batches
EncodeFn = Callable[[Encoder, list[str], int, Callable[[list[str]], None]], np.ndarray]


def embed_claims(store: Store, encoder: Encoder, claims: pl.DataFrame, batch_size: int,
                 on_progress: Callable[[int], None] | None = None, *,
                 encode: EncodeFn | None = None) -> tuple[np.ndarray, int]:
    """One vector per claim (row order kept) and how many distinct texts had to be embedded.

    ``on_progress(n)`` hears of claims as their vectors are ready: those found in the cache at
    once, the others after each encoded batch, so the counts add up to ``claims.height``.
    ``encode`` encodes the texts not cached (default :func:`encode_batches`; a run's engine
    may map the batches elsewhere).
    """
    report = on_progress or _ignore
    model_key = f"{encoder.model_id}|{encoder.prompt}"
    texts = claims["text"].to_list()
    keys = [text_key(model_key, t) for t in texts]
    vectors, missing = store.cached(keys)
    report(len(keys) - len(missing))
    waiting = Counter(texts[i] for i in missing)  # claims waiting on each text
    todo = list(waiting)
    if todo:
        fresh = (encode or encode_batches)(encoder, todo, batch_size,
                                           lambda batch: report(sum(waiting[t] for t in batch)))
        store.remember([text_key(model_key, t) for t in todo], fresh)
        vectors, _ = store.cached(keys)
    return vectors, len(todo)


def encode_batches(encoder: Encoder, texts: list[str], batch_size: int,
                   on_batch: Callable[[list[str]], None]) -> np.ndarray:
    """``encoder.encode(texts)`` one batch per call, longest texts first as the model batches
    them itself (least padding); ``on_batch`` is called with each batch's texts once encoded."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        batch = [texts[i] for i in rows]
        out[rows] = encoder.encode(batch, batch_size=batch_size)
        on_batch(batch)
    return out


def _ignore(n: int) -> None:
    pass
