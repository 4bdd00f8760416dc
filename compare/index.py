"""Index stage: the persistent corpus under ``indexes/`` (``--index-dir``).

The store keeps every article and claim seen so far, an embedding cache keyed by
(model, text) so nothing is embedded twice, and a FAISS inner-product index over the claims'
unit vectors. Each save writes a complete new generation folder and then atomically repoints
``CURRENT`` at it, so a run killed at any moment leaves the previous state intact. A lock file
keeps two runs from writing at once.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
from filelock import FileLock, Timeout

from compare import schema
from compare.errors import IndexMismatch, LockedError
from compare.files import fsync_tree, write_text

FORMAT = 1
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
LOCK = ".lock"

CACHE = {"key": pl.String, "vector": pl.List(pl.Float32)}
# Relations already decided, keyed by the ordered claim-id pair and the relation step's version.
RELATIONS = {"key": pl.String, "relation": pl.String, "reasons": pl.List(pl.String),
             "confidence": pl.Float64}


@dataclass
class Store:
    """The corpus in memory: articles, claims, the embedding cache and the claim index."""

    root: Path
    model: str
    dim: int
    articles: pl.DataFrame = field(default_factory=lambda: schema.empty(schema.ARTICLES))
    claims: pl.DataFrame = field(default_factory=lambda: schema.empty(schema.CLAIMS))
    cache_keys: list[str] = field(default_factory=list)
    cache_vectors: np.ndarray | None = None
    claim_vectors: np.ndarray | None = None
    relations: pl.DataFrame = field(default_factory=lambda: schema.empty(RELATIONS))
    generation: int = 0
    extractor: str | None = None  # compare.claims.extractor_signature of the stored claims

    def __post_init__(self) -> None:
        if self.cache_vectors is None:
            self.cache_vectors = np.zeros((0, self.dim), dtype=np.float32)
        if self.claim_vectors is None:
            self.claim_vectors = np.zeros((0, self.dim), dtype=np.float32)
        self._cache_pos = {k: i for i, k in enumerate(self.cache_keys)}

    # -- embedding cache -------------------------------------------------------------------
    def cached(self, keys: list[str]) -> tuple[np.ndarray, list[int]]:
        """Vectors for ``keys`` (zero rows where missing) and the positions that are missing."""
        out = np.zeros((len(keys), self.dim), dtype=np.float32)
        missing = []
        for row, key in enumerate(keys):
            pos = self._cache_pos.get(key)
            if pos is None:
                missing.append(row)
            else:
                out[row] = self.cache_vectors[pos]
        return out, missing

    def remember(self, keys: list[str], vectors: np.ndarray) -> None:
        """Add vectors to the embedding cache (keys already present are ignored)."""
        new = [(k, v) for k, v in zip(keys, vectors, strict=True) if k not in self._cache_pos]
        new = list(dict((k, v) for k, v in new).items())
        if not new:
            return
        start = len(self.cache_keys)
        self.cache_keys.extend(k for k, _ in new)
        self.cache_vectors = np.vstack([self.cache_vectors, np.stack([v for _, v in new])])
        self._cache_pos.update({k: start + i for i, (k, _) in enumerate(new)})

    # -- relation cache --------------------------------------------------------------------
    def known_relations(self, keys: list[str]) -> pl.DataFrame:
        """The cached relations among ``keys`` (a ``RELATIONS`` frame)."""
        return self.relations.filter(pl.col("key").is_in(keys))

    def remember_relations(self, decided: pl.DataFrame) -> None:
        """Cache relations (a ``RELATIONS`` frame); keys already cached keep their value."""
        fresh = decided.select(list(RELATIONS)).filter(
            ~pl.col("key").is_in(self.relations["key"].to_list())
        ).unique("key", keep="first", maintain_order=True)
        self.relations = pl.concat([self.relations, fresh])

    # -- corpus ----------------------------------------------------------------------------
    def known_articles(self) -> set[str]:
        return set(self.articles["article_id"].to_list())

    def add(self, articles: pl.DataFrame, claims: pl.DataFrame, vectors: np.ndarray) -> int:
        """Add articles and their claims (with one vector per claim); returns claims added."""
        schema.check(claims, schema.CLAIMS, "index")
        known = self.known_articles()
        new_articles = articles.filter(~pl.col("article_id").is_in(list(known)))
        keep = ~claims["article_id"].is_in(list(known)).to_numpy()
        new_claims = claims.filter(pl.Series(keep))
        self.articles = pl.concat([self.articles, new_articles.select(list(schema.ARTICLES))])
        self.claims = pl.concat([self.claims, new_claims.select(list(schema.CLAIMS))])
        self.claim_vectors = np.vstack([self.claim_vectors, vectors[keep]]).astype(np.float32)
        return new_claims.height

    def replace_claims(self, claims: pl.DataFrame, vectors: np.ndarray) -> None:
        """Replace every stored claim (re-extracted from the stored articles) and its vector."""
        schema.check(claims, schema.CLAIMS, "index")
        if len(vectors) != claims.height:
            raise ValueError(f"{claims.height} claims but {len(vectors)} vectors")
        self.claims = claims.select(list(schema.CLAIMS))
        self.claim_vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)

    def faiss_index(self):
        """A FAISS inner-product index over every stored claim, row i = ``claims`` row i."""
        import faiss

        index = faiss.IndexFlatIP(self.dim)
        if len(self.claim_vectors):
            index.add(np.ascontiguousarray(self.claim_vectors, dtype=np.float32))
        return index


# -- on disk ---------------------------------------------------------------------------------
def lock(root: Path, timeout: float = 600.0) -> FileLock:
    """The store's write lock; acquiring it waits up to ``timeout`` seconds."""
    root.mkdir(parents=True, exist_ok=True)
    return _Lock(str(root / LOCK), timeout=timeout)


