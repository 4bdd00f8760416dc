"""What the reports say, on hand-made frames: the ranking of "What to check" tier by tier, a
person's verdicts, and the sections of each story."""

from __future__ import annotations

import polars as pl

from compare import schema
from compare.report.content import (
    AGREEMENTS,
    COVERAGE,
    stories_from_claims,
    story_sections,
    what_to_check,
)


def _number(text: str, value: float) -> dict:
    return {"text": text, "value": value, "low": value, "high": value, "approx": False,
            "unit": "", "slot": "injured", "start": 0, "end": len(text)}


def _claim(cid: str, outlet: str, text: str, *, story: int = 0, group: int | None = None,
           unique: bool = False, speaker: str | None = None, numbers: list | None = None,
           source: str | None = None, lang: str = "en", date: str = "2026-11-17") -> dict:
    return {"claim_id": cid, "article_id": f"art-{outlet}-{story}", "outlet": outlet,
            "lang": lang, "start": 0, "end": len(text), "text": text, "norm": "",
            "speaker": speaker, "numbers": numbers or [], "sentence": 0, "date": date,
            "group_id": group, "unique": unique, "first_outlet": None, "first_date": None,
            "first_claim_id": None, "source": source or outlet, "story_id": story}


def _pair(a: dict, b: dict, relation: str, *, kinds: tuple = (), reasons: tuple = (),
          confidence: float = 0.8, similarity: float = 0.9, same_text: bool = False,
          **extra) -> dict:
    return {"pair_id": f"{a['claim_id']}-{b['claim_id']}", "claim_id_a": a["claim_id"],
            "claim_id_b": b["claim_id"], "outlet_a": a["outlet"], "outlet_b": b["outlet"],
            "text_a": a["text"], "text_b": b["text"], "speaker_a": a["speaker"],
            "speaker_b": b["speaker"], "similarity": similarity, "relation": relation,
            "reasons": list(reasons), "confidence": confidence, "group_id": a["group_id"],
            "kinds": list(kinds), "same_text": same_text, **extra}


# Story 0: three outlets; story 1: two outlets; story 2: one outlet.
W1 = _claim("w1", "Wide A", "40 people were injured in the blast", group=1)
W2 = _claim("w2", "Wide B", "70 people were injured in the blast", group=1)
W3 = _claim("w3", "Wide C", "The blast injured 40 people, police said", group=1,
            speaker="police")
W4 = _claim("w4", "Wide A", "The army withdrew from the town", group=2)
W5 = _claim("w5", "Wide B", "The army took the town", group=2)
N1 = _claim("n1", "Narrow A", "Twelve were killed in the strike", story=1, group=3)
N2 = _claim("n2", "Narrow B", "Twenty were killed in the strike", story=1, group=3)
N3 = _claim("n3", "Narrow A", "The governor resigned on Monday", story=1, group=4)
N4 = _claim("n4", "Narrow B", "The governor resigned on Monday, a spokesman said", story=1,
            group=4, speaker="a spokesman")
ACCUSES = _claim("u1", "Narrow B", "The ministry accused the United States of shielding the "
                 "group", story=1, unique=True)
FIGURES = _claim("u2", "Wide C", "Three bridges were destroyed", unique=True,
                 numbers=[_number("Three", 3.0)])
QUOTE = _claim("u3", "Wide B", "The talks will go on, the minister said", unique=True,
               speaker="the minister")
PLAIN = _claim("u4", "Wide A", "The market reopened", unique=True)
ALONE = _claim("s1", "Lone", "A festival opened", story=2, unique=True)
CLAIMS = [W1, W2, W3, W4, W5, N1, N2, N3, N4, ACCUSES, FIGURES, QUOTE, PLAIN, ALONE]

PAIRS = [
    _pair(W4, W5, "contradict", reasons=("classifier: contradict 0.99",), confidence=0.99),
    _pair(N1, N2, "contradict", kinds=("numeric",), confidence=0.6),
    _pair(W1, W2, "contradict", kinds=("numeric",), confidence=0.9),
    _pair(N3, N2, "contradict", kinds=("numeric",), confidence=0.9),
    _pair(W1, W3, "agree", reasons=("attribution: (none) ≠ police",), confidence=0.7),
    _pair(N3, N4, "agree", reasons=("attribution: (none) ≠ a spokesman",), confidence=0.9),
    _pair(W2, W3, "related", reasons=("classifier: related 0.6",)),
]


