"""The commands that measure and rebuild the relation step: ``eval`` and ``train``; and
``version``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from compare import __version__
from compare.cli.common import Quiet, friendly
from compare.config import DEFAULT_TRAINING_DATA


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
    quiet: Quiet = False,
) -> None:
    """Measure the relation step on held-out test sets (ANS, XNLI Arabic, XNLI Arabic↔English).

    Example: claim-compare eval --out reports/eval
    """
    import compare
    from compare.learn.evaluate import format_table

    results = compare.evaluate(data_dir=data, out_dir=out, sample=sample, shared_dir=shared)
    if quiet:
        return
    typer.echo(format_table(results))
    typer.echo(f"Written: {out / 'eval.md'}, {out / 'eval.json'}")


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
    verdicts: Annotated[Path | None, typer.Option(
        "--verdicts", help="A person's verdicts exported with `verdicts --export FILE`, added "
                           "to the mixture.", show_default=False)] = None,
) -> None:
    """Rebuild the pair classifier's weights from the training data (CPU, under an hour).

    Example: claim-compare train --data ../shared/data
    """
    import compare
    from compare.learn.train import DEFAULT_OUT

    figures = compare.train(data, out, seed=seed, verdicts=verdicts)
    typer.echo(f"Weights written to {out or DEFAULT_OUT}; dev figures: {figures}")


@friendly
def version() -> None:
    """Print the claim-compare version."""
    typer.echo(__version__)
