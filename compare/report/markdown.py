"""Report stage: the fact-checker's markdown, from the claims, pairs and stories frames.

Order of reading: the run in one line; **What to check**, the first ten items of
:func:`compare.report.content.what_to_check` (contradictions, then agreements whose attribution
differs, then claims only one source carries), each with its outlets, a short quote of each
side, a link to its story and the id ``claim-compare show`` opens; then one section per story,
the most divergent first (:func:`compare.report.content.story_sections`): coverage by outlet,
what the outlets agree on (one line per assertion), where they diverge (both quotes in full),
how many pairs are only related (a few shown), what only one source carries; then the stories
one outlet covers, in brief; then the texts outlets republished; then what could not be read.

Quotes go in their own ``<p dir="rtl">`` / ``<p dir="ltr">`` blocks so that Arabic reads
right-to-left on GitHub and is never mixed into a left-to-right line. Text is only
HTML-escaped, never reordered or reshaped; differing words are wrapped in ``<b>``. Every other
piece of text from the input (outlets, speakers, titles, reasons, the run's name and model) is
escaped for markdown by ``escape.md``: one line, no control characters, rendered exactly as
written; a short quote inside a line is ``md``-escaped inside ``<bdi>``, which keeps its
direction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from compare import schema
from compare.relate.detectors import KINDS
from compare.report import content
from compare.report.escape import RTL_LANGS, esc, md

Highlighter = Callable[[str, str], tuple[list[tuple[int, int]], list[tuple[int, int]]]]

CHECKS_SHOWN = 10  # "What to check" fits a first screen
STORIES_IN_FULL = 20  # the most divergent; the other stories several outlets cover: one row each
AGREEMENTS_SHOWN = 5  # per story
DIVERGENCES_SHOWN = 5  # per story, contradictions first
SHORT = 90  # characters of a quote inside a line
TYPE_TITLES = {
    content.UNTYPED: "Contradiction (pair classifier)",
    content.ATTRIBUTION: "Attribution differs",
    "accusation": "One source only: accusation",
    "numbers": "One source only: figures",
    "quote": "One source only: quote",
}


def render(claims: pl.DataFrame, pairs: pl.DataFrame, info: schema.RunInfo,
           highlight: Highlighter | None = None, max_items: int = 200,
           stories: pl.DataFrame | None = None) -> str:
    """The markdown report of one run.

    ``claims`` is ``CLAIMS_OUT``, ``pairs`` is ``PAIRS`` (with a person's verdicts when the run
    has them); ``info`` is the run's facts; ``highlight(text_a, text_b)`` returns the character
    spans that differ in each text; ``stories`` (``STORIES``; without it, stories are counted
    from the claims). No list is longer than ``max_items``; the ``STORIES_IN_FULL`` most
    divergent stories several outlets cover get a section each, the others a table row.
    """
    content.check_frames(claims, pairs)
    claims = claims.with_columns(source=pl.col("source").fill_null(pl.col("outlet")))
    checks = content.what_to_check(claims, pairs, stories)
    sections = content.story_sections(claims, pairs, stories, checks)
    first = {r["claim_id"]: r for r in claims.select("claim_id", "first_outlet", "first_date")
             .iter_rows(named=True)}
    compared = [s for s in sections if not s.single_outlet]
    out = [f"# claim-compare report: {md(info.name)}", ""]
    out += _summary(claims, pairs, info, sections)
    out += _section_checks(checks)
    # The stories "What to check" links to get a section, whatever their rank.
    linked = set(checks.head(CHECKS_SHOWN)["story_id"].to_list())
    full = [s for n, s in enumerate(compared)
            if n < min(STORIES_IN_FULL, max_items) or s.story_id in linked]
    for section in full:
        out += _story(section, highlight, first)
    shown = {s.story_id for s in full}
    out += _brief_stories([s for s in compared if s.story_id not in shown], max_items)
    out += _single_outlet_stories([s for s in sections if s.single_outlet], max_items)
    out += _section_copies(claims)
    out += _section_not_read(info)
    return "\n".join(out).rstrip() + "\n"


def _summary(claims: pl.DataFrame, pairs: pl.DataFrame, info: schema.RunInfo,
             sections: list[content.StorySection]) -> list[str]:
    counts = {r: pairs.filter(pl.col("relation") == r).height for r in schema.RELATIONS}
    several = sum(not s.single_outlet for s in sections)
    return [
        f"{claims['article_id'].n_unique()} articles from {claims['outlet'].n_unique()} outlets "
        f"({_plural(claims['source'].n_unique(), 'independent source')}), "
        f"{_plural(claims.height, 'claim')}, "
        f"{_plural(len(sections), 'story', 'stories')} ({several} covered by several outlets), "
        f"{_plural(pairs.height, 'aligned pair')}: **{counts['contradict']} contradict**, "
        f"{counts['agree']} agree, {counts['related']} related; "
        f"{_plural(claims.filter(pl.col('unique')).height, 'claim')} carried by one source "
        "only."
        f"{_same_text(pairs)}",
        "",
        f"Model {md(info.model)}, alignment threshold "
        f"{info.settings.get('align_threshold', '?')}, run {info.created}.",
        "",
    ]


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def _same_text(pairs: pl.DataFrame) -> str:
    same = pairs.filter(pl.col("same_text").fill_null(False)).height
    return f" {same} of the pairs are one text republished, not independent reports." \
        if same else ""


# --- what to check --------------------------------------------------------------------------

def _section_checks(checks: pl.DataFrame) -> list[str]:
    lines = [f"## What to check ({checks.height})", ""]
    if checks.is_empty():
        return lines + ["Nothing: no contradiction, no differing attribution, and no figure, "
                        "accusation or quote that only one source carries.", ""]
    lines += ["Contradictions first, then agreements whose attribution differs, then claims "
              "only one source carries. `claim-compare show ID` explains an item in full.", ""]
    for r in checks.head(CHECKS_SHOWN).iter_rows(named=True):
        lines += _check_item(r)
    rest = checks.slice(CHECKS_SHOWN)
    if not rest.is_empty():
        counts = {kind: rest.filter(pl.col("kind") == kind).height for kind in _KIND_WORDS}
        per = [_plural(n, _KIND_WORDS[kind]) for kind, n in counts.items() if n]
        lines += ["", f"… and {rest.height} more ({', '.join(per)}): see the stories below, "
                  "`pairs.parquet` and `claims.parquet`."]
    return lines + [""]


_KIND_WORDS = {content.CONTRADICTION: "contradiction",
               content.ATTRIBUTION: "differing attribution",
               content.SINGLE_SOURCE: "single-source claim"}


def _check_item(r: dict) -> list[str]:
    story = f"[story {r['story_id']}](#{content.anchor(r['story_id'])})"
    if r["kind"] == content.SINGLE_SOURCE:
        who = f" — {md(r['speaker_a'])}" if r["speaker_a"] else ""
        return [f"{r['rank']}. **{type_title(r['type'])}** · {md(r['outlet_a'])}{who} · "
                f"{story} · claim {_id(r['claim_id_a'])}<br>",
                f"   {_inline(r['text_a'])}"]
    conf = "" if r["confidence"] is None else f" · {r['confidence']:.2f}"
    verdict = f"<br>\n   person's verdict: {md(r['verdict'])}" if r["verdict"] else ""
    return [f"{r['rank']}. **{type_title(r['type'])}** · {md(r['outlet_a'])} ↔ "
            f"{md(r['outlet_b'])}{conf} · {story} · pair {_id(r['pair_id'])}<br>",
            f"   {_inline(r['text_a'])} ↔ {_inline(r['text_b'])}{verdict}"]


def _id(text: str | None) -> str:
    """A pair's or claim's id, as ``claim-compare show`` takes it."""
    return f"<code>{md(text)}</code>"


def type_title(kind: str) -> str:
    """How the report names a type of item to check."""
    return KINDS[kind].title if kind in KINDS and KINDS[kind].title else \
        TYPE_TITLES.get(kind, kind)


def _inline(text: str | None, limit: int | None = SHORT) -> str:
    """A quote inside a line, cut to ``limit`` characters unless None: its own direction
    (``<bdi>``), markdown-escaped."""
    return f"<bdi>«{md(_short(text, limit))}»</bdi>"


def _short(text: str | None, limit: int | None = SHORT) -> str:
    text = " ".join((text or "").split())
    return text if limit is None or len(text) <= limit else text[:limit - 1].rstrip() + "…"


# --- stories --------------------------------------------------------------------------------

def _story(s: content.StorySection, highlight: Highlighter | None,
           first: dict) -> list[str]:
    st = s.story
    title = st["title"] or "(no claims)"
    lines = [f'## <a id="{s.anchor}"></a>Story {st["story_id"]}: '
             f"<bdi>{md(_short(title, 120))}</bdi>", "",
             f"{_plural(st['n_outlets'], 'outlet')} "
             f"({_plural(st['n_sources'], 'independent source')}), "
             f"{_plural(st['n_articles'], 'article')}, {_plural(st['n_claims'], 'claim')}"
             f"{_dates(st)}. `claim-compare show s{st['story_id']}` lists all of it.", ""]
    lines += _coverage(s.coverage)
    lines += _agreements(s.agreements)
    lines += _divergences(s.divergences, highlight, first)
    lines += _related(s)
    lines += _only_here(s, first)
    return lines


def _dates(story: dict) -> str:
    dates = list(dict.fromkeys(d for d in (story["first_date"], story["last_date"]) if d))
    return f", {' – '.join(dates)}" if dates else ""


def _coverage(coverage: pl.DataFrame) -> list[str]:
    lines = ["| outlet | articles | claims | agreed | diverging | only here |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {md(r['outlet'])} | {r['articles']} | {r['claims']} | {r['agreements']} | "
              f"{r['divergences']} | {r['only_here']} |" for r in coverage.iter_rows(named=True)]
    return lines + [""]


def _agreements(agreements: pl.DataFrame) -> list[str]:
    if agreements.is_empty():
        return []
    lines = [f"**Agreed ({agreements.height})**", ""]
    for r in agreements.head(AGREEMENTS_SHOWN).iter_rows(named=True):
        copies = " (one text republished)" if r["same_text"] else ""
        lines.append(f"- {_inline(r['text'], None)} — {md(', '.join(r['outlets']))}: "
                     f"{_plural(r['n_sources'], 'independent source')}{copies}"
                     f"{md(_first_words(r))}")
    if agreements.height > AGREEMENTS_SHOWN:
        lines.append(f"- … and {agreements.height - AGREEMENTS_SHOWN} more agreed assertions")
    return lines + [""]


def _first_words(claim: dict | None, sep: str = "; ") -> str:
    """Where an earlier article carried the claim first, if one did."""
    if not claim or not claim.get("first_outlet"):
        return ""
    when = f" on {claim['first_date']}" if claim.get("first_date") else ""
    return f"{sep}first reported by {claim['first_outlet']}{when}"


def _divergences(divergences: pl.DataFrame, highlight: Highlighter | None,
                 first: dict) -> list[str]:
    if divergences.is_empty():
        return []
    lines = [f"**Diverging ({divergences.height})**", ""]
    for r in divergences.head(DIVERGENCES_SHOWN).iter_rows(named=True):
        spans_a, spans_b = highlight(r["text_a"], r["text_b"]) if highlight else ([], [])
        conf = "" if r["confidence"] is None else f", confidence {r['confidence']:.2f}"
        lines += [f"**{r['rank']}. {type_title(r['type'])}: {md(r['outlet_a'])} ↔ "
                  f"{md(r['outlet_b'])}** (pair {_id(r['pair_id'])}{conf})", "",
                  _quote_head(r["outlet_a"], r["speaker_a"], first.get(r["claim_id_a"])),
                  _quote(r["text_a"], r["lang_a"], spans_a),
                  _quote_head(r["outlet_b"], r["speaker_b"], first.get(r["claim_id_b"])),
                  _quote(r["text_b"], r["lang_b"], spans_b), ""]
        if r["verdict"]:
            lines.append(f"- **person's verdict** (not the model's): {md(r['verdict'])}")
        lines += [f"- {md(reason)}" for reason in r["reasons"] or []
                  if not (r["verdict"] and reason.startswith("person's verdict"))]
        lines.append("")
    if divergences.height > DIVERGENCES_SHOWN:
        lines += [f"… and {divergences.height - DIVERGENCES_SHOWN} more in `pairs.parquet`.", ""]
    return lines


def _related(s: content.StorySection) -> list[str]:
    if not s.related_count:
        return []
    lines = [f"**Related, neither agreeing nor contradicting ({s.related_count})**", ""]
    for r in s.related_sample.iter_rows(named=True):
        why = next((x for x in r["reasons"] or [] if not x.startswith("classifier")), None)
        lines.append(f"- {md(r['outlet_a'])} {_inline(r['text_a'], 70)} · {md(r['outlet_b'])} "
                     f"{_inline(r['text_b'], 70)}" + (f" ({md(why)})" if why else ""))
    if s.related_count > s.related_sample.height:
        lines.append(f"- … and {s.related_count - s.related_sample.height} more in "
                     "`pairs.parquet`")
    return lines + [""]


def _only_here(s: content.StorySection, first: dict) -> list[str]:
    if not s.only_here_count:
        return []
    lines = [f"**Only one source ({s.only_here_count})**", ""]
    for r in s.only_here.iter_rows(named=True):
        why = f" · {esc(type_title(r['type']))} · claim <code>{esc(r['claim_id_a'])}</code>"
        lines += [_quote_head(r["outlet_a"], r["speaker_a"], first.get(r["claim_id_a"]), why),
                  _quote(r["text_a"], r["lang_a"], []),
                  f"<p><sub>{esc(' · '.join(r['reasons'] or []))}</sub></p>"]
    rest = s.only_here_count - s.only_here.height
    if rest:
        lines += ["", f"… and {rest} more in `claims.parquet` (column `unique`)."]
    return lines + [""]


def _brief_stories(sections: list[content.StorySection], max_items: int) -> list[str]:
    """Stories several outlets cover beyond the ones shown in full: one table row each."""
    if not sections:
        return []
    lines = [f"## More stories several outlets cover ({len(sections)})", "",
             "`claim-compare show sN` lists story N in full.", "",
             "| story | outlets | sources | agreed | diverging | related | only one source | "
             "what |", "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for s in sections[:max_items]:
        st = s.story
        lines.append(f'| <a id="{s.anchor}"></a>{st["story_id"]} | {st["n_outlets"]} | '
                     f"{st['n_sources']} | {s.agreements.height} | {s.divergences.height} | "
                     f"{s.related_count} | {s.only_here_count} | "
                     f"<bdi>{md(_short(st['title'] or '(no claims)', 100))}</bdi> |")
    if len(sections) > max_items:
        lines.append(f"| | … and {len(sections) - max_items} more in `stories.parquet` "
                     "| | | | | | |")
    return lines + [""]


def _single_outlet_stories(sections: list[content.StorySection], max_items: int) -> list[str]:
    """Stories one outlet covers: nothing to compare, one line each."""
    if not sections:
        return []
    lines = [f"## Stories one outlet covers ({len(sections)})", ""]
    for s in sections[:max_items]:
        st = s.story
        lines.append(f'- <a id="{s.anchor}"></a>story {st["story_id"]}: '
                     f"{md(', '.join(st['outlets']))}, {_plural(st['n_articles'], 'article')}, "
                     f"{_plural(st['n_claims'], 'claim')} — "
                     f"{_inline(st['title'] or '(no claims)', 100)}")
    if len(sections) > max_items:
        lines.append(f"- … and {len(sections) - max_items} more in `stories.parquet`")
    return lines + [""]


# --- republished text, not read -------------------------------------------------------------

def _section_copies(claims: pl.DataFrame) -> list[str]:
    """One line per source whose text several outlets carry."""
    lines = [f"- {md(copy_line(source, outlets))}"
             for source, outlets in republished(claims)]
    head = [f"## Republished text ({len(lines)})", ""]
    if not lines:
        return head + ["No outlet carries another's text.", ""]
    return head + ["Outlets that print one text are one source, not independent reports; "
                   "their pairs are marked \"same text\".", ""] + lines + [""]


def republished(claims: pl.DataFrame) -> list[tuple[str, list[str]]]:
    """Each source whose text several outlets carry, with those outlets, first printed first."""
    out = []
    for (source,), part in claims.group_by("source", maintain_order=True):
        outlets = list(dict.fromkeys(part.sort("date", nulls_last=True, maintain_order=True)
                                     ["outlet"].to_list()))
        if len(outlets) > 1:
            out.append((source, outlets))
    return out

def copy_line(source: str, outlets: Sequence[str]) -> str:
    """How the report names a republished text: a wire agency's, or one outlet's."""
    if source in outlets:
        return f"same text: {source} republished by {', '.join(o for o in outlets if o != source)}"
    return f"same wire text: {source} → {', '.join(outlets)}"


def _section_not_read(info: schema.RunInfo) -> list[str]:
    """URLs that failed and files that were skipped, each with why."""
    rows = [(f["url"], f["why"]) for f in info.failed]
    rows += [(s["path"], s["why"]) for s in info.skipped]
    if not rows:
        return []
    lines = [f"## Not read ({len(rows)})", ""]
    lines += [f"- {md(where)}: {md(why)}" for where, why in rows]
    return lines + [""]


# --- quotes ---------------------------------------------------------------------------------

def _quote_head(outlet: str, speaker: str | None, claim: dict | None = None,
                more: str = "") -> str:
    who = f" — {esc(speaker)}" if speaker else " — (no attributed speaker)"
    return f"<p><b>{esc(outlet)}</b>{who}{esc(_first_words(claim, ' · '))}{more}</p>"


def _quote(text: str, lang: str | None, spans: list[tuple[int, int]]) -> str:
    direction = "rtl" if (lang or "") in RTL_LANGS else "ltr"
    return f'<p dir="{direction}">{_marked(text, spans)}</p>'


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [esc(text[pos:start]), "<b>", esc(text[start:end]), "</b>"]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)
