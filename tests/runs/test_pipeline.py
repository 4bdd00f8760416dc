"""End to end on the real model and index: the seeds, the Python API, re-runs and outputs."""

from __future__ import annotations

import json
import re
import shutil

import polars as pl
import pytest

import compare
from compare import schema
from compare.runs.history import OWN_FILES

DEFENSE = "اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية والغطاء للتنظيم"
HMEIMIM = "حمّلت القاعدة الروسية في حميميم، الجانب الأمريكي مسؤولية هجوم تنظيم"


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory, encoder, seeds_dir):
    root = tmp_path_factory.mktemp("seeds")
    return compare.run([seeds_dir], out=root / "out", index_dir=root / "idx", encoder=encoder)


def test_run_writes_every_file_in_the_schemas(seeds_run):
    out = seeds_run.out
    assert sorted(p.name for p in out.iterdir()) == sorted(OWN_FILES)
    schema.check(pl.read_parquet(out / "claims.parquet"), schema.CLAIMS_OUT, "test")
    schema.check(pl.read_parquet(out / "pairs.parquet"), schema.PAIRS, "test")
    info = json.loads((out / "run.json").read_text())
    assert info["counts"]["claims"] == seeds_run.claims.height
    assert set(info["timings"]) >= {"ingest", "claims", "embed", "index", "align", "relate"}
    assert {i["path"].rsplit("/", 1)[-1] for i in info["inputs"]} == {
        "000_ece09340e527c063.txt", "002_f8b117286f30ac5b.txt"}
    assert info["model"] == "multilingual-e5-small"


def test_claims_are_verbatim_spans(seeds_run):
    texts = dict(seeds_run.articles.select("article_id", "text").iter_rows())
    for row in seeds_run.claims.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]


def test_the_seed_accusations_align_as_agree_with_attribution(seeds_run):
    pairs = seeds_run.pairs
    hit = pairs.filter(
        (pl.col("text_a").str.contains(DEFENSE) & pl.col("text_b").str.contains(HMEIMIM))
        | (pl.col("text_b").str.contains(DEFENSE) & pl.col("text_a").str.contains(HMEIMIM))
    )
    assert hit.height == 1, pairs.select("text_a", "text_b", "similarity")
    row = hit.row(0, named=True)
    assert row["relation"] == "agree"
    attribution = [r for r in row["reasons"] if r.startswith("attribution")]
    assert attribution and "وزارة الدفاع الروسية" in attribution[0]
    assert "القاعدة الروسية في حميميم" in attribution[0]


RETREAT = "تراجع تنظيم «داعش» إلى أطراف مدينة البوكمال"
COUNTER_ATTACK = "أول هجوم مضاد كبير له يستهدف قوات النظام"


def test_claims_on_the_same_topic_but_not_the_same_assertion_never_contradict(seeds_run):
    # ISIS fell back to the edge of al-Bukamal / ISIS launched its first big counter-attack:
    # two different assertions; should the classifier read "retreat" against "attack", the
    # same-assertion test still keeps the pair from being a contradiction.
    pairs = seeds_run.pairs
    assert pairs.filter(pl.col("relation") == "contradict").height == 0
    hit = pairs.filter(
        (pl.col("text_a").str.contains(RETREAT) & pl.col("text_b").str.contains(COUNTER_ATTACK))
        | (pl.col("text_b").str.contains(RETREAT) & pl.col("text_a").str.contains(COUNTER_ATTACK))
    )
    assert hit.height == 1
    row = hit.row(0, named=True)
    assert row["relation"] == "related", row["reasons"]
    if any(r.startswith("classifier: contradict") for r in row["reasons"]):
        assert any(r.startswith("not the same assertion:") for r in row["reasons"]), row["reasons"]


# Two outlets: a figure that differs, and one statement told twice where one outlet says more
# (the classifier reads that as a contradiction; no number, denial or outcome differs).
GOLAN_A = ("وسقطت الطائرة فوق المنطقة المنزوعة السلاح في الجولان التي تفصل بين القوات السورية "
           "والقوات الإسرائيلية منذ اتفاق وقف إطلاق النار الذي أعقب حرب 1973.")
GOLAN_B = ("سقطت الطائرة بصاروخ باتريوت فوق المنطقة المنزوعة السلاح في الجولان التي تفصل "
           "بين القوات السورية والقوات الإسرائيلية منذ اتفاق وقف إطلاق النار الذي أعقب حرب 1973.")
