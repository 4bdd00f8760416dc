"""The persistent store: round trip, model mismatch refused, atomic generations, lock."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from compare import schema
from compare.embed import normalise
from compare.errors import IndexMismatch, LockedError
from compare.store import lock, open_store, save_store
from compare.store.generations import CURRENT


def _claims(n: int, article: str = "art1") -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = pl.DataFrame([{
        "article_id": article, "outlet": "A", "title": None, "date": None, "url": None,
        "lang": "ar", "path": "x.txt", "line": None, "text": "نص " * n}], schema=schema.ARTICLES)
    claims = pl.DataFrame([{
        "claim_id": f"{article}-{i}", "article_id": article, "outlet": "A", "lang": "ar",
        "start": 3 * i, "end": 3 * i + 2, "text": "نص", "norm": "نص", "speaker": None,
        "numbers": [], "sentence": i, "date": None} for i in range(n)], schema=schema.CLAIMS)
    return articles, claims


def test_round_trip_keeps_claims_vectors_and_cache(tmp_path):
    store = open_store(tmp_path, "m", 4)
    articles, claims = _claims(3)
    vectors = normalise(np.random.default_rng(0).normal(size=(3, 4)))
    store.add(articles, claims, vectors)
    store.remember(["k1", "k2"], vectors[:2])
    save_store(store)
    again = open_store(tmp_path, "m", 4)
    assert again.claims["claim_id"].to_list() == ["art1-0", "art1-1", "art1-2"]
    assert np.allclose(again.claim_vectors, vectors)
    got, missing = again.cached(["k2", "zz", "k1"])
    assert missing == [1] and np.allclose(got[[0, 2]], vectors[[1, 0]])
    assert again.faiss_index().ntotal == 3


def test_adding_a_known_article_again_adds_nothing(tmp_path):
    store = open_store(tmp_path, "m", 4)
    articles, claims = _claims(2)
    vectors = normalise(np.ones((2, 4)))
    assert store.add(articles, claims, vectors) == 2
    assert store.add(articles, claims, vectors) == 0
    assert store.claims.height == 2


def test_index_of_another_model_is_refused(tmp_path):
    save_store(open_store(tmp_path, "model-a", 4))
    with pytest.raises(IndexMismatch, match="built with model 'model-a'") as info:
        open_store(tmp_path, "model-b", 4)
    assert "--index-dir" in info.value.hint


def test_only_the_current_generation_is_kept(tmp_path):
    store = open_store(tmp_path, "m", 4)
    save_store(store)
    save_store(store)
    assert (tmp_path / CURRENT).read_text().strip() == "gen-000002"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["gen-000002"]


def test_damaged_index_is_reported(tmp_path):
    store = open_store(tmp_path, "m", 4)
    articles, claims = _claims(2)
    store.add(articles, claims, normalise(np.ones((2, 4))))
    folder = save_store(store)
    (folder / "claims.parquet").write_bytes(b"garbage")
    with pytest.raises(IndexMismatch, match="damaged"):
        open_store(tmp_path, "m", 4)


def test_second_writer_gets_a_clear_error(tmp_path):
    with lock(tmp_path, timeout=0.1):
        with pytest.raises(LockedError, match="another claim-compare run"):
            with lock(tmp_path, timeout=0.1):
                pass
