"""Index generations: the persistent corpus under ``indexes/`` (``--index-dir``).

The store keeps every article and claim seen so far, an embedding cache keyed by
(model, text) so nothing is embedded twice, and a FAISS inner-product index over the claims'
unit vectors. Each save writes a complete new generation folder and then atomically repoints
``CURRENT`` at it, so a run killed at any moment leaves the previous state intact. A lock file
keeps two runs from writing at once.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

import numpy as np
import polars as pl

from compare import schema
from compare.errors import IndexMismatch
from compare.store.atomic import file_mode, fsync_tree, make_dir, storage, write_text
from compare.store.corpus import CACHE, RELATIONS, Store

FORMAT = 1
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
MANIFEST_KEYS = ("format", "model", "dim", "count", "generation", "claim_ids")

log = logging.getLogger(__name__)


def open_store(root: Path, model: str, dim: int) -> Store:
    """Load the store at ``root`` (an empty one if there is none yet).

    Refuses a store built with another model or dimension instead of mixing vectors. When the
    current generation is damaged, the previous one (kept for this) is loaded instead, with a
    warning; the next save replaces the damaged one.
    """
    try:
        gen_dir = _current(root)
    except IndexMismatch as damage:
        newest = _previous(root, "gen-999999")
        if newest is None:
            raise
        log.warning("claim-compare: %s; using the generation %s", damage.message, newest.name)
        return _open_generation(newest, root, model, dim)
    if gen_dir is None:
        return Store(root=root, model=model, dim=dim)
    try:
        return _open_generation(gen_dir, root, model, dim)
    except IndexMismatch as damage:
        previous = _previous(root, gen_dir.name)
        if previous is None or damage.model_mismatch:
            raise
        store = _open_generation(previous, root, model, dim)
        log.warning("claim-compare: the index generation %s is damaged (%s); using the "
                    "previous generation %s", gen_dir.name, damage.message, previous.name)
        return store


def _open_generation(gen_dir: Path, root: Path, model: str, dim: int) -> Store:
    manifest = _read_manifest(gen_dir)
    if manifest["model"] != model or manifest["dim"] != dim:
        mismatch = IndexMismatch(
            f"index was built with model {manifest['model']!r} ({manifest['dim']}-d), "
            f"not {model!r} ({dim}-d)",
            path=root,
            hint="use the same --model, or give a fresh --index-dir for the new model",
        )
        mismatch.model_mismatch = True
        raise mismatch
    return _load(gen_dir, manifest, root)


def _previous(root: Path, current: str) -> Path | None:
    """The newest complete generation older than ``current``."""
    older = sorted((p for p in root.glob("gen-*") if p.is_dir() and p.name < current
                    and (p / MANIFEST).exists()), reverse=True)
    return older[0] if older else None


def save_store(store: Store) -> Path:
    """Write the store as a new generation and switch ``CURRENT`` to it atomically."""
    root = store.root
    generation = store.generation + 1
    name = f"gen-{generation:06d}"
    with storage(root, "write the index"):
        tmp = make_dir(f".{name}-", root)
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
    for path in folder.iterdir():
        path.chmod(file_mode())
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
        relations=schema.check(_current_relations(relations), RELATIONS, "index"),
        generation=manifest["generation"],
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
    if not isinstance(manifest, dict):
        raise IndexMismatch("the manifest is not a JSON object", path=gen_dir / MANIFEST,
                            hint="move the index directory away and run again")
    if manifest.get("format") != FORMAT:
        raise IndexMismatch(f"index format {manifest.get('format')} is not {FORMAT}",
                            path=gen_dir / MANIFEST, hint="rebuild the index in a new --index-dir")
    missing = [k for k in MANIFEST_KEYS if k not in manifest]
    if missing:
        raise IndexMismatch(f"the manifest lacks {', '.join(map(repr, missing))}",
                            path=gen_dir / MANIFEST,
                            hint="move the index directory away and run again to rebuild it")
    return manifest


def _prune(root: Path, keep: str) -> None:
    """Remove older generations but the one before ``keep`` (the fallback when ``keep`` is
    found damaged), and temporary folders of interrupted saves."""
    previous = _previous(root, keep)
    kept = {keep, previous.name if previous else keep}
    for child in root.iterdir():
        stale_gen = child.name.startswith("gen-") and child.name not in kept
        stale_tmp = child.name.startswith(".gen-")
        if child.is_dir() and (stale_gen or stale_tmp):
            shutil.rmtree(child, ignore_errors=True)


def _current_relations(relations: pl.DataFrame) -> pl.DataFrame:
    """Cached relations of an older relation step (without ``kinds``) are dropped: their keys
    name an older step version, so nothing would reuse them."""
    return relations if "kinds" in relations.columns else schema.empty(RELATIONS)
