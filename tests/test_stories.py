"""Stories on hand-made frames and vectors, average linkage against brute force, and the real
stages on a few short articles."""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
import pytest

from compare import schema
from compare.align import align_claims
from compare.claims import extract_claims
from compare.config import Settings
from compare.embed import normalise
from compare.stories import STORIES, StoryParams, average_linkage, stories

# Two events of one kind share the first axis; the second and third tell them apart.
STRIKE_MONDAY = [1.0, 0.3, 0.0, 0.0]
STRIKE_LATER = [1.0, 0.0, 0.3, 0.0]
FOOTBALL = [0.0, 0.0, 0.0, 1.0]


def make_run(spec: list[tuple[str, str, str | None, list[float]]], n_claims: int = 3,
             aligned: tuple[tuple[str, str], ...] = ()):
    """Articles (id, outlet, date, direction), ``n_claims`` claims each near the direction, and
    pairs between the first claims of the ``aligned`` article ids."""
    rng = np.random.default_rng(0)
    articles, claims, vectors = [], [], []
    for article_id, outlet, date, direction in spec:
        articles.append({"article_id": article_id, "outlet": outlet, "date": date, "lang": "en",
                         "text": ""})
        for k in range(n_claims):
            claims.append({"claim_id": f"{article_id}-{k}", "article_id": article_id,
                           "outlet": outlet, "lang": "en", "text": f"{article_id} claim {k}",
                           "date": date, "group_id": None})
            vectors.append(np.array(direction) + rng.normal(0, 0.03, len(direction)))
    pairs = [{"claim_id_a": f"{a}-0", "claim_id_b": f"{b}-0", "similarity": 0.9, "group_id": g}
             for g, (a, b) in enumerate(aligned)]
    return (schema.frame(articles, schema.ARTICLES), schema.frame(claims, schema.CLAIMS_OUT),
            schema.frame(pairs, schema.PAIRS), normalise(np.array(vectors)))


def story_of(claims: pl.DataFrame) -> dict[str, int]:
    return dict(claims.group_by("article_id").agg(pl.col("story_id").first()).iter_rows())


def two_events(date_1: str | None, date_2: str | None):
    """Two outlets on each of two events of one kind; generic claims of the two events align."""
    return make_run([("a", "x", date_1, STRIKE_MONDAY), ("b", "y", date_1, STRIKE_MONDAY),
                     ("c", "x", date_2, STRIKE_LATER), ("d", "z", date_2, STRIKE_LATER)],
                    aligned=(("a", "b"), ("c", "d"), ("a", "d"), ("b", "c"), ("b", "d")))


def test_two_events_of_one_kind_on_different_days_stay_apart():
    claims, table = stories(*two_events("2026-01-05", "2026-01-20"))
    assert story_of(claims) == {"a": 0, "b": 0, "c": 1, "d": 1}
    assert table.select("n_articles", "first_date", "last_date").rows() == [
        (2, "2026-01-05", "2026-01-05"), (2, "2026-01-20", "2026-01-20")]


def test_without_dates_the_same_two_events_merge():
    claims, _ = stories(*two_events(None, None))
    assert set(story_of(claims).values()) == {0}


def test_three_outlets_on_one_event_are_one_story():
    run = make_run([("a", "x", "2026-01-05", STRIKE_MONDAY), ("b", "y", "2026-01-05",
                    STRIKE_MONDAY), ("c", "z", "2026-01-06", STRIKE_MONDAY)],
                   aligned=(("a", "b"), ("b", "c"), ("a", "c")))
    claims, table = stories(*run)
    assert set(claims["story_id"]) == {0}
    row = table.row(0, named=True)
    assert (row["outlets"], row["n_outlets"], row["n_sources"], row["n_articles"],
            row["n_claims"]) == (["x", "y", "z"], 3, 3, 3, 9)
    assert (row["first_date"], row["last_date"], row["langs"]) == (
        "2026-01-05", "2026-01-06", ["en"])


def test_two_articles_of_one_outlet_join_through_another_outlet():
    # a and a2 are both outlet x: alignment never pairs them, so their zero share is not held
    # against the story; a2 is further from the others than a is
    run = make_run([("a", "x", None, STRIKE_MONDAY), ("a2", "x", None, [1.0, 0.3, 0.55, 0.0]),
                    ("b", "y", None, STRIKE_MONDAY)], aligned=(("a", "b"), ("a2", "b")))
    claims, _ = stories(*run)
    assert story_of(claims) == {"a": 0, "a2": 0, "b": 0}


