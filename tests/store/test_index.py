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


def test_the_current_and_the_previous_generation_are_kept(tmp_path):
    store = open_store(tmp_path, "m", 4)
    for _ in range(3):
        save_store(store)
    assert (tmp_path / CURRENT).read_text().strip() == "gen-000003"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["gen-000002",
                                                                         "gen-000003"]


def test_damaged_index_without_a_previous_generation_is_reported(tmp_path):
    store = open_store(tmp_path, "m", 4)
    articles, claims = _claims(2)
    store.add(articles, claims, normalise(np.ones((2, 4))))
    folder = save_store(store)
    (folder / "claims.parquet").write_bytes(b"garbage")
    with pytest.raises(IndexMismatch, match="damaged"):
        open_store(tmp_path, "m", 4)


def test_a_damaged_generation_falls_back_to_the_previous_one(tmp_path, caplog):
    store = open_store(tmp_path, "m", 4)
    articles, claims = _claims(2)
    store.add(articles, claims, normalise(np.ones((2, 4))))
    save_store(store)
    more, more_claims = _claims(3, article="art2")
    store.add(more, more_claims, normalise(np.ones((3, 4))))
    damaged = save_store(store)
    (damaged / "claims.faiss").write_bytes(b"garbage")
    again = open_store(tmp_path, "m", 4)
    assert again.generation == 1 and again.claims.height == 2
    assert "gen-000002 is damaged" in caplog.text and "gen-000001" in caplog.text
    save_store(again)  # the damaged generation is replaced, not kept
    assert open_store(tmp_path, "m", 4).claims.height == 2


def test_a_manifest_without_its_model_is_a_clear_error(tmp_path):
    import json

    folder = save_store(open_store(tmp_path, "m", 4))
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["model"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch, match="the manifest lacks 'model'"):
        open_store(tmp_path, "m", 4)


def test_second_writer_gets_a_clear_error(tmp_path):
    with lock(tmp_path, timeout=0.1):
        with pytest.raises(LockedError, match="another claim-compare run"):
            with lock(tmp_path, timeout=0.1):
                pass
