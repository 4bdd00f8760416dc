"""``--engine ray``: a run's heavy per-item work as Ray Data stages, on one machine or a cluster.

Each step is a dataset mapped with ``map_batches`` and read back on the driver:

- reading files: one row per article file, read by plain tasks; URLs are fetched by the
  driver's fetcher, which keeps each host's politeness limits and the one page cache;
- claims: the new articles as Arrow (``from_arrow``), extracted by plain tasks, article
  order kept;
- embedding: one row per model batch, the same batches the local engine encodes (longest
  texts first), so every vector is the one the local engine computes; encoded by an actor
  pool holding one model per actor;
- relating: one row per block of ``relate_block`` pairs, related by an actor pool holding one
  pair classifier per actor. Up to ``relate_block`` new pairs are related exactly as the local
  engine relates them; over several blocks the classifier batches other pairs together, and
  the padding changes its bf16 arithmetic: confidences move by noise, and a pair at one of the
  rules' thresholds can change its relation (2 of 2,365 pairs in ``bench/README.md``).

Alignment runs on the driver over the gathered vectors with the same FAISS code, and the
driver alone writes the index and the run folder. Every node of a cluster needs this package
(the driver ships its own ``compare`` through ``runtime_env``; the dependencies must be
installed there) and the model weights in its model cache (``$CLAIM_COMPARE_CACHE``).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import polars as pl

from compare import schema
from compare.config import Settings
from compare.embed import Encoder
from compare.errors import CompareError, NothingToCompare
from compare.ingest.files import read_articles
from compare.ingest.gather import read_all, split_inputs
from compare.ingest.walk import Skip, collect
from compare.runs.engine import LOCAL, Advance, EngineError, RaySettings
from compare.runs.stages import ARTICLE_BATCH

PACKAGE = Path(__file__).resolve().parent.parent
FILES_PER_TASK = 16


class RayEngine:
    """Maps reading, extraction, embedding and relating over a Ray cluster (see the module)."""

    name = "ray"

    def __init__(self, settings: Settings, ray_settings: RaySettings) -> None:
        self.settings, self.ray_settings = settings, ray_settings
        self.started = _connect(ray_settings)
        self.actors = ray_settings.actors or _default_actors(ray_settings.cpus_per_actor)

    def read(self, inputs: Sequence[Path | str], *, skipped: list | None = None,
             failed: list | None = None, on_progress: Advance | None = None,
             **web) -> pl.DataFrame:
        """The articles of ``inputs`` as :func:`compare.ingest.gather.read_all` reads them
        (same keywords): article files read by Ray tasks, URLs fetched here."""
        paths, urls = split_inputs(inputs)
        if not paths:
            return read_all(urls, skipped=skipped, failed=failed, on_progress=on_progress, **web)
        articles = self._read_files(paths, skipped)
        if on_progress is not None:
            on_progress(articles["path"].n_unique())
        if urls or web.get("sources"):
            try:
                fetched = read_all(urls, failed=failed, on_progress=on_progress, **web)
            except NothingToCompare:  # every URL failed, but the files gave articles
                fetched = articles.clear()
            articles = pl.concat([articles, fetched])
        return articles.unique(subset="article_id", keep="first", maintain_order=True)

    def _read_files(self, paths: list[Path], skipped: list | None) -> pl.DataFrame:
        skips: list[Skip] = []
        files, _ = collect(paths, skips)
        import ray

        items = [{"index": k, "path": str(f)} for k, f in enumerate(files)]
        ds = ray.data.from_items(items, override_num_blocks=_blocks(len(items), FILES_PER_TASK))
        rows = ds.map_batches(_read_files, batch_size=FILES_PER_TASK, batch_format="pyarrow",
                              num_cpus=1).take_all()
        frames = sorted(rows, key=lambda r: r["index"])
        if any(not r["ok"] for r in frames) or not any(r["rows"] for r in frames):
            # A file that is not read as it should be: read them all here, which names it
            # (or records it as skipped) exactly as a local run does.
            return read_articles(paths, skipped=skipped)
        for skip in skips:
            skip.warn()
        if skipped is not None:
            skipped.extend(skip.record() for skip in skips)
        articles = pl.concat([_from_ipc(r["frame"]) for r in frames])
        return articles.unique(subset="article_id", keep="first", maintain_order=True)

    def extract(self, articles: pl.DataFrame, settings: Settings,
                on_progress: Advance | None = None) -> pl.DataFrame:
        """The claims of ``articles``, article order kept, extracted by Ray tasks."""
        if not articles.height:
            return LOCAL.extract(articles, settings, on_progress)
        import pyarrow as pa
        import ray

        ds = ray.data.from_arrow(articles.to_arrow(compat_level=pl.CompatLevel.oldest()))
        ds = ds.repartition(_blocks(articles.height, ARTICLE_BATCH))
        tables = [t for t in ds.map_batches(
            _extract, fn_kwargs={"settings": settings}, batch_size=ARTICLE_BATCH,
            batch_format="pyarrow", num_cpus=1).iter_batches(batch_format="pyarrow",
                                                           batch_size=None)]
        claims = pl.from_arrow(pa.concat_tables(tables)) if tables else None
        if on_progress is not None:
            on_progress(articles.height)
        empty = LOCAL.extract(articles.clear(), settings)
        return empty if claims is None else claims.cast(empty.schema).select(empty.columns)

    def encode(self, encoder: Encoder, texts: list[str], batch_size: int,
               on_batch: Callable[[list[str]], None]) -> np.ndarray:
        """Unit vectors of ``texts`` in order, encoded by an actor pool of the run's model."""
        import ray

        batches = _length_batches(texts, batch_size)
        items = [{"batch": k, "texts": [texts[i] for i in rows]} for k, rows in enumerate(batches)]
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            _Encode, fn_constructor_kwargs={"model": self.settings.model,
                                            "precision": encoder.precision},
            **self._pool(len(items)))
        out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
        for row in ds.iter_rows():
            rows = batches[row["batch"]]
            out[rows] = np.frombuffer(row["vectors"], dtype=np.float32).reshape(len(rows), -1)
            on_batch([texts[i] for i in rows])
        return out

    def relate(self, pairs: pl.DataFrame, claims: pl.DataFrame, encoder: Encoder,
               settings: Settings, on_progress: Advance | None = None) -> pl.DataFrame:
        """``pairs`` with their relations, related by an actor pool of pair classifiers."""
        if not pairs.height:
            return LOCAL.relate(pairs, claims, encoder, settings, on_progress)
        import ray

        block = self.ray_settings.relate_block
        parts = [pairs.slice(start, block) for start in range(0, pairs.height, block)]
        items = [{"block": k, "pairs": _to_ipc(part),
                  "claims": _to_ipc(_claims_of(part, claims))} for k, part in enumerate(parts)]
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            _Relate, fn_constructor_kwargs={"model": settings.model,
                                            "precision": encoder.precision,
                                            "settings": settings},
            **self._pool(len(items)))
        done: dict[int, pl.DataFrame] = {}
        for row in ds.iter_rows():
            done[row["block"]] = _from_ipc(row["pairs"])
            if on_progress is not None:
                on_progress(done[row["block"]].height)
        return pl.concat([done[k] for k in range(len(parts))])

    def _pool(self, rows: int) -> dict:
        """``map_batches`` arguments of an actor pool, one row per call: no more actors than
        rows, each on ``cpus_per_actor`` CPUs."""
        import ray

        return {"batch_size": 1, "batch_format": "pyarrow",
                "compute": ray.data.ActorPoolStrategy(size=max(1, min(self.actors, rows))),
                "num_cpus": self.ray_settings.cpus_per_actor}

    def close(self) -> None:
        """Shut down the local Ray instance this engine started (a cluster stays up)."""
        if self.started:
            import ray

            ray.shutdown()
            self.started = False


