"""Claims extraction on the shipped seeds and on hand-written articles."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import polars as pl
import pytest

from compare import schema
from compare.claims import extract_claims
from compare.config import Settings
from compare.text.sentences import split_sentences

SEED_000 = "000_ece09340e527c063.txt"
SEED_002 = "002_f8b117286f30ac5b.txt"

ENGLISH = """BEIRUT (Reuters) - Russia's defence ministry said on Friday that U.S. forces had let \
Islamic State fighters move freely near Deir al-Zor, an accusation Washington denied.
"We are surprised by the verbal manipulation of the U.S. defence secretary," said Igor \
Konashenkov, the ministry spokesman. He added that more than 40 militants were killed in strikes \
over the past 24 hours.
At least 25 people were wounded, according to the Syrian Observatory for Human Rights.
Fighting continued around the city while aid convoys waited at the border crossing.
Weltkugelbrunnen is made of granite that is very black.
Reporting by John Davison; Editing by Alison Williams
"""


def article(article_id: str, text: str, lang: str | None = "ar", outlet: str = "outlet",
            date: str | None = "2017-09-24") -> dict:
    return {"article_id": article_id, "outlet": outlet, "title": None, "date": date,
            "url": None, "lang": lang, "path": f"{article_id}.txt", "line": None, "text": text}


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=schema.ARTICLES)


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, str]:
    return {name: (seeds_dir / name).read_text(encoding="utf-8") for name in (SEED_000, SEED_002)}


@pytest.fixture(scope="module")
def seed_claims(seeds: dict[str, str]) -> pl.DataFrame:
    rows = [article(name, text, outlet=name[:3]) for name, text in seeds.items()]
    return extract_claims(frame(*rows))


def claims_of(claims: pl.DataFrame, article_id: str) -> list[dict]:
    return claims.filter(pl.col("article_id") == article_id).to_dicts()


def claim_containing(claims: pl.DataFrame, needle: str) -> dict:
    found = [c for c in claims.to_dicts() if needle in c["text"]]
    assert len(found) == 1, f"{len(found)} claims contain {needle!r}"
    return found[0]


# ---- the seeds -----------------------------------------------------------------------------

def test_output_has_exactly_the_claims_columns(seed_claims: pl.DataFrame) -> None:
    assert list(seed_claims.columns) == list(schema.CLAIMS)
    assert dict(seed_claims.schema) == schema.CLAIMS
    schema.check(seed_claims, schema.CLAIMS, "test")


def test_every_claim_is_a_verbatim_span(seed_claims: pl.DataFrame, seeds: dict[str, str]) -> None:
    assert seed_claims.height >= 20
    for claim in seed_claims.to_dicts():
        text = seeds[claim["article_id"]]
        assert text[claim["start"]:claim["end"]] == claim["text"]
        assert claim["text"] == claim["text"].strip()
        assert claim["text"][-1] not in ".،,:"


def test_datelines_and_source_lines_are_not_claims(seed_claims: pl.DataFrame,
                                                   seeds: dict[str, str]) -> None:
    for line in ("العاصي - (متابعات)", "المصدر: بلدي نيوز", "المصدر: وكالات"):
        name = next(n for n, t in seeds.items() if line in t)
        at = seeds[name].index(line)
        for claim in claims_of(seed_claims, name):
            assert claim["end"] <= at or claim["start"] >= at + len(line)
            assert "المصدر" not in claim["text"] and "متابعات" not in claim["text"]


def test_seed_dateline_and_source_are_marked_in_the_sentences(seeds: dict[str, str]) -> None:
    text = seeds[SEED_002]
    sentences = split_sentences(text)
    dropped = [text[s.start:s.end] for s in sentences if not s.keep]
    assert dropped == ["العاصي - (متابعات)", "المصدر: بلدي نيوز"]
    text = seeds[SEED_000]
    assert [text[s.start:s.end] for s in split_sentences(text) if not s.keep] == ["المصدر: وكالات"]


def test_seed_000_lead_is_the_russian_ministry(seed_claims: pl.DataFrame) -> None:
    claim = claim_containing(seed_claims, "اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية"
                                          " والغطاء للتنظيم")
    assert claim["text"].startswith("على وقع تزايد هجمات")
    assert claim["speaker"] == "وزارة الدفاع الروسية"
    assert claim["sentence"] == 0
    assert [(n["text"], n["slot"]) for n in claim["numbers"]] == [("24", "hours")]


def test_seed_002_lead_is_the_hmeimim_base(seed_claims: pl.DataFrame) -> None:
    claim = claim_containing(seed_claims, "حمّلت القاعدة الروسية في حميميم، الجانب الأمريكي مسؤولية"
                                          " هجوم تنظيم")
    assert claim["speaker"] == "القاعدة الروسية في حميميم"
    assert claim["sentence"] == 1  # sentence 0 is the dateline
    killed = [n for n in claim["numbers"] if n["slot"] == "killed"]
    assert [(n["low"], n["high"]) for n in killed] == [(20, 99)]


def test_speakers_carry_over_only_with_a_cue(seed_claims: pl.DataFrame) -> None:
    added = claim_containing(seed_claims, "وأضاف: «ننصح وزير الدفاع الأميركي")
    assert added["speaker"] == "كوناشينكوف"
    assert claim_containing(seed_claims, "لافتاً إلى أن توسّع")["speaker"] == \
        "الناطق باسم الوزارة إيجور كوناشينكوف"
    assert claim_containing(seed_claims, "ونقلت «سبوتنيك»")["speaker"] == "بوتين"
    assert claim_containing(seed_claims, "وقال إن النتائج")["speaker"] == "روحاني"
    assert claim_containing(seed_claims, 'معتبرة أن "الهجوم')["speaker"] == "حميميم"
    # narration after a quoted speaker gets nobody
    assert claim_containing(seed_claims, "ميدانياً، تراجع تنظيم")["speaker"] is None
    assert claim_containing(seed_claims, "وسيطر التنظيم على منطقتي")["speaker"] is None


def test_a_quotation_is_not_split_at_its_full_stops(seed_claims: pl.DataFrame) -> None:
    claim = claim_containing(seed_claims, "في هذ البلد. كل بؤر مواجهة")
    assert claim["text"].endswith("لسيطرة واشنطن»")


def test_compound_sentences_are_split_into_assertions(seed_claims: pl.DataFrame) -> None:
    parts = [c["text"] for c in claims_of(seed_claims, SEED_002) if c["sentence"] == 4]
    assert [p.split()[0] for p in parts] == ["وبدأ", "وسيطر", "واستطاع", "كما", "وأعلن"]
    assert all(len(p) >= Settings().min_claim_chars for p in parts)


def test_claim_fields(seed_claims: pl.DataFrame) -> None:
    for claim in seed_claims.to_dicts():
        key = f"{claim['article_id']}:{claim['start']}:{claim['end']}".encode()
        assert claim["claim_id"] == hashlib.sha1(key).hexdigest()[:16]
        assert claim["lang"] == "ar"
        assert claim["outlet"] == claim["article_id"][:3]
        assert claim["date"] == "2017-09-24"
        for number in claim["numbers"]:
            assert claim["text"][number["start"]:number["end"]] == number["text"]
    assert seed_claims["claim_id"].n_unique() == seed_claims.height
    distance = claim_containing(seed_claims, "على بعد نحو 50 كيلومتراً")["numbers"]
    assert [(n["text"], n["low"], n["high"], n["slot"]) for n in distance] == [
        ("نحو 50 كيلومتراً", 45.0, pytest.approx(55.0), "km")]


def test_norm_is_folded_text(seed_claims: pl.DataFrame) -> None:
    claim = claim_containing(seed_claims, "وقال كوناشينكوف إنّ")
    assert claim["norm"].startswith("وقال كوناشينكوف ان الغالبيه العظمي")


def test_extraction_is_deterministic(seeds: dict[str, str], seed_claims: pl.DataFrame) -> None:
    again = extract_claims(frame(*[article(n, t, outlet=n[:3]) for n, t in seeds.items()]))
    assert again.equals(seed_claims)


# ---- English and edge cases ----------------------------------------------------------------

@pytest.fixture(scope="module")
def english_claims() -> pl.DataFrame:
    return extract_claims(frame(article("en1", ENGLISH, lang="en", outlet="reuters.com")))


def test_english_article(english_claims: pl.DataFrame) -> None:
    rows = english_claims.to_dicts()
    for claim in rows:
        assert ENGLISH[claim["start"]:claim["end"]] == claim["text"]
        assert claim["lang"] == "en"  # "Weltkugelbrunnen …" stays English in an English article
    assert rows[0]["text"].startswith("Russia's defence ministry said")  # dateline cut off
    assert rows[0]["speaker"] == "Russia's defence ministry"
    assert rows[1]["speaker"] == "Igor Konashenkov"
    assert rows[2]["text"].startswith("He added that more than 40 militants")
    assert rows[2]["speaker"] == "Igor Konashenkov"
    assert [(n["low"], n["high"], n["slot"]) for n in rows[2]["numbers"]] == [
        (40, 60, "killed"), (24, 24, "hours")]
    assert rows[3]["speaker"] == "Syrian Observatory for Human Rights"
    assert [n["slot"] for n in rows[3]["numbers"]] == ["injured"]
    assert [r["text"] for r in rows[4:6]] == [
        "Fighting continued around the city", "while aid convoys waited at the border crossing"]
    assert rows[4]["speaker"] is None
    assert not any("Reporting by" in r["text"] for r in rows)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("(Reuters) - The ministry said the talks had failed.", "The ministry said"),
        ("BEIRUT (AP) — Syrian troops advanced on the town on Friday.", "Syrian troops"),
        ("دمشق - رويترز - قالت وزارة الخارجية إن المحادثات فشلت.", "قالت وزارة"),
        ("دمشق (رويترز) - قالت وزارة الخارجية إن المحادثات فشلت.", "قالت وزارة"),
    ],
)
def test_dateline_prefixes_are_cut(text: str, first: str) -> None:
    claims = extract_claims(frame(article("d", text)))
    assert claims["text"].to_list()[0].startswith(first)


def test_long_source_lines_are_not_claims() -> None:
    text = ("المصدر: وكالة الأنباء السورية الرسمية سانا\nقتل ثلاثة جنود في الهجوم على الحاجز.\n"
            "Source: Reuters, Agence France-Presse and staff reports")
    claims = extract_claims(frame(article("src", text)))
    assert claims["text"].to_list() == ["قتل ثلاثة جنود في الهجوم على الحاجز"]


def test_source_lines_and_short_lines() -> None:
    text = ("Source: Reuters\nقتل ثلاثة جنود في الهجوم.\nصور\nالمصدر: وكالات\n"
            "By John Smith\nكل الحقوق © 2017")
    claims = extract_claims(frame(article("s", text)))
    assert claims["text"].to_list() == ["قتل ثلاثة جنود في الهجوم"]  # short, but it has a verb


def test_bylines_are_names_only() -> None:
    text = ("By John Smith\nBy Friday, the troops had left the town.\nبقلم: أحمد علي\n"
            "كتب ترامب على تويتر أن الهجوم فشل")
    claims = extract_claims(frame(article("b", text)))
    assert claims["text"].to_list() == ["By Friday, the troops had left the town",
                                        "كتب ترامب على تويتر أن الهجوم فشل"]


def test_sentence_boundaries() -> None:
    text = ("Mr. Smith met George W. Bush in the U.S. Capitol on Monday. Prices rose 3.5 percent "
            'in the U.K. He said: "Stop. Now." Then the talks ended.')
    spans = [text[s.start:s.end] for s in split_sentences(text)]
    assert spans == ["Mr. Smith met George W. Bush in the U.S. Capitol on Monday",
                     "Prices rose 3.5 percent in the U.K", 'He said: "Stop. Now."',
                     "Then the talks ended"]


def test_long_sentences_are_capped_at_a_clause_boundary() -> None:
    clause = "وقصفت الطائرات مواقع التنظيم في ريف دير الزور الشرقي بعشرات الغارات الجوية"
    text = "، ".join([clause] * 12) + "."
    settings = Settings(max_claim_chars=200, min_claim_chars=25)
    claims = extract_claims(frame(article("long", text)), settings)
    assert claims.height > 1
    for claim in claims.to_dicts():
        assert 25 <= len(claim["text"]) <= 200
        assert text[claim["start"]:claim["end"]] == claim["text"]
    covered = sum(len(t) for t in claims["text"])
    assert covered >= len(text) - 2 * 12 - 1  # only separators are left out


def test_min_claim_chars_guards_clause_splits() -> None:
    text = "قال الوزير إن المحادثات فشلت، وأضاف نعم"
    claims = extract_claims(frame(article("m", text)))
    assert claims["text"].to_list() == ["قال الوزير إن المحادثات فشلت، وأضاف نعم"]


def test_article_language_is_the_fallback() -> None:
    text = "Les négociations ont échoué vendredi à Genève, a annoncé le ministère."
    claims = extract_claims(frame(article("fr", text, lang="fr")))
    assert claims["lang"].to_list() == ["fr"]
    text = "قال الوزير إن المحادثات فشلت.\nThe minister said on Friday that the talks had failed."
    mixed = extract_claims(frame(article("mx", text, lang="ar")))
    assert mixed["lang"].to_list() == ["ar", "en"]


def test_empty_input_and_wrong_frame() -> None:
    empty = extract_claims(pl.DataFrame(schema=schema.ARTICLES))
    assert empty.height == 0 and dict(empty.schema) == schema.CLAIMS
    with pytest.raises(schema.SchemaError, match="claims: missing column"):
        extract_claims(pl.DataFrame({"text": ["x"]}))


def test_throughput(seeds: dict[str, str]) -> None:
    """Well above 500 sentences/s even on a busy machine (≥ 2,000/s measured idle)."""
    rows = [article(f"{i}", text) for i in range(30) for text in seeds.values()]
    articles = frame(*rows)
    sentences = sum(s.keep for r in rows for s in split_sentences(r["text"]))
    began = time.perf_counter()
    extract_claims(articles)
    assert sentences / (time.perf_counter() - began) > 500