def _frames(pairs: list[dict] = PAIRS, claims: list[dict] = CLAIMS):
    return schema.frame(claims, schema.CLAIMS_OUT), schema.frame(pairs, schema.PAIRS)


def _stories() -> pl.DataFrame:
    return stories_from_claims(schema.frame(CLAIMS, schema.CLAIMS_OUT))


def test_checks_are_ranked_tier_by_tier():
    checks = what_to_check(*_frames(), _stories())
    assert checks.columns == list(schema.CHECKS)
    assert checks["rank"].to_list() == list(range(1, checks.height + 1))
    rows = list(zip(checks["kind"], checks["type"], checks["pair_id"].fill_null(
        checks["claim_id_a"]), strict=True))
    assert rows == [
        # typed first; at equal confidence the story more outlets cover; the classifier last
        ("contradiction", "numeric", "w1-w2"),
        ("contradiction", "numeric", "n3-n2"),
        ("contradiction", "numeric", "n1-n2"),
        ("contradiction", "classifier", "w4-w5"),
        # then agreements whose attribution differs, higher confidence first
        ("attribution", "attribution", "n3-n4"),
        ("attribution", "attribution", "w1-w3"),
        # then one source's accusation, figures, quote; nothing for a plain claim
        ("single_source", "accusation", "u1"),
        ("single_source", "numbers", "u2"),
        ("single_source", "quote", "u3"),
    ]


def test_checks_carry_both_sides_and_their_languages():
    claims = [dict(c, lang="ar") if c is W2 else c for c in CLAIMS]
    first = what_to_check(*_frames(claims=claims)).row(0, named=True)
    assert (first["outlet_a"], first["outlet_b"]) == ("Wide A", "Wide B")
    assert (first["text_a"], first["text_b"]) == (W1["text"], W2["text"])
    assert (first["lang_a"], first["lang_b"], first["story_id"]) == ("en", "ar", 0)
    assert first["verdict"] is None
    single = what_to_check(*_frames()).filter(pl.col("kind") == "single_source")
    assert single["pair_id"].is_null().all() and single["text_b"].is_null().all()
    assert single.row(1, named=True)["reasons"] == ["figures: Three", "only Wide C carries it"]


def test_without_stories_the_width_is_counted_from_the_claims():
    assert what_to_check(*_frames())["pair_id"].head(3).to_list() == ["w1-w2", "n3-n2", "n1-n2"]


def test_a_wire_text_only_one_source_carries_is_one_check_naming_its_outlets():
    copies = [_claim(f"c{n}", outlet, "Five soldiers were killed", group=9, unique=True,
                     source="AFP", numbers=[_number("Five", 5.0)], date=f"2026-11-1{n}")
              for n, outlet in enumerate(("Paper", "Site", "Channel"))]
    checks = what_to_check(*_frames(pairs=[], claims=copies))
    assert checks.height == 1
    assert checks.row(0, named=True)["reasons"] == [
        "figures: Five", "only AFP carries it, printed by Paper, Site, Channel"]


def _judged(pair: dict, verdict: str, relation: str | None = None, **more) -> dict:
    return dict(pair, relation=relation or pair["relation"], model_relation=pair["relation"],
                verdict=verdict, verdict_by="Rana", verdict_at="2026-11-30T09:00:00+00:00",
                verdict_note=more.get("note"))


