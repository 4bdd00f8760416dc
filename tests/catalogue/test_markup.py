"""The catalogue, markup side: raw HTML and markdown in anything the user controls — outlet
names, titles, speakers, article text, file and folder names, the run's name — reaches
report.md and diff.md escaped, on one line, free of control characters, and still readable as
written.

The real pipeline runs in-process (``claim-compare run`` twice, then ``claim-compare diff``);
the text files it wrote are then checked line by line and, where markdown-it-py is installed
(it comes with typer's rich), rendered the way GitHub would render them.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[link](javascript:x)"
ESCAPE = "\x1b[31m"

OUTLET_A = f"{SCRIPT} Times"
OUTLET_B = "Evil\nOutlet | **bold** # heading"  # a newline inside an outlet's name
OUTLET_B_SHOWN = "Evil Outlet | **bold** # heading"
OUTLET_FILE = f"{LINK} {IMG}"  # no outlet in the front matter: the file's name is the outlet
OUTLET_D = f"| pipe |\n# heading {ESCAPE}~~struck~~"  # only in the second run
OUTLET_D_SHOWN = "| pipe | # heading [31m~~struck~~"
RUN_NAME = f"<i>run {IMG} **b** #1"  # --name takes no '/', so no closing tag here
NEW_INPUT = f"# new | **run** {IMG}"  # the second run's name is its input folder's name
OLD_OUT, NEW_OUT = "reports/`old` <u>1", "reports/new_2 ~~x~~"

SOLDIERS = "soldiers were killed in the attack on the northern army base"
ARMY = f"The **army** closed the {LINK} road near the northern base on Tuesday."
RESCUE = "# heading Rescue teams are still searching the rubble | pipe | for survivors."
GOVERNOR = f"{ESCAPE}The governor said schools in the province will stay closed until Sunday\x07."
AR_SPEAKER = f"قال {IMG} إن"


def _jsonl(*articles: dict) -> str:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def _plant(folder: Path, killed_b: int, *, extra: bool) -> None:
    """Three outlets on one attack; ``killed_b`` is the figure outlet B gives (a correction from
    12 to 30 between the runs turns its contradictions into agreements)."""
    folder.mkdir(parents=True)
    (folder / "a.jsonl").write_text(_jsonl(
        {"outlet": OUTLET_A, "url": "https://a.example/1", "title": f"{SCRIPT} base",
         "date": "2026-11-17",
         "text": f'"30 {SOLDIERS}," said {SCRIPT}. {ARMY}\n{RESCUE}\n{GOVERNOR}'},
    ), encoding="utf-8")
    (folder / "b.jsonl").write_text(_jsonl(
        {"outlet": OUTLET_B, "url": "https://b.example/1", "title": "**Base** | attack",
         "date": "2026-11-17",
         "text": f'"{killed_b} {SOLDIERS}," said the defence ministry. '
                 "The army closed the road near the northern base on Tuesday."},
    ), encoding="utf-8")
    (folder / f"{OUTLET_FILE}.md").write_text(
        f"---\ntitle: '{SCRIPT} [x](javascript:y)'\ndate: 2026-11-17\n"
        "url: https://c.example/1\n---\n"
        f"{AR_SPEAKER} 30 جنديا قتلوا في الهجوم على القاعدة العسكرية الشمالية.\n"
        "وأغلق الجيش الطريق القريب من القاعدة الشمالية يوم الثلاثاء.\n", encoding="utf-8")
    if extra:
        (folder / "d.jsonl").write_text(_jsonl(
            {"outlet": OUTLET_D, "url": "https://d.example/1", "title": "# d", "date": "2026-11-18",
             "text": f"{ESCAPE}The central bank raised its **main** interest rate to 9 percent on "
                     f"Wednesday {SCRIPT}.\n- 1. The finance minister resigned | after a vote "
                     "of no confidence in parliament on Thursday."},
        ), encoding="utf-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, str]:
    """Two runs and their diff through the CLI; the text of every markdown file written."""
    root = tmp_path_factory.mktemp("markup")
    _plant(root / "in-old", 12, extra=False)
    _plant(root / NEW_INPUT, 30, extra=True)
    (root / "c.toml").write_text("[tool.claim-compare.detectors]\nshared_denial = 0.5\n",
                                 encoding="utf-8")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        for argv in (
            ["run", "in-old", "--out", OLD_OUT, "--name", RUN_NAME, "--index-dir", "idx"],
            ["run", NEW_INPUT, "--out", NEW_OUT, "--index-dir", "idx", "--threshold", "0.86",
             "--config", "c.toml"],
            ["diff", "--reports-dir", "reports"],
        ):
            result = runner.invoke(app, argv)
            assert result.exit_code == 0, result.output
    files = {str(p.relative_to(root / "reports")): p.read_text(encoding="utf-8")
             for p in sorted((root / "reports").rglob("*.md"))}
    assert sorted(files) == [f"{Path(OLD_OUT).name}/report.md", f"{Path(NEW_OUT).name}/diff.md",
                             f"{Path(NEW_OUT).name}/report.md"]
    return files


# --- the markdown as written ----------------------------------------------------------------

OUR_TAGS = re.compile(r'</?(?:p|b|sub|bdi|code|a)>|<br>|<a id="story-\d+">'
                      r'|<(?:blockquote|p) dir="(?:rtl|ltr|auto)">|</blockquote>')
HTML_LINE = re.compile(r"<(?:p|blockquote)[ >]")
ENTITY = re.compile(r"&(?:lt|gt|amp);")


def _unescaped(line: str, chars: str) -> list[int]:
    """Where ``chars`` stand in a markdown line outside a backslash escape."""
    found, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] in chars:
            found.append(i)
        i += 1
    return found


def _markup_problems(text: str) -> list[str]:
    problems = []
    for n, line in enumerate(text.split("\n"), 1):
        if HTML_LINE.match(line):  # our own HTML: no backslash escapes there, only entities
            angles = [m.start() for m in re.finditer("<", line)]
            amps = [m.start() for m in re.finditer("&", line)]
            entity = ENTITY
        else:
            angles, amps, entity = _unescaped(line, "<"), _unescaped(line, "&"), None
        problems += [f"{n}: raw tag {line[i:i + 20]!r}" for i in angles
                     if not OUR_TAGS.match(line, i)]
        problems += [f"{n}: raw & {line[i:i + 10]!r}" for i in amps
                     if not (entity and entity.match(line, i))]
    return problems


def test_no_raw_markup_reaches_a_written_file(written):
    for name, text in written.items():
        assert _markup_problems(text) == [], name
        assert not re.search(r"(?<!\\)<(?:script|img|i>|u>)", text), name
        # Markdown syntax is inert inside our HTML lines; everywhere else it must be escaped.
        markdown = "\n".join(line for line in text.split("\n") if not HTML_LINE.match(line))
        for raw in ("[link](", "**army**", "**bold**", "**run**", "~~x~~", "# heading"):
            assert not re.search(r"(?<!\\)" + re.escape(raw), markdown), (name, raw)


def test_no_control_character_reaches_a_written_file(written):
    for name, text in written.items():
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text), name
        assert "[31m" in text, name  # the rest of the escape sequence is shown as text


def test_an_outlets_newline_splits_no_heading_or_row(written):
    for name, text in written.items():
        lines = text.split("\n")
        assert not any(line.startswith("Outlet") for line in lines), name
        assert not any(line.rstrip().endswith("Evil") for line in lines), name
        for line in lines:
            if line.startswith(("#", "|", "**", "- ")) and "Evil" in line:
                assert "Evil Outlet \\| \\*\\*bold\\*\\* \\# heading" in line, (name, line)
    diff = written[f"{Path(NEW_OUT).name}/diff.md"]
    headings = [line for line in diff.split("\n") if line.startswith("### ")]
    assert "### \\| pipe \\| \\# heading \\[31m\\~\\~struck\\~\\~ (2)" in headings


def test_outlet_tables_keep_their_cells(written):
    for name in (f"{Path(OLD_OUT).name}/report.md", f"{Path(NEW_OUT).name}/report.md"):
        lines = written[name].split("\n")
        heads = [k for k, line in enumerate(lines) if line.startswith("| outlet | articles |")]
        assert heads, name
        for head in heads:  # each story's coverage table: one row per outlet, 6 cells
            cells = len(_unescaped(lines[head], "|")) - 1
            rows = lines[head + 2:lines.index("", head)]
            assert rows, (name, lines[head])
            for row in rows:
                assert len(_unescaped(row, "|")) == cells + 1, (name, row)


def test_the_diff_header_names_both_runs_and_their_differing_settings(written):
    diff = written[f"{Path(NEW_OUT).name}/diff.md"]
    head = diff.split("\n")[:6]
    assert head[0].startswith("# Changes from \\`old\\` \\<u\\>1 (\\<i\\>run \\<img ")
    assert ("- note: the runs used different settings (align_threshold 0.87 → 0.86; "
            "detectors.shared_denial 0.6 → 0.5)") in head


# --- the markdown as rendered ---------------------------------------------------------------

ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
                "strong", "b", "blockquote", "sub", "bdi", "ol", "a", "br", "code", "h4",
                "em"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.blocks: list[str] = [""]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        assert all(name == "dir" or tag in ("th", "td") and name == "style"
                   or tag == "a" and (name, (value or "").split("-")[0]) in (("id", "story"),
                                                                          ("href", "#story"))
                   for name, value in attrs), (tag, attrs)
        if tag in ("h1", "h2", "h3", "p", "li", "td", "th", "blockquote", "sub"):
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        self.blocks[-1] += data


def _render(text: str) -> _Page:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    page = _Page()
    page.feed(html)
    return page


def test_rendered_files_show_the_text_as_written_and_no_planted_markup(written):
    report = _render(written[f"{Path(OLD_OUT).name}/report.md"])
    diff = _render(written[f"{Path(NEW_OUT).name}/diff.md"])
    new_report = _render(written[f"{Path(NEW_OUT).name}/report.md"])
    for page in (report, diff, new_report):
        assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
    text = "\n".join(report.blocks)
    assert f"claim-compare report: {RUN_NAME}" in text
    for shown in (OUTLET_A, OUTLET_B_SHOWN, OUTLET_FILE, f'said {SCRIPT}', AR_SPEAKER,
                  ARMY.rstrip("."), "[31mThe governor said schools"):
        assert shown in text, shown
    assert any(block.startswith("attribution: <") for block in report.blocks)
    new_text = "\n".join(new_report.blocks)
    assert f"claim-compare report: {NEW_INPUT}" in new_text
    assert OUTLET_D_SHOWN in new_text
    diff_text = "\n".join(diff.blocks)
    for shown in (f"Changes from `old` <u>1 ({RUN_NAME}) to new_2 ~~x~~ ({NEW_INPUT})",
                  OUTLET_A, OUTLET_B_SHOWN, OUTLET_FILE, OUTLET_D_SHOWN, f"said {SCRIPT}",
                  AR_SPEAKER, "The finance minister resigned | after a vote",
                  "raised its **main** interest rate"):
        assert shown in diff_text, shown
