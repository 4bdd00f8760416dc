"""report.md and diff.md of real runs (the real model, FAISS, files): "What to check" first
with both quotes of each contradiction, stories after it, and nothing from the input able to
become markup in either file."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import compare

ALEPPO = Path(__file__).resolve().parents[2] / "examples" / "aleppo"


@pytest.fixture(scope="module")
def aleppo(encoder, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("aleppo")
    result = compare.run([ALEPPO], out=tmp / "run", index_dir=tmp / "idx", encoder=encoder)
    return result, (result.out / "report.md").read_text(encoding="utf-8")


def _section(report: str, heading: str) -> str:
    return report.split(f"\n{heading}", 1)[1].split("\n## ", 1)[0]


def test_what_to_check_comes_first_with_both_quotes_of_each_contradiction(aleppo):
    result, report = aleppo
    lines = report.splitlines()
    assert lines[0] == "# claim-compare report: aleppo"
    assert [line for line in lines if line.startswith("## ")][0] == "## What to check (3)"
    checks = _section(report, "## What to check (3)")
    items = re.findall(r"^(\d+)\. \*\*(.+?)\*\* · (.+?) ↔ (.+?) · ", checks, re.M)
    assert [n for n, *_ in items] == ["1", "2", "3"]
    assert {(a, b) for _, _, a, b in items} == {("الجزيرة نت", "سانا"), ("الجزيرة نت", "Reuters")}
    assert "Numbers differ" in {kind for _, kind, _, _ in items}
    # the 70 / 40 injured: both sides quoted, a link to the story and the pair's id
    bomb = re.search(r"^\d+\. \*\*Numbers differ\*\* · الجزيرة نت ↔ سانا .*\n.*$", checks, re.M)
    assert bomb, checks
    assert "<bdi>«أصيب 70 شخصاً في انفجار سيارة مفخخة" in bomb.group(0)
    assert "<bdi>«أصيب 40 مدنياً جراء تفجير سيارة مفخخة" in bomb.group(0)
    pair_id = re.search(r"pair <code>([0-9a-f]{12})</code>", bomb.group(0)).group(1)
    assert pair_id in result.pairs["pair_id"].to_list()
    assert "[story 0](#story-0)" in bomb.group(0)
    # what to check fits a first screen: the three items end before line 20
    assert lines.index("## What to check (3)") < 8
    assert next(n for n, line in enumerate(lines) if line.startswith("3. ")) < 20


def test_the_story_section_shows_the_divergence_in_full(aleppo):
    _, report = aleppo
    story = report.split('## <a id="story-0"></a>Story 0: ', 1)[1]
    assert "| Reuters | 1 | 3 |" in story
    assert "**Diverging (3)**" in story
    # Both quotes in full; most words differ across the languages, so only the figures are bold.
    assert ('<p dir="rtl">أصيب <b>70</b> شخصاً في انفجار سيارة مفخخة في سوق بمدينة حلب يوم '
            'الثلاثاء، بحسب الشرطة</p>') in story
    assert ('<p dir="ltr">A car bomb wounded <b>40</b> people in a market in Aleppo on Tuesday, '
            'police said</p>') in story
    assert "- numeric: 70 ≠ 40 (injured)" in story
    assert "**Agreed (" in story


# --- nothing from the input becomes markup ---------------------------------------------------

EVIL_OUTLET = "Evil <script>alert(1)</script> | `tick` \u202eRLO](javascript:alert(1))"
OTHER_OUTLET = "<img src=x onerror=alert(2)>\n# Heading"
EVIL_FOLDER = "in <img src=x onerror=alert(3)> `f` # x"


def _articles(injured: int) -> list[dict]:
    return [
        {"outlet": EVIL_OUTLET, "date": "2026-11-17", "title": "<script>alert(4)</script>",
         "text": f"أصيب {injured} شخصاً في انفجار سيارة مفخخة <img src=x onerror=alert(5)> في "
                 "سوق بمدينة حلب يوم الثلاثاء، بحسب الشرطة.\nوقال <b>المحافظ</b> | `x` إن "
                 "التحقيقات ](javascript:alert(6)) جارية لكشف منفذي الهجوم \u202e07."},
        {"outlet": OTHER_OUTLET, "date": "2026-11-18", "title": "# title\n<svg onload=alert(7)>",
         "text": "أصيب 40 شخصاً في انفجار سيارة مفخخة <img src=x onerror=alert(5)> في سوق "
                 "بمدينة حلب يوم الثلاثاء، بحسب الشرطة.\nوانسحب الجيش من بلدة سراقب "
                 "<script>alert(8)</script> بعد معارك عنيفة."},
    ]


@pytest.fixture(scope="module")
def evil_runs(encoder, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evil")
    outs = []
    for week, injured in (("old", 70), ("new", 40)):  # the new run corrects 70 to 40
        folder = tmp / week / EVIL_FOLDER
        folder.mkdir(parents=True)
        (folder / "in.jsonl").write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in _articles(injured)),
            encoding="utf-8")
        (folder / "README.md").write_text("not an article\n", encoding="utf-8")  # skipped
        outs.append(compare.run([folder], out=tmp / f"run-{week}", index_dir=tmp / "idx",
                                encoder=encoder).out)
    compare.diff(outs[0], outs[1])
    return outs


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def _page(markdown: str) -> _Tags:
    from markdown_it import MarkdownIt

    parser = _Tags()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    return parser


OURS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
        "strong", "b", "bdi", "a", "br", "code", "sub", "blockquote"}


def _assert_inert(markdown: str) -> _Tags:
    """Only the renderers' own elements, no script, handler, javascript link or override."""
    assert "\u202e" not in markdown
    page = _page(markdown)
    assert {tag for tag, _ in page.tags} <= OURS, {tag for tag, _ in page.tags} - OURS
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert set(attrs) <= {"id", "href", "dir", "style"}, (tag, attrs)
        assert attrs.get("style", "text-align:right") == "text-align:right", (tag, attrs)
        assert "href" not in attrs or attrs["href"].startswith("#story-"), (tag, attrs)
    assert [tag for tag, _ in page.tags].count("h1") == 1
    return page