class _Lock(FileLock):
    def acquire(self, *args, **kwargs):  # noqa: D102 - FileLock API
        try:
            return super().acquire(*args, **kwargs)
        except Timeout:
            raise LockedError(
                f"another claim-compare run is writing this index (waited {self.timeout:.0f} s)",
                path=self.lock_file,
                hint="wait for it to finish, raise --lock-timeout, or use another --index-dir",
            ) from None


def open_store(root: Path, model: str, dim: int) -> Store:
    """Load the store at ``root`` (an empty one if there is none yet).

    Refuses a store built with another model or dimension instead of mixing vectors.
    """
    gen_dir = _current(root)
    if gen_dir is None:
        return Store(root=root, model=model, dim=dim)
    manifest = _read_manifest(gen_dir)
    if manifest["model"] != model or manifest["dim"] != dim:
        raise IndexMismatch(
            f"index was built with model {manifest['model']!r} ({manifest['dim']}-d), "
            f"not {model!r} ({dim}-d)",
            path=root,
            hint="use the same --model, or give a fresh --index-dir for the new model",
        )
    return _load(gen_dir, manifest, root)


def save_store(store: Store) -> Path:
    """Write the store as a new generation and switch ``CURRENT`` to it atomically."""
    root = store.root
    root.mkdir(parents=True, exist_ok=True)
    generation = store.generation + 1
    name = f"gen-{generation:06d}"
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    try:
        _write_generation(store, tmp, generation)
        final = root / name
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
        write_text(root / CURRENT, name + "\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    store.generation = generation
    _prune(root, keep=name)
    return root / name


def _write_generation(store: Store, folder: Path, generation: int) -> None:
    import faiss

    store.articles.write_parquet(folder / "articles.parquet")
    store.claims.write_parquet(folder / "claims.parquet")
    cache = pl.DataFrame(
        {"key": store.cache_keys, "vector": list(store.cache_vectors)}, schema=CACHE
    )
    cache.write_parquet(folder / "embeddings.parquet")
    store.relations.write_parquet(folder / "relations.parquet")
    faiss.write_index(store.faiss_index(), str(folder / "claims.faiss"))
    manifest = {
        "format": FORMAT,
        "model": store.model,
        "dim": store.dim,
        "count": store.claims.height,
        "articles": store.articles.height,
        "cached_embeddings": len(store.cache_keys),
        "generation": generation,
        "extractor": store.extractor,
        "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "claim_ids": store.claims["claim_id"].to_list(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    fsync_tree(folder)


def _load(gen_dir: Path, manifest: dict, root: Path) -> Store:
    import faiss

    try:
        articles = pl.read_parquet(gen_dir / "articles.parquet")
        claims = pl.read_parquet(gen_dir / "claims.parquet")
        cache = pl.read_parquet(gen_dir / "embeddings.parquet")
        relations = pl.read_parquet(gen_dir / "relations.parquet")
        index = faiss.read_index(str(gen_dir / "claims.faiss"))
    except Exception as exc:
        raise IndexMismatch(
            f"index files are damaged: {exc}", path=gen_dir,
            hint="move the index directory away and run again to rebuild it",
        ) from None
    if claims.height != manifest["count"] or index.ntotal != manifest["count"] or (
        claims["claim_id"].to_list() != manifest["claim_ids"]
    ):
        raise IndexMismatch("index files disagree with the manifest", path=gen_dir,
                            hint="move the index directory away and run again to rebuild it")
    dim = manifest["dim"]
    vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, dim))
    cache_vectors = (
        np.asarray(cache["vector"].to_list(), dtype=np.float32).reshape(-1, dim)
    )
    return Store(
        root=root, model=manifest["model"], dim=dim,
        articles=schema.check(articles, schema.ARTICLES, "index"),
        claims=schema.check(claims, schema.CLAIMS, "index"),
        cache_keys=cache["key"].to_list(), cache_vectors=cache_vectors,
        claim_vectors=np.asarray(vectors, dtype=np.float32),
        relations=schema.check(relations, RELATIONS, "index"), generation=manifest["generation"],
        extractor=manifest.get("extractor"),
    )


def _current(root: Path) -> Path | None:
    pointer = root / CURRENT
    if not pointer.exists():
        return None
    name = pointer.read_text().strip()
    gen_dir = root / name
    if not name or not (gen_dir / MANIFEST).exists():
        raise IndexMismatch(f"CURRENT names {name!r}, which is missing or incomplete", path=root,
                            hint="move the index directory away and run again to rebuild it")
    return gen_dir


def _read_manifest(gen_dir: Path) -> dict:
    try:
        manifest = json.loads((gen_dir / MANIFEST).read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexMismatch(f"unreadable manifest: {exc}", path=gen_dir / MANIFEST,
                            hint="move the index directory away and run again") from None
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT}",
                            path=gen_dir / MANIFEST, hint="rebuild the index in a new --index-dir")
    return manifest


def _prune(root: Path, keep: str) -> None:
    for child in root.iterdir():
        stale_gen = child.name.startswith("gen-") and child.name != keep
        stale_tmp = child.name.startswith(".gen-")
        if child.is_dir() and (stale_gen or stale_tmp):
            shutil.rmtree(child, ignore_errors=True)
