"""Report stage: the fact-checker's markdown, from the claims and pairs frames.

Order of reading: counts per outlet pair; the texts that outlets republished (one wire dispatch
printed by several outlets is one source); contradictions first (grouped by type), each with
both quotes verbatim, outlet, speaker and why flagged; then agreements whose attribution
differs; then other agreements and related pairs in brief; then what only one independent
source carries.

Quotes go in their own ``<p dir="rtl">`` / ``<p dir="ltr">`` blocks so that Arabic reads
right-to-left on GitHub and is never mixed into a left-to-right table cell. Text is only
HTML-escaped, never reordered or reshaped; differing tokens are wrapped in ``<b>``. Every other
piece of text from the input (outlets, speakers, reasons, the run's name and model) is escaped for
markdown by ``escape.md``: one line, no control characters, rendered exactly as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from compare import schema
from compare.relate.detectors import KINDS, typed_kinds
from compare.report.escape import RTL_LANGS, esc, md

UNTYPED = "classifier"
CONTRADICTION_TYPES = (*typed_kinds(), UNTYPED)

Highlighter = Callable[[str, str], tuple[list[tuple[int, int]], list[tuple[int, int]]]]


def render(claims: pl.DataFrame, pairs: pl.DataFrame, info: schema.RunInfo,
           highlight: Highlighter | None = None, max_items: int = 200,
           stories: pl.DataFrame | None = None) -> str:
    """The markdown report of one run.

    ``claims`` is ``CLAIMS_OUT``, ``pairs`` is ``PAIRS``; ``info`` is the run's facts;
    ``highlight(text_a, text_b)`` returns the character spans that differ in each text;
    ``stories`` (``STORIES``) adds the table of stories.
    """
    schema.check(claims, schema.CLAIMS_OUT, "report")
    schema.check(pairs, schema.PAIRS, "report")
    claims = claims.with_columns(source=pl.col("source").fill_null(pl.col("outlet")))
    carriers = _carriers(claims)
    by_claim = {r["claim_id"]: {**r, "carriers": carriers.get(r["group_id"])} for r in
                claims.select("claim_id", "lang", "first_outlet", "first_date", "group_id")
                .iter_rows(named=True)}
    out = [f"# claim-compare report: {md(info.name)}", ""]
    out += _summary(claims, pairs, info)
    out += _story_table(stories, claims, pairs) if stories is not None else []
    out += _outlet_table(claims)
    out += _pair_table(pairs)
    out += _section_copies(claims)
    contradictions = pairs.filter(pl.col("relation") == "contradict")
    out += _section_contradictions(contradictions, by_claim, highlight, max_items)
    agree = pairs.filter(pl.col("relation") == "agree")
    differing = agree.filter(_attribution_differs())
    out += _section("Agreements with differing attribution", differing, by_claim, highlight,
                    max_items, "The outlets report the same assertion but credit it to "
                    "different sources.")
    out += _section("Other agreements", agree.filter(~_attribution_differs()), by_claim, None,
                    max_items, "Same assertion, same or unknown source.")
    out += _section("Related, neither agreeing nor contradicting",
                    pairs.filter(pl.col("relation") == "related"), by_claim, highlight, max_items,
                    "About the same thing, but one says more or the claims concern different "
                    "events.")
    out += _section_unique(claims, carriers, max_items)
    out += _section_not_read(info)
    return "\n".join(out).rstrip() + "\n"


def _section_not_read(info: schema.RunInfo) -> list[str]:
    """URLs that failed and files that were skipped, each with why."""
    rows = [(f["url"], f["why"]) for f in info.failed]
    rows += [(s["path"], s["why"]) for s in info.skipped]
    if not rows:
        return []
    lines = [f"## Not read ({len(rows)})", ""]
    lines += [f"- {md(where)}: {md(why)}" for where, why in rows]
    return lines + [""]


def _carriers(claims: pl.DataFrame) -> dict[int, tuple[list[str], int]]:
    """Per assertion group: its outlets (first seen first) and how many independent sources."""
    out = {}
    for (gid,), part in claims.filter(pl.col("group_id").is_not_null()).group_by(
            "group_id", maintain_order=True):
        out[gid] = (list(dict.fromkeys(part["outlet"].to_list())), part["source"].n_unique())
    return out


def _independence(outlets: list[str], sources: int) -> str:
    word = "source" if sources == 1 else "sources"
    return f"{sources} independent {word}, {len(outlets)} outlets"


def _attribution_differs() -> pl.Expr:
    return pl.col("reasons").list.eval(pl.element().str.starts_with("attribution")).list.any()


def _summary(claims: pl.DataFrame, pairs: pl.DataFrame, info: schema.RunInfo) -> list[str]:
    counts = {r: pairs.filter(pl.col("relation") == r).height for r in schema.RELATIONS}
    outlets = claims["outlet"].n_unique()
    articles = claims["article_id"].n_unique()
    unique = claims.filter(pl.col("unique")).height
    sources = claims["source"].n_unique()
    lines = [
        f"{articles} articles from {outlets} outlets ({sources} independent sources), "
        f"{claims.height} claims, "
        f"{pairs.height} aligned pairs: **{counts['contradict']} contradict**, "
        f"{counts['agree']} agree, {counts['related']} related; "
        f"{unique} claims carried by one source only.{_same_text(pairs)}",
        "",
        f"Model {md(info.model)}, alignment threshold "
        f"{info.settings.get('align_threshold', '?')}, run {info.created}.",
        "",
    ]
    return lines


def _story_table(stories: pl.DataFrame, claims: pl.DataFrame, pairs: pl.DataFrame,
                 shown: int = 20) -> list[str]:
    """Stories, largest first: title, outlets, independent sources, contradictions."""
    schema.check(stories, schema.STORIES, "report")
    story_of = dict(zip(claims["claim_id"].to_list(), claims["story_id"].to_list(), strict=True))
    contradict: dict[int, int] = {}
    for cid in pairs.filter(pl.col("relation") == "contradict")["claim_id_a"].to_list():
        sid = story_of.get(cid)
        contradict[sid] = contradict.get(sid, 0) + 1
    lines = [f"## Stories ({stories.height})", "",
             "| story | what | outlets | sources | articles | contradictions | dates |",
             "|---:|---|---|---:|---:|---:|---|"]
    for r in stories.head(shown).iter_rows(named=True):
        dates = " – ".join(dict.fromkeys(d for d in (r["first_date"], r["last_date"]) if d))
        # <bdi>: an Arabic title keeps its own direction inside the left-to-right table
        lines.append(f"| {r['story_id']} | <bdi>{md(_short(r['title']))}</bdi> | "
                     f"{md(', '.join(r['outlets']))} | {r['n_sources']} | {r['n_articles']} | "
                     f"{contradict.get(r['story_id'], 0)} | {dates} |")
    if stories.height > shown:
        lines.append(f"| | … and {stories.height - shown} smaller stories | | | | | |")
    return lines + [""]


def _short(text: str | None, limit: int = 120) -> str:
    if not text:
        return "(no claims)"
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _same_text(pairs: pl.DataFrame) -> str:
    same = pairs.filter(pl.col("same_text").fill_null(False)).height
    return f" {same} of the pairs are one text republished, not independent reports." \
        if same else ""


def _outlet_table(claims: pl.DataFrame) -> list[str]:
    table = (
        claims.group_by("outlet")
        .agg(
            articles=pl.col("article_id").n_unique(),
            claims=pl.len(),
            aligned=(~pl.col("unique")).sum(),
            only_here=pl.col("unique").sum(),
        )
        .sort(["claims", "outlet"], descending=[True, False])
    )
    lines = ["## Outlets", "", "| outlet | articles | claims | aligned | only one source |",
             "|---|---:|---:|---:|---:|"]
    for r in table.iter_rows(named=True):
        lines.append(f"| {md(r['outlet'])} | {r['articles']} | {r['claims']} | "
                     f"{r['aligned']} | {r['only_here']} |")
    return lines + [""]


def _pair_table(pairs: pl.DataFrame) -> list[str]:
    lines = ["## Outlet pairs", "", "| outlets | contradict | agree | related |",
             "|---|---:|---:|---:|"]
    if pairs.is_empty():
        return lines + ["| (no aligned claims) | 0 | 0 | 0 |", ""]
    keyed = pairs.with_columns(
        left=pl.min_horizontal("outlet_a", "outlet_b"),
        right=pl.max_horizontal("outlet_a", "outlet_b"),
    )
    table = (
        keyed.group_by("left", "right")
        .agg([(pl.col("relation") == r).sum().alias(r) for r in schema.RELATIONS])
        .sort(["contradict", "agree", "left", "right"], descending=[True, True, False, False])
    )
    for r in table.iter_rows(named=True):
        lines.append(f"| {md(r['left'])} ↔ {md(r['right'])} | {r['contradict']} | "
                     f"{r['agree']} | {r['related']} |")
    return lines + [""]


def _section_copies(claims: pl.DataFrame) -> list[str]:
    """One line per source whose text several outlets carry."""
    lines = []
    for (source,), part in claims.group_by("source", maintain_order=True):
        outlets = list(dict.fromkeys(part.sort("date", nulls_last=True, maintain_order=True)
                                     ["outlet"].to_list()))
        if len(outlets) > 1:
            lines.append(f"- {md(copy_line(source, outlets))}")
    head = [f"## Republished text ({len(lines)})", ""]
    if not lines:
        return head + ["No outlet carries another's text.", ""]
    return head + ["Outlets that print one text are one source, not independent reports; "
                   "their pairs are marked \"same text\".", ""] + lines + [""]


def copy_line(source: str, outlets: Sequence[str]) -> str:
    """How the report names a republished text: a wire agency's, or one outlet's."""
    if source in outlets:
        return f"same text: {source} republished by {', '.join(o for o in outlets if o != source)}"
    return f"same wire text: {source} → {', '.join(outlets)}"


def contradiction_type(kinds: Sequence[str] | None) -> str:
    """The type a contradiction is filed under: the first typed finding kind behind it, else
    ``classifier``."""
    typed = typed_kinds()
    return next((k for k in kinds or [] if k in typed), UNTYPED)


def _section_contradictions(pairs: pl.DataFrame, by_claim: dict, highlight: Highlighter | None,
                            max_items: int) -> list[str]:
    lines = [f"## Contradictions ({pairs.height})", ""]
    if pairs.is_empty():
        return lines + ["No aligned claims contradict each other.", ""]
    typed = pairs.with_columns(type=pl.Series(
        [contradiction_type(k) for k in pairs["kinds"].to_list()], dtype=pl.String))
    for kind in CONTRADICTION_TYPES:
        part = typed.filter(pl.col("type") == kind)
        if part.is_empty():
            continue
        lines += [f"### {_title(kind)} ({part.height})", ""]
        lines += _items(part, by_claim, highlight, max_items)
    return lines


def _title(kind: str) -> str:
    return KINDS[kind].title if kind in KINDS else "Other contradictions (pair classifier)"


def _section(title: str, pairs: pl.DataFrame, by_claim: dict, highlight: Highlighter | None,
             max_items: int, blurb: str) -> list[str]:
    lines = [f"## {title} ({pairs.height})", ""]
    if pairs.is_empty():
        return lines + ["None.", ""]
    return lines + [blurb, ""] + _items(pairs, by_claim, highlight, max_items)


def _items(pairs: pl.DataFrame, by_claim: dict, highlight: Highlighter | None,
           max_items: int) -> list[str]:
    lines: list[str] = []
    # Independent reports first: a wire text's copies agree with each other by construction.
    ordered = pairs.with_columns(copy=pl.col("same_text").fill_null(False)).sort(
        ["copy", "confidence", "similarity"], descending=[False, True, True], nulls_last=True)
    for n, r in enumerate(ordered.head(max_items).iter_rows(named=True), start=1):
        spans_a, spans_b = highlight(r["text_a"], r["text_b"]) if highlight else ([], [])
        conf = "" if r["confidence"] is None else f", confidence {r['confidence']:.2f}"
        lines += [
            f"**{n}. {md(r['outlet_a'])} ↔ {md(r['outlet_b'])}** "
            f"(similarity {r['similarity']:.2f}{conf})",
            "",
            _quote_head(r["outlet_a"], r["speaker_a"], by_claim.get(r["claim_id_a"])),
            _quote(r["text_a"], _lang(by_claim, r["claim_id_a"]), spans_a),
            _quote_head(r["outlet_b"], r["speaker_b"], by_claim.get(r["claim_id_b"])),
            _quote(r["text_b"], _lang(by_claim, r["claim_id_b"]), spans_b),
            "",
        ]
        lines += [f"- {md(reason)}" for reason in (r["reasons"] or [])]
        lines += _assertion(by_claim.get(r["claim_id_a"])) + [""]
    if pairs.height > max_items:
        lines += [f"… and {pairs.height - max_items} more in `pairs.parquet`.", ""]
    return lines


def _assertion(claim: dict | None) -> list[str]:
    """How many independent sources carry the pair's assertion, when that is not just two."""
    outlets, sources = (claim or {}).get("carriers") or ([], 0)
    if len(outlets) <= 2 and sources == len(outlets):
        return []
    return [f"- assertion: {_independence(outlets, sources)}"]