def test_report_md_shows_markup_from_the_input_as_text(evil_runs):
    report = (evil_runs[1] / "report.md").read_text(encoding="utf-8")
    page = _assert_inert(report)
    for shown in ("Evil <script>alert(1)</script> | `tick` RLO](javascript:alert(1))",
                  "<img src=x onerror=alert(2)> # Heading",
                  "<img src=x onerror=alert(5)>", "](javascript:alert(6))",
                  f"{EVIL_FOLDER}/README.md"):
        assert shown in page.text, shown
    assert "## Not read (1)" in report and "## What to check (" in report
    assert "\\<img src=x onerror=alert(2)\\> \\# Heading" in report


def test_diff_md_shows_markup_from_the_input_as_text(evil_runs):
    diff = (evil_runs[1] / "diff.md").read_text(encoding="utf-8")
    page = _assert_inert(diff)
    assert "## Relations that changed (1)" in diff and "contradict → agree" in diff
    assert "<img src=x onerror=alert(5)>" in page.text
    assert "Evil <script>alert(1)</script> | `tick` RLO](javascript:alert(1))" in page.text
    assert "<img src=x onerror=alert(2)> # Heading" in page.text


def test_a_report_written_without_escaping_would_fail_these_checks(evil_runs, tmp_path: Path):
    """The checks above can fail: an outlet's name written raw is caught."""
    report = (evil_runs[1] / "report.md").read_text(encoding="utf-8")
    raw = report.replace("\\<img src=x onerror=alert(2)\\> \\# Heading",
                         "<img src=x onerror=alert(2)> # Heading", 1)
    with pytest.raises(AssertionError):
        _assert_inert(raw)
