"""One pair, claim or story of a run, explained: ``claim-compare show ID``.

An id is a pair id (12 hex digits), a claim id (16), either one's first 6 or more digits, or a
story as ``s3`` (``story 3``): the numbers of report.md's story table. :func:`show` returns the
item's rows and, for a pair or a claim, its relation in every earlier run under
``--reports-dir`` that holds it (a story's number is the run's own, so it has none);
:meth:`Shown.lines` writes it as plain lines for a terminal (:mod:`compare.report.terminal`),
quotes verbatim, right-to-left text as it is; the CLI prints them with control characters
escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from compare import schema
from compare.errors import RunError
from compare.report.terminal import render
from compare.runs.diff import claim_origin
from compare.runs.history import RUN_HINT, Run, load_run, read_meta

STORY = re.compile(r"^s(?:tory)?[\s:_-]*(\d+)$", re.IGNORECASE)
HEX = re.compile(r"^[0-9a-f]{6,16}$")
ID_HINT = ("give a pair id (12 hex digits), a claim id (16) or their first 6 digits, or a story "
           "as s3; ids are in report.md, pairs.parquet and claims.parquet")
# An item in an earlier run: the folder, its week, its id there, its relation there, and a note
# when an outlet corrected its article since (the item then had other ids).
EARLIER = {"run": pl.String, "week": pl.String, "created": pl.String, "id": pl.String,
           "relation": pl.String, "note": pl.String}


class UnknownId(RunError):
    """An id that the run does not hold."""


@dataclass
class Shown:
    """One item of a run: ``kind`` pair, claim or story; its pairs, claims and story rows; and
    its relation in earlier runs (``EARLIER``)."""

    kind: str
    id: str
    run: Path
    pairs: pl.DataFrame  # PAIRS: the pair; the claim's pairs; the story's pairs
    claims: pl.DataFrame  # CLAIMS_OUT: the pair's two claims (a, b); the claim; the story's
    story: dict | None  # STORIES row of the story (or the claim's story)
    earlier: pl.DataFrame

    def lines(self) -> list[str]:
        """The item as plain lines for a terminal (control characters not yet escaped)."""
        return render(self)


# --- run folders ----------------------------------------------------------------------------

def run_folders(reports_dir: Path | str) -> list[Path]:
    """The complete runs under ``reports_dir`` (those with a run.json), oldest first by the
    ``created`` stamp inside; hidden folders (runs being written) are skipped."""
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        return []
    found = [(_created(d), d.name, d) for d in reports_dir.iterdir()
             if not d.name.startswith(".") and (d / "run.json").is_file()]
    return [d for *_, d in sorted(found)]


def _created(folder: Path) -> datetime:
    try:
        stamp = datetime.fromisoformat(str(read_meta(folder / "run.json").get("created")))
    except (RunError, ValueError):
        return datetime.min.replace(tzinfo=timezone.utc)  # unreadable: sorted first
    return stamp if stamp.tzinfo else stamp.astimezone()


def resolve_run(run: Path | str | None, reports_dir: Path | str) -> Path:
    """``run`` if given, else the latest run under ``reports_dir``."""
    if run is not None:
        return Path(run)
    folders = run_folders(reports_dir)
    if not folders:
        raise RunError("no run found", path=reports_dir,
                       hint=f"give --run FOLDER or --reports-dir; {RUN_HINT}")
    return folders[-1]


# --- ids ------------------------------------------------------------------------------------

def find_pair(run: Run, pair_id: str) -> dict:
    """The pair of ``run`` with this id (or unique id prefix), as a row."""
    key = pair_id.strip().lower()
    found = run.pairs.filter(pl.col("pair_id").str.starts_with(key)) if HEX.match(key) else None
    if found is None or found.is_empty():
        raise UnknownId(f"no pair {pair_id} in {run.path}",
                        hint="pair ids are in report.md and pairs.parquet")
    if found.height > 1:
        raise UnknownId(f"{pair_id} starts {found.height} pair ids in {run.path}",
                        hint="give more digits of the id")
    return found.row(0, named=True)


def show(item: str, *, run: Path | str | None = None,
         reports_dir: Path | str = "reports") -> Shown:
    """Explain a pair, claim or story (``item``: an id, an id's first digits, or ``s3``) of
    ``run`` (default: the latest run under ``reports_dir``), with its relation in every earlier
    run there."""
    folder = resolve_run(run, reports_dir)
    loaded = load_run(folder)
    earlier = [f for f in run_folders(reports_dir) if _created(f) < _created(folder)]
    story = STORY.match(item.strip())
    if story:
        return _story(loaded, int(story.group(1)))
    key = item.strip().lower()
    pairs = loaded.pairs.filter(pl.col("pair_id").str.starts_with(key))
    claims = loaded.claims.filter(pl.col("claim_id").str.starts_with(key))
    if not HEX.match(key) or pairs.height + claims.height == 0:
        raise UnknownId(f"no pair, claim or story {item!r} in {folder}", hint=ID_HINT)
    if pairs.height + claims.height > 1:
        raise UnknownId(f"{item} starts {pairs.height + claims.height} ids in {folder}",
                        hint="give more digits of the id")
    if pairs.height:
        return _pair(loaded, pairs, earlier)
    return _claim(loaded, claims, earlier)


def _pair(run: Run, pair: pl.DataFrame, earlier: list[Path]) -> Shown:
    row = pair.row(0, named=True)
    ids = (row["claim_id_a"], row["claim_id_b"])
    sides = [run.claims.filter(pl.col("claim_id") == cid) for cid in ids]
    return Shown("pair", row["pair_id"], run.path, pair, pl.concat(sides), None,
                 _history(run, earlier, ids, _pair_in))


def _claim(run: Run, claim: pl.DataFrame, earlier: list[Path]) -> Shown:
    cid = claim["claim_id"][0]
    return Shown("claim", cid, run.path, _pairs_of(run.pairs, cid), claim,
                 _story_row(run, claim["story_id"][0]), _history(run, earlier, (cid,), _claim_in))


def _story(run: Run, number: int) -> Shown:
    row = _story_row(run, number)
    if row is None:
        count = 0 if run.stories is None else run.stories.height
        raise UnknownId(f"no story s{number} in {run.path}",
                        hint=f"the run's stories are s0 to s{count - 1}, listed at the top of "
                             "report.md" if count else "the run has no stories")
    claims = run.claims.filter(pl.col("story_id") == number)
    ids = claims["claim_id"].to_list()
    pairs = run.pairs.filter(pl.col("claim_id_a").is_in(ids) | pl.col("claim_id_b").is_in(ids))
    return Shown("story", f"s{number}", run.path, pairs, claims, row, schema.empty(EARLIER))


def _story_row(run: Run, number: int | None) -> dict | None:
    if run.stories is None or number is None:
        return None
    rows = run.stories.filter(pl.col("story_id") == number)
    return rows.row(0, named=True) if rows.height else None


def _pairs_of(pairs: pl.DataFrame, claim_id: str) -> pl.DataFrame:
    return pairs.filter((pl.col("claim_id_a") == claim_id) | (pl.col("claim_id_b") == claim_id))


# --- earlier runs ---------------------------------------------------------------------------

def _history(run: Run, folders: list[Path], claim_ids: tuple[str, ...], relation) -> pl.DataFrame:
    """What each earlier run said of the claims ``claim_ids`` (one claim, or a pair's two):
    found by id, or as the version before an outlet corrected its article (as the diff traces
    them); ``relation(old_run, old_ids)`` returns the run's id for the item and its relation, or
    None when the run does not hold it."""
    rows = []
    for folder in folders:
        try:
            old = load_run(folder)
        except RunError:
            continue  # an unreadable old run holds nothing we can show
        origin = claim_origin(old, run)
        was = tuple(origin.get(cid) for cid in claim_ids)
        found = None if None in was else relation(old, was)
        if found is None:
            continue
        changed = ", ".join(_outlet(run, cid) for cid, before in zip(claim_ids, was, strict=True)
                            if cid != before)
        rows.append({"run": str(folder), "week": old.meta.get("week"),
                     "created": old.meta.get("created"), "id": found[0], "relation": found[1],
                     "note": f"changed its article since: {changed}" if changed else None})
    return schema.frame(rows, EARLIER)


def _pair_in(old: Run, was: tuple[str, ...]) -> tuple[str, str] | None:
    a, b = was
    rows = old.pairs.filter(((pl.col("claim_id_a") == a) & (pl.col("claim_id_b") == b))
                            | ((pl.col("claim_id_a") == b) & (pl.col("claim_id_b") == a)))
    return (rows["pair_id"][0], rows["relation"][0]) if rows.height else None


def _claim_in(old: Run, was: tuple[str, ...]) -> tuple[str, str]:
    """A claim's relation to each outlet it was paired with, or that one source carried it."""
    (cid,) = was
    mine = _pairs_of(old.pairs, cid)
    said = "; ".join(f"{r['relation']} with {_other(r, cid)}" for r in mine.iter_rows(named=True))
    return cid, said or "only one source"


def _other(pair: dict, claim_id: str) -> str:
    return pair["outlet_b"] if pair["claim_id_a"] == claim_id else pair["outlet_a"]


def _outlet(run: Run, claim_id: str) -> str:
    return run.claims.filter(pl.col("claim_id") == claim_id)["outlet"][0]
