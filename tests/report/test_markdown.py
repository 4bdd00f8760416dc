"""The markdown renderers on hand-made frames: sections, order, escaping, right-to-left quotes,
the diff's header."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import pytest

from compare import schema
from compare.report import diff_counts, render, render_diff
from compare.report.escape import esc, md


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
            "unique": unique, "first_outlet": None, "first_date": None, "first_claim_id": None,
            "source": outlet, "story_id": 0}


def _pair(a: dict, b: dict, relation: str, kinds: list[str], reasons: list[str]) -> dict:
    return {"claim_id_a": a["claim_id"], "claim_id_b": b["claim_id"], "outlet_a": a["outlet"],
            "outlet_b": b["outlet"], "text_a": a["text"], "text_b": b["text"],
            "speaker_a": None, "speaker_b": None, "similarity": 0.95, "relation": relation,
            "reasons": reasons, "confidence": 0.9, "group_id": 0, "kinds": kinds}


A = _claim("a", "sana", "أصيب 40 شخصا في الانفجار", "ar", False)
B = _claim("b", "bbc|<i>x</i>", "70 people were injured in the blast", "en", False)
C = dict(_claim("c", "sana", "وقال الوزير إن التحقيق مستمر", "ar", True), speaker="الوزير")


def _render(pairs: list[dict]) -> str:
    claims = schema.frame([A, B, C], schema.CLAIMS_OUT)
    return render(claims, schema.frame(pairs, schema.PAIRS), _info())


def test_contradictions_come_first_filed_under_their_finding_kind():
    md = _render([_pair(A, B, "contradict", ["numeric"], ["numeric: 40 ≠ 70 (injured)"])])
    checks = md.split("## What to check (2)", 1)[1]
    assert checks.index("1. **Numbers differ** · sana ↔ bbc\\|\\<i\\>x\\</i\\>") \
        < checks.index("2. **One source only: quote** · sana — الوزير")
    assert md.index("## What to check") < md.index("## <a id=\"story-0\"></a>Story 0")
    assert "- numeric: 40 ≠ 70 (injured)" in md


def test_a_contradiction_without_a_typed_kind_is_the_classifiers():
    md = _render([_pair(A, B, "contradict", [], ["classifier: contradict 0.90"])])
    assert "1. **Contradiction (pair classifier)** · sana ↔" in md
    assert "**1. Contradiction (pair classifier): sana ↔" in md


def test_arabic_quotes_read_right_to_left_and_english_left_to_right():
    md = _render([_pair(A, B, "contradict", ["numeric"], [])])
    assert f'<p dir="rtl">{A["text"]}</p>' in md
    assert f'<p dir="ltr">{B["text"]}</p>' in md


def test_an_agreement_is_one_line_with_the_outlets_that_share_it():
    md = _render([_pair(A, B, "agree", [], [])])
    assert (f"- <bdi>«{B['text']}»</bdi> — bbc\\|\\<i\\>x\\</i\\>, sana: "
            "2 independent sources") in md
    assert "<p dir=" not in md.split("**Agreed (1)**", 1)[1].split("**Only one source", 1)[0]


def test_single_source_claims_are_listed_under_their_story():
    md = _render([])
    assert "**Only one source (1)**" in md
    assert f'<p dir="rtl">{C["text"]}</p>' in md
    assert "## Republished text (0)" in md and "No outlet carries another's text." in md


def test_outlet_names_cannot_break_a_table_row_or_a_quote_head():
    md = _render([_pair(A, B, "contradict", ["numeric"], [])])
    rows = [line for line in md.splitlines() if line.startswith("| ") and "bbc" in line]
    assert rows and all(r.count(" | ") == r.replace("\\|", "").count(" | ") for r in rows)
    assert all("bbc\\|" in r for r in rows)
    assert "<b>bbc|&lt;i&gt;x&lt;/i&gt;</b>" in md


# --- escaping -------------------------------------------------------------------------------

NASTY = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:x)",
    "![img](x.png)", "**bold** and _it_ and ~~struck~~", "# heading", "| pipe |", "`code`",
    "&amp; &lt;b&gt; &#60;", "$x$ costs $5", "- item", "+ item", "1. item", "2) item", "---",
    "===", "> quoted", "a\\b\\", "<!-- comment -->", "<https://example.com>", "snake_case_name",
    "قال <img src=x onerror=alert(1)> إن **العدد** 40", "Evil\nOutlet\r\n| x |\r# y",
    "a\x1b[31mb\x07c\x00d\x7fe\x9bf\x85g", "  padded\t\ttabs  ",
]


def _plain(text: str) -> str:
    """What ``md`` promises to show: controls dropped, blanks one space, ends trimmed."""
    kept = "".join(ch for ch in text if ch in "\t\n\r\x85" or not unicodedata.category(ch) == "Cc")
    return " ".join(kept.replace("\x85", " ").split())


def test_md_keeps_one_line_without_control_characters():
    assert md("Evil\nOutlet\r\n\tname \u2028 x") == "Evil Outlet name x"
    assert md("a\x1b[31mb\x07c\x00d\x7fe\x9bf") == "a\\[31mbcdef"
    assert md(None) == "" and md("  ") == ""


def test_md_escapes_markdown_and_html_but_not_letters():
    assert md("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md("[link](javascript:x) **b** # h | p | &amp; $5 ~s~") == (
        "\\[link\\](javascript:x) \\*\\*b\\*\\* \\# h \\| p \\| \\&amp; \\$5 \\~s\\~")
    assert md("- item") == "\\- item" and md("1. item") == "1\\. item" and md("---") == "\\---"
    assert md("align_threshold 0.87 -5") == "align_threshold 0.87 -5"
    assert md("_x_") == "\\_x\\_"
    assert md("قال <b>المصدر</b>") == "قال \\<b\\>المصدر\\</b\\>"


def test_esc_drops_control_characters_and_line_breaks():
    assert esc("a\r\rb<i>\x1b[1m\x00&") == "a  b&lt;i&gt;[1m&amp;"
    assert esc("x\ny\u2028z") == "x y z"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def _rendered(markdown: str) -> _Text:
    markdown_it = pytest.importorskip("markdown_it")
    parser = _Text()
    parser.feed(markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
                .render(markdown))
    return parser


@pytest.mark.parametrize("text", NASTY)
def test_md_renders_as_written_in_every_markdown_place(text):
    """A heading, a list item, a table cell, a bold label and a blockquote line each show the
    text character for character, and nothing but our own markup."""
    shown = _plain(text)
    places = {
        f"### {md(text)} (2)": (["h3"], f"{shown} (2)"),
        f"- {md(text)}": (["ul", "li"], shown),
        f"| {md(text)} | 1 |\n|---|---:|\n| {md(text)} | 2 |": (
            ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"], f"{shown}1{shown}2"),
        f"**1. {md(text)} ↔ b** (x)": (["p", "strong"], f"1. {shown} ↔ b (x)"),
        f"> {md(text)}": (["blockquote", "p"], shown),
        f"<sub>{md(text)}</sub>": (["p", "sub"], shown),
    }
    for markdown, (tags, expected) in places.items():
        page = _rendered(markdown)
        assert page.tags == tags, markdown
        assert "".join(page.text.split("\n")) == expected, markdown


def test_report_escapes_everything_from_the_input():
    evil = "<img src=x onerror=alert(1)>\n# split **x**"
    a = dict(A, outlet=evil, text="قال <b>المصدر</b> إن 40\x1b[31m أصيبوا\x07")
    b = dict(B, speaker="<script>alert(1)</script>")
    c = dict(C, outlet=evil, speaker="\x1b[1m<i>who</i>")
    pair = dict(_pair(a, b, "contradict", ["numeric"],
                      ["attribution: <img src=x> ≠ <script>alert(1)</script>", "x\n# y"]),
                speaker_a="قال <img src=x onerror=alert(1)>", speaker_b=b["speaker"])
    info = _info()
    info.name, info.model = "<i>run</i>\n# x", "`m` <b>"
    md_text = render(schema.frame([a, b, c], schema.CLAIMS_OUT), schema.frame([pair],
                     schema.PAIRS), info)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", md_text)
    lines = md_text.split("\n")
    assert lines[0] == "# claim-compare report: \\<i\\>run\\</i\\> \\# x"
    assert "Model \\`m\\` \\<b\\>, alignment threshold 0.87" in md_text
    shown = "\\<img src=x onerror=alert(1)\\> \\# split \\*\\*x\\*\\*"
    assert f"| {shown} | 1 | 2 | 0 | 1 | 1 |" in lines
    assert any(line.startswith(f"1. **Numbers differ** · {shown} ↔ bbc\\|") for line in lines)
    assert any(line.startswith(f"2. **One source only: quote** · {shown} — \\[1m\\<i\\>who")
               for line in lines)
    assert "- attribution: \\<img src=x\\> ≠ \\<script\\>alert(1)\\</script\\>" in lines
    assert "- x \\# y" in lines
    assert not any(line.startswith(("# split", "# y")) for line in lines)
    assert ("<p><b>&lt;img src=x onerror=alert(1)&gt; # split **x**</b> — "
            "قال &lt;img src=x onerror=alert(1)&gt;</p>") in lines
    assert "— &lt;script&gt;alert(1)&lt;/script&gt;</p>" in md_text
    assert '<p dir="rtl">قال &lt;b&gt;المصدر&lt;/b&gt; إن 40[31m أصيبوا</p>' in lines
    assert "<bdi>«قال \\<b\\>المصدر\\</b\\> إن 40\\[31m أصيبوا»</bdi>" in md_text
    assert "[1m&lt;i&gt;who&lt;/i&gt; · " in md_text
    page = _rendered(md_text)
    assert set(page.tags) <= {"h1", "h2", "p", "ul", "ol", "li", "table", "thead", "tbody",
                              "tr", "th", "td", "strong", "b", "bdi", "a", "br", "code", "sub"}


# --- the diff's header ----------------------------------------------------------------------

def _diff_header(old: dict, new: dict) -> list[str]:
    frame = schema.frame([], schema.DIFF)
    text = render_diff(frame, old, new, diff_counts(frame))
    return text.split("\n")[:text.split("\n").index("", 2)]


def test_diff_header_lists_the_settings_that_differ():
    old = {"label": "w46", "model": "m", "settings": {
        "align_threshold": 0.87, "model": "m", "detectors": {"shared_denial": 0.6, "margin": 1.15},
        "extra": {}, "prompt": "query: "}}
    new = {"label": "w47", "model": "m", "settings": {
        "align_threshold": 0.9, "model": "m", "detectors": {"shared_denial": 0.5, "margin": 1.15},
        "extra": {}, "prompt": "<b>", "per_outlet": 3}}
    assert _diff_header(old, new)[-1] == (
        "- note: the runs used different settings (align_threshold 0.87 → 0.9; "
        "detectors.shared_denial 0.6 → 0.5; per_outlet (not set) → 3; "
        'prompt "query: " → "\\<b\\>")')


def test_diff_header_says_nothing_when_settings_match_or_are_unknown():
    same = {"align_threshold": 0.87, "detectors": {"shared_denial": 0.6}}
    for old, new in ((same, dict(same)), ({}, same), (None, same)):
        header = _diff_header({"label": "a", "settings": old}, {"label": "b", "settings": new})
        assert not any("settings" in line for line in header)


def test_diff_header_escapes_run_labels_and_models():
    header = _diff_header({"label": "x (<i>run</i>\n# y)", "model": "<b>m</b>"},
                          {"label": "`z`", "model": "n\x1b"})
    assert header[0] == "# Changes from x (\\<i\\>run\\</i\\> \\# y) to \\`z\\`"
    assert "- note: the runs used different models (\\<b\\>m\\</b\\> → n)" in header


# --- wire copies ----------------------------------------------------------------------------

WIRE = "قتل 12 شخصا في غارة على بلدة سراقب بريف إدلب صباح الأحد"


def _copies(unique: bool) -> list[dict]:
    """One wire text in three outlets (source AFP), and a fourth outlet's own report."""
    rows = [dict(_claim(f"w{n}", outlet, WIRE, "ar", False), group_id=5, unique=unique,
                 source="AFP") for n, outlet in enumerate(("Outlet A", "Outlet <B>", "Outlet C"))]
    if not unique:
        rows.append(dict(_claim("own", "Outlet D", "12 killed in an air strike on Saraqeb",
                                "en", False), group_id=5, source="Outlet D"))
    return rows