def test_no_cosine_alone_makes_a_story():
    run = make_run([("a", "x", None, STRIKE_MONDAY), ("b", "y", None, STRIKE_MONDAY)])
    claims, _ = stories(*run)
    assert story_of(claims) == {"a": 0, "b": 1}


def test_a_lone_article_is_its_own_story():
    run = make_run([("a", "x", "2026-01-05", STRIKE_MONDAY), ("b", "y", "2026-01-05",
                    STRIKE_MONDAY), ("m", "z", "2026-01-05", FOOTBALL)], aligned=(("a", "b"),))
    claims, table = stories(*run)
    assert story_of(claims) == {"a": 0, "b": 0, "m": 1}
    assert table.select("story_id", "n_articles", "outlets").rows() == [
        (0, 2, ["x", "y"]), (1, 1, ["z"])]


def test_an_article_without_claims_is_a_story_without_title():
    articles, claims, pairs, vectors = make_run([("a", "x", None, STRIKE_MONDAY)])
    articles = pl.concat([articles, schema.frame(
        [{"article_id": "e", "outlet": "y", "date": None, "lang": "ar", "text": ""}],
        schema.ARTICLES)])
    _, table = stories(articles, claims, pairs, vectors)
    assert table.select("n_articles", "n_claims", "title", "outlets", "langs").rows()[1] == (
        1, 0, None, ["y"], ["ar"])
    assert table["n_claims"].to_list() == [3, 0]


def test_numbering_is_the_same_whatever_the_input_order():
    spec = [("a", "x", "2026-01-20", STRIKE_LATER), ("b", "y", "2026-01-05", STRIKE_MONDAY),
            ("c", "z", "2026-01-05", STRIKE_MONDAY), ("d", "w", "2026-01-06", FOOTBALL),
            ("e", "v", "2026-01-04", FOOTBALL)]
    articles, claims, pairs, vectors = make_run(spec, aligned=(("b", "c"), ("d", "e")))
    first, table = stories(articles, claims, pairs, vectors)
    order = np.random.default_rng(1).permutation(claims.height)
    again, table_again = stories(articles.reverse(), claims[order], pairs, vectors[order])
    assert story_of(first) == story_of(again) == {"d": 0, "e": 0, "b": 1, "c": 1, "a": 2}
    assert table.equals(table_again)
    schema.check(table, STORIES, "test")


def test_title_is_the_central_claim_verbatim():
    articles, claims, pairs, _ = make_run([("a", "x", None, STRIKE_MONDAY),
                                           ("b", "y", None, STRIKE_MONDAY)], n_claims=2,
                                          aligned=(("a", "b"),))
    # b-1 lies between all the others: the highest mean cosine
    vectors = normalise(np.array([[1, 0.2, 0], [1, 0, 0.2], [1, -0.2, 0], [1, 0, 0]]))
    _, table = stories(articles, claims, pairs, vectors)
    assert table.select("title", "title_claim_id").row(0) == ("b claim 1", "b-1")


def test_a_claim_aligned_across_outlets_is_preferred_as_title():
    articles, claims, pairs, _ = make_run([("a", "x", None, STRIKE_MONDAY),
                                           ("b", "y", None, STRIKE_MONDAY)], n_claims=2,
                                          aligned=(("a", "b"),))
    claims = claims.with_columns(group_id=pl.when(pl.col("claim_id").is_in(["a-0", "b-0"]))
                                 .then(0).otherwise(None).cast(pl.Int64))
    # b-1 is the most central claim, b-0 the most central of the two aligned ones
    vectors = normalise(np.array([[1, 0.5, 0], [1, 0, 0.2], [1, 0.45, 0], [1, 0.2, 0.1]]))
    _, table = stories(articles, claims, pairs, vectors)
    assert table["title_claim_id"].to_list() == ["b-0"]


def test_a_source_column_counts_independent_sources():
    articles, claims, pairs, vectors = make_run(
        [("a", "x", None, STRIKE_MONDAY), ("b", "y", None, STRIKE_MONDAY),
         ("c", "z", None, STRIKE_MONDAY)], aligned=(("a", "b"), ("b", "c"), ("a", "c")))
    claims = claims.with_columns(source=pl.when(pl.col("outlet") == "z").then(pl.lit("z"))
                                 .otherwise(pl.lit("wire")))
    _, table = stories(articles, claims, pairs, vectors)
    assert table.select("n_outlets", "n_sources").row(0) == (3, 2)


