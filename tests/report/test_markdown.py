"""The markdown renderer on hand-made frames: sections, order, escaping, right-to-left quotes."""

from __future__ import annotations

from compare import schema
from compare.report import render


def _info() -> schema.RunInfo:
    counts = schema.Counts(*([0] * 13))
    return schema.RunInfo(version="0", name="demo <b>", created="2026-11-30T00:00:00+00:00",
                          model="m", precision="fp32", prompt="query: ",
                          settings={"align_threshold": 0.87}, inputs=[], index_dir="idx",
                          week=None, since=None, until=None, counts=counts)


def _claim(cid: str, outlet: str, text: str, lang: str, unique: bool) -> dict:
    return {"claim_id": cid, "article_id": f"art-{outlet}", "outlet": outlet, "lang": lang,
            "start": 0, "end": len(text), "text": text, "norm": text, "speaker": None,
            "numbers": [], "sentence": 0, "date": None, "group_id": None if unique else 0,
            "unique": unique, "first_outlet": None, "first_date": None, "first_claim_id": None}


def _pair(a: dict, b: dict, relation: str, kinds: list[str], reasons: list[str]) -> dict:
    return {"claim_id_a": a["claim_id"], "claim_id_b": b["claim_id"], "outlet_a": a["outlet"],
            "outlet_b": b["outlet"], "text_a": a["text"], "text_b": b["text"],
            "speaker_a": None, "speaker_b": None, "similarity": 0.95, "relation": relation,
            "reasons": reasons, "confidence": 0.9, "group_id": 0, "kinds": kinds}


A = _claim("a", "sana", "أصيب 40 شخصا في الانفجار", "ar", False)
B = _claim("b", "bbc|<i>x</i>", "70 people were injured in the blast", "en", False)
C = _claim("c", "sana", "وقال الوزير إن التحقيق مستمر", "ar", True)


def _render(pairs: list[dict]) -> str:
    claims = schema.frame([A, B, C], schema.CLAIMS_OUT)
    return render(claims, schema.frame(pairs, schema.PAIRS), _info())


def test_contradictions_come_first_filed_under_their_finding_kind():
    md = _render([_pair(A, B, "contradict", ["numeric"], ["numeric: 40 ≠ 70 (injured)"])])
    assert md.index("## Contradictions (1)") < md.index("## Other agreements")
    assert "### Numbers differ (1)" in md
    assert "- numeric: 40 ≠ 70 (injured)" in md


def test_a_contradiction_without_a_typed_kind_is_the_classifiers():
    md = _render([_pair(A, B, "contradict", [], ["classifier: contradict 0.90"])])
    assert "### Other contradictions (pair classifier) (1)" in md


def test_arabic_quotes_read_right_to_left_and_english_left_to_right():
    md = _render([_pair(A, B, "agree", [], [])])
    assert f'<blockquote dir="rtl">{A["text"]}</blockquote>' in md
    assert f'<blockquote dir="ltr">{B["text"]}</blockquote>' in md


def test_single_outlet_claims_are_listed_by_outlet():
    md = _render([])
    assert "## Only one outlet reports (1)" in md and C["text"] in md


def test_outlet_names_cannot_break_a_table_row_or_a_quote_head():
    md = _render([_pair(A, B, "agree", [], [])])
    rows = [line for line in md.splitlines() if line.startswith("| ") and "bbc" in line]
    assert rows and all(r.count(" | ") == r.replace("\\|", "").count(" | ") for r in rows)
    assert all("bbc\\|" in r for r in rows)
    assert "<b>bbc|&lt;i&gt;x&lt;/i&gt;</b>" in md