def test_wire_copies_count_as_one_source_per_assertion():
    a, b, c, d = _copies(unique=False)
    wire = dict(_pair(a, b, "agree", [], ["same wire text: AFP → 3 outlets"]), group_id=5,
                same_text=True)
    own = dict(_pair(a, d, "agree", [], []), group_id=5, same_text=False)
    md = render(schema.frame([a, b, c, d], schema.CLAIMS_OUT),
                schema.frame([wire, own], schema.PAIRS), _info())
    assert "## Republished text (1)" in md
    assert "- same wire text: AFP → Outlet A, Outlet \\<B\\>, Outlet C" in md
    assert (f"- <bdi>«{WIRE}»</bdi> — Outlet \\<B\\>, Outlet A, Outlet C, Outlet D: "
            "2 independent sources") in md.split("**Agreed (1)**", 1)[1]
    assert "4 articles from 4 outlets (2 independent sources)" in md
    assert "**Only one source" not in md


def test_a_claim_only_one_wire_text_carries_is_listed_once_with_its_outlets():
    rows = [dict(r, speaker="الدفاع المدني") for r in _copies(unique=True)]
    md = render(schema.frame(rows, schema.CLAIMS_OUT), schema.frame([], schema.PAIRS), _info())
    assert "## What to check (1)" in md and "1. **One source only: quote** · Outlet \\<B\\>" in md
    only = md.split("**Only one source (1)**", 1)[1].split("\n## ", 1)[0]
    assert only.count(WIRE) == 1
    assert (f'<p dir="rtl">{WIRE}</p>\n<p><sub>quote: الدفاع المدني · only AFP carries it, '
            "printed by Outlet &lt;B&gt;, Outlet A, Outlet C</sub></p>") in only