def _section_unique(claims: pl.DataFrame, carriers: dict, max_items: int) -> list[str]:
    """What only one independent source reports, once per assertion: copies of one wire text
    in several outlets are listed once, with the outlets that carry them."""
    unique = claims.filter(pl.col("unique"))
    lines = [f"## Only one source reports ({unique.height})", ""]
    if unique.is_empty():
        return lines + ["Every claim has a counterpart from another source.", ""]
    for (source,), part in unique.sort("source").group_by("source", maintain_order=True):
        items = part.sort("article_id", "start").with_columns(
            key=pl.coalesce(pl.col("group_id").cast(pl.String), pl.col("claim_id"))
        ).unique("key", keep="first", maintain_order=True)
        lines += [f"### Only {md(source)} reports ({items.height})", ""]
        outlets = list(dict.fromkeys(part["outlet"].to_list()))
        if outlets != [source]:
            lines += [f"Carried by {md(', '.join(outlets))}.", ""]
        for r in items.head(max_items).iter_rows(named=True):
            who = f"{r['speaker']}: " if r["speaker"] else ""
            lines.append(_quote(r["text"], r["lang"], [], prefix=who) + _first(r)
                         + _carried(carriers.get(r["group_id"])))
        if items.height > max_items:
            lines.append(f"<p>… and {items.height - max_items} more in claims.parquet.</p>")
        lines.append("")
    return lines


def _carried(carrier: tuple[list[str], int] | None) -> str:
    if not carrier or len(carrier[0]) < 2:
        return ""
    return f"<p>carried by {esc(', '.join(carrier[0]))}</p>"


def _lang(claims: dict, claim_id: str) -> str | None:
    return (claims.get(claim_id) or {}).get("lang")


def _quote_head(outlet: str, speaker: str | None, claim: dict | None = None) -> str:
    who = f" — {esc(speaker)}" if speaker else " — (no attributed speaker)"
    return f"<p><b>{esc(outlet)}</b>{who}{_first(claim)}</p>"


def _first(claim: dict | None) -> str:
    if not claim or not claim.get("first_outlet"):
        return ""
    when = f" on {esc(claim['first_date'])}" if claim.get("first_date") else ""
    return f" · first reported by {esc(claim['first_outlet'])}{when}"


def _quote(text: str, lang: str | None, spans: list[tuple[int, int]], prefix: str = "") -> str:
    direction = "rtl" if (lang or "") in RTL_LANGS else "ltr"
    return f'<blockquote dir="{direction}">{esc(prefix)}{_marked(text, spans)}</blockquote>'


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [esc(text[pos:start]), "<b>", esc(text[start:end]), "</b>"]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)
