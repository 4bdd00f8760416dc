"""The corpus in memory: every article and claim seen so far, the embedding cache keyed by
(model, text) so nothing is embedded twice, the claims' vectors, and the relations already
decided (keyed by the ordered claim pair and the relation step's version)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from compare import schema
from compare.vectors import flat_index

CACHE = {"key": pl.String, "vector": pl.List(pl.Float32)}
# Relations already decided, keyed by the ordered claim-id pair and the relation step's version.
RELATIONS = {"key": pl.String, "relation": pl.String, "reasons": pl.List(pl.String),
             "confidence": pl.Float64, "kinds": pl.List(pl.String)}


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
        return flat_index(self.claim_vectors, self.dim)
