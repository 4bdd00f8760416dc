"""Which articles a run covers: ISO weeks and date spans, and the run's default name."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl

from compare.errors import InputError, NothingToCompare

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

Span = tuple[dt.date | None, dt.date | None]


def date_span(week: str | None, since: str | None,
              until: str | None) -> Span:
    """The inclusive date span of ``--week`` or ``--since/--until`` (None where open)."""
    if week:
        if since or until:
            raise InputError("give --week or --since/--until, not both")
        match = _WEEK.match(week)
        if not match:
            raise InputError(f"--week {week!r} is not an ISO week", hint="write it as 2026-W47")
        try:
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise InputError(f"--week {week!r} does not exist",
                             hint="weeks run 01 to 52 or 53") from None
        return monday, monday + dt.timedelta(days=6)
    return _parse_day(since, "--since"), _parse_day(until, "--until")


def iso_week(day: dt.date) -> str:
    """``2026-W47`` for a date."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _parse_day(text: str | None, flag: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{flag} {text!r} is not a date", hint="write it as YYYY-MM-DD") from None


def select_dates(articles: pl.DataFrame,
                  span: Span) -> tuple[pl.DataFrame, int]:
    low, high = span
    if low is None and high is None:
        return articles, 0
    dates = pl.col("date").str.to_date("%Y-%m-%d", strict=False)
    undated = articles.filter(dates.is_null()).height
    keep = dates.is_not_null()
    if low is not None:
        keep &= dates >= low
    if high is not None:
        keep &= dates <= high
    selected = articles.filter(keep)
    if selected.is_empty():
        raise NothingToCompare(
            f"no article is dated between {low or 'the start'} and {high or 'today'}"
            + (f" ({undated} undated)" if undated else ""),
            hint="check the articles' 'date' fields or the --week/--since/--until span",
        )
    return selected, undated


def default_name(paths: list[Path], span: Span) -> str:
    if span != (None, None):
        return f"{span[0] or 'start'}_{span[1] or 'now'}"
    if len(paths) == 1:
        resolved = paths[0].resolve()
        return resolved.name if resolved.is_dir() else resolved.stem
    return "run-" + dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
