"""A comparison run: ingest → claims → embed → index → align → relate → report.

:func:`run` is what ``claim-compare run`` calls. It returns the polars frames and, unless told
not to, writes ``claims.parquet``, ``pairs.parquet``, ``articles.parquet``, ``report.md``,
``report.html`` and ``run.json`` into the run directory — all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from compare import __version__, ingest, report, schema
from compare.align import align_with_info
from compare.config import Settings
from compare.copies import mark_copies
from compare.embed import Encoder, load_encoder
from compare.embed.cache import embed_claims
from compare.errors import InputError
from compare.ingest.fetch import is_url
from compare.relate import highlight_spans
from compare.relate.cache import relate_cached
from compare.report.html import render_html
from compare.runs import stages
from compare.runs.engine import Engine, open_engine
from compare.runs.progress import NULL, Progress
from compare.runs.stages import Timer
from compare.runs.window import Span, date_span, default_name
from compare.store import lock, open_store
from compare.stories import stories
from compare.verdicts import apply_verdicts, read_verdicts

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class RunResult:
    """What a run produced: the frames, the run's facts and where they were written."""

    name: str
    articles: pl.DataFrame
    claims: pl.DataFrame
    pairs: pl.DataFrame
    info: schema.RunInfo
    out: Path | None
    stories: pl.DataFrame | None = None


def default_inputs() -> list[Path]:
    """The shipped seed articles: ``./seeds`` if present, else the project's ``seeds/``."""
    local = Path("seeds")
    return [local if local.is_dir() else ROOT / "seeds"]


def run(
    inputs: Sequence[Path | str] | None = None,
    *,
    out: Path | str | None = None,
    reports_dir: Path | str = "reports",
    index_dir: Path | str = "indexes",
    settings: Settings | None = None,
    name: str | None = None,
    week: str | None = None,
    since: str | None = None,
    until: str | None = None,
    encoder: Encoder | None = None,
    lock_timeout: float = 600.0,
    write: bool = True,
    url_files: Sequence[Path | str] = (),
    sources: Path | str | None = None,
    offline: bool = False,
    progress: Progress | None = None,
    engine: str | Engine = "local",
    ray_address: str | None = None,
) -> RunResult:
    """Compare the articles under ``inputs`` (default: the seeds) and write the run directory.

    ``week`` (``2026-W47``) or ``since``/``until`` (ISO dates, inclusive) keep only articles
    dated in that span. ``out`` defaults to ``reports_dir/<name>``, the name being the week, the
    single input's name, or a timestamp. The persistent corpus and FAISS index live in
    ``index_dir``; claims already embedded there are not embedded again.

    ``inputs`` may also hold URLs of pages and feeds (strings); ``url_files`` are files listing
    URLs, ``sources`` a sources file of outlets with their feeds and pages. Fetched pages are
    kept in ``index_dir``; ``offline`` reads them from there without fetching. A URL that
    fails is listed in ``info.failed`` and the run goes on with the rest.

    ``progress`` (:mod:`compare.runs.progress`) is told of the long stages as they go.

    ``engine`` ``"ray"`` reads files, extracts, embeds and relates as Ray Data stages
    (:mod:`compare.runs.engine_ray`) on the cluster at ``ray_address`` (else ``$RAY_ADDRESS``,
    else a local Ray instance, which stays up for later runs of the process); the outputs
    are those of the default ``"local"`` engine (beyond one block of pairs to relate, up to
    floating-point noise: see :mod:`compare.runs.engine_ray`).
    """
    settings, timer = settings or Settings(), Timer()
    progress = progress or NULL
    web = bool(url_files or sources)
    paths = stages.as_inputs(inputs) if inputs else [] if web else default_inputs()
    span = date_span(week, since, until)
    files = [p for p in paths if isinstance(p, Path)]
    name = check_name(name) or week or default_name(files if len(files) == len(paths) and not web
                                                    else [], span)
    out_dir = Path(out) if out is not None else Path(reports_dir) / name
    if web or len(files) < len(paths):  # before fetching anything, which can take a while
        stages.check_out(out_dir, Path(index_dir))
    skipped: list[dict] = []
    failed: list[dict] = []
    with timer("engine"):
        engine = open_engine(engine, settings=settings, ray_address=ray_address)
    with timer("ingest"), progress.stage("ingest") as advance:
        articles, undated = stages.read_inputs(
            paths, span, skipped, failed=failed, url_files=url_files, sources=sources,
            index_dir=Path(index_dir), offline=offline, on_progress=advance,
            engine=engine)
    stages.check_out(out_dir, Path(index_dir))
    with timer("model"), progress.stage("model"):
        encoder = encoder or load_encoder(settings.model, settings.precision)
    with lock(Path(index_dir), lock_timeout):
        store = open_store(Path(index_dir), encoder.model_id, encoder.dim)
        reextracted = stages.refresh_claims(store, encoder, settings, timer, progress,
                                             engine)
        with timer("claims"), progress.stage("claims", articles.height) as advance:
            claims, new_articles, new_claims = stages.select_claims(store, articles, settings,
                                                                    advance, engine)
        with timer("embed"), progress.stage("embed", claims.height) as advance:
            vectors, embedded = embed_claims(store, encoder, claims, settings.batch_size,
                                             advance, encode=engine.encode)
        with timer("index"):
            stages.add_to_store(store, claims, new_articles, new_claims, vectors)
        with timer("align"):
            claims_out, pairs, index_info = align_with_info(claims, vectors, settings)
            claims_out = stages.first_reported_in(store, claims_out, vectors, settings)
        with timer("relate"), progress.stage("relate", pairs.height) as advance:
            pairs, related = relate_cached(store, pairs, claims_out, encoder, settings,
                                           on_progress=advance, relate=engine.relate)
        with timer("verdicts"):  # a person's verdict over the model's relation
            pairs = apply_verdicts(pairs, read_verdicts(Path(index_dir)))
        # After relate, which re-reads every pair's reasons from its cache.
        with timer("copies"):
            claims_out, pairs = mark_copies(articles, claims_out, pairs)
        with timer("stories"):
            claims_out, story_table = stories(articles, claims_out, pairs, vectors)
        counts = _counts(articles, claims_out, pairs, new_articles=new_articles.height,
                         embedded=embedded, related=related, undated=undated,
                         reextracted=reextracted)
        info = _info(name, paths, articles, encoder, settings, week, span, index_dir, counts)
        info.skipped, info.failed, info.index = skipped, failed, index_info
        with timer("report"):
            markdown = report.render(claims_out, pairs, info, highlight=highlight_spans,
                                     stories=story_table)
            page = render_html(claims_out, pairs, info, highlight=highlight_spans,
                               stories=story_table)
        info.timings = timer.rounded()
        if write:
            with progress.stage("write", stages.WRITE_STEPS) as advance:
                stages.write_run(out_dir, store, articles, claims_out, pairs, story_table,
                                 markdown, info.as_dict(), page=page, on_progress=advance)
    return RunResult(name, articles, claims_out, pairs, info, out_dir if write else None,
                     story_table)


_UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")


def check_name(name: str | None) -> str | None:
    """A run name is one plain folder name under ``--reports-dir``: no path, no hidden or
    parent folder, no control character."""
    if name is None:
        return None
    if not name.strip() or name in (".", "..") or name.startswith(".") \
            or _UNSAFE_NAME.search(name):
        raise InputError(f"--name {name!r} is not a plain folder name",
                         hint="the name is a folder under --reports-dir: letters, digits, "
                              "'-' and '_', not starting with '.'; use --out for another place")
    return name


def _counts(articles: pl.DataFrame, claims: pl.DataFrame, pairs: pl.DataFrame, *,
            new_articles: int, embedded: int, related: int, undated: int,
            reextracted: int) -> schema.Counts:
    per = {r: pairs.filter(pl.col("relation") == r).height for r in schema.RELATIONS}
    return schema.Counts(
        articles=articles.height, outlets=articles["outlet"].n_unique(), claims=claims.height,
        pairs=pairs.height, **per, unique=claims.filter(pl.col("unique")).height,
        new_articles=new_articles, embedded_texts=embedded, related_pairs=related,
        undated_skipped=undated, reextracted_articles=reextracted)


def _info(name: str, paths: list[Path | str], articles: pl.DataFrame, encoder: Encoder,
          settings: Settings, week: str | None, span: Span, index_dir: Path | str,
          counts: schema.Counts) -> schema.RunInfo:
    used = set(articles["path"].to_list())
    files = [p for p in paths if isinstance(p, Path)]
    urls = sorted(u for u in used if is_url(u))
    return schema.RunInfo(
        version=__version__, name=name,
        created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"),
        model=encoder.model_id, precision=encoder.precision, prompt=encoder.prompt,
        settings=settings.as_dict(),
        inputs=[{"path": str(f), "sha256": ingest.file_sha256(f)}
                for f in ingest.find_files(files) if str(f) in used]
               + [{"url": u} for u in urls],
        index_dir=str(index_dir), week=week,
        since=span[0].isoformat() if span[0] else None,
        until=span[1].isoformat() if span[1] else None,
        counts=counts)