def test_an_outlets_text_reprinted_by_another_names_both():
    rows = [dict(_claim("x", "Outlet A", WIRE, "ar", False), group_id=1, unique=True,
                 source="Outlet A", date="2026-11-16", speaker="الدفاع المدني"),
            dict(_claim("y", "Outlet B", WIRE, "ar", False), group_id=1, unique=True,
                 source="Outlet A", date="2026-11-17", speaker="الدفاع المدني")]
    md = render(schema.frame(rows, schema.CLAIMS_OUT), schema.frame([], schema.PAIRS), _info())
    assert "- same text: Outlet A republished by Outlet B" in md
    assert "only Outlet A carries it, printed by Outlet A, Outlet B</sub>" in md


def test_a_persons_verdict_is_shown_as_the_persons():
    pair = dict(_pair(A, B, "contradict", ["numeric"],
                      ["person's verdict: confirmed by Rana", "numeric: 40 ≠ 70 (injured)"]),
                model_relation="contradict", verdict="confirm", verdict_by="Rana <i>",
                verdict_at="2026-11-30T09:00:00+00:00", verdict_note="the ministry says 40")
    md = render(schema.frame([A, B, C], schema.CLAIMS_OUT), schema.frame([pair], schema.PAIRS),
                _info())
    line = "confirmed by Rana \\<i\\> on 2026-11-30: the ministry says 40"
    assert f"person's verdict: {line}" in md.split("## What to check", 1)[1].split("\n## ")[0]
    assert f"- **person's verdict** (not the model's): {line}" in md
    assert "- person's verdict: confirmed by Rana" not in md
    assert "- numeric: 40 ≠ 70 (injured)" in md