BOMB = "أصيب {} شخصا في انفجار سيارة مفخخة وسط بغداد صباح الاثنين، بحسب مصادر في الشرطة."


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory, encoder):
    root = tmp_path_factory.mktemp("two")
    rows = [{"outlet": "وكالة أ", "date": "2026-11-16", "text": GOLAN_A + " " + BOMB.format(40)},
            {"outlet": "صحيفة ب", "date": "2026-11-16", "text": GOLAN_B + " " + BOMB.format(70)}]
    (root / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                   encoding="utf-8")
    return compare.run([root / "in.jsonl"], out=root / "out", index_dir=root / "idx",
                       encoder=encoder)


def pair_of(result, needle: str) -> dict:
    hit = result.pairs.filter(pl.col("text_a").str.contains(needle)
                              & pl.col("text_b").str.contains(needle))
    assert hit.height == 1, result.pairs.select("text_a", "text_b", "relation")
    return hit.row(0, named=True)


def test_a_run_flags_a_typed_contradiction_but_not_the_classifiers_alone(two_outlets):
    bomb = pair_of(two_outlets, "سيارة مفخخة")
    assert bomb["relation"] == "contradict"
    assert any(r.startswith("numeric: 40 ≠ 70") for r in bomb["reasons"]), bomb["reasons"]
    golan = pair_of(two_outlets, "المنزوعة السلاح")
    # The classifier reads a contradiction, but no number, denial or outcome differs.
    assert any(r.startswith("classifier: contradict") for r in golan["reasons"]), golan["reasons"]
    assert golan["relation"] != "contradict"


def test_the_same_assertion_test_is_read_from_the_settings(two_outlets, encoder, tmp_path):
    from compare.config import Settings

    strict = Settings(contradict_min_overlap=1.0, contradict_min_similarity=1.0)
    again = compare.run([two_outlets.out.parent / "in.jsonl"], index_dir=tmp_path / "idx",
                        encoder=encoder, settings=strict, write=False,
                        reports_dir=tmp_path / "reports")
    bomb = pair_of(again, "سيارة مفخخة")
    assert bomb["relation"] == "related"
    assert any(r.startswith("not the same assertion:") for r in bomb["reasons"]), bomb["reasons"]


def test_the_seed_pair_is_near_the_top_of_the_report(seeds_run):
    report = re.sub("</?b>", "", (seeds_run.out / "report.md").read_text(encoding="utf-8"))
    pair = seeds_run.pairs.filter(pl.col("text_a").str.contains(DEFENSE)
                                  | pl.col("text_b").str.contains(DEFENSE))
    pair = pair.filter(pl.col("text_a").str.contains(HMEIMIM)
                       | pl.col("text_b").str.contains(HMEIMIM))["pair_id"].item()
    checks = report.split("## What to check", 1)[1].split("\n## ", 1)[0]
    first_item = checks.split("\n2. ", 1)[0]
    assert "1. **Attribution differs**" in first_item and f"pair <code>{pair}</code>" in first_item
    diverging = report.split("**Diverging (", 1)[1].split("**Related", 1)[0]
    assert DEFENSE in diverging and HMEIMIM in diverging
    assert '<p dir="rtl">' in diverging


def test_unique_claims_have_no_group(seeds_run):
    claims = seeds_run.claims
    assert claims.filter(pl.col("unique")).height > 0
    assert claims.filter(pl.col("unique") & pl.col("group_id").is_not_null()).is_empty()
    paired = set(seeds_run.pairs["claim_id_a"]) | set(seeds_run.pairs["claim_id_b"])
    assert paired == set(claims.filter(~pl.col("unique"))["claim_id"])


def test_rerun_embeds_nothing_and_gives_the_same_pairs(seeds_run, encoder, seeds_dir, tmp_path):
    index_dir = tmp_path / "idx"
    shutil.copytree(seeds_run.out.parent / "idx", index_dir)
    again = compare.run([seeds_dir], out=tmp_path / "out", index_dir=index_dir, encoder=encoder)
    assert again.info.counts.embedded_texts == 0
    assert again.info.counts.new_articles == 0
    cols = ["claim_id_a", "claim_id_b", "relation"]
    assert again.pairs.select(cols).sort(cols).equals(seeds_run.pairs.select(cols).sort(cols))


