"""Every input of a run in one ``ARTICLES`` frame: article files and folders, URLs of pages and
feeds, and the outlets of a sources file.

Files are read as :func:`compare.ingest.files.read_articles` reads them (a bad file stops the
run). URLs are fetched through one :class:`~compare.ingest.fetch.Fetcher` whose page cache
lives in the index folder; a URL that fails is recorded in ``failed`` and the rest go on. Only
when nothing usable remains does the run stop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import polars as pl

from compare import schema
from compare.errors import NothingToCompare
from compare.ingest.fetch import Fetcher, FetchError, FetchSettings, Page, is_url
from compare.ingest.files import article_id, read_articles
from compare.ingest.sources import Source
from compare.ingest.web import read_urls
from compare.store.pages import PageCache

__all__ = ["read_all", "split_inputs"]


def split_inputs(inputs: Iterable[Path | str]) -> tuple[list[Path], list[str]]:
    """(article files and folders, URLs) among ``inputs``."""
    paths, urls = [], []
    for item in inputs:
        text = str(item)
        if isinstance(item, str) and is_url(text):
            urls.append(text)
        else:
            paths.append(Path(item))
    return paths, urls


def read_all(inputs: Sequence[Path | str], *, sources: Sequence[Source] = (),
             index_dir: Path | None = None, fetch: FetchSettings | None = None,
             skipped: list | None = None, failed: list | None = None,
             on_progress: Callable[[int], None] | None = None) -> pl.DataFrame:
    """The articles of ``inputs`` (files, folders, URLs) and of ``sources``, duplicates dropped.

    Pages are fetched with ``fetch`` settings and kept under ``index_dir/pages`` (when given),
    so that a re-run fetches only what changed and ``fetch.offline`` runs from the cache.
    Files not read are appended to ``skipped``; URLs that fail, to ``failed`` as
    ``{"url", "why"}``. Raises ``NothingToCompare`` when no article is left.
    ``on_progress(n)`` hears of files read (once they all are) and of each URL fetched.
    """
    failed = [] if failed is None else failed
    paths, urls = split_inputs(inputs)
    frames = [read_articles(paths, skipped=skipped)] if paths else []
    if on_progress is not None and frames:
        on_progress(frames[0]["path"].n_unique())
    if urls or sources:
        cache = PageCache(Path(index_dir)) if index_dir is not None else None
        with _CountingFetcher(cache, fetch, on_progress=on_progress) as fetcher:
            rows = read_urls(urls, fetcher, failed) if urls else []
            for source in sources:
                rows += _as_outlet(read_urls(list(source.urls), fetcher, failed), source)
        frames.append(pl.DataFrame(rows, schema=schema.ARTICLES))
    articles = pl.concat(frames) if frames else pl.DataFrame(schema=schema.ARTICLES)
    if not articles.height:
        _nothing_read(failed)
    return articles.unique(subset="article_id", keep="first", maintain_order=True)


class _CountingFetcher(Fetcher):
    """A fetcher that tells ``on_progress`` of each URL as it is fetched (feed entries too)."""

    def __init__(self, *args, on_progress: Callable[[int], None] | None = None,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.on_progress = on_progress

    def fetch_each(self, urls: Iterable[str]) -> Iterator[tuple[str, Page | FetchError]]:
        for done in super().fetch_each(urls):
            if self.on_progress is not None:
                self.on_progress(1)
            yield done


def _as_outlet(rows: list[dict], source: Source) -> list[dict]:
    """Rows read from a source's URLs carry the source's outlet name (and language, when the
    page names none); the id follows the outlet."""
    out = []
    for row in rows:
        row = {**row, "outlet": source.name, "lang": row["lang"] or source.lang}
        row["article_id"] = article_id(row["outlet"], row["text"])
        out.append(row)
    return out


def _nothing_read(failed: list[dict]) -> None:
    if not failed:
        raise NothingToCompare("no articles found in the inputs",
                               hint="give article files, folders, URLs or --sources")
    first = failed[0]
    more = f" and {len(failed) - 1} more" if len(failed) > 1 else ""
    raise NothingToCompare(
        f"no articles: every URL failed ({first['why']}{more})", path=first["url"],
        hint="check the URLs and the network; pages fetched before are read from the "
             "--index-dir cache, also with --offline")
