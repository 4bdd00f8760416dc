"""The polars frames passed between pipeline stages, with their columns written down once.

Each stage checks its input with :func:`check` before it starts, so a frame from the wrong place
fails loudly at the boundary instead of deep inside a stage.
"""

from __future__ import annotations

import polars as pl

NUMBER = pl.Struct(
    {
        "text": pl.String,  # the span as written, e.g. "العشرات" or "40 wounded"
        "value": pl.Float64,  # point value; for a range, its midpoint
        "low": pl.Float64,  # lower bound (== value for an exact number)
        "high": pl.Float64,  # upper bound (== value for an exact number)
        "approx": pl.Boolean,  # نحو / أكثر من / about / dozens ...
        "unit": pl.String,  # the counted noun or unit as written (normalised), "" if none
        "slot": pl.String,  # canonical quantity slot: killed, injured, km, percent ... or null
        "start": pl.Int64,  # offset of the span inside the claim text
        "end": pl.Int64,
    }
)

ARTICLES = {
    "article_id": pl.String,  # content hash of outlet + text
    "outlet": pl.String,
    "title": pl.String,
    "date": pl.String,  # ISO date (YYYY-MM-DD) or null
    "url": pl.String,
    "lang": pl.String,
    "path": pl.String,  # the file the article came from
    "line": pl.Int64,  # line number in a JSONL file, else null
    "text": pl.String,  # the article body; claim offsets point into it
}

CLAIMS = {
    "claim_id": pl.String,
    "article_id": pl.String,
    "outlet": pl.String,
    "lang": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,  # == article text[start:end], verbatim
    "norm": pl.String,  # normalised for matching only, never shown
    "speaker": pl.String,  # who the claim is attributed to, or null
    "numbers": pl.List(NUMBER),
    "sentence": pl.Int64,  # index of the sentence inside the article
    "date": pl.String,
}

PAIRS = {
    "claim_id_a": pl.String,
    "claim_id_b": pl.String,
    "outlet_a": pl.String,
    "outlet_b": pl.String,
    "text_a": pl.String,
    "text_b": pl.String,
    "speaker_a": pl.String,
    "speaker_b": pl.String,
    "similarity": pl.Float64,
    "relation": pl.String,  # agree | contradict | related
    "reasons": pl.List(pl.String),
    "confidence": pl.Float64,
    "group_id": pl.Int64,
}

# Claims as written to claims.parquet: the claim columns plus where alignment put them.
CLAIMS_OUT = {
    **CLAIMS,
    "group_id": pl.Int64,  # assertion group, null when no other outlet carries the claim
    "unique": pl.Boolean,
    "first_outlet": pl.String,  # another outlet that carried it in an earlier article, if any
    "first_date": pl.String,
    "first_claim_id": pl.String,
}

RELATIONS = ("agree", "contradict", "related")

DIFF = {
    "change": pl.String,  # new | gone | changed
    "kind": pl.String,  # pair | unique
    "relation_old": pl.String,
    "relation_new": pl.String,
    "claim_id_a": pl.String,
    "claim_id_b": pl.String,
    "outlet_a": pl.String,
    "outlet_b": pl.String,
    "text_a": pl.String,
    "text_b": pl.String,
    "reasons": pl.List(pl.String),
}


class SchemaError(ValueError):
    """A frame handed to a stage lacks a column or has the wrong type."""


def check(frame: pl.DataFrame, schema: dict, stage: str) -> pl.DataFrame:
    """Return ``frame`` if it has every column of ``schema`` with the right type, else raise."""
    have = frame.schema
    missing = [c for c in schema if c not in have]
    if missing:
        raise SchemaError(f"{stage}: missing column(s) {missing}")
    wrong = [f"{c}: {have[c]} != {t}" for c, t in schema.items() if have[c] != t]
    if wrong:
        raise SchemaError(f"{stage}: wrong type(s) {wrong}")
    return frame


def empty(schema: dict) -> pl.DataFrame:
    """An empty frame with the columns of ``schema``."""
    return pl.DataFrame(schema=schema)


def frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    """Build a frame from row dicts, in ``schema``'s column order and types."""
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else empty(schema)