def brute_average(vectors: np.ndarray, threshold: float) -> list[set[int]]:
    """Average linkage on the full cosine matrix, best merge first."""
    clusters = [{i} for i in range(len(vectors))]
    sims = vectors @ vectors.T
    while len(clusters) > 1:
        score, a, b = max((np.mean([sims[i, j] for i in x for j in y]), -ia, -ib)
                          for (ia, x), (ib, y) in itertools.combinations(enumerate(clusters), 2))
        if score < threshold:
            break
        clusters[-a] |= clusters.pop(-b)
    return sorted(clusters, key=min)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_average_linkage_matches_brute_force_when_every_pair_is_a_candidate(seed):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 6))
    vectors = normalise(centres[rng.integers(0, 4, 18)] + rng.normal(0, 0.6, (18, 6)))
    links = {(a, b): (float(vectors[a] @ vectors[b]), 0.0)
             for a, b in itertools.combinations(range(18), 2)}
    params = StoryParams(threshold=0.5, cosine_weight=1.0)
    label = average_linkage(vectors, links, np.full(18, -1), params)
    got = sorted(({i for i in range(18) if label[i] == x} for x in set(label)), key=min)
    assert got == brute_average(vectors, 0.5)


def test_unknown_parameter_and_mismatched_vectors_are_refused():
    articles, claims, pairs, vectors = make_run([("a", "x", None, STRIKE_MONDAY)])
    with pytest.raises(TypeError):
        stories(articles, claims, pairs, vectors, threshhold=0.5)
    with pytest.raises(ValueError, match="3 claims but 2 vectors"):
        stories(articles, claims, pairs, vectors[:2])


STRIKE_EN = (
    "Dock workers at the port of Beirut began an open-ended strike on Monday to demand higher "
    "wages. The strike halted the unloading of ships, the workers' union said. Union leader "
    "Ahmad Khalil said the workers would not return until the government raised salaries by "
    "40 percent. The port authority said about 30 ships were waiting offshore.")
STRIKE_AR = (
    "بدأ عمال مرفأ بيروت يوم الاثنين إضراباً مفتوحاً للمطالبة بزيادة الأجور. وأدى الإضراب إلى "
    "توقف تفريغ السفن، بحسب نقابة العمال. وقال رئيس النقابة أحمد خليل إن العمال لن يعودوا إلى "
    "العمل قبل أن ترفع الحكومة الرواتب بنسبة 40 في المئة. وأفادت إدارة المرفأ بأن نحو 30 سفينة "
    "تنتظر قبالة الساحل.")
FOOTBALL_EN = (
    "Al Ahly beat Zamalek 2-1 in the Cairo derby on Friday night. Striker Mohamed Sherif scored "
    "the winning goal in the 87th minute. The win lifted Al Ahly to the top of the Egyptian "
    "Premier League table. The Zamalek coach said his team had deserved at least a draw.")


def test_real_stages_one_strike_in_two_languages_and_a_match(encoder):
    articles = schema.frame([
        {"article_id": "en", "outlet": "wire.example", "date": "2026-03-02", "lang": "en",
         "text": STRIKE_EN},
        {"article_id": "ar", "outlet": "annahar.example", "date": "2026-03-02", "lang": "ar",
         "text": STRIKE_AR},
        {"article_id": "sport", "outlet": "sport.example", "date": "2026-03-02", "lang": "en",
         "text": FOOTBALL_EN},
    ], schema.ARTICLES)
    settings = Settings()
    claims = extract_claims(articles, settings)
    vectors = encoder.encode(claims["text"].to_list())
    claims_out, pairs = align_claims(claims, vectors, settings)
    claims_out, table = stories(articles, claims_out, pairs, vectors)
    assert story_of(claims_out) == {"ar": 0, "en": 0, "sport": 1}
    strike = table.row(0, named=True)
    assert (strike["outlets"], strike["langs"]) == (["annahar.example", "wire.example"],
                                                    ["ar", "en"])
    assert strike["title"] in claims_out.filter(pl.col("story_id") == 0)["text"].to_list()
