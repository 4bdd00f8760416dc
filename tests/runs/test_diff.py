"""The diff between two run directories, built by hand as real parquet files in the schemas."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest

from compare import schema
from compare.errors import RunError
from compare.runs.diff import diff_runs, latest_runs, load_run, write_diff

AJ, AR, BBC = "aljazeera.net", "alarabiya.net", "bbc.com"


def _sha1(*parts: object) -> str:
    return hashlib.sha1("\0".join(map(str, parts)).encode()).hexdigest()


@dataclass
class Article:
    outlet: str
    url: str | None
    title: str | None
    sentences: list[str]
    date: str = "2026-11-17"
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def article_id(self) -> str:
        return _sha1(self.outlet, self.text)

    def span(self, i: int) -> tuple[int, int]:
        start = len(" ".join(self.sentences[:i])) + (1 if i else 0)
        return start, start + len(self.sentences[i])

    def claim_id(self, i: int) -> str:
        return _sha1(self.article_id, *self.span(i))


def write_run(path: Path, name: str, created: str, articles: list[Article],
              pairs: list[tuple]) -> Path:
    """A run directory as the pipeline writes it. ``pairs`` holds
    ``(article_a, sentence_a, article_b, sentence_b, relation, reasons)``."""
    path.mkdir(parents=True)
    paired = {(a.claim_id(i)) for a, i, *_ in pairs} | {b.claim_id(j) for _, _, b, j, *_ in pairs}
    group = {}
    for g, (a, i, b, j, *_) in enumerate(pairs):
        group[a.claim_id(i)] = group[b.claim_id(j)] = g
    claims = []
    for art in articles:
        for i, sentence in enumerate(art.sentences):
            start, end = art.span(i)
            assert art.text[start:end] == sentence
            claims.append({
                "claim_id": art.claim_id(i), "article_id": art.article_id, "outlet": art.outlet,
                "lang": "ar", "start": start, "end": end, "text": sentence,
                "norm": sentence.lower(), "speaker": None, "numbers": [], "sentence": i,
                "date": art.date, "group_id": group.get(art.claim_id(i)),
                "unique": art.claim_id(i) not in paired,
            })
    pair_rows = [{
        "claim_id_a": a.claim_id(i), "claim_id_b": b.claim_id(j),
        "outlet_a": a.outlet, "outlet_b": b.outlet,
        "text_a": a.sentences[i], "text_b": b.sentences[j], "speaker_a": None, "speaker_b": None,
        "similarity": 0.93, "relation": relation, "reasons": reasons, "confidence": 0.8,
        "group_id": g,
    } for g, (a, i, b, j, relation, reasons) in enumerate(pairs)]
    article_rows = [{
        "article_id": a.article_id, "outlet": a.outlet, "title": a.title, "date": a.date,
        "url": a.url, "lang": "ar", "path": "in.jsonl", "line": n + 1, "text": a.text,
    } for n, a in enumerate(articles)]
    schema.frame(claims, schema.CLAIMS_OUT).write_parquet(path / "claims.parquet")
    schema.frame(pair_rows, schema.PAIRS).write_parquet(path / "pairs.parquet")
    schema.frame(article_rows, schema.ARTICLES).write_parquet(path / "articles.parquet")
    (path / "report.md").write_text(f"# {name}\n", encoding="utf-8")
    meta = {"version": "0.1.0", "name": name, "created": created, "model": "multilingual-e5-small",
            "settings": {}, "inputs": [], "counts": {"claims": len(claims)}, "timings": {},
            "week": None, "since": None, "until": None}
    (path / "run.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


# Wounded figures: al-Arabiya first says 40, Al Jazeera 70; al-Arabiya then corrects to 70.
BLAST = "وقع الانفجار قرب السوق المركزي في إدلب صباح الثلاثاء."
WOUNDED_70 = "أصيب 70 شخصاً في انفجار السيارة المفخخة في إدلب."
WOUNDED_40 = "أصيب 40 شخصاً في انفجار السيارة المفخخة في إدلب."
AJ_CLOSED = "وأغلقت السلطات المحلية الطريق الدولي حتى إشعار آخر."
BBC_CLOSED = "أغلقت السلطات الطريق الدولي بعد الانفجار."
TALKS = "قال المبعوث الأممي إن جولة جديدة من المحادثات ستعقد في جنيف الشهر المقبل."
TALKS_AR = "أعلن المبعوث الدولي عن جولة محادثات في جنيف خلال الشهر القادم."
BBC_ONLY = "قالت منظمة الصحة العالمية إن المستشفيات في المنطقة تعمل بنصف طاقتها."
BBC_OLD_ONLY = "ارتفعت أسعار الخبز في دمشق بنسبة الثلث خلال أسبوع."
SOLDIERS_AJ = "قالت وزارة الدفاع إن 30 جندياً قتلوا في الهجوم على القاعدة."
SOLDIERS_BBC = "The defence ministry said 12 soldiers were killed in the attack on the base."
AR_NEW_ONLY = "كشفت مصادر أن الحكومة تدرس رفع أسعار الوقود الشهر المقبل."

aj_blast = Article(AJ, "https://aljazeera.net/news/1", "انفجار في إدلب",
                   [WOUNDED_70, BLAST, AJ_CLOSED])
ar_blast = Article(AR, "https://alarabiya.net/a/7", "انفجار إدلب", [BLAST, WOUNDED_40])
ar_fixed = Article(AR, "https://alarabiya.net/a/7", "انفجار إدلب", [BLAST, WOUNDED_70])
bbc_road = Article(BBC, "https://bbc.com/arabic/9", "الطريق الدولي", [BBC_CLOSED])
aj_talks = Article(AJ, None, "محادثات جنيف", [TALKS])
ar_talks = Article(AR, None, "جولة محادثات", [TALKS_AR])
bbc_who = Article(BBC, "https://bbc.com/arabic/10", "المستشفيات", [BBC_ONLY])
bbc_bread = Article(BBC, "https://bbc.com/arabic/11", "الخبز", [BBC_OLD_ONLY])
aj_base = Article(AJ, "https://aljazeera.net/news/2", "هجوم القاعدة", [SOLDIERS_AJ])
bbc_base = Article(BBC, "https://bbc.com/news/3", "Base attack", [SOLDIERS_BBC])
ar_fuel = Article(AR, "https://alarabiya.net/a/8", "الوقود", [AR_NEW_ONLY])

OLD_ARTICLES = [aj_blast, ar_blast, bbc_road, aj_talks, ar_talks, bbc_who, bbc_bread]
OLD_PAIRS = [
    (ar_blast, 1, aj_blast, 0, "contradict", ["numbers differ: 40 vs 70 wounded"]),
    (aj_blast, 2, bbc_road, 0, "agree", ["same event"]),
    (aj_talks, 0, ar_talks, 0, "related", []),
]


def new_run_parts(fixed: Article = ar_fixed) -> tuple[list[Article], list[tuple]]:
    """This week: al-Arabiya corrected its article, BBC's road story and bread story dropped out,
    a contradiction on soldiers killed and a fuel story only al-Arabiya carries came in."""
    articles = [aj_blast, fixed, aj_talks, ar_talks, bbc_who, aj_base, bbc_base, ar_fuel]
    pairs = [
        (aj_blast, 0, fixed, fixed.sentences.index(WOUNDED_70), "agree", ["both: 70 wounded"]),
        (ar_talks, 0, aj_talks, 0, "related", []),  # same pair, sides swapped
        (bbc_base, 0, aj_base, 0, "contradict", ["numbers differ: 30 vs 12 killed"]),
    ]
    return articles, pairs


@pytest.fixture
def runs(tmp_path: Path) -> tuple[Path, Path]:
    old = write_run(tmp_path / "w46", "w46", "2026-11-16T06:00:00+00:00", OLD_ARTICLES, OLD_PAIRS)
    new = write_run(tmp_path / "w47", "w47", "2026-11-23T06:00:00+00:00", *new_run_parts())
    return old, new


def _row(change, kind, rel_old, rel_new, a, i, b=None, j=None, reasons=()):
    return {
        "change": change, "kind": kind, "relation_old": rel_old, "relation_new": rel_new,
        "claim_id_a": a.claim_id(i), "claim_id_b": b.claim_id(j) if b else None,
        "outlet_a": a.outlet, "outlet_b": b.outlet if b else None,
        "text_a": a.sentences[i], "text_b": b.sentences[j] if b else None,
        "reasons": list(reasons),
    }


EXPECTED = [
    _row("new", "pair", None, "contradict", aj_base, 0, bbc_base, 0,
         ["numbers differ: 30 vs 12 killed"]),
    _row("new", "unique", None, None, ar_fuel, 0, reasons=["not in the previous run"]),
    _row("new", "unique", None, None, aj_blast, 2,
         reasons=["aligned with another outlet in the previous run"]),
    _row("changed", "pair", "contradict", "agree", ar_fixed, 1, aj_blast, 0,
         ["alarabiya.net corrected its article", "both: 70 wounded",
          "before: numbers differ: 40 vs 70 wounded"]),
    _row("gone", "pair", "agree", None, aj_blast, 2, bbc_road, 0,
         ["bbc.com article not in the new run", "same event"]),
    _row("gone", "unique", None, None, bbc_bread, 0,
         reasons=["bbc.com article not in the new run"]),
]


def test_diff_finds_planted_changes(runs):
    old, new = runs
    diff = diff_runs(old, new)
    assert diff.schema == pl.Schema(schema.DIFF)
    assert diff.to_dicts() == EXPECTED


def test_correction_keeps_claim_ids_apart(runs):
    # The correction gives the claims new ids: matching must not rely on ids alone.
    assert ar_fixed.claim_id(1) != ar_blast.claim_id(1)
    assert ar_fixed.claim_id(0) != ar_blast.claim_id(0)


def test_identical_rerun_is_empty(runs, tmp_path):
    old, _ = runs
    again = tmp_path / "again"
    shutil.copytree(old, again)
    assert diff_runs(old, again).is_empty()
    assert diff_runs(old, old).schema == pl.Schema(schema.DIFF)


def test_correction_found_by_text_when_sentence_moved(tmp_path):
    # The corrected article gained a sentence, so the figure moved from sentence 1 to 2.
    moved = Article(AR, ar_blast.url, ar_blast.title,
                    [BLAST, "وقالت مصادر طبية إن الحصيلة مرشحة للارتفاع.", WOUNDED_70])
    old = write_run(tmp_path / "old", "old", "2026-11-16T06:00:00", OLD_ARTICLES, OLD_PAIRS)
    new = write_run(tmp_path / "new", "new", "2026-11-23T06:00:00", *new_run_parts(moved))
    changed = diff_runs(old, new).filter(pl.col("change") == "changed")
    assert changed.select("relation_old", "relation_new", "claim_id_a").rows() == [
        ("contradict", "agree", moved.claim_id(2))]
    # Demanding identical text treats the corrected claim as unrelated: gone + new instead.
    strict = diff_runs(old, new, min_ratio=100.0).filter(pl.col("kind") == "pair")
    assert strict.select("change", "relation_old", "relation_new").rows() == [
        ("new", None, "contradict"), ("new", None, "agree"),
        ("gone", "contradict", None), ("gone", "agree", None)]


def test_correction_needs_the_same_article(tmp_path):
    # Same wording at another url is another article, not a correction.
    elsewhere = Article(AR, "https://alarabiya.net/a/99", ar_blast.title, ar_fixed.sentences)
    old = write_run(tmp_path / "old", "old", "2026-11-16T06:00:00", OLD_ARTICLES, OLD_PAIRS)
    new = write_run(tmp_path / "new", "new", "2026-11-23T06:00:00", *new_run_parts(elsewhere))
    diff = diff_runs(old, new)
    assert diff.filter(pl.col("change") == "changed").is_empty()
    assert ("gone", "contradict") in diff.select("change", "relation_old").rows()


def test_missing_file_names_file_and_directory(runs):
    old, new = runs
    (new / "pairs.parquet").unlink()
    with pytest.raises(RunError) as err:
        diff_runs(old, new)
    assert err.value.message == f"incomplete run: pairs.parquet is missing from {new}"
    assert str(new / "pairs.parquet") in str(err.value)


def test_missing_directory(tmp_path, runs):
    with pytest.raises(RunError, match="run directory not found"):
        diff_runs(runs[0], tmp_path / "nowhere")


def test_wrong_columns_is_a_run_error(runs):
    old, new = runs
    pl.DataFrame({"claim_id": ["x"]}).write_parquet(new / "claims.parquet")
    with pytest.raises(RunError, match=r"cannot read claims.parquet: .*missing column"):
        load_run(new)


def test_latest_runs_orders_by_created_not_name(tmp_path):
    reports = tmp_path / "reports"
    write_run(reports / "b-first", "b", "2026-11-09T06:00:00+00:00", [bbc_who], [])
    write_run(reports / "a-third", "a", "2026-11-23T06:00:00+00:00", [bbc_who], [])
    write_run(reports / "c-second", "c", "2026-11-16T06:00:00+00:00", [bbc_who], [])
    (reports / "z-unfinished").mkdir()  # no run.json yet: a run still being written
    # A staged copy beside its final folder is complete but not yet a run.
    write_run(reports / ".a-third-tmp-x1", "a", "2026-11-30T06:00:00+00:00", [bbc_who], [])
    assert latest_runs(reports) == (reports / "c-second", reports / "a-third")


def test_latest_runs_needs_two(tmp_path):
    reports = tmp_path / "reports"
    write_run(reports / "only", "only", "2026-11-09T06:00:00", [bbc_who], [])
    with pytest.raises(RunError) as err:
        latest_runs(reports)
    assert err.value.message == "need two complete runs to compare, found 1"
    assert "claim-compare run" in err.value.hint


def test_write_diff_writes_report(runs, tmp_path):
    old, new = runs
    out = tmp_path / "out"
    counts = write_diff(diff_runs(old, new), old, new, out)
    assert counts == {"new_contradictions": 1, "changed": 1, "resolved": 1, "new_pairs": 0,
                      "gone_pairs": 0, "unaligned_pairs": 0, "left_pairs": 1, "new_unique": 2,
                      "gone_unique": 1, "rows": 6}
    assert sorted(p.name for p in out.iterdir()) == ["diff.md", "diff.parquet"]
    assert pl.read_parquet(out / "diff.parquet").to_dicts() == EXPECTED
    md = (out / "diff.md").read_text(encoding="utf-8")
    assert md.startswith("# Changes from w46 to w47\n")
    assert "- new contradictions: 1\n" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## New contradictions (1)", "## Relations that changed (1)",
                        "## Resolved contradictions (1)", "## New single-outlet claims (2)"]
    # Each quote verbatim, alone on its own blockquote line, so RTL text is not mixed in.
    for text in (SOLDIERS_AJ, SOLDIERS_BBC, WOUNDED_70, AJ_CLOSED, AR_NEW_ONLY):
        assert f"\n> {text}\n" in md
    assert "### 1. alarabiya.net ↔ aljazeera.net: contradict → agree" in md
    assert ("Reasons: alarabiya.net corrected its article; both: 70 wounded; "
            "before: numbers differ: 40 vs 70 wounded\n") in md
    assert md.index("### alarabiya.net (1)") < md.index("### aljazeera.net (1)")
    assert ("Not listed: 1 pair of the old run (0 contradictions) with an article the new run "
            "does not hold") in md


def _two_outlets_contradicting(tmp_path: Path, new_articles: list[Article],
                               new_pairs: list[tuple]) -> tuple[pl.DataFrame, str]:
    old_pairs = [(aj_base, 0, bbc_base, 0, "contradict", ["numbers differ: 30 vs 12 killed"])]
    old = write_run(tmp_path / "old", "old", "2026-11-16T06:00:00", [aj_base, bbc_base],
                    old_pairs)
    new = write_run(tmp_path / "new", "new", "2026-11-23T06:00:00", new_articles, new_pairs)
    diff = diff_runs(old, new)
    write_diff(diff, old, new, tmp_path / "out")
    return diff, (tmp_path / "out" / "diff.md").read_text(encoding="utf-8")


def test_contradiction_edited_out_is_resolved(tmp_path):
    # BBC rewrote the article: the figure is gone, so the claims no longer pair.
    edited = Article(BBC, bbc_base.url, bbc_base.title,
                     ["The ministry gave no toll for the attack on the base."])
    diff, md = _two_outlets_contradicting(tmp_path, [aj_base, edited], [])
    assert diff.select("change", "kind", "claim_id_a", "reasons").rows() == [
        ("new", "unique", aj_base.claim_id(0), ["aligned with another outlet in the previous run"]),
        ("new", "unique", edited.claim_id(0), ["aligned with another outlet in the previous run"]),
        ("gone", "pair", aj_base.claim_id(0), ["numbers differ: 30 vs 12 killed"])]
    assert "- resolved contradictions: 1\n" in md
    assert "## Resolved contradictions (1)" in md


def test_unchanged_claims_no_longer_aligned_are_not_resolved(tmp_path):
    # Same articles word for word; alignment simply paired the claims otherwise this time.
    diff, md = _two_outlets_contradicting(tmp_path, [aj_base, bbc_base], [])
    assert diff.filter(pl.col("change") == "gone")["reasons"].to_list() == [
        ["both claims unchanged in the new run, no longer aligned",
         "numbers differ: 30 vs 12 killed"]]
    assert "- resolved contradictions: 0\n" in md
    assert "- pairs of unchanged claims no longer aligned (not listed): 1\n" in md
    assert ("Not listed: 1 pair of the old run (1 contradiction) whose two claims are unchanged "
            "but no longer aligned") in md


def test_contradiction_that_left_the_run_is_not_resolved(tmp_path):
    # Next week's run holds other articles: last week's contradiction is out of scope, not
    # resolved.
    diff, md = _two_outlets_contradicting(tmp_path, [aj_talks, ar_talks],
                                          [(aj_talks, 0, ar_talks, 0, "related", [])])
    gone = diff.filter(pl.col("change") == "gone")
    assert gone.select("kind", "reasons").rows() == [
        ("pair", ["aljazeera.net article not in the new run", "bbc.com article not in the new run",
                  "numbers differ: 30 vs 12 killed"])]
    assert "- resolved contradictions: 0\n" in md
    assert "## Resolved contradictions" not in md
    assert "- pairs whose articles are not in the new run (not listed): 1\n" in md
    assert "Not listed: 1 pair of the old run (1 contradiction) with an article" in md
    assert SOLDIERS_AJ not in md


def test_markdown_escapes_without_touching_letters(tmp_path, runs):
    old, new = runs
    row = dict(EXPECTED[0], text_a="- قال *المصدر* إن <العدد> 30\nسطر ثان")
    out = tmp_path / "out"
    write_diff(schema.frame([row], schema.DIFF), old, new, out)
    md = (out / "diff.md").read_text(encoding="utf-8")
    assert "\n> \\- قال \\*المصدر\\* إن \\<العدد\\> 30\n> سطر ثان\n" in md


def test_identical_rerun_report_says_no_changes(runs, tmp_path):
    old, _ = runs
    counts = write_diff(diff_runs(old, old), old, old, tmp_path / "out")
    assert counts["rows"] == 0
    assert (tmp_path / "out" / "diff.md").read_text(encoding="utf-8").endswith("No changes.\n")


def test_report_caps_long_sections(runs, tmp_path):
    old, new = runs
    rows = [dict(EXPECTED[1], claim_id_a=f"c{n}", text_a=f"خبر رقم {n}") for n in range(5)]
    write_diff(schema.frame(rows, schema.DIFF), old, new, tmp_path / "out", max_items=3)
    md = (tmp_path / "out" / "diff.md").read_text(encoding="utf-8")
    assert md.count("\n> خبر رقم") == 3
    assert "… and 2 more in diff.parquet." in md


# --- through the real pipeline --------------------------------------------------------------

def _blast_articles(wounded: int) -> list[dict]:
    rescue = "وقال الدفاع المدني إن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض."
    return [
        {"outlet": AJ, "url": "https://aljazeera.net/news/1", "title": "انفجار في إدلب",
         "date": "2026-11-17",
         "text": f"أصيب 70 شخصاً في انفجار سيارة مفخخة في مدينة إدلب صباح الثلاثاء. {rescue} "
                 "وأغلقت السلطات المحلية الطريق الدولي حتى إشعار آخر."},
        {"outlet": AR, "url": "https://alarabiya.net/a/7", "title": "انفجار إدلب",
         "date": "2026-11-17",
         "text": f"أصيب {wounded} شخصاً في انفجار سيارة مفخخة في مدينة إدلب صباح الثلاثاء. "
                 f"{rescue} وارتفعت أسعار الخبز في دمشق بنسبة الثلث خلال أسبوع واحد."},
    ]


def _pipeline_run(tmp_path: Path, name: str, articles: list[dict], encoder) -> Path:
    import compare

    folder = tmp_path / f"{name}-input"
    folder.mkdir()
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    (folder / "articles.jsonl").write_text(lines, encoding="utf-8")
    result = compare.run([folder], out=tmp_path / name, index_dir=tmp_path / "index",
                         encoder=encoder)
    return result.out


def test_pipeline_runs_diff_across_a_correction(tmp_path, encoder):
    first = _pipeline_run(tmp_path, "first", _blast_articles(40), encoder)
    again = _pipeline_run(tmp_path, "again", _blast_articles(40), encoder)
    fixed = _pipeline_run(tmp_path, "fixed", _blast_articles(70), encoder)
    assert diff_runs(first, again).is_empty()
    diff = diff_runs(first, fixed)
    assert diff.select("change", "kind", "relation_old", "relation_new", "outlet_a",
                       "outlet_b").rows() == [
        ("changed", "pair", "contradict", "agree", AR, AJ)]
    row = diff.row(0, named=True)
    # The corrected claim is quoted as the outlet now writes it.
    assert row["text_a"] == row["text_b"]
    assert row["text_a"].startswith("أصيب 70 شخصاً في انفجار سيارة مفخخة")
    assert row["reasons"][0] == "alarabiya.net corrected its article"