def _connect(settings: RaySettings) -> bool:
    """Connect to the cluster or start a local instance; ``True`` when this call started Ray
    (and so should shut it down). An instance already running in this process is used."""
    import ray

    _quiet_data()
    if ray.is_initialized():
        return False
    address = settings.address
    common = {"logging_level": logging.ERROR, "log_to_driver": False,
              "include_dashboard": False}
    try:
        if address:
            # Workers elsewhere import this very package: ship it with the job.
            ray.init(address=address, runtime_env={"py_modules": [str(PACKAGE)]}, **common)
        else:
            memory = settings.object_store_mb
            ray.init(num_cpus=settings.local_cpus(),
                     object_store_memory=memory * 2**20 if memory else None, **common)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise EngineError(f"cannot start or reach {where}: {str(exc).splitlines()[0]}",
                          hint="start one with `ray start --head` and give its address with "
                               "--address or RAY_ADDRESS, or omit both for a local "
                               "instance") from None
    _quiet_data()
    return True


def _quiet_data() -> None:
    """No progress bars or execution banners from Ray Data on the terminal; results in input
    order."""
    import ray

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def _default_actors(cpus_per_actor: float) -> int:
    """One model copy per ``cpus_per_actor`` CPUs of the cluster."""
    import ray

    cpus = ray.cluster_resources().get("CPU", 1.0)
    return max(1, int(cpus // cpus_per_actor))


def _blocks(n: int, per_block: int) -> int:
    return max(1, -(-n // per_block))


def _length_batches(texts: list[str], batch_size: int) -> list[list[int]]:
    """The batches :func:`compare.embed.cache.encode_batches` encodes: longest texts first."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    return [order[start:start + batch_size] for start in range(0, len(order), batch_size)]


def _claims_of(pairs: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    ids = set(pairs["claim_id_a"].to_list()) | set(pairs["claim_id_b"].to_list())
    return claims.filter(pl.col("claim_id").is_in(list(ids)))


def _to_ipc(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_ipc(buffer)
    return buffer.getvalue()


def _from_ipc(data: bytes) -> pl.DataFrame:
    return pl.read_ipc(io.BytesIO(data))


# What runs on the workers: plain functions for tasks, classes for actor pools (one model each).

def _read_files(batch):
    """Article files read one by one; a file that is not read as it should be is marked, and
    the driver reads everything again to name it."""
    import pyarrow as pa

    out = {"index": [], "ok": [], "rows": [], "frame": []}
    for index, path in zip(batch["index"].to_pylist(), batch["path"].to_pylist(), strict=True):
        try:
            frame = read_articles([Path(path)])
        except CompareError:
            frame = None
        out["index"].append(index)
        out["ok"].append(frame is not None)
        out["rows"].append(0 if frame is None else frame.height)
        out["frame"].append(b"" if frame is None else _to_ipc(frame))
    return pa.table({**out, "frame": pa.array(out["frame"], pa.binary())})


def _extract(batch, settings: Settings):
    from compare.claims import extract_claims

    articles = pl.from_arrow(batch).cast(schema.ARTICLES).select(list(schema.ARTICLES))
    return extract_claims(articles, settings).to_arrow(compat_level=pl.CompatLevel.oldest())


class _Encode:
    """An embedding actor: the run's model, loaded once."""

    def __init__(self, model: str, precision: str) -> None:
        from compare.embed import load_encoder

        self.encoder = load_encoder(model, precision)

    def __call__(self, batch):
        import pyarrow as pa

        texts = batch["texts"].to_pylist()
        vectors = [self.encoder.encode(t, batch_size=len(t)).tobytes() for t in texts]
        return pa.table({"batch": batch["batch"], "vectors": pa.array(vectors, pa.binary())})


class _Relate:
    """A relating actor: the run's model and the pair classifier, loaded once."""

    def __init__(self, model: str, precision: str, settings: Settings) -> None:
        from compare.embed import load_encoder

        self.encoder, self.settings = load_encoder(model, precision), settings

    def __call__(self, batch):
        import pyarrow as pa

        from compare.relate import relate_pairs

        out = [_to_ipc(relate_pairs(_from_ipc(p), _from_ipc(c), self.encoder, self.settings))
               for p, c in zip(batch["pairs"].to_pylist(), batch["claims"].to_pylist(),
                               strict=True)]
        return pa.table({"block": batch["block"], "pairs": pa.array(out, pa.binary())})
