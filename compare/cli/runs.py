"""The commands that run comparisons: ``run``, ``weekly`` and ``diff``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from compare.cli.common import (
    Address,
    Config,
    Engine,
    IndexDir,
    Inputs,
    Json,
    LockTimeout,
    Model,
    Offline,
    Quiet,
    ReportsDir,
    Sources,
    Threshold,
    Urls,
    echo_json,
    friendly,
    plain,
    settings_from,
)
from compare.runs.progress import for_terminal


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
    quiet: Quiet = False,
    as_json: Json = False,
    engine: Engine = "local",
    address: Address = None,
) -> None:
    """Compare articles across outlets and write claims.parquet, pairs.parquet, report.md, run.json.

    Example: claim-compare run seeds/ --out reports/seeds
    """
    import compare

    settings = settings_from(config, model=model, align_threshold=threshold)
    result = compare.run(inputs, out=out, reports_dir=reports_dir, index_dir=index_dir,
                         settings=settings, name=name, week=week, since=since, until=until,
                         lock_timeout=lock_timeout, url_files=urls or (), sources=sources,
                         offline=offline, progress=for_terminal(quiet), engine=engine,
                         ray_address=address)
    if as_json:
        echo_json(_run_json(result))
    elif not quiet:
        _print_run(result)


def _print_run(result) -> None:
    c = result.info.counts
    typer.echo(
        f"{c.articles} articles from {c.outlets} outlets → {c.claims} claims, "
        f"{c.pairs} aligned pairs: {c.contradict} contradict, {c.agree} agree, "
        f"{c.related} related; {c.unique} claims only one source carries."
    )
    for failure in result.info.failed:
        typer.echo(f"Not read: {plain(failure['url'])}: {plain(failure['why'])}", err=True)
    typer.echo(f"Report: {plain(result.out / 'report.md')} and report.html")


def _run_json(result) -> dict:
    info = result.info.as_dict()
    return {"name": result.name, "out": str(result.out), "counts": info["counts"],
            "timings": info["timings"], "failed": info["failed"], "skipped": info["skipped"]}


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
    quiet: Quiet = False,
    as_json: Json = False,
    engine: Engine = "local",
    address: Address = None,
) -> None:
    """The scheduled job: run this week's articles, then diff against the previous run.

    Example: claim-compare weekly inbox/ --week 2026-W47
    Polling the outlets: claim-compare weekly --sources sources.toml --week 2026-W47
    """
    import compare

    settings = settings_from(config, model=model)
    result = compare.weekly(inputs, week=week, index_dir=index_dir, reports_dir=reports_dir,
                            settings=settings, lock_timeout=lock_timeout, url_files=urls or (),
                            sources=sources, offline=offline, progress=for_terminal(quiet),
                            engine=engine, ray_address=address)
    if as_json:
        echo_json({"run": _run_json(result.run),
                    "diff": _diff_json(result.diff) if result.diff is not None else None})
        return
    if quiet:
        return
    _print_run(result.run)
    if result.diff is None:
        typer.echo("No earlier run to diff against.")
        return
    _print_diff(result.diff)


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
    quiet: Quiet = False,
    as_json: Json = False,
) -> None:
    """What changed between two runs: new contradictions, changed relations, resolved ones.

    Example: claim-compare diff reports/2026-W46 reports/2026-W47
    """
    import compare

    result = compare.diff(old, new, out=out, reports_dir=reports_dir)
    if as_json:
        echo_json(_diff_json(result))
    elif not quiet:
        _print_diff(result)


def _diff_json(result) -> dict:
    return {"old": str(result.old), "new": str(result.new), "counts": result.counts,
            "diff_md": str(result.out / "diff.md"),
            "diff_parquet": str(result.out / "diff.parquet")}


def _print_diff(result) -> None:
    summary = ", ".join(f"{v} {k}" for k, v in result.counts.items())
    typer.echo(f"{plain(result.old.name)} → {plain(result.new.name)}: "
               f"{summary or 'no changes'}")
    typer.echo(f"Diff: {plain(result.out / 'diff.md')}")
