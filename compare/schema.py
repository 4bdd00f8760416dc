"""The polars frames passed between pipeline stages, with their columns written down once.

Each stage checks its input with :func:`check` before it starts, so a frame from the wrong place
fails loudly at the boundary instead of deep inside a stage.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field

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
    # Stable id of the pair: the same two claims have the same id in every run (see pair_ids).
    "pair_id": pl.String,
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
    "kinds": pl.List(pl.String),  # the kinds of the detectors' findings behind the relation
    # The two claims are one text republished (a wire dispatch two outlets printed, or one
    # outlet's text another reprinted): their relation is not independent agreement. Null
    # until the copies stage; false in runs written before it.
    "same_text": pl.Boolean,
    # A person's verdict (``claim-compare verdict``) overrides ``relation``; ``model_relation``
    # keeps what the relation step said. The verdict columns are null when no one has judged
    # the pair; runs written before verdicts: ``model_relation`` is ``relation``.
    "model_relation": pl.String,
    "verdict": pl.String,  # confirm | reject | relabel
    "verdict_by": pl.String,
    "verdict_at": pl.String,  # ISO timestamp, UTC
    "verdict_note": pl.String,
}

VERDICT_COLUMNS = ("model_relation", "verdict", "verdict_by", "verdict_at", "verdict_note")
VERDICT_ACTIONS = ("confirm", "reject", "relabel")

# A person's verdicts on pairs, kept in ``--index-dir`` (verdicts.parquet), one row per verdict
# given: the latest row of a pair is its verdict, earlier rows are its history. Each row carries
# the pair as it was judged, so verdicts can be exported for training without the run.
VERDICTS = {
    "pair_id": pl.String,
    "verdict": pl.String,  # confirm | reject | relabel
    "label": pl.String,  # the relation a relabel gives; null otherwise
    "by": pl.String,
    "at": pl.String,  # ISO timestamp, UTC
    "note": pl.String,
    "run": pl.String,  # the run folder the pair was judged in
    "model_relation": pl.String,  # what the relation step said when the person judged it
    "claim_id_a": pl.String,
    "claim_id_b": pl.String,
    "outlet_a": pl.String,
    "outlet_b": pl.String,
    "lang_a": pl.String,
    "lang_b": pl.String,
    "text_a": pl.String,
    "text_b": pl.String,
}

# Claims as written to claims.parquet: the claim columns plus where alignment put them.
CLAIMS_OUT = {
    **CLAIMS,
    "group_id": pl.Int64,  # assertion group, null when no other outlet carries the claim
    # Only one independent source carries the assertion: no other outlet does (group_id null),
    # or every outlet in its group carries the same source's text (a wire copy: the outlets
    # are the group's claims). Runs written before the copies stage: no other outlet.
    "unique": pl.Boolean,
    "first_outlet": pl.String,  # another outlet that carried it in an earlier article, if any
    "first_date": pl.String,
    "first_claim_id": pl.String,
    # The independent source the claim's text comes from: the agency its article credits
    # ("AFP", "Reuters"…) or, uncredited, the outlet that printed the text first; the same for
    # every copy of one text. An outlet's own text has its outlet. Runs written before the
    # copies stage: the outlet.
    "source": pl.String,
    "story_id": pl.Int64,  # the story (event) of the claim's article, see STORIES
}

# One row per story: the run's articles grouped into events across outlets and languages.
STORIES = {
    "story_id": pl.Int64,  # 0 = the story with most articles
    "title": pl.String,  # its most central claim, verbatim; null for a story without claims
    "title_claim_id": pl.String,
    "outlets": pl.List(pl.String),  # sorted
    "n_outlets": pl.Int64,
    "n_sources": pl.Int64,  # independent sources: wire copies of one text count once
    "n_articles": pl.Int64,
    "n_claims": pl.Int64,
    "first_date": pl.String,  # ISO date of its earliest dated article, or null
    "last_date": pl.String,
    "langs": pl.List(pl.String),  # sorted
}

# What a person should check first, ranked (compare.report.content.what_to_check): aligned
# pairs that contradict, agreements whose attribution differs, and claims only one independent
# source carries that hold numbers, an accusation or a quote. The _b columns, pair_id and
# relation are null for a single-source claim.
CHECKS = {
    "rank": pl.Int64,  # 1 = check first
    "kind": pl.String,  # contradiction | attribution | single_source
    # contradiction: the finding kind behind it, or "classifier" when untyped; attribution:
    # "attribution"; single_source: accusation | numbers | quote
    "type": pl.String,
    "story_id": pl.Int64,
    "pair_id": pl.String,
    "claim_id_a": pl.String,
    "claim_id_b": pl.String,
    "outlet_a": pl.String,
    "outlet_b": pl.String,
    "speaker_a": pl.String,
    "speaker_b": pl.String,
    "text_a": pl.String,
    "text_b": pl.String,
    "lang_a": pl.String,
    "lang_b": pl.String,
    "relation": pl.String,
    "confidence": pl.Float64,
    "reasons": pl.List(pl.String),
    "verdict": pl.String,  # a person's verdict on the pair, as one line; null when none
}

RELATIONS = ("agree", "contradict", "related")


def pair_ids(claim_id_a: pl.Series | list, claim_id_b: pl.Series | list) -> pl.Series:
    """The stable id of each pair of claims: 12 hex digits of the SHA-1 of the two claim ids,
    sorted, so that ``(a, b)`` and ``(b, a)`` share one id across runs."""
    ids = [hashlib.sha1("|".join(sorted((a, b))).encode()).hexdigest()[:12]
           if a is not None and b is not None else None
           for a, b in zip(list(claim_id_a), list(claim_id_b), strict=True)]
    return pl.Series("pair_id", ids, dtype=pl.String)


def with_pair_ids(pairs: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` with ``pair_id`` filled in wherever it is missing or null."""
    computed = pair_ids(pairs["claim_id_a"], pairs["claim_id_b"])
    if "pair_id" not in pairs.columns:
        return pairs.insert_column(0, computed)
    return pairs.with_columns(pair_id=pl.coalesce(pl.col("pair_id"), computed))

# Reasons that mark gone rows of a diff. A pair whose article the new run does not hold
# (another week, another input) was not resolved, it only left the run's scope; a pair whose two
# claims are both still there word for word was only re-paired: alignment keeps a few neighbours
# per claim, and claims new to the run can take the place of an old partner.
NOT_IN_NEW_RUN = "article not in the new run"
NO_LONGER_ALIGNED = "both claims unchanged in the new run, no longer aligned"
# Marks a diff row whose relation changed because a person gave the pair a verdict.
BY_VERDICT = "changed by a person's verdict"

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


# Which frames each stage reads and which it returns: the pipeline's wiring, written once.
STAGES = {
    "ingest": {"requires": (), "provides": ("ARTICLES",)},
    "claims": {"requires": ("ARTICLES",), "provides": ("CLAIMS",)},
    "embed": {"requires": ("CLAIMS",), "provides": ()},
    "align": {"requires": ("CLAIMS",), "provides": ("CLAIMS_OUT", "PAIRS")},
    "relate": {"requires": ("CLAIMS", "PAIRS"), "provides": ("PAIRS",)},
    "verdicts": {"requires": ("PAIRS", "VERDICTS"), "provides": ("PAIRS",)},
    "copies": {"requires": ("ARTICLES", "CLAIMS", "PAIRS"), "provides": ("CLAIMS_OUT", "PAIRS")},
    "stories": {"requires": ("ARTICLES", "CLAIMS_OUT", "PAIRS"),
                "provides": ("CLAIMS_OUT", "STORIES")},
    "report": {"requires": ("CLAIMS_OUT", "PAIRS"), "provides": ()},
    "diff": {"requires": ("CLAIMS_OUT", "PAIRS", "ARTICLES"), "provides": ("DIFF",)},
}


@dataclass
class Counts:
    """What a run found, as counted in ``run.json``."""

    articles: int
    outlets: int
    claims: int
    pairs: int
    agree: int
    contradict: int
    related: int
    unique: int  # claims only one independent source carries (wire copies collapsed)
    new_articles: int  # articles the index did not hold before
    embedded_texts: int  # claim texts embedded (not found in the embedding cache)
    related_pairs: int  # pairs related (not found in the relation cache)
    undated_skipped: int  # undated articles a week or date span left out
    reextracted_articles: int  # stored articles re-read under a new extractor


@dataclass
class RunInfo:
    """The facts of one run, written as its ``run.json``."""

    version: str
    name: str
    created: str  # ISO timestamp, UTC
    model: str
    precision: str
    prompt: str
    settings: dict
    inputs: list[dict]  # {"path", "sha256"} of every input file that gave an article
    index_dir: str
    week: str | None
    since: str | None
    until: str | None
    counts: Counts
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    skipped: list[dict] = field(default_factory=list)  # {"path", "why"} of inputs not read
    failed: list[dict] = field(default_factory=list)  # {"url", "why"} of URLs that failed
    # How alignment searched neighbours: {"kind": "flat" | "hnsw", "size": vectors searched,
    # "recall_at_10": 1.0 for exact search, measured against it for HNSW}.
    index: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


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
