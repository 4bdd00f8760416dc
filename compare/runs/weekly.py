"""The scheduled job: run one ISO week's articles, then diff against the previous weekly run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from compare.config import Settings
from compare.runs.diff import DiffResult, diff
from compare.runs.history import previous_run
from compare.runs.pipeline import RunResult, run
from compare.runs.progress import Progress
from compare.runs.window import iso_week


@dataclass
class WeeklyResult:
    """The week's run and, when an earlier weekly run exists, the diff against it."""

    run: RunResult
    diff: DiffResult | None


def resolve_week(week: str) -> str:
    """``auto`` is the week that ended most recently (the week of the date 7 days ago)."""
    if week == "auto":
        return iso_week(dt.date.today() - dt.timedelta(days=7))
    return week


def weekly(inputs: Sequence[Path | str] | None = None, *, week: str = "auto",
           index_dir: Path | str = "indexes", reports_dir: Path | str = "reports",
           settings: Settings | None = None, lock_timeout: float = 600.0,
           url_files: Sequence[Path | str] = (), sources: Path | str | None = None,
           offline: bool = False, progress: Progress | None = None, engine: str = "local",
           ray_address: str | None = None) -> WeeklyResult:
    """Run ``week``'s articles into ``reports_dir/<week>`` and diff against the latest weekly
    run of an earlier week (written into the new run's folder). ``url_files``, ``sources``,
    ``offline``, ``progress``, ``engine`` and ``ray_address`` are as for :func:`compare.run`."""
    week = resolve_week(week)
    before = previous_run(reports_dir, before_week=week)
    result = run(inputs, reports_dir=reports_dir, index_dir=index_dir, settings=settings,
                 week=week, lock_timeout=lock_timeout, url_files=url_files, sources=sources,
                 offline=offline, progress=progress, engine=engine, ray_address=ray_address)
    if before is None:
        return WeeklyResult(result, None)
    return WeeklyResult(result, diff(before, result.out, out=result.out))
