"""What changed between two runs: new and resolved contradictions, changed relations, new
single-outlet claims.

A pair is identified by its unordered pair of claim ids. Claim ids are content hashes, so an
article an outlet *corrected* gets new ids; such claims are traced back to the claim they
replace (same outlet, same article key, similar text or same sentence), so a correction shows
as a ``changed`` relation instead of a pair that vanished and a pair that appeared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz

from compare import schema
from compare.errors import CompareError
from compare.report.diff import diff_counts, render_markdown
from compare.runs.history import Run, latest_runs, load_run, read_meta_or_name
from compare.schema import BY_VERDICT, NO_LONGER_ALIGNED, NOT_IN_NEW_RUN
from compare.store.atomic import write_text, write_with

CORRECTION_RATIO = 80.0

_CHANGE_ORDER = {"new": 0, "changed": 1, "gone": 2}
_KIND_ORDER = {"pair": 0, "unique": 1}
_RELATION_ORDER = {"contradict": 0, "agree": 1, "related": 2}


# --- matching -------------------------------------------------------------------------------

def diff_runs(old: Path, new: Path, *, min_ratio: float = CORRECTION_RATIO) -> pl.DataFrame:
    """Every pair and single-outlet claim that is new, gone or changed from ``old`` to ``new``.

    ``min_ratio`` is the rapidfuzz ratio (0–100) on normalised text above which a claim of a
    corrected article counts as the corrected version of an old claim. Returns a frame in
    ``schema.DIFF``, sorted for reading: new, then changed, then gone; pairs before single-outlet
    claims; contradictions first. An identical re-run gives an empty frame.
    """
    old_run, new_run = load_run(old), load_run(new)
    origin = _claim_origin(old_run, new_run, min_ratio)
    kept = _kept_claims(old_run, new_run)
    rows = (_pair_rows(old_run, new_run, origin, kept)
            + _unique_rows(old_run, new_run, origin, kept))
    return schema.frame(sorted(rows, key=_reading_order), schema.DIFF)


def claim_origin(old: Run, new: Run, min_ratio: float = CORRECTION_RATIO) -> dict[str, str]:
    """Map each claim id of ``new`` that ``old`` also holds, as it was or in the version its
    outlet later corrected, to its id in ``old``."""
    return _claim_origin(old, new, min_ratio)


def _claim_origin(old: Run, new: Run, min_ratio: float) -> dict[str, str]:
    """Map each claim id of ``new`` that also exists in ``old`` (maybe corrected) to its old id."""
    old_ids = set(old.claims["claim_id"])
    origin = {cid: cid for cid in new.claims["claim_id"] if cid in old_ids}
    candidates = []
    old_left = _by_article_key(_claim_records(old, exclude=set(origin)))
    for claim in _claim_records(new, exclude=set(origin)):
        for before in old_left.get(claim["key"], ()):
            score = _correction_score(claim, before, min_ratio)
            if score is not None:
                candidates.append((score, claim["claim_id"], before["claim_id"]))
    taken: set[str] = set()
    for _, new_id, old_id in sorted(candidates, reverse=True):
        if new_id not in origin and old_id not in taken:
            origin[new_id] = old_id
            taken.add(old_id)
    return origin


def _claim_records(run: Run, exclude: set[str]) -> list[dict]:
    """Claims not in ``exclude``, each with the key of the article it comes from."""
    keys = {row["article_id"]: _article_key(row) for row in run.articles.iter_rows(named=True)}
    records = []
    for row in run.claims.select("claim_id", "article_id", "outlet", "norm", "sentence") \
            .iter_rows(named=True):
        key = keys.get(row["article_id"])
        if row["claim_id"] not in exclude and key is not None:
            records.append({**row, "key": (row["outlet"], key)})
    return records


def _article_key(article: dict) -> tuple | None:
    """What stays put when an outlet corrects an article: its url, else its title."""
    if article["url"]:
        return ("url", article["url"])
    if article["title"]:
        return ("title", article["title"])
    return None


def _kept_claims(old: Run, new: Run) -> set[str]:
    """Claims of ``old`` whose article, as it was or corrected, is also in ``new``."""
    columns = ["article_id", "outlet", "url", "title"]
    new_ids = set(new.articles["article_id"])
    new_keys = {(a["outlet"], _article_key(a)) for a in new.articles.select(columns).iter_rows(
        named=True)}
    kept = {a["article_id"] for a in old.articles.select(columns).iter_rows(named=True)
            if a["article_id"] in new_ids
            or (_article_key(a) is not None and (a["outlet"], _article_key(a)) in new_keys)}
    return set(old.claims.filter(pl.col("article_id").is_in(list(kept)))["claim_id"])


def _by_article_key(records: list[dict]) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = {}
    for record in records:
        grouped.setdefault(record["key"], []).append(record)
    return grouped


def _correction_score(claim: dict, before: dict, min_ratio: float) -> tuple | None:
    """How sure we are that ``claim`` is the corrected ``before``; None when it is not."""
    ratio = fuzz.ratio(claim["norm"] or "", before["norm"] or "")
    same_sentence = claim["sentence"] is not None and claim["sentence"] == before["sentence"]
    if ratio < min_ratio and not same_sentence:
        return None
    return (ratio >= min_ratio, ratio, same_sentence)


def _canonical(pair: dict) -> dict:
    """The pair with its sides ordered by (outlet, claim id), so both runs put them alike."""
    if (pair["outlet_a"], pair["claim_id_a"]) <= (pair["outlet_b"], pair["claim_id_b"]):
        return pair
    swapped = {}
    for column, value in pair.items():
        if column.endswith("_a"):
            swapped[column[:-2] + "_b"] = value
        elif column.endswith("_b"):
            swapped[column[:-2] + "_a"] = value
        else:
            swapped[column] = value
    return swapped


def _pairs_by_key(run: Run, translate: Callable[[str], str]) -> dict[frozenset, dict]:
    pairs: dict[frozenset, dict] = {}
    for row in run.pairs.iter_rows(named=True):
        key = frozenset((translate(row["claim_id_a"]), translate(row["claim_id_b"])))
        pairs.setdefault(key, _canonical(row))
    return pairs


def _pair_rows(old: Run, new: Run, origin: dict[str, str], kept: set[str]) -> list[dict]:
    old_pairs = _pairs_by_key(old, lambda cid: cid)
    new_pairs = _pairs_by_key(new, lambda cid: origin.get(cid, cid))
    corrected = {cid for cid, was in origin.items() if cid != was}
    rows = []
    for key, pair in new_pairs.items():
        before = old_pairs.get(key)
        if before is None:
            rows.append(_pair_row("new", pair, None, pair["relation"], pair["reasons"]))
        elif before["relation"] != pair["relation"]:
            reasons = (_verdict_notes(pair, before) + _correction_notes(pair, corrected)
                       + list(pair["reasons"] or [])
                       + [f"before: {reason}" for reason in before["reasons"] or []])
            rows.append(_pair_row("changed", pair, before["relation"], pair["relation"], reasons))
    unchanged = set(new.claims["claim_id"])
    for key, pair in old_pairs.items():
        if key not in new_pairs:
            reasons = _gone_notes(pair, kept, unchanged) + list(pair["reasons"] or [])
            rows.append(_pair_row("gone", pair, pair["relation"], None, reasons))
    return rows


def _gone_notes(pair: dict, kept: set[str], unchanged: set[str]) -> list[str]:
    """Why an old pair is missing when nothing about its claims says so."""
    ids = {side: pair["claim_id" + side] for side in ("_a", "_b")}
    left = [f"{pair['outlet' + side]} {NOT_IN_NEW_RUN}" for side, cid in ids.items()
            if cid not in kept]
    if left:
        return left
    return [NO_LONGER_ALIGNED] if all(cid in unchanged for cid in ids.values()) else []


def _verdict_notes(pair: dict, before: dict) -> list[str]:
    """Marks a relation that changed because a person judged the pair since the old run."""
    given = (pair.get("verdict"), pair.get("verdict_at"))
    if given[0] is None or given == (before.get("verdict"), before.get("verdict_at")):
        return []
    return [f"{BY_VERDICT} (the model says {pair['model_relation']})"]


def _correction_notes(pair: dict, corrected: set[str]) -> list[str]:
    return [f"{pair['outlet' + side]} corrected its article"
            for side in ("_a", "_b") if pair["claim_id" + side] in corrected]


def _pair_row(change: str, pair: dict, relation_old: str | None, relation_new: str | None,
              reasons: Iterable[str] | None) -> dict:
    return {
        "change": change, "kind": "pair",
        "relation_old": relation_old, "relation_new": relation_new,
        "claim_id_a": pair["claim_id_a"], "claim_id_b": pair["claim_id_b"],
        "outlet_a": pair["outlet_a"], "outlet_b": pair["outlet_b"],
        "text_a": pair["text_a"], "text_b": pair["text_b"],
        "reasons": list(reasons or []),
    }


def _unique_rows(old: Run, new: Run, origin: dict[str, str], kept: set[str]) -> list[dict]:
    old_unique, old_known = _unique_ids(old), set(old.claims["claim_id"])
    new_unique = _unique_ids(new)
    successor = {was: cid for cid, was in origin.items()}
    rows = []
    for claim in _unique_claims(new):
        was = origin.get(claim["claim_id"])
        if was not in old_unique:
            why = ("aligned with another outlet in the previous run" if was in old_known
                   else "not in the previous run")
            rows.append(_unique_row("new", claim, why))
    for claim in _unique_claims(old):
        now = successor.get(claim["claim_id"])
        if now not in new_unique:
            rows.append(_unique_row("gone", claim, _gone_reason(claim, now, kept)))
    return rows


def _gone_reason(claim: dict, successor: str | None, kept: set[str]) -> str:
    if successor is not None:
        return "now aligned with another outlet"
    if claim["claim_id"] in kept:
        return "no longer in its article"
    return f"{claim['outlet']} {NOT_IN_NEW_RUN}"


def _unique_ids(run: Run) -> set[str]:
    return set(run.claims.filter(pl.col("unique").fill_null(False))["claim_id"])


def _unique_claims(run: Run) -> Iterable[dict]:
    return run.claims.filter(pl.col("unique").fill_null(False)) \
        .select("claim_id", "outlet", "text").iter_rows(named=True)


def _unique_row(change: str, claim: dict, why: str) -> dict:
    return {
        "change": change, "kind": "unique", "relation_old": None, "relation_new": None,
        "claim_id_a": claim["claim_id"], "claim_id_b": None,
        "outlet_a": claim["outlet"], "outlet_b": None,
        "text_a": claim["text"], "text_b": None, "reasons": [why],
    }


def _reading_order(row: dict) -> tuple:
    relation = row["relation_new"] or row["relation_old"]
    return (
        _CHANGE_ORDER[row["change"]], _KIND_ORDER[row["kind"]],
        _RELATION_ORDER.get(relation, len(_RELATION_ORDER)),
        row["outlet_a"] or "", row["outlet_b"] or "",
        row["text_a"] or "", row["text_b"] or "",
        row["claim_id_a"] or "", row["claim_id_b"] or "",
    )


# --- writing --------------------------------------------------------------------------------

def write_diff(frame: pl.DataFrame, old: Path, new: Path, out: Path, *,
               max_items: int = 100) -> dict:
    """Write ``diff.parquet`` and ``diff.md`` into ``out`` atomically; return the counts.

    ``max_items`` caps each section of ``diff.md`` (each outlet, for single-outlet claims);
    ``diff.parquet`` always holds every row.
    """
    frame = schema.check(frame, schema.DIFF, "diff").select(list(schema.DIFF))
    counts = diff_counts(frame)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    markdown = render_markdown(frame, read_meta_or_name(old), read_meta_or_name(new), counts,
                               max_items=max_items)
    write_with(out / "diff.parquet", frame.write_parquet)
    write_text(out / "diff.md", markdown)
    return counts




@dataclass
class DiffResult:
    """A diff between two runs: its rows, the section counts, and where it was written."""

    old: Path
    new: Path
    frame: pl.DataFrame
    counts: dict
    out: Path


def diff(old: Path | str | None = None, new: Path | str | None = None, *,
         out: Path | str | None = None, reports_dir: Path | str = "reports") -> DiffResult:
    """Compare two run folders (default: the two latest under ``reports_dir``) and write
    ``diff.md`` and ``diff.parquet`` into ``out`` (default: the newer run's folder)."""
    if (old is None) != (new is None):
        raise CompareError("give both OLD and NEW run folders, or neither",
                           hint="with neither, the two latest runs under --reports-dir are used")
    if old is None:
        old, new = latest_runs(Path(reports_dir))
    old, new = Path(old), Path(new)
    frame = diff_runs(old, new)
    target = Path(out) if out is not None else new
    counts = write_diff(frame, old, new, target)
    return DiffResult(old, new, frame, counts, target)
