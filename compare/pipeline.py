"""A comparison run: ingest → claims → embed → index → align → relate → report.

:func:`run` is what ``claim-compare run`` calls. It returns the polars frames and, unless told
not to, writes ``claims.parquet``, ``pairs.parquet``, ``articles.parquet``, ``report.md`` and
``run.json`` into the run directory — all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from compare import __version__, ingest, report, schema
from compare.align import align_claims
from compare.config import Settings
from compare.embed import Encoder, load_encoder, text_key
from compare.errors import InputError, NothingToCompare
from compare.files import replace_dir, staging_dir, write_json, write_text
from compare.index import Store, lock, open_store, save_store

ROOT = Path(__file__).resolve().parent.parent
RUN_FILES = ("claims.parquet", "pairs.parquet", "articles.parquet", "report.md", "run.json")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class RunResult:
    """What a run produced: the frames, the run.json facts and where they were written."""

    name: str
    articles: pl.DataFrame
    claims: pl.DataFrame
    pairs: pl.DataFrame
    info: dict
    out: Path | None


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


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
) -> RunResult:
    """Compare the articles under ``inputs`` (default: the seeds) and write the run directory.

    ``week`` (``2026-W47``) or ``since``/``until`` (ISO dates, inclusive) keep only articles
    dated in that span. ``out`` defaults to ``reports_dir/<name>``, the name being the week, the
    single input's name, or a timestamp. The persistent corpus and FAISS index live in
    ``index_dir``; claims already embedded there are not embedded again.
    """
    settings = settings or Settings()
    timer = _Timer()
    paths = [Path(p) for p in inputs] if inputs else default_inputs()
    span = date_span(week, since, until)
    with timer("ingest"):
        articles = ingest.read_articles(paths)
        articles, undated = _select_dates(articles, span)
        ingest.require_outlets(articles)
        articles = _fill_lang(articles)
    name = name or week or _default_name(paths, span)
    out_dir = Path(out) if out is not None else Path(reports_dir) / name
    _check_out(out_dir)
    with timer("model"):
        encoder = encoder or load_encoder(settings.model, settings.precision)
    index_root = Path(index_dir)
    with lock(index_root, lock_timeout):
        store = open_store(index_root, encoder.model_id, encoder.dim)
        reextracted = _refresh_claims(store, encoder, settings, timer)
        with timer("claims"):
            claims, new_articles, new_claims = _claims(store, articles, settings)
        with timer("embed"):
            vectors, embedded = _embed(store, encoder, claims, settings)
        with timer("index"):
            new_rows = claims["claim_id"].is_in(new_claims["claim_id"].to_list()).to_numpy()
            store.add(new_articles, claims.filter(pl.Series(new_rows)), vectors[new_rows])
        with timer("align"):
            claims_out, pairs = align_claims(claims, vectors, settings)
            claims_out = _first_reported(store, claims_out, vectors, settings)
        with timer("relate"):
            pairs, related = _relate(store, pairs, claims_out, encoder, settings)
        info = _info(name, paths, articles, claims_out, pairs, encoder, settings, timer,
                     week=week, span=span, undated=undated, index_dir=index_root,
                     new_articles=new_articles.height, embedded=embedded, related=related,
                     reextracted=reextracted)
        with timer("report"):
            from compare.relate import highlight_spans

            markdown = report.render(claims_out, pairs, info, highlight=highlight_spans)
        info["timings"] = {k: round(v, 4) for k, v in timer.seconds.items()}
        if write:
            staged = _stage_run(out_dir, articles, claims_out, pairs, markdown, info)
            try:
                save_store(store)
                replace_dir(staged, out_dir)
            finally:
                shutil.rmtree(staged, ignore_errors=True)
    return RunResult(name, articles, claims_out, pairs, info, out_dir if write else None)


def _stage_run(out_dir: Path, articles: pl.DataFrame, claims: pl.DataFrame,
               pairs: pl.DataFrame, markdown: str, info: dict) -> Path:
    staged = staging_dir(out_dir)
    try:
        claims.write_parquet(staged / "claims.parquet")
        pairs.write_parquet(staged / "pairs.parquet")
        articles.write_parquet(staged / "articles.parquet")
        write_text(staged / "report.md", markdown)
        write_json(staged / "run.json", info)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def date_span(week: str | None, since: str | None,
              until: str | None) -> tuple[dt.date | None, dt.date | None]:
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


def _select_dates(articles: pl.DataFrame,
                  span: tuple[dt.date | None, dt.date | None]) -> tuple[pl.DataFrame, int]:
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


def _fill_lang(articles: pl.DataFrame) -> pl.DataFrame:
    from compare.normalize import detect_lang

    missing = articles["lang"].is_null()
    if not missing.any():
        return articles
    detected = [
        lang if lang else detect_lang(text[:2000])
        for lang, text in zip(articles["lang"].to_list(), articles["text"].to_list(), strict=True)
    ]
    return articles.with_columns(lang=pl.Series(detected, dtype=pl.String))


def _default_name(paths: list[Path], span: tuple[dt.date | None, dt.date | None]) -> str:
    if span != (None, None):
        return f"{span[0] or 'start'}_{span[1] or 'now'}"
    if len(paths) == 1:
        resolved = paths[0].resolve()
        return resolved.name if resolved.is_dir() else resolved.stem
    return "run-" + dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")


def _check_out(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("--out is a file, not a directory", path=out_dir,
                         hint="give a directory for the run's outputs")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "run.json").exists():
        raise InputError("--out is a non-empty directory that is not a claim-compare run",
                         path=out_dir, hint="give an empty or new directory; nothing was written")


def _refresh_claims(store: Store, encoder: Encoder, settings: Settings, timer: _Timer) -> int:
    """Re-extract the stored articles' claims when the index holds claims extracted by another
    version of the extractor or other claim settings, so that old articles are read exactly as
    new ones; vectors come from the embedding cache, new claim texts are embedded. Returns how
    many articles were re-extracted."""
    from compare.claims import extract_claims, extractor_signature

    wanted = extractor_signature(settings)
    if store.extractor == wanted:
        return 0
    store.extractor = wanted
    if not store.articles.height:
        return 0
    with timer("claims"):
        claims = extract_claims(store.articles, settings)
    with timer("embed"):
        vectors, _ = _embed(store, encoder, claims, settings)
    store.replace_claims(claims, vectors)
    return store.articles.height


def _claims(store: Store, articles: pl.DataFrame,
            settings: Settings) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    from compare.claims import extract_claims

    known = store.known_articles()
    is_new = ~pl.col("article_id").is_in(list(known))
    new_articles = articles.filter(is_new)
    new_claims = extract_claims(new_articles, settings)
    old_claims = store.claims.filter(pl.col("article_id").is_in(articles["article_id"].to_list()))
    order = articles.select("article_id").with_row_index("_article")
    claims = (
        pl.concat([old_claims, new_claims.select(list(schema.CLAIMS))])
        .join(order, on="article_id", how="left")
        .sort("_article", "start")
        .drop("_article")
    )
    return claims, new_articles, new_claims


def _embed(store: Store, encoder: Encoder, claims: pl.DataFrame,
           settings: Settings) -> tuple[np.ndarray, int]:
    model_key = f"{encoder.model_id}|{encoder.prompt}"
    texts = claims["text"].to_list()
    keys = [text_key(model_key, t) for t in texts]
    vectors, missing = store.cached(keys)
    todo = list(dict.fromkeys(texts[i] for i in missing))
    if todo:
        fresh = encoder.encode(todo, batch_size=settings.batch_size)
        store.remember([text_key(model_key, t) for t in todo], fresh)
        vectors, _ = store.cached(keys)
    return vectors, len(todo)


def _relate(store: Store, pairs: pl.DataFrame, claims: pl.DataFrame, encoder: Encoder,
            settings: Settings) -> tuple[pl.DataFrame, int]:
    """Relate the aligned pairs, reusing relations the store already holds for the same claims
    in the same order (the classifier reads A then B), relation step, extractor and settings;
    returns the pairs and how many were newly related."""
    from compare import relate
    from compare.claims import extractor_signature

    knobs = hashlib.sha1(repr(sorted(settings.as_dict().items())).encode()).hexdigest()
    # Relations read the claims' extracted numbers and speakers: a new extractor re-relates.
    version = "|".join([relate.signature(), extractor_signature(settings), encoder.model_id,
                        knobs])
    keyed = pairs.with_columns(
        key=pl.concat_str(["claim_id_a", "claim_id_b", pl.lit(version)], separator="|")
    )
    cached = store.known_relations(keyed["key"].to_list())
    todo = keyed.filter(~pl.col("key").is_in(cached["key"].to_list()))
    done = relate.relate_pairs(todo.drop("key"), claims, encoder, settings)
    done = done.with_columns(key=todo["key"])
    store.remember_relations(done)
    decided = pl.concat([cached, done.select(cached.columns)])
    out = keyed.drop("relation", "reasons", "confidence").join(
        decided, on="key", how="left", maintain_order="left")
    return out.select(list(schema.PAIRS)), todo.height


def _first_reported(store: Store, claims: pl.DataFrame, vectors: np.ndarray,
                    settings: Settings) -> pl.DataFrame:
    """Mark claims whose assertion another outlet already carried in an earlier article."""
    run_articles = set(claims["article_id"].to_list())
    earlier = store.claims.with_row_index("_row").filter(
        ~pl.col("article_id").is_in(list(run_articles))
    )
    columns = dict(first_outlet=pl.String, first_date=pl.String, first_claim_id=pl.String)
    if earlier.is_empty() or claims.is_empty():
        return claims.with_columns([pl.lit(None, t).alias(c) for c, t in columns.items()])
    import faiss

    rows = earlier["_row"].to_numpy()
    index = faiss.IndexFlatIP(store.dim)
    index.add(np.ascontiguousarray(store.claim_vectors[rows]))
    k = min(settings.neighbours, len(rows))
    scores, ids = index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)
    dates = claims["date"].to_list()
    outlets = claims["outlet"].to_list()
    e_out, e_date, e_id = (earlier[c].to_list() for c in ("outlet", "date", "claim_id"))
    found = []
    for i in range(claims.height):
        best = None
        for s, j in zip(scores[i], ids[i], strict=True):
            if j < 0 or s < settings.first_threshold or e_out[j] == outlets[i]:
                continue
            if not (dates[i] and e_date[j] and e_date[j] < dates[i]):
                continue  # "first" needs both dates, the earlier one strictly before
            if best is None or (e_date[j] or "9999") < (e_date[best] or "9999"):
                best = j
        found.append((e_out[best], e_date[best], e_id[best]) if best is not None else
                     (None, None, None))
    first = pl.DataFrame(found, schema=columns, orient="row")
    return pl.concat([claims, first], how="horizontal")


def _info(name: str, paths: list[Path], articles: pl.DataFrame, claims: pl.DataFrame,
          pairs: pl.DataFrame, encoder: Encoder, settings: Settings, timer: _Timer, *,
          week: str | None, span: tuple, undated: int, index_dir: Path, new_articles: int,
          embedded: int, related: int, reextracted: int = 0) -> dict:
    files = ingest.find_files(paths)
    used = set(articles["path"].to_list())
    counts = {
        "articles": articles.height,
        "outlets": articles["outlet"].n_unique(),
        "claims": claims.height,
        "pairs": pairs.height,
        **{r: pairs.filter(pl.col("relation") == r).height for r in schema.RELATIONS},
        "unique": claims.filter(pl.col("unique")).height,
        "new_articles": new_articles,
        "embedded_texts": embedded,
        "related_pairs": related,
        "undated_skipped": undated,
        "reextracted_articles": reextracted,
    }
    return {
        "version": __version__,
        "name": name,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"),
        "model": encoder.model_id,
        "precision": encoder.precision,
        "prompt": encoder.prompt,
        "settings": settings.as_dict(),
        "inputs": [{"path": str(f), "sha256": ingest.file_sha256(f)} for f in files
                   if str(f) in used],
        "index_dir": str(index_dir),
        "week": week,
        "since": span[0].isoformat() if span[0] else None,
        "until": span[1].isoformat() if span[1] else None,
        "counts": counts,
        "timings": {k: round(v, 4) for k, v in timer.seconds.items()},
    }


def previous_run(reports_dir: Path | str, before_week: str) -> Path | None:
    """The latest complete weekly run under ``reports_dir`` for a week before ``before_week``.

    Weekly diffs compare week with week, so ad-hoc runs kept in the same folder are skipped.
    """
    import json

    found = []
    for run_json in Path(reports_dir).glob("*/run.json"):
        folder = run_json.parent
        hidden = folder.name.startswith(".")  # a run being written, or one set aside
        if hidden or not all((folder / f).exists() for f in RUN_FILES):
            continue
        try:
            info = json.loads(run_json.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        week = info.get("week")
        if week and week < before_week:
            found.append((week, info.get("created", ""), folder))
    return max(found)[2] if found else None
