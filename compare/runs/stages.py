"""The bodies of a run's stages that touch the index or the run folder; ``pipeline.run``
strings them together."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import polars as pl

from compare import ingest, schema
from compare.align import first_reported
from compare.claims import extract_claims, extractor_signature
from compare.config import Settings
from compare.embed import Encoder
from compare.embed.cache import embed_claims
from compare.errors import InputError
from compare.ingest.fetch import FetchSettings, is_url
from compare.ingest.sources import read_sources
from compare.ingest.web import url_list
from compare.runs.engine import LOCAL, Engine
from compare.runs.history import HTML_FILE, OWN_FILES, STORIES_FILE, is_run_folder
from compare.runs.progress import NULL, Progress
from compare.runs.window import Span, select_dates
from compare.store import Store, save_store
from compare.store.atomic import (
    check_writable,
    file_mode,
    replace_dir,
    staging_dir,
    storage,
    write_json,
    write_text,
)
from compare.text.lang import detect_lang


class Timer:
    """Seconds spent per stage, summed over every time a stage runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def rounded(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.seconds.items()}


def as_inputs(inputs: Sequence[Path | str]) -> list[Path | str]:
    """Inputs as the ingest stage takes them: URLs stay strings, everything else is a path."""
    return [item if isinstance(item, str) and is_url(item) else Path(item) for item in inputs]


def read_inputs(paths: list[Path | str], span: Span, skipped: list[dict] | None = None, *,
                failed: list[dict] | None = None, url_files: Sequence[Path | str] = (),
                sources: Path | str | None = None, index_dir: Path | None = None,
                offline: bool = False, on_progress: Callable[[int], None] | None = None,
                engine: Engine = LOCAL) -> tuple[pl.DataFrame, int]:
    """The articles under ``paths`` (files, folders, URLs), in the URL lists ``url_files`` and
    from the outlets of the ``sources`` file, dated within ``span``, each with a language; and
    how many undated articles the span left out. Files not read are appended to ``skipped``,
    URLs that failed to ``failed``; fetched pages are kept under ``index_dir``. ``on_progress``
    hears of files and URLs read; ``engine`` reads them (:mod:`compare.runs.engine`)."""
    urls = [u for f in url_files for u in url_list(Path(f))]
    outlets = read_sources(Path(sources)) if sources is not None else ()
    articles = engine.read([*paths, *urls], sources=outlets, index_dir=index_dir,
                        fetch=FetchSettings(offline=offline), skipped=skipped, failed=failed,
                        on_progress=on_progress)
    articles, undated = select_dates(articles, span)
    ingest.require_outlets(articles)
    return _fill_lang(articles), undated


def _fill_lang(articles: pl.DataFrame) -> pl.DataFrame:
    missing = articles["lang"].is_null()
    if not missing.any():
        return articles
    detected = [
        lang if lang else detect_lang(text[:2000])
        for lang, text in zip(articles["lang"].to_list(), articles["text"].to_list(), strict=True)
    ]
    return articles.with_columns(lang=pl.Series(detected, dtype=pl.String))


def check_out(out_dir: Path, index_dir: Path) -> None:
    """Refuse, before any work, a run folder that would overwrite what is not a claim-compare
    run, and places that cannot be written."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("--out is a file, not a directory", path=out_dir,
                         hint="give a directory for the run's outputs")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not is_run_folder(out_dir):
        what = ("holds a run.json that claim-compare did not write"
                if (out_dir / "run.json").exists() else "is a non-empty directory")
        raise InputError(f"--out {what}: it is not a claim-compare run", path=out_dir,
                         hint="give an empty or new directory; nothing was written")
    check_writable(out_dir.parent, "run folder", "--out")
    check_writable(index_dir, "index", "--index-dir")


def refresh_claims(store: Store, encoder: Encoder, settings: Settings, timer: Timer,
                   progress: Progress = NULL, engine: Engine = LOCAL) -> int:
    """Re-extract the stored articles' claims when the index holds claims extracted by another
    version of the extractor or other claim settings, so that old articles are read exactly as
    new ones; vectors come from the embedding cache, new claim texts are embedded. Returns how
    many articles were re-extracted."""
    wanted = extractor_signature(settings)
    if store.extractor == wanted:
        return 0
    store.extractor = wanted
    if not store.articles.height:
        return 0
    with timer("claims"), progress.stage("claims", store.articles.height) as advance:
        claims = engine.extract(store.articles, settings, advance)
    with timer("embed"), progress.stage("embed", claims.height) as advance:
        vectors, _ = embed_claims(store, encoder, claims, settings.batch_size, advance,
                                  encode=engine.encode)
    store.replace_claims(claims, vectors)
    return store.articles.height


def select_claims(store: Store, articles: pl.DataFrame, settings: Settings,
                  on_progress: Callable[[int], None] | None = None,
                  engine: Engine = LOCAL,
                  ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The claims of ``articles`` (those the index holds read from it), the new articles and
    their claims. ``on_progress`` hears of articles done, the stored ones at once."""
    known = store.known_articles()
    is_new = ~pl.col("article_id").is_in(list(known))
    new_articles = articles.filter(is_new)
    if on_progress is not None:
        on_progress(articles.height - new_articles.height)
    new_claims = engine.extract(new_articles, settings, on_progress)
    old_claims = store.claims.filter(pl.col("article_id").is_in(articles["article_id"].to_list()))
    order = articles.select("article_id").with_row_index("_article")
    claims = (
        pl.concat([old_claims, new_claims.select(list(schema.CLAIMS))])
        .join(order, on="article_id", how="left")
        .sort("_article", "start")
        .drop("_article")
    )
    return claims, new_articles, new_claims


