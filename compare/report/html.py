"""The report as one self-contained web page: ``report.html`` beside ``report.md``.

The same content as the markdown, read from the same functions of :mod:`compare.report.content`
in the same order (the run in one line, "What to check", the stories most divergent first, the
stories one outlet covers, republished text, what was not read), with what a browser adds: the
words that differ marked in both quotes, filters by outlet, relation, type and story, and a
chart of each outlet's claims, agreements and divergences. "What to check" lists every item
(up to ``max_items``), not only the first screen, so that the filters find them.

One file that works offline and loads nothing: its CSS and JS (``compare/data/report``) are
inlined, the chart (:mod:`compare.report.chart`) is inline SVG, and a Content-Security-Policy
forbids every network load. Every piece of text from the input (outlets, speakers, titles,
file names, claim text, reasons, the run's name) is escaped by :func:`compare.report.cards.text`
(``html.escape`` with quotes); what the script needs is one JSON block with ``<``, ``>``, ``&``
and the Unicode line separators escaped, read and written with ``textContent``, so no text can
become markup. Quotes are ``<p dir="rtl" lang="ar">`` or ``dir="ltr"`` blocks, names inline are
``<bdi>``: Arabic keeps its direction beside English.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import polars as pl

from compare import schema
from compare.report import content
from compare.report.cards import Cards, Highlighter, bdi, plural, text
from compare.report.chart import chart, outlet_figures
from compare.report.markdown import copy_line, republished

ASSETS = Path(__file__).resolve().parent.parent / "data" / "report"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:")


def render_html(claims: pl.DataFrame, pairs: pl.DataFrame, info: schema.RunInfo,
                highlight: Highlighter | None = None,
                stories: pl.DataFrame | None = None, max_items: int = 500) -> str:
    """The run's report as one HTML page that loads nothing from the network.

    ``claims`` is ``CLAIMS_OUT``, ``pairs`` is ``PAIRS`` (with a person's verdicts when the run
    has them), ``info`` the run's facts; ``highlight(text_a, text_b)`` returns the character
    spans that differ in each text (marked with ``<mark>``); ``stories`` (``STORIES``; without
    it, stories are counted from the claims). No list is longer than ``max_items``.
    """
    content.check_frames(claims, pairs)
    claims = claims.with_columns(source=pl.col("source").fill_null(pl.col("outlet")))
    cards = Cards(claims, highlight, max_items)
    checks = content.what_to_check(claims, pairs, stories)
    sections = content.story_sections(claims, pairs, stories, checks)
    compared = [s for s in sections if not s.single_outlet]
    body = [
        _header(claims, pairs, info, sections),
        _filters(),
        chart(outlet_figures(sections)),
        _checks(cards, checks, max_items),
        *[cards.story(section) for section in compared[:max_items]],
        _more(len(compared) - max_items, "stories covered by several outlets"),
        cards.single_outlet([s for s in sections if s.single_outlet][:max_items]),
        _copies(claims),
        _not_read(info),
        f'<script type="application/json" id="report-data">'
        f"{json_for_script(cards.vocabulary(sections))}</script>",
        f"<script>{asset('report.js')}</script>",
    ]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>claim-compare report: {text(info.name)}</title>",
        f"<style>{asset('report.css')}</style>",
        "</head>",
        "<body>",
        *[part for part in body if part],
        "</body>",
        "</html>",
        "",
    ])


def json_for_script(data: object) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``: no ``<``,
    ``>`` or ``&`` (so no ``</script>`` or ``<!--``) and no U+2028/2029."""
    out = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        out = out.replace(raw, escaped)
    return out