def test_python_api_without_writing(encoder, seeds_dir, tmp_path):
    result = compare.run([seeds_dir], index_dir=tmp_path / "idx", encoder=encoder, write=False,
                         reports_dir=tmp_path / "reports")
    assert result.out is None and not (tmp_path / "reports").exists()
    assert result.pairs.height > 0


def test_claims_extracted_by_an_older_extractor_are_re_extracted(encoder, seeds_dir, tmp_path):
    from compare.claims import extractor_signature
    from compare.config import Settings
    from compare.store.generations import CURRENT, MANIFEST

    idx = tmp_path / "idx"
    first = compare.run([seeds_dir], index_dir=idx, encoder=encoder, write=False)
    compare.run([seeds_dir], out=tmp_path / "r1", index_dir=idx, encoder=encoder)
    gen = idx / (idx / CURRENT).read_text().strip()
    manifest = json.loads((gen / MANIFEST).read_text())
    assert manifest["extractor"] == extractor_signature(Settings())
    # An index written by an older extractor: other signature, numbers not extracted.
    stored = pl.read_parquet(gen / "claims.parquet")
    assert stored["numbers"].list.len().sum() > 0
    stored.with_columns(pl.col("numbers").list.head(0)).write_parquet(gen / "claims.parquet")
    (gen / MANIFEST).write_text(json.dumps({**manifest, "extractor": "v1|25|400"}))

    again = compare.run([seeds_dir], out=tmp_path / "r2", index_dir=idx, encoder=encoder)
    assert again.info.counts.reextracted_articles == 2
    assert again.info.counts.embedded_texts == 0  # vectors come from the cache
    assert again.claims["numbers"].list.len().sum() == first.claims["numbers"].list.len().sum()
    cols = ["claim_id_a", "claim_id_b", "relation"]
    assert again.pairs.select(cols).sort(cols).equals(first.pairs.select(cols).sort(cols))
    settled = compare.run([seeds_dir], out=tmp_path / "r3", index_dir=idx, encoder=encoder)
    assert settled.info.counts.reextracted_articles == 0
    # Claim settings are part of the signature: shorter claims re-extract every article.
    short = compare.run([seeds_dir], index_dir=idx, encoder=encoder, write=False,
                        settings=Settings(max_claim_chars=200))
    assert short.info.counts.reextracted_articles == 2
    assert short.claims["text"].str.len_chars().max() <= 200


def test_a_run_flags_contradictions_across_arabic_and_english(encoder, tmp_path):
    rows = [{"outlet": "Wire", "date": "2026-11-16", "lang": "en",
             "text": "A car bomb wounded 40 people in central Baghdad on Monday, police said. "
                     "The army took the town of Saraqib after heavy fighting. "
                     "The health minister resigned on Sunday."},
            {"outlet": "صحيفة ب", "date": "2026-11-16",
             "text": "أصيب 70 شخصا في انفجار سيارة مفخخة وسط بغداد يوم الاثنين، بحسب الشرطة. "
                     "انسحب الجيش من بلدة سراقب بعد معارك عنيفة. "
                     "ونفت الوزارة أن يكون وزير الصحة قد استقال يوم الأحد."}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False)
                                                 for r in rows), encoding="utf-8")
    result = compare.run([tmp_path / "in.jsonl"], index_dir=tmp_path / "idx", encoder=encoder,
                         write=False)
    flagged = result.pairs.filter(pl.col("relation") == "contradict")
    reasons = [r for row in flagged["reasons"].to_list() for r in row]
    assert flagged.height == 3, result.pairs.select("text_a", "text_b", "relation", "reasons")
    assert any(r.startswith("numeric: 40 ≠ 70") or r.startswith("numeric: 70 ≠ 40")
               for r in reasons), reasons
    assert any(r.startswith("antonym:") for r in reasons), reasons
    assert any(r.startswith("denial:") for r in reasons), reasons


def test_run_json_records_how_alignment_searched(seeds_run):
    info = json.loads((seeds_run.out / "run.json").read_text())
    n = seeds_run.claims.height
    assert info["index"] == {"kind": "flat", "size": n, "recall_at_10": 1.0}
    assert info["settings"]["relate_fast"] is True
