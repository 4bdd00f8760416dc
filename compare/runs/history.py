"""Runs on disk: which files a run folder holds, reading one back, and finding earlier runs.

A run folder is written whole (``claim-compare run``): ``run.json`` names what was run, the
three tables hold its frames, ``report.md`` is what a person reads (``report.html`` the same as
one web page). A folder is a complete run when every file of :data:`RUN_FILES` is there; hidden
folders are runs being written or set aside.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from compare import schema
from compare.errors import RunError

RUN_FILES = ("claims.parquet", "pairs.parquet", "articles.parquet", "report.md", "run.json")
# Written by every run since stories were added; runs written before lack it.
STORIES_FILE = "stories.parquet"
# The report as one self-contained web page; runs written before it lack it.
HTML_FILE = "report.html"
OWN_FILES = (*RUN_FILES, STORIES_FILE, HTML_FILE)
# What reading a run back needs: its facts and its tables.
RUN_TABLES = tuple(f for f in RUN_FILES if f.endswith((".json", ".parquet")))
RUN_HINT = "a run directory is written by `claim-compare run INPUT… --out DIR`"


@dataclass(frozen=True)
class Run:
    """One run directory read back: its ``run.json`` and its three tables."""

    path: Path
    meta: dict
    claims: pl.DataFrame
    pairs: pl.DataFrame
    articles: pl.DataFrame
    stories: pl.DataFrame | None = None  # None for runs written before stories


# Facts every run.json claim-compare writes has; a run.json without them is another tool's.
RUN_KEYS = ("version", "name", "created", "model", "settings", "counts")


def is_run_folder(path: Path) -> bool:
    """Whether ``path`` holds a ``run.json`` written by claim-compare."""
    try:
        meta = json.loads((Path(path) / "run.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(meta, dict) and all(k in meta for k in RUN_KEYS)


def load_run(path: Path) -> Run:
    """Read a run directory, checking that every file is there and has the right columns."""
    path = Path(path)
    if not path.is_dir():
        raise RunError("run directory not found", path=path, hint=RUN_HINT)
    if not any((path / name).exists() for name in RUN_TABLES):
        raise RunError("not a claim-compare run folder: it holds no run.json or run tables",
                       path=path, hint=RUN_HINT)
    for name in RUN_TABLES:
        if not (path / name).is_file():
            raise RunError(f"incomplete run: {name} is missing from {path}", path=path / name,
                           hint="the run did not finish; run it again or pick another directory")
    return Run(
        path=path,
        meta=read_meta(path / "run.json"),
        claims=_read_table(path / "claims.parquet", schema.CLAIMS_OUT, _with_source),
        pairs=_read_table(path / "pairs.parquet", schema.PAIRS, _upgrade_pairs),
        articles=_read_table(path / "articles.parquet", schema.ARTICLES),
        stories=_read_table(path / STORIES_FILE, schema.STORIES)
        if (path / STORIES_FILE).is_file() else None,
    )


def read_meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunError(f"cannot read run.json: {exc}", path=path, hint=RUN_HINT) from None
    if not isinstance(meta, dict):
        raise RunError("run.json is not a JSON object", path=path, hint=RUN_HINT)
    return meta


def _read_table(path: Path, columns: dict, upgrade=None) -> pl.DataFrame:
    try:
        table = pl.read_parquet(path)
        table = upgrade(table) if upgrade else table
        return schema.check(table, columns, path.name).select(list(columns))
    except (OSError, pl.exceptions.PolarsError, schema.SchemaError) as exc:
        raise RunError(f"cannot read {path.name}: {exc}", path=path,
                       hint="the file is damaged or from another version; re-run") from None


def latest_runs(reports_dir: Path) -> tuple[Path, Path]:
    """The two most recent complete runs under ``reports_dir``, as ``(older, newer)``.

    A run is complete when its ``run.json`` exists (it is written last); runs are ordered by
    the ``created`` timestamp inside it. Hidden folders (a run being staged or replaced) are
    skipped.
    """
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        raise RunError("reports directory not found", path=reports_dir, hint=RUN_HINT)
    runs = sorted(
        (_created(d / "run.json"), d.name, d)
        for d in reports_dir.iterdir()
        if not d.name.startswith(".") and (d / "run.json").is_file()
    )
    if len(runs) < 2:
        raise RunError(
            f"need two complete runs to compare, found {len(runs)}", path=reports_dir,
            hint="a run is complete once run.json is written; run `claim-compare run` "
                 f"with --out {reports_dir}/<name> until there are two")
    return runs[-2][2], runs[-1][2]


def _created(path: Path) -> datetime:
    created = read_meta(path).get("created")
    try:
        stamp = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    except ValueError:
        raise RunError(f"run.json has no valid 'created' timestamp: {created!r}", path=path,
                       hint="expected an ISO timestamp such as 2026-11-23T06:00:00+00:00") from None
    # Naive and aware stamps cannot be compared; a naive one is taken as local time.
    return stamp if stamp.tzinfo else stamp.astimezone()


def _upgrade_pairs(pairs: pl.DataFrame) -> pl.DataFrame:
    return schema.with_pair_ids(_with_verdicts(_with_same_text(_with_kinds(pairs))))


def _with_kinds(pairs: pl.DataFrame) -> pl.DataFrame:
    """Pairs written before relations recorded their finding kinds get an empty ``kinds``."""
    if "kinds" in pairs.columns:
        return pairs
    return pairs.with_columns(kinds=pl.lit(None, pl.List(pl.String)))


def _with_same_text(pairs: pl.DataFrame) -> pl.DataFrame:
    """Runs written before copies were detected counted every pair as two texts."""
    if "same_text" in pairs.columns:
        return pairs
    return pairs.with_columns(same_text=pl.lit(False, pl.Boolean))


def _with_verdicts(pairs: pl.DataFrame) -> pl.DataFrame:
    """Runs written before verdicts showed the model's relation, and no one's verdict."""
    if "model_relation" in pairs.columns or "relation" not in pairs.columns:
        return pairs
    return pairs.with_columns(
        model_relation=pl.col("relation"),
        **{c: pl.lit(None, pl.String) for c in schema.VERDICT_COLUMNS if c != "model_relation"})


def _with_source(claims: pl.DataFrame) -> pl.DataFrame:
    """Runs written before copies were detected counted every outlet as its own source; runs
    written before stories have none."""
    if "story_id" not in claims.columns:
        claims = claims.with_columns(story_id=pl.lit(None, pl.Int64))
    if "source" in claims.columns or "outlet" not in claims.columns:
        return claims  # a frame without outlets is left for the schema check to name
    return claims.with_columns(source=pl.col("outlet").cast(pl.String))


def previous_run(reports_dir: Path | str, before_week: str) -> Path | None:
    """The latest complete weekly run under ``reports_dir`` for a week before ``before_week``.

    Weekly diffs compare week with week, so ad-hoc runs kept in the same folder are skipped.
    """
    found = []
    for run_json in Path(reports_dir).glob("*/run.json"):
        folder = run_json.parent
        hidden = folder.name.startswith(".")  # a run being written, or one set aside
        if hidden or not all((folder / f).exists() for f in RUN_FILES):
            continue
        try:
            info = json.loads(run_json.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        week = info.get("week")
        if week and week < before_week:
            found.append((week, info.get("created", ""), folder))
    return max(found)[2] if found else None


def read_meta_or_name(path: Path) -> dict:
    """The run's ``run.json`` facts, labelled by its folder (two runs may share a name)."""
    path = Path(path)
    meta = read_meta(path / "run.json") if (path / "run.json").is_file() else {}
    name = meta.get("name")
    label = path.name if not name or name == path.name else f"{path.name} ({name})"
    return {**{k: v for k, v in meta.items() if v is not None}, "label": label}
