"""The commands a person reviews with: ``show``, ``verdict`` and ``verdicts``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from compare.cli.common import IndexDir, LockTimeout, ReportsDir, RunFolder, friendly, plain


@friendly
def verdict_(pair_id: Annotated[str, typer.Argument(
                 metavar="PAIR_ID", help="The pair's id (pairs.parquet, report.md) or its first "
                                         "6+ digits.")],
             action: Annotated[str, typer.Argument(metavar="ACTION",
                                                   help="confirm, reject or relabel.")],
             label: Annotated[str | None, typer.Argument(
                 metavar="LABEL", help="For relabel: agree, contradict or related.",
                 show_default=False)] = None,
             *, note: Annotated[str | None, typer.Option(help="Why (shown in later runs).")] = None,
             by: Annotated[str | None, typer.Option(help="Who [default: your login].")] = None,
             run: RunFolder = None, index_dir: IndexDir = Path("indexes"),
             reports_dir: ReportsDir = Path("reports"), lock_timeout: LockTimeout = 600.0) -> None:
    """Record a person's verdict on a pair; later runs and diffs show it instead of the model's.

    confirm keeps the relation, relabel LABEL sets it, reject makes the pair related.

    Example: claim-compare verdict d8a454319aec reject --note "two accusations"
    """
    import compare
    from compare.runs.review import describe

    typer.echo(plain(describe(compare.verdict(
        pair_id, action, label, note=note, by=by, index_dir=index_dir, reports_dir=reports_dir,
        run=run, lock_timeout=lock_timeout))))


@friendly
def verdicts_(*, export: Annotated[Path | None, typer.Option(
                  help="Write them as training pairs (JSONL) for `train --verdicts FILE`.",
                  show_default=False)] = None,
              history: Annotated[bool, typer.Option(
                  "--history", help="Also the verdicts a later one replaced.")]
              = False, index_dir: IndexDir = Path("indexes")) -> None:
    """List a person's verdicts on pairs, or export them as training pairs.

    Example: claim-compare verdicts --export verdicts.jsonl
    """
    import compare
    from compare.runs.review import table_lines

    if export is not None:
        count = compare.export_verdicts(export, index_dir=index_dir)
        typer.echo(f"{count} training pairs written to {plain(export)}")
        return
    for line in table_lines(compare.verdicts(index_dir=index_dir, history=history), index_dir):
        typer.echo(plain(line))


@friendly
def show(item: Annotated[str, typer.Argument(
             metavar="ID", help="A pair id (12 hex digits), a claim id (16), the first 6+ digits "
                                "of either, or a story as s3 (report.md's story table).")],
         *, run: RunFolder = None, reports_dir: ReportsDir = Path("reports")) -> None:
    """Explain one pair, claim or story of a run: quotes, relation, reasons, earlier runs.

    Example: claim-compare show d8a454319aec
    """
    import compare

    for line in compare.show(item, run=run, reports_dir=reports_dir).lines():
        typer.echo(plain(line))
