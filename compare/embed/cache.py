"""Embedding through the index's cache: a text embedded once under a model is never embedded
again, whichever article or run it comes from."""

from __future__ import annotations

import numpy as np
import polars as pl

from compare.embed import Encoder, text_key
from compare.store import Store


def embed_claims(store: Store, encoder: Encoder, claims: pl.DataFrame,
                 batch_size: int) -> tuple[np.ndarray, int]:
    """One vector per claim (row order kept) and how many distinct texts had to be embedded."""
    model_key = f"{encoder.model_id}|{encoder.prompt}"
    texts = claims["text"].to_list()
    keys = [text_key(model_key, t) for t in texts]
    vectors, missing = store.cached(keys)
    todo = list(dict.fromkeys(texts[i] for i in missing))
    if todo:
        fresh = encoder.encode(todo, batch_size=batch_size)
        store.remember([text_key(model_key, t) for t in todo], fresh)
        vectors, _ = store.cached(keys)
    return vectors, len(todo)
