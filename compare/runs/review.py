"""A person's review of a run's pairs: record a verdict on a pair, list the verdicts, export
them as training pairs. The verdicts live in ``--index-dir`` (:mod:`compare.verdicts`); the next
run over that index shows them instead of the model's relation."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

import polars as pl

from compare import verdicts as table
from compare.runs.history import load_run
from compare.runs.show import find_pair, resolve_run
from compare.store.generations import CURRENT


def verdict(pair_id: str, action: str, label: str | None = None, note: str | None = None,
            by: str | None = None, *, index_dir: Path | str = "indexes",
            reports_dir: Path | str = "reports", run: Path | str | None = None,
            lock_timeout: float = 600.0) -> dict:
    """Record a person's verdict on a pair of ``run`` (default: the latest run under
    ``reports_dir``): ``confirm``, ``reject`` or ``relabel`` with ``label`` (agree, contradict,
    related), with an optional ``note``, by ``by`` (default: the login name). A later verdict
    on the same pair replaces this one. Returns the verdict as recorded (``schema.VERDICTS``) and
    the ``relation`` later runs give the pair."""
    table.check_verdict(action, label)
    folder = resolve_run(run, reports_dir)
    loaded = load_run(folder)
    pair = find_pair(loaded, pair_id)
    _check_index(Path(index_dir), loaded.meta.get("index_dir"))
    langs = dict(loaded.claims.select("claim_id", "lang").iter_rows())
    row = {
        "pair_id": pair["pair_id"], "verdict": action, "label": label,
        "by": by or _login(), "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "note": note or None, "run": str(folder), "model_relation": pair["model_relation"],
        **{f"{col}_{s}": pair[f"{col}_{s}"] for col in ("claim_id", "outlet", "text")
           for s in "ab"},
        "lang_a": langs.get(pair["claim_id_a"]), "lang_b": langs.get(pair["claim_id_b"]),
    }
    table.record(index_dir, row, lock_timeout=lock_timeout)
    return {**row, "relation": table.person_relation(action, row["model_relation"], label)}


def verdicts(*, index_dir: Path | str = "indexes", history: bool = False) -> pl.DataFrame:
    """The verdicts kept in ``index_dir`` (``schema.VERDICTS``): the current one per pair, in
    the order given, or every verdict ever given with ``history``."""
    return table.read_verdicts(index_dir, history=history)


def export_verdicts(path: Path | str, *, index_dir: Path | str = "indexes") -> int:
    """Write the current verdicts as training pairs (JSONL in the corpus's record format:
    confirm → the model's relation, relabel → the label, reject → related) to ``path``;
    returns how many. ``claim-compare train --verdicts FILE`` adds them to the mixture."""
    return table.export(table.read_verdicts(index_dir), path)


def describe(row: dict) -> str:
    """A recorded verdict in one line, as the CLI prints it."""
    given = row["verdict"] + (f" {row['label']}" if row["label"] else "")
    return (f"{row['pair_id']} ({row['outlet_a']} ↔ {row['outlet_b']}): {given} by {row['by']}; "
            f"the model said {row['model_relation']}, later runs say {row['relation']}")


def table_lines(table: pl.DataFrame, index_dir: Path | str) -> list[str]:
    """The verdicts as a short table: pair, verdict, the model's relation, who, when,
    outlets."""
    if table.is_empty():
        return [f"No verdicts in {index_dir}."]
    lines = [f"{'pair':12}  {'verdict':17}  {'model said':10}  {'by':12}  {'at (UTC)':16}  "
             "outlets"]
    for v in table.iter_rows(named=True):
        given = v["verdict"] + (f" {v['label']}" if v["label"] else "")
        lines.append(f"{v['pair_id']:12}  {given:17}  {v['model_relation'] or '-':10}  "
                     f"{v['by']:12}  {v['at'][:16].replace('T', ' '):16}  "
                     f"{v['outlet_a']} ↔ {v['outlet_b']}")
    return lines


def _check_index(index_dir: Path, used: str | None) -> None:
    """A verdict is read by runs over the same index: refuse a folder that holds none."""
    if (index_dir / CURRENT).is_file():
        return
    hint = f"the run used --index-dir {used}" if used else "give the run's --index-dir"
    raise table.VerdictError("no index here to keep the verdict in", path=index_dir, hint=hint)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"
