"""Stories on ECB+: does ``compare.stories`` put documents about one event together and keep two
events of the same kind apart?

Each ECB+ document is an article of its own outlet, undated. The run's real stages make its
claims, vectors and assertion groups (``compare.claims``, the default encoder, ``align_claims``
with the default settings); ``stories()`` groups the documents. Gold: a topic's ``ecb`` documents
are one event, its ``ecbplus`` documents another event of the same kind. Scores over document
pairs (precision, recall, F1), B-cubed F1, and the hard-negative share: of the document pairs of
one topic but different sub-topics, how many were wrongly put in one story. Train/dev topics
1–35 and test topics 36–45 are clustered and scored apart; ``--grid`` scores candidate
parameters on topics 1–35 only.

    nice -n 19 python bench/stories_ecbplus.py [--data ../shared/data/ecbplus/original] [--grid]

Vectors are cached under ``--cache`` (default ``/tmp/claim-compare-ecbplus``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import polars as pl

from compare import schema
from compare.align import align_claims
from compare.claims import extract_claims
from compare.config import Settings
from compare.stories import StoryParams, stories

DEFAULT_DATA = Path("../shared/data/ecbplus/original")
TRAIN, TEST = range(1, 36), range(36, 46)

_NO_SPACE_BEFORE = re.compile(r" ([,.;:?!%)\]}]|['’](?:s|re|ve|ll|d|m)\b|n't\b|'')")
_HYPHEN = re.compile(r"(?<=[a-z0-9]) - (?=[a-z0-9])")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


def detokenise(tokens: list[str]) -> str:
    """ECB+ tokens back to plain text, near enough for claims and vectors."""
    text = " ".join(tokens)
    text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", _HYPHEN.sub("-", text)))
    return text.replace("``", '"').replace("''", '"').replace(" ' ", "'")


def read_document(path: Path) -> str:
    """One document's text, a sentence per line. A sentence that is the page's URL (the first
    of most ``ecbplus`` documents) is left out: it is metadata, not text."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence")), []).append(token.text or "")
    lines = [detokenise(tokens) for _, tokens in sorted(sentences.items())]
    return "\n".join(line for line in lines if not line.startswith("http"))


def read_corpus(data: Path, topics: range) -> pl.DataFrame:
    """An ARTICLES frame of the documents of ``topics``, with the gold ``topic`` and
    ``subtopic`` (``3/ecb``, ``3/ecbplus``) columns added."""
    rows, gold = [], []
    for topic in topics:
        folder = data / "ECB+" / str(topic)
        if not folder.is_dir():
            continue  # topics 15 and 17 are not in the release
        for path in sorted(folder.glob("*.xml")):
            name = path.stem
            rows.append({"article_id": name, "outlet": name, "title": None, "date": None,
                         "url": None, "lang": "en", "path": str(path), "line": None,
                         "text": read_document(path)})
            gold.append((topic, f"{topic}/{'ecbplus' if name.endswith('ecbplus') else 'ecb'}"))
    articles = schema.frame(rows, schema.ARTICLES)
    return articles.with_columns(topic=pl.Series([g[0] for g in gold], dtype=pl.Int64),
                                 subtopic=pl.Series([g[1] for g in gold], dtype=pl.String))


def embed(texts: list[str], settings: Settings, cache: Path) -> np.ndarray:
    """The claims' vectors from the default encoder, cached on disk by their texts."""
    key = hashlib.sha1("\0".join([settings.model, settings.prompt, *texts]).encode()).hexdigest()
    path = cache / f"vectors-{key[:16]}.npy"
    if path.exists():
        return np.load(path)
    from compare.embed import load_encoder

    encoder = load_encoder(settings.model, settings.precision)
    vectors = encoder.encode(texts, batch_size=settings.batch_size)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors)
    tmp.replace(path)
    return vectors


def prepare(data: Path, topics: range, cache: Path):
    """Articles (with gold), aligned claims, pairs and vectors of ``topics``."""
    settings = Settings()
    articles = read_corpus(data, topics)
    claims = extract_claims(articles.select(list(schema.ARTICLES)), settings)
    vectors = embed(claims["text"].to_list(), settings, cache)
    claims_out, pairs = align_claims(claims, vectors, settings)
    return articles, claims_out, pairs, vectors