ARTICLE_BATCH = 64


def extract_in_batches(articles: pl.DataFrame, settings: Settings,
                       on_progress: Callable[[int], None] | None = None,
                       batch: int = ARTICLE_BATCH) -> pl.DataFrame:
    """``extract_claims`` of ``articles``, ``batch`` articles at a time (an article's claims
    depend on it alone), telling ``on_progress`` of each batch done."""
    frames = []
    for start in range(0, max(articles.height, 1), batch):
        part = articles.slice(start, batch)
        frames.append(extract_claims(part, settings))
        if on_progress is not None:
            on_progress(part.height)
    return pl.concat(frames)


def add_to_store(store: Store, claims: pl.DataFrame, new_articles: pl.DataFrame,
                 new_claims: pl.DataFrame, vectors: np.ndarray) -> None:
    """Keep the run's new articles, their claims and vectors in the index."""
    new_rows = claims["claim_id"].is_in(new_claims["claim_id"].to_list()).to_numpy()
    store.add(new_articles, claims.filter(pl.Series(new_rows)), vectors[new_rows])


def first_reported_in(store: Store, claims: pl.DataFrame, vectors: np.ndarray,
                      settings: Settings) -> pl.DataFrame:
    """Mark claims whose assertion another outlet already carried in an earlier article of the
    index."""
    earlier = ~store.claims["article_id"].is_in(claims["article_id"].unique().to_list())
    return first_reported(claims, vectors, store.claims.filter(earlier),
                          store.claim_vectors[earlier.to_numpy()], settings)


WRITE_STEPS = 3


def write_run(out_dir: Path, store: Store, articles: pl.DataFrame, claims: pl.DataFrame,
              pairs: pl.DataFrame, stories: pl.DataFrame, markdown: str, info: dict, *,
              page: str, on_progress: Callable[[int], None] | None = None) -> None:
    """Write the run folder and the index's new generation: all or nothing. ``page`` is the
    report as HTML (``report.html``). ``on_progress`` hears of each of the ``WRITE_STEPS``
    (run files staged, index saved, run folder in place)."""
    report = on_progress or (lambda n: None)
    staged = _stage_run(out_dir, articles, claims, pairs, stories, markdown, info, page)
    report(1)
    try:
        save_store(store)
        report(1)
        replace_dir(staged, out_dir, ours=set(OWN_FILES))
        report(1)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _stage_run(out_dir: Path, articles: pl.DataFrame, claims: pl.DataFrame,
               pairs: pl.DataFrame, stories: pl.DataFrame, markdown: str, info: dict,
               page: str) -> Path:
    staged = staging_dir(out_dir)
    try:
        with storage(out_dir, "write the run folder"):
            for name, frame in (("claims.parquet", claims), ("pairs.parquet", pairs),
                                ("articles.parquet", articles), (STORIES_FILE, stories)):
                frame.write_parquet(staged / name)
                (staged / name).chmod(file_mode())
        write_text(staged / "report.md", markdown)
        write_text(staged / HTML_FILE, page)
        write_json(staged / "run.json", info)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged
