"""Relations a run decided before: a re-run relates only pairs it has not seen under the same
relation step, extractor, model and settings."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import polars as pl

from compare import schema
from compare.claims import extractor_signature
from compare.config import Settings
from compare.relate import relate_pairs, signature
from compare.store import Store


def relate_cached(store: Store, pairs: pl.DataFrame, claims: pl.DataFrame, encoder,
                  settings: Settings,
                  on_progress: Callable[[int], None] | None = None, *,
                  relate: Callable[..., pl.DataFrame] = relate_pairs) -> tuple[pl.DataFrame, int]:
    """Relate the aligned pairs, reusing relations the store already holds for the same claims
    in the same order (the classifier reads A then B), relation step, extractor and settings;
    returns the pairs and how many were newly related. ``on_progress`` hears of pairs
    decided, those from the store at once. ``relate`` relates the pairs not cached, as
    :func:`compare.relate.relate_pairs` does (a run's engine may map them elsewhere)."""
    knobs = hashlib.sha1(repr(sorted(settings.as_dict().items())).encode()).hexdigest()
    # Relations read the claims' extracted numbers and speakers: a new extractor re-relates.
    version = "|".join([signature(), extractor_signature(settings), encoder.model_id, knobs])
    keyed = pairs.with_columns(
        key=pl.concat_str(["claim_id_a", "claim_id_b", pl.lit(version)], separator="|")
    )
    cached = store.known_relations(keyed["key"].to_list())
    todo = keyed.filter(~pl.col("key").is_in(cached["key"].to_list()))
    if on_progress is not None:
        on_progress(keyed.height - todo.height)
    done = relate(todo.drop("key"), claims, encoder, settings, on_progress)
    done = done.with_columns(key=todo["key"])
    store.remember_relations(done)
    decided = pl.concat([cached, done.select(cached.columns)])
    out = keyed.drop("relation", "reasons", "confidence", "kinds").join(
        decided, on="key", how="left", maintain_order="left")
    out = out.with_columns(model_relation=pl.col("relation"))
    return out.select(list(schema.PAIRS)), todo.height