def pair_count(sizes) -> int:
    return int(sum(n * (n - 1) // 2 for n in sizes))


def score(gold: pl.DataFrame, story: np.ndarray) -> dict[str, float]:
    """Pairwise precision, recall and F1 over document pairs, B-cubed F1, and the share of
    same-topic different-sub-topic pairs put in one story (``hard``)."""
    frame = gold.select("topic", "subtopic").with_columns(story=pl.Series(story))
    def pairs(*keys):
        return pair_count(frame.group_by(*keys).len()["len"].to_list())
    tp, predicted, true = pairs("story", "subtopic"), pairs("story"), pairs("subtopic")
    p, r = tp / max(predicted, 1), tp / max(true, 1)
    hard_total = pairs("topic") - true
    hard_merged = pairs("story", "topic") - tp
    return {"P": p, "R": r, "F1": 2 * p * r / max(p + r, 1e-12), "B3": bcubed(frame),
            "hard": hard_merged / max(hard_total, 1), "stories": int(frame["story"].n_unique())}


def bcubed(frame: pl.DataFrame) -> float:
    both = frame.group_by("story", "subtopic").len().rename({"len": "both"})
    per_doc = (
        frame.join(both, on=["story", "subtopic"])
        .with_columns(in_story=pl.len().over("story"), in_gold=pl.len().over("subtopic"))
    )
    p = (per_doc["both"] / per_doc["in_story"]).mean()
    r = (per_doc["both"] / per_doc["in_gold"]).mean()
    return 2 * p * r / (p + r)


def cluster(run, pairs: bool = True, **params) -> np.ndarray:
    """The story of each document of ``run``, in the articles' order; ``pairs=False`` hides
    the aligned pairs from ``stories()`` (article cosines alone)."""
    articles, claims, aligned, vectors = run
    if not pairs:
        aligned = aligned.clear()
    claims_out, _ = stories(articles.select(list(schema.ARTICLES)), claims, aligned, vectors,
                            **params)
    story = dict(claims_out.select("article_id", "story_id").unique().iter_rows())
    lone = itertools.count(len(story) + 10**6)  # a document without claims stands alone
    return np.array([story.get(a, next(lone)) for a in articles["article_id"].to_list()])


def show(name: str, figures: dict[str, float]) -> str:
    return (f"{name}: pairwise P {figures['P']:.3f} R {figures['R']:.3f} F1 {figures['F1']:.3f}"
            f" | B3 F1 {figures['B3']:.3f} | hard negatives merged {figures['hard']:.3f}"
            f" | {figures['stories']} stories")


MARGINS = (0.05, 0.10, 0.125, 0.15, 0.175, 0.20, 0.25, 0.30, 0.40, 0.50)
COSINES = (0.93, 0.94, 0.95, 0.96, 0.97, 0.975, 0.98, 0.985, 0.99)


def candidates() -> list[tuple[str, dict]]:
    """(family, parameters) of every alternative the grid scores. Aligned share plus weighted
    cosine, thresholds at ``margin`` above the link of two articles at cosine 0.95 without
    aligned claims; and article cosines alone, without the pairs."""
    out = []
    for linkage, weight, margin in itertools.product(("average", "single"), (0.0, 0.5, 1.0, 2.0),
                                                     MARGINS):
        out.append((f"{linkage}, share + cosine", {
            "linkage": linkage, "cosine_weight": weight,
            "threshold": round(weight * 0.95 + margin, 4)}))
    for neighbours in (5, 20, 40):
        out.append(("average, default, other neighbours", {"neighbours": neighbours}))
    for linkage, cosine in itertools.product(("average", "single"), COSINES):
        out.append((f"{linkage}, cosine alone", {
            "linkage": linkage, "cosine_weight": 1.0, "threshold": cosine, "pairs": False}))
    return out


def grid(run) -> None:
    """Every candidate on one run, best B-cubed F1 first; then the best of each family."""
    rows = [(score(run[0], cluster(run, **params)), family, params)
            for family, params in candidates()]
    rows.sort(key=lambda r: -r[0]["B3"])
    best: dict[str, str] = {}
    for figures, family, params in rows:
        line = show(" ".join(f"{k}={v}" for k, v in params.items()), figures)
        best.setdefault(family, line)
        print(line)
    print("best of each family (B-cubed F1):")
    for family, line in best.items():
        print(f"  {family}: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claim-compare-ecbplus"))
    parser.add_argument("--grid", action="store_true",
                        help="score the candidate parameters on topics 1-35 only")
    args = parser.parse_args()
    if not (args.data / "ECB+").is_dir():
        print(f"skipped: ECB+ not found under {args.data} (expected {args.data}/ECB+/<topic>/"
              "*.xml; see ../shared/data/ecbplus/SOURCE.md)")
        sys.exit(0)
    print(f"stories parameters: {StoryParams()}")
    for name, topics in (("train/dev 1-35", TRAIN), ("test 36-45", TEST)):
        start = time.perf_counter()
        run = prepare(args.data, topics, args.cache)
        articles, claims, pairs, _ = run
        print(f"{name}: {articles.height} documents, {claims.height} claims, {pairs.height} "
              f"aligned pairs ({time.perf_counter() - start:.1f} s)")
        if args.grid:
            grid(run)  # tuning sees topics 1-35 only
            break
        print(show("  stories", score(articles, cluster(run))))
        print(show("  one story per topic", score(articles, articles["topic"].to_numpy())))
        print(show("  one story per document", score(articles, np.arange(articles.height))))
    grid_flag = " --grid" if args.grid else ""
    print(f"reproduce: nice -n 19 python bench/stories_ecbplus.py --data {args.data}{grid_flag}")

if __name__ == "__main__":
    main()