def _header(claims: pl.DataFrame, pairs: pl.DataFrame, info: schema.RunInfo,
            sections: list[content.StorySection]) -> str:
    counts = {r: pairs.filter(pl.col("relation") == r).height for r in schema.RELATIONS}
    several = sum(not s.single_outlet for s in sections)
    same = pairs.filter(pl.col("same_text").fill_null(False)).height
    summary = (
        f"{claims['article_id'].n_unique()} articles from {claims['outlet'].n_unique()} outlets "
        f"({plural(claims['source'].n_unique(), 'independent source')}), "
        f"{plural(claims.height, 'claim')}, {len(sections)} "
        f"{'story' if len(sections) == 1 else 'stories'} ({several} covered by several "
        f"outlets), {plural(pairs.height, 'aligned pair')}: <strong>{counts['contradict']} "
        f"contradict</strong>, {counts['agree']} agree, {counts['related']} related; "
        f"{plural(claims.filter(pl.col('unique')).height, 'claim')} carried by one source only."
        + (f" {same} of the pairs are one text republished, not independent reports."
           if same else ""))
    return (f"<header><h1>claim-compare report: <bdi>{text(info.name)}</bdi></h1>"
            f"<p>{summary}</p><p class=\"meta\">Model {text(info.model)}, alignment threshold "
            f"{text(info.settings.get('align_threshold', '?'))}, run {text(info.created)}.</p>"
            "</header>")


def _checks(cards: Cards, checks: pl.DataFrame, max_items: int) -> str:
    head = f'<section id="what-to-check"><h2>What to check ({checks.height})</h2>'
    if checks.is_empty():
        return head + "<p>Nothing: no contradiction, no differing attribution, and no figure, " \
                      "accusation or quote that only one source carries.</p></section>"
    items = [cards.check(row) for row in checks.head(max_items).iter_rows(named=True)]
    return "\n".join([head, "<p>Contradictions first, then agreements whose attribution "
                      "differs, then claims only one source carries. <code>claim-compare show "
                      "ID</code> explains an item in full.</p>", '<ol class="items">', *items,
                      "</ol>", _more(checks.height - len(items), "in the stories below"),
                      "</section>"])


def _more(count: int, what: str) -> str:
    return f'<p class="meta">… and {count} more {what}.</p>' if count > 0 else ""


def _copies(claims: pl.DataFrame) -> str:
    """One line per source whose text several outlets carry, worded as report.md words it."""
    lines = [f"<li><bdi>{text(copy_line(source, outlets))}</bdi></li>"
             for source, outlets in republished(claims)]
    head = f'<section id="republished"><h2>Republished text ({len(lines)})</h2>'
    if not lines:
        return head + "<p>No outlet carries another's text.</p></section>"
    return (head + "<p>Outlets that print one text are one source, not independent reports; "
            "their pairs are marked \"same text\".</p><ul>" + "".join(lines) + "</ul></section>")


def _filters() -> str:
    selects = "".join(
        f'<label>{label} <select id="filter-{name}" data-filter="{name}">'
        f'<option value="">all</option></select></label>'
        for name, label in (("outlet", "Outlet"), ("relation", "Relation"), ("type", "Type"),
                            ("story", "Story")))
    return (f'<nav id="filters" aria-label="Filters">{selects}'
            '<button type="button" id="filter-reset">Show all</button>'
            '<output id="shown" role="status"></output></nav>')


def _not_read(info: schema.RunInfo) -> str:
    rows = [(f["url"], f["why"]) for f in info.failed]
    rows += [(s["path"], s["why"]) for s in info.skipped]
    if not rows:
        return ""
    items = "".join(f"<li>{bdi(where)}: {text(why)}</li>" for where, why in rows)
    return f'<section id="not-read"><h2>Not read ({len(rows)})</h2><ul>{items}</ul></section>'


@functools.cache
def asset(name: str) -> str:
    """The page's own style or script (``compare/data/report``), to inline."""
    body = (ASSETS / name).read_text(encoding="utf-8")
    if re.search(r"</(script|style)", body, re.I):  # would end the element it is inlined in
        raise ValueError(f"{name} must not contain a closing </script> or </style>")
    return body
