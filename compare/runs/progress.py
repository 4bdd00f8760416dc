"""Progress of a run's long stages, for a person watching a terminal.

The pipeline opens one stage at a time (``with progress.stage("embed", total) as advance:``) and
hands ``advance`` to the loop doing the work, which calls it per batch with how many items that
batch finished. Lower layers see only that callable (their ``on_progress`` argument) and import
nothing from here.

:data:`NULL` shows nothing and is the default. :class:`RichProgress` draws a bar on stderr, but
only for a stage still running after ``delay`` seconds, so that quick stages stay silent;
:func:`for_terminal` picks it when stderr is an interactive terminal.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

Advance = Callable[[int], None]

# What a bar says it is counting, per stage name of the pipeline.
LABELS = {
    "ingest": "Reading files and URLs",
    "model": "Loading the model",
    "claims": "Extracting claims (articles)",
    "embed": "Embedding claims",
    "relate": "Relating pairs",
    "write": "Writing the run",
}
DELAY = 2.0
_WIDTH = max(map(len, LABELS.values()))  # bars of successive stages line up


class Progress(Protocol):
    """Told of each long stage of a run and of the work done in it."""

    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Advance]:
        """A stage of ``total`` items (``None``: not known ahead); the context's value is the
        ``advance(n)`` callable the stage's loop calls as it finishes ``n`` more items."""
        ...


def _ignore(n: int) -> None:
    pass


class NullProgress:
    """Shows nothing."""

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Advance]:
        yield _ignore


NULL = NullProgress()


def for_terminal(quiet: bool = False) -> Progress:
    """Bars on stderr when it is an interactive terminal; nothing when ``quiet``, in pipes and
    log files, on a dumb terminal or under CI."""
    if quiet or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return NULL
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stderr
        return NULL
    return RichProgress() if interactive else NULL


class RichProgress:
    """rich progress bars on ``console`` (default: stderr), one per stage that runs longer than
    ``delay`` seconds; a finished bar stays on screen with its count and time."""

    def __init__(self, console=None, delay: float = DELAY) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self.delay = delay

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Advance]:
        bar = _Bar(self.console, LABELS.get(name, name), total)
        timer = None
        if self.delay > 0:
            timer = threading.Timer(self.delay, bar.show)
            timer.daemon = True
            timer.start()
        else:
            bar.show()
        try:
            yield bar.advance
        finally:
            if timer is not None:
                timer.cancel()
            bar.close()


class _Bar:
    """One stage's bar, drawn from the moment :meth:`show` is called (by a timer thread), with
    the items counted before that."""

    def __init__(self, console, label: str, total: int | None) -> None:
        self.console, self.label, self.total = console, label, total
        self.done = 0
        self.closed = False
        self.progress = None
        self.task = None
        self.lock = threading.Lock()

    def show(self) -> None:
        from rich import progress as rp

        with self.lock:
            if self.closed or self.progress is not None:
                return
            self.progress = rp.Progress(
                rp.TextColumn(f"{{task.description:<{_WIDTH}}}"), rp.BarColumn(),
                rp.TextColumn("{task.fields[count]}"), rp.TimeElapsedColumn(),
                rp.TimeRemainingColumn(), console=self.console, transient=False)
            self.task = self.progress.add_task(self.label, total=self.total, completed=self.done,
                                               count=self._count())
            self.progress.start()

    def advance(self, n: int) -> None:
        with self.lock:
            self.done += n
            if self.progress is not None:
                self.progress.update(self.task, completed=self.done, count=self._count())

    def close(self) -> None:
        with self.lock:
            self.closed = True
            if self.progress is None:
                return
            if self.total is None:  # an open-ended stage ends as a full bar
                self.progress.update(self.task, total=max(self.done, 1),
                                     completed=max(self.done, 1))
            self.progress.stop()

    def _count(self) -> str:
        """``done/total``; only ``done`` while the total is not known, nothing when there is
        nothing to count (loading the model)."""
        if self.total is not None:
            return f"{self.done}/{self.total}"
        return str(self.done) if self.done else ""