def test_a_persons_verdict_is_shown_and_judged_pairs_come_after_the_others():
    judged = [_judged(PAIRS[2], "confirm", note="the ministry gives 40"),
              _judged(PAIRS[5], "relabel", "contradict")]
    pairs = [p for p in PAIRS if p not in (PAIRS[2], PAIRS[5])] + judged
    frame = pl.DataFrame(pairs, schema={**schema.PAIRS}, orient="row")
    checks = what_to_check(schema.frame(CLAIMS, schema.CLAIMS_OUT), frame, _stories())
    contradictions = checks.filter(pl.col("kind") == "contradiction")
    assert contradictions["pair_id"].to_list() == ["n3-n2", "n1-n2", "w4-w5", "w1-w2", "n3-n4"]
    verdicts = dict(zip(checks["pair_id"], checks["verdict"], strict=True))
    assert verdicts["w1-w2"] == "confirmed by Rana on 2026-11-30: the ministry gives 40"
    assert verdicts["n3-n4"] == "relabelled agree → contradict by Rana on 2026-11-30"
    assert verdicts["n1-n2"] is None


def test_story_sections_most_divergent_first_one_outlet_stories_last():
    sections = story_sections(*_frames(), _stories())
    # stories 0 and 1 have two contradictions and three divergences each: 0 has more sources
    assert [s.story_id for s in sections] == [0, 1, 2]
    assert [s.single_outlet for s in sections] == [False, False, True]
    assert sections[1].anchor == "story-1"
    one_more = [*PAIRS, _pair(N3, N1, "contradict", kinds=("numeric",))]
    assert [s.story_id for s in story_sections(*_frames(one_more), _stories())] == [1, 0, 2]
    wide = sections[0]
    assert wide.divergences["pair_id"].to_list() == ["w1-w2", "w4-w5", "w1-w3"]
    assert wide.coverage.columns == list(COVERAGE)
    assert wide.coverage.rows() == [("Wide A", 1, 3, 1, 3, 1), ("Wide B", 1, 3, 1, 2, 1),
                                    ("Wide C", 1, 2, 1, 1, 1)]
    assert wide.related_count == 1 and wide.related_sample["pair_id"].to_list() == ["w2-w3"]
    assert wide.only_here_count == 3
    assert wide.only_here["claim_id_a"].to_list() == ["u2", "u3"]


def test_an_agreement_is_one_row_with_every_outlet_of_its_assertion():
    c = [_claim(f"g{n}", outlet, text, group=7, speaker=None, date=f"2026-11-1{n}")
         for n, (outlet, text) in enumerate((("One", "Rain fell on Monday in the city"),
                                             ("Two", "Rain fell in the city on Monday"),
                                             ("Three", "On Monday rain fell in the city"),
                                             ("Four", "Rain fell on Monday")))]
    pairs = [_pair(c[0], c[1], "agree"), _pair(c[1], c[2], "agree"),
             _pair(c[1], c[3], "agree", same_text=True)]
    [section] = story_sections(*_frames(pairs=pairs, claims=c), None)
    assert section.agreements.columns == list(AGREEMENTS)
    [row] = section.agreements.iter_rows(named=True)
    assert row["claim_id"] == "g1" and row["text"] == c[1]["text"]  # in every agreeing pair
    assert row["outlets"] == ["One", "Two", "Three", "Four"]
    assert (row["n_sources"], row["n_pairs"], row["same_text"]) == (4, 3, False)


def test_related_pairs_are_counted_and_a_few_shown():
    c = [_claim(f"r{n}", f"Outlet {n % 2}", f"Claim number {n}", group=n // 2)
         for n in range(10)]
    pairs = [_pair(c[n], c[n + 1], "related", similarity=0.8 + n / 100)
             for n in range(0, 10, 2)]
    [section] = story_sections(*_frames(pairs=pairs, claims=c), None)
    assert section.related_count == 5
    assert section.related_sample["pair_id"].to_list() == ["r8-r9", "r6-r7", "r4-r5"]


def test_a_pair_across_two_stories_is_filed_under_the_one_more_outlets_cover():
    across = _pair(ALONE, N1, "contradict", kinds=("numeric",), confidence=0.99)
    checks = what_to_check(*_frames([*PAIRS, across]), _stories())
    assert checks.row(0, named=True)["pair_id"] == "s1-n1"
    assert checks.row(0, named=True)["story_id"] == 1  # two outlets, not the lone one's story
    sections = {s.story_id: s for s in story_sections(*_frames([*PAIRS, across]), _stories())}
    assert "s1-n1" in sections[1].divergences["pair_id"].to_list()
    assert sections[2].divergences.is_empty() and sections[2].single_outlet
