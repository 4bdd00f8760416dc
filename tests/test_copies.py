"""The copies stage on small hand-made frames: shingles, blocked against exact candidate pairs,
wire credits, sources, claim copies and what the stage adds to claims and pairs."""

from __future__ import annotations

import random
import re

import numpy as np
import polars as pl
import pytest

from compare import schema
from compare.copies import (
    all_pairs,
    article_sources,
    candidate_pairs,
    components,
    copy_pairs,
    mark_copies,
    same_claim_text,
    shingle_sets,
    wire_credit,
)


def _text(rng: random.Random, words: int = 120) -> str:
    return " ".join(f"w{rng.randrange(3000)}" for _ in range(words))


def _republished(text: str, rng: random.Random) -> str:
    """A copy with light edits: a new first line, a tenth of the words gone, a credit."""
    ws = text.split()
    start = rng.randrange(len(ws) - len(ws) // 10)
    del ws[start:start + len(ws) // 10]
    return "breaking news headline\n" + " ".join(ws) + "\n(AFP)"


def _corpus(n: int, seed: int) -> tuple[list[str], list[str], list[int]]:
    """``n`` texts: originals and copies in other outlets; each text's original."""
    rng = random.Random(seed)
    texts, outlets, origin = [], [], []
    for row in range(n):
        if row and rng.random() < 0.4:
            source = rng.randrange(row)
            texts.append(_republished(texts[source], rng))
            origin.append(origin[source])
        else:
            texts.append(_text(rng))
            origin.append(row)
        outlets.append(f"outlet {rng.randrange(max(2, n // 2))}")
    return texts, outlets, origin


def test_shingles_are_the_same_in_every_call_and_empty_for_short_texts():
    a = shingle_sets(["one two three four five six", "one two"])
    b = shingle_sets(["x", "one two three four five six"])
    assert np.array_equal(a[0], b[1]) and a[0].size == 2
    assert a[1].size == 0 and b[0].size == 0


@pytest.mark.parametrize("n,seed", [(1, 0), (2, 1), (3, 2), (7, 3), (13, 4), (31, 5)])
def test_blocked_and_exact_candidates_give_the_same_copies(n, seed):
    texts, outlets, origin = _corpus(n, seed)
    blocked = copy_pairs(texts, outlets)
    exact = copy_pairs(texts, outlets, blocked=False)
    assert blocked.equals(exact)
    groups = components(n, blocked.select("i", "j").rows())
    assert np.array_equal(groups, components(n, exact.select("i", "j").rows()))
    for i, j in blocked.select("i", "j").rows():
        assert origin[i] == origin[j] and outlets[i] != outlets[j]


@pytest.mark.parametrize("max_postings", [2, 3, 5, 64])
def test_candidates_are_pairs_of_other_outlets_sharing_rare_shingles(max_postings):
    texts, outlets, _ = _corpus(17, 6)
    sets = shingle_sets(texts)
    found = candidate_pairs(sets, outlets, max_postings=max_postings, min_shared=1)
    every = {tuple(p) for p in all_pairs(outlets).tolist()}
    assert {tuple(p) for p in found.tolist()} <= every
    brute, common = set(), set()
    for i, j in every:
        shared = np.intersect1d(sets[i], sets[j])
        held = [sum(h in s for s in sets) for h in shared]
        if any(c <= max_postings for c in held):
            brute.add((i, j))
        elif held:
            common.add((i, j))
    # Every pair sharing a rare shingle, and some sharing only common ones (their chains).
    got = {tuple(p) for p in found.tolist()}
    assert brute <= got <= brute | common
    postings = np.unique(np.concatenate(sets), return_counts=True)[1]
    assert len(got - brute) <= postings[postings > max_postings].sum()


def _wire(n: int, seed: int) -> tuple[list[str], list[str]]:
    """One text printed by ``n`` outlets, each under its own headline and credit line."""
    body = _text(random.Random(seed), 200)
    return ([f"headline {k} of outlet {k}\n{body}\nsource: outlet {k}" for k in range(n)],
            [f"outlet {k}" for k in range(n)])


def test_a_text_printed_by_more_outlets_than_the_blocking_cap_is_one_source():
    texts, outlets = _wire(70, 21)  # every body shingle is held by 70 > MAX_POSTINGS rows
    got = article_sources(_articles([(o, t, None) for o, t in zip(outlets, texts, strict=True)]))
    assert got["copy_group"].to_list() == [0] * 70
    assert got["source"].to_list() == ["outlet 0"] * 70
    # Mixed with one outlet's runs of rows, every copy still joins.
    mixed = ["a"] * 30 + ["b"] * 30 + ["c"] * 10
    assert components(70, copy_pairs(texts, mixed).select("i", "j").rows()).tolist() == [0] * 70


@pytest.mark.parametrize("n", [100, 400])
def test_candidates_of_a_widely_printed_text_grow_linearly(n):
    texts, outlets = _wire(n, 22)
    pairs = candidate_pairs(shingle_sets(texts), outlets)
    assert n - 1 <= len(pairs) <= 2 * n  # a chain, not the n²/2 pairs of every copy


def test_an_outlets_own_duplicate_is_not_a_copy():
    text = _text(random.Random(7))
    assert copy_pairs([text, text], ["same", "same"]).is_empty()
    assert copy_pairs([text, text], ["one", "other"]).select("i", "j").rows() == [(0, 1)]


def test_components_number_groups_in_order_of_their_first_row():
    assert components(6, [(4, 5), (1, 4), (0, 2)]).tolist() == [0, 1, 0, 2, 1, 1]
    assert components(0, []).tolist() == []


@pytest.mark.parametrize("text,agency", [
    ("بيروت (أ ف ب) - قال مسؤول إن الغارة قتلت 12 شخصا", "AFP"),
    ("بيروت (أ.ف.ب) - قال مسؤول", "AFP"),
    ("PARIS (AFP) - Officials said twelve people were killed", "AFP"),
    ("WASHINGTON (AP) — The Pentagon said", "AP"),
    ("MOSCOW, May 5. /TASS/. Russia said", "TASS"),
    ("МОСКВА, 5 мая - РИА Новости. Министр заявил", "RIA Novosti"),
    ("دمشق-سانا\nقال مصدر عسكري", "SANA"),
    ("أنقرة/ الأناضول\nقال وزير الخارجية", "Anadolu"),
    ("دمشق 18 نوفمبر 2017 (شينخوا) تمكن الجيش", "Xinhua"),
    ("قال الجيش إن القوات تقدمت.\n(رويترز)", "Reuters"),
    ("The army said the troops advanced. (Reuters)", "Reuters"),
    ("قال الجيش إن القوات تقدمت.\nالمصدر: فرانس برس", "AFP"),
    ("Source: Reuters\nThe army said", "Reuters"),
    # mentions, not credits
    ("كسر الجيش الحصار منذ أكثر من 3 سنوات , حسب وكالة الأنباء السورية ( سانا ) .", None),
    ("وذكرت وكالة (رويترز) أن حسابات رسمية لأكراد سوريا قالت", None),
    ("قالت وكالة رويترز إن الجيش تقدم", None),
    ("السبت 20 آب - مصدر عسكري يعلن", None),
    ("العاصي - (متابعات)\n\nحمّلت القاعدة الروسية", None),
    ("", None),
])
def test_wire_credits_are_read_where_an_article_credits_its_source(text, agency):
    assert wire_credit(text) == agency


def _articles(rows: list[tuple[str, str, str | None]]) -> pl.DataFrame:
    return schema.frame([{"article_id": f"a{n}", "outlet": outlet, "text": text, "date": date,
                          "title": None, "url": None, "lang": "en", "path": "x", "line": None}
                         for n, (outlet, text, date) in enumerate(rows)], schema.ARTICLES)


def test_a_copy_group_is_named_after_the_agency_any_copy_credits():
    rng = random.Random(8)
    wire, own = _text(rng), _text(rng)
    frame = _articles([("A", wire, "2026-11-17"), ("B", "PARIS (AFP) - " + wire, "2026-11-18"),
                       ("C", wire, None), ("D", own, "2026-11-16")])
    got = article_sources(frame)
    assert got["source"].to_list() == ["AFP", "AFP", "AFP", "D"]
    assert got["agency"].to_list() == [True, True, True, False]
    assert got["copy_group"].to_list() == [0, 0, 0, 1]
    assert got.equals(article_sources(frame, blocked=False))


def test_an_uncredited_copy_group_is_named_after_its_earliest_outlet():
    wire = _text(random.Random(9))
    frame = _articles([("undated", wire, None), ("late", wire, "2026-11-18"),
                       ("early", wire, "2026-11-17")])
    assert article_sources(frame)["source"].to_list() == ["early"] * 3
    undated = _articles([("first", wire, None), ("second", wire, None)])
    assert article_sources(undated)["source"].to_list() == ["first"] * 2


def test_claims_are_one_text_when_near_identical_with_the_same_figures():
    a = "قال الجيش إن 12 شخصا قتلوا في الغارة على بلدة سراقب صباح الأحد"
    assert same_claim_text(a, a + " (ا ف ب)")
    assert same_claim_text(a, a.replace("الغارة", "غارة"))
    assert not same_claim_text(a, a.replace("12", "15"))
    assert not same_claim_text("قتل 5 اشخاص", "قتل 5 اشخاص")  # too short to tell
    assert not same_claim_text(a, "قالت وزارة الصحة إن عدد القتلى في سراقب ارتفع صباح الأحد")


def _claim(cid: str, article: str, outlet: str, text: str, group: int | None) -> dict:
    return {"claim_id": cid, "article_id": article, "outlet": outlet, "lang": "ar", "start": 0,
            "end": len(text), "text": text, "norm": text, "speaker": None, "numbers": [],
            "sentence": 0, "date": "2026-11-16", "group_id": group, "unique": group is None,
            "first_outlet": None, "first_date": None, "first_claim_id": None}


def _pair(a: dict, b: dict) -> dict:
    return {"claim_id_a": a["claim_id"], "claim_id_b": b["claim_id"], "outlet_a": a["outlet"],
            "outlet_b": b["outlet"], "text_a": a["text"], "text_b": b["text"],
            "speaker_a": None, "speaker_b": None, "similarity": 0.95, "relation": "agree",
            "reasons": ["classifier: agree 0.90"], "confidence": 0.9,
            "group_id": a["group_id"], "kinds": [], "same_text": None}


SHARED = "قال الجيش إن 12 شخصا قتلوا في الغارة على بلدة سراقب صباح الأحد"


def test_the_stage_collapses_copies_into_one_source():
    rng = random.Random(10)
    wire, own = _text(rng), _text(rng)
    articles = _articles([("A", "PARIS (AFP) - " + wire, None), ("B", wire, None),
                          ("C", wire + "\nw1 w2 w3", None), ("D", own, None)])
    rows = [_claim("a", "a0", "A", SHARED, 0), _claim("b", "a1", "B", SHARED, 0),
            _claim("c", "a2", "C", SHARED + " أيضا", 0),
            _claim("d", "a3", "D", "أعلن الجيش مقتل 12 شخصا بغارة على سراقب", 0),
            _claim("e", "a1", "B", "وأضاف أن الطائرات حلقت فوق المدينة طوال الليل", 1),
            _claim("f", "a2", "C", "وأضاف أن الطائرات حلقت فوق المدينة طوال الليل", 1),
            _claim("g", "a3", "D", "ونفت المعارضة وجود مقاتلين في البلدة", None)]
    claims = schema.frame(rows, {**schema.CLAIMS_OUT})
    by = {r["claim_id"]: r for r in rows}
    pairs = schema.frame([_pair(by[x], by[y]) for x, y in
                          ("ab", "ac", "bc", "ad", "bd", "cd", "ef")], schema.PAIRS)
    claims, pairs = mark_copies(articles, claims.drop("source"), pairs)
    schema.check(claims, schema.CLAIMS_OUT, "test")
    assert dict(claims.select("claim_id", "source").iter_rows()) == {
        "a": "AFP", "b": "AFP", "c": "AFP", "d": "D", "e": "AFP", "f": "AFP", "g": "D"}
    assert dict(claims.select("claim_id", "unique").iter_rows()) == {
        "a": False, "b": False, "c": False, "d": False, "e": True, "f": True, "g": True}
    same = dict(zip(pairs["claim_id_a"] + pairs["claim_id_b"], pairs["same_text"], strict=True))
    assert same == {"ab": True, "ac": True, "bc": True, "ad": False, "bd": False, "cd": False,
                    "ef": True}
    reasons = pairs.filter(pl.col("same_text"))["reasons"].to_list()
    assert all(r[0] == "classifier: agree 0.90" for r in reasons)
    assert all(r[-1] == "same wire text: AFP → 3 outlets" for r in reasons[:3])
    assert reasons[3][-1] == "same wire text: AFP → 2 outlets"
    assert pairs.filter(~pl.col("same_text"))["reasons"].to_list() == [
        ["classifier: agree 0.90"]] * 3


def test_shared_paragraphs_of_two_own_reports_take_the_first_outlets_source():
    rng = random.Random(11)
    articles = _articles([("X", _text(rng), "2026-11-17"), ("Y", _text(rng), "2026-11-18")])
    rows = [_claim("x", "a0", "X", SHARED, 0), _claim("y", "a1", "Y", SHARED, 0),
            _claim("z", "a1", "Y", "ونفت المعارضة وجود مقاتلين في البلدة الليلة", None)]
    rows[0]["date"], rows[1]["date"], rows[2]["date"] = "2026-11-17", "2026-11-18", "2026-11-18"
    pairs = schema.frame([_pair(rows[0], rows[1])], schema.PAIRS)
    claims, pairs = mark_copies(articles, schema.frame(rows, schema.CLAIMS_OUT).drop("source"),
                                pairs)
    assert claims["source"].to_list() == ["X", "X", "Y"]
    assert claims["unique"].to_list() == [True, True, True]
    assert pairs["same_text"].to_list() == [True]
    assert pairs["reasons"].to_list()[0][-1] == "same text: X republished by Y"


def test_the_seeds_are_two_reports_not_copies(seeds_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    assert copy_pairs(texts, ["one", "other"], blocked=False).is_empty()
    assert [wire_credit(t) for t in texts] == [None, None]


# --- end to end: one wire text in three outlets, a fourth outlet's own report ---------------

PARAGRAPHS = [
    "قتل 12 مدنيا على الأقل وأصيب 30 آخرون في غارات جوية استهدفت بلدة سراقب في ريف إدلب "
    "الشرقي صباح الأحد، بحسب المرصد السوري لحقوق الإنسان.",
    "وقال مدير المرصد رامي عبد الرحمن إن الطائرات الحربية شنت أكثر من عشر غارات على الأحياء "
    "السكنية والسوق الرئيسية في البلدة.",
    "وأوضح أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض المباني المدمرة، مرجحا ارتفاع "
    "حصيلة القتلى.",
    "وتأتي الغارات بعد يومين من إعلان الجيش السوري بدء عملية عسكرية واسعة لاستعادة المناطق "
    "الواقعة جنوب شرق إدلب.",
    "ونزح آلاف المدنيين خلال الأسبوع الماضي من القرى القريبة من خطوط التماس باتجاه الحدود "
    "التركية هربا من القصف.",
]
OWN_REPORT = [
    "سراقب تحت القصف مجددا",
    "أسفرت غارات جوية على بلدة سراقب بريف إدلب الشرقي صباح الأحد عن مقتل 12 مدنيا على الأقل "
    "وإصابة 30 آخرين، وفق المرصد السوري لحقوق الإنسان.",
    "وقال مراسلنا في المنطقة إن سيارات الإسعاف نقلت الجرحى إلى مستشفيات قريبة من الحدود مع "
    "تركيا.",
    "وأكد ناشطون محليون أن القصف طال سوق البلدة المزدحم في ساعات الصباح.",
]
WIRE_OUTLETS = ("صحيفة أ", "موقع ب", "قناة ج")
OWN = "جريدة د"
KILLED = "مدنيا على الأقل"


@pytest.fixture(scope="module")
def wire_run(tmp_path_factory, encoder):
    import json

    import compare

    root = tmp_path_factory.mktemp("wire")
    texts = [
        "غارات جوية تقتل 12 مدنيا في سراقب\n" + "\n".join(PARAGRAPHS),
        "مقتل مدنيين بقصف على ريف إدلب\n" + "\n".join(PARAGRAPHS[:2] + PARAGRAPHS[3:]),
        "غارات جوية تقتل 12 مدنيا في سراقب\nبيروت (أ ف ب) - " + "\n".join(PARAGRAPHS),
        "\n".join(OWN_REPORT),
    ]
    rows = [{"outlet": outlet, "date": "2026-11-16", "text": text}
            for outlet, text in zip((*WIRE_OUTLETS, OWN), texts, strict=True)]
    (root / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                   encoding="utf-8")
    return compare.run([root / "in.jsonl"], out=root / "out", index_dir=root / "idx",
                       encoder=encoder)


def test_three_copies_of_a_wire_text_are_one_source(wire_run):
    sources = dict(wire_run.claims.group_by("outlet").agg(pl.col("source").unique()).rows())
    assert sources == {**{o: ["AFP"] for o in WIRE_OUTLETS}, OWN: [OWN]}
    pairs = wire_run.pairs
    copies = pairs.filter(pl.col("outlet_a").is_in(WIRE_OUTLETS)
                          & pl.col("outlet_b").is_in(WIRE_OUTLETS))
    own = pairs.filter((pl.col("outlet_a") == OWN) | (pl.col("outlet_b") == OWN))
    assert copies.height >= 3 and own.height >= 3
    assert copies["same_text"].all() and not own["same_text"].any()
    for reasons in copies["reasons"].to_list():
        assert reasons[-1] in ("same wire text: AFP → 3 outlets",
                               "same wire text: AFP → 2 outlets"), reasons
    assert not any(r.startswith("same") for rs in own["reasons"].to_list() for r in rs)


def test_the_independent_report_keeps_its_assertion_from_being_only_one_source(wire_run):
    killed = wire_run.claims.filter(pl.col("text").str.contains(KILLED))
    assert killed["outlet"].sort().to_list() == sorted((*WIRE_OUTLETS, OWN))
    assert killed["group_id"].n_unique() == 1 and not killed["unique"].any()
    agree = wire_run.pairs.filter(pl.col("text_a").str.contains(KILLED)
                                  & pl.col("text_b").str.contains(KILLED)
                                  & ~pl.col("same_text"))
    assert agree.height == 3 and (agree["relation"] == "agree").all()
    headline = wire_run.claims.filter(pl.col("text") == "غارات جوية تقتل 12 مدنيا في سراقب")
    assert headline.height == 2 and headline["unique"].all()


def test_the_report_counts_independent_sources_and_names_the_copies(wire_run):
    report = (wire_run.out / "report.md").read_text(encoding="utf-8")
    assert "4 articles from 4 outlets (2 independent sources)" in report
    assert "## Republished text (1)" in report
    assert "- same wire text: AFP → صحيفة أ, موقع ب, قناة ج" in report
    agreed = report.split("**Agreed (", 1)[1].split("\n\n**", 1)[0]
    assert re.search(r"^- <bdi>«.*12.*»</bdi> — .*: 2 independent sources$", agreed, re.M), agreed
    unique = report.split("**Only one source (", 1)[1].split("\n## ", 1)[0]
    assert "only AFP carries it, printed by صحيفة أ, قناة ج" in unique
    assert f"only {OWN} carries it" not in unique


def test_runs_written_before_copies_were_detected_are_read_and_diffed(wire_run, tmp_path):
    import shutil

    import compare
    from compare.runs.history import load_run

    old = tmp_path / "old"
    shutil.copytree(wire_run.out, old)
    pl.read_parquet(old / "claims.parquet").drop("source").write_parquet(old / "claims.parquet")
    pl.read_parquet(old / "pairs.parquet").drop("same_text").write_parquet(old / "pairs.parquet")
    run = load_run(old)
    assert run.claims["source"].to_list() == run.claims["outlet"].to_list()
    assert run.pairs["same_text"].to_list() == [False] * run.pairs.height
    result = compare.diff(old, wire_run.out, out=tmp_path / "diff")
    assert (tmp_path / "diff" / "diff.md").is_file()
    assert result.frame.filter(pl.col("kind") == "pair").is_empty()
