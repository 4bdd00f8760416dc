"""The items of ``report.html``: a check (two quotes side by side, or one), an agreed
assertion, a related pair, a story's section, each tagged with what the filters read.

Every string from the input goes through :func:`text` (``html.escape`` with quotes, control
characters dropped); names inline are ``<bdi>``, quotes are blocks of their own in their
language's direction, and the words that differ are in ``<mark>``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

import polars as pl

from compare.report import content
from compare.report.escape import RTL_LANGS, without_controls
from compare.report.markdown import type_title

Highlighter = Callable[[str, str], tuple[list[tuple[int, int]], list[tuple[int, int]]]]

# Items that are one outlet's claim, not a pair, are filtered as this relation.
SINGLE = "single source"
VERDICT = "person's verdict"  # the reason a verdict adds, shown apart from the model's reasons


def text(value: object) -> str:
    """Text from the input as HTML text or attribute value: escaped, control characters
    dropped."""
    return html.escape(without_controls(None if value is None else str(value)), quote=True)


def direction(lang: str | None) -> str:
    """``rtl`` or ``ltr`` for a claim's language; ``auto`` when it is not known."""
    if not lang:
        return "auto"
    return "rtl" if lang in RTL_LANGS else "ltr"


def quote(claim: str | None, lang: str | None, spans: Sequence[tuple[int, int]] = ()) -> str:
    """A claim verbatim in its own block, in its language's direction, the spans marked."""
    if claim is None:
        return '<p class="quote missing">(text unavailable)</p>'
    lang_attr = f' lang="{text(lang)}"' if lang else ""
    return f'<p class="quote" dir="{direction(lang)}"{lang_attr}>{marked(claim, spans)}</p>'


def marked(claim: str, spans: Sequence[tuple[int, int]]) -> str:
    """``claim`` escaped, each span in ``<mark>``; overlapping spans are marked once."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos or end <= start:
            continue
        out += [text(claim[pos:start]), "<mark>", text(claim[start:end]), "</mark>"]
        pos = end
    out.append(text(claim[pos:]))
    return "".join(out)


class Cards:
    """Renders the page's items and notes what the filters offer: outlets (most claims
    first), relations and types, in the order they appear."""

    def __init__(self, claims: pl.DataFrame, highlight: Highlighter | None,
                 max_items: int = 500) -> None:
        self.highlight, self.max_items = highlight, max_items
        outlets = claims.group_by("outlet").agg(n=pl.len()).sort(
            ["n", "outlet"], descending=[True, False])["outlet"].to_list()
        self.outlets = {name: i for i, name in enumerate(outlets)}
        self.claims = {r["claim_id"]: r for r in claims.select(
            "claim_id", "lang", "first_outlet", "first_date").iter_rows(named=True)}
        self.relations: dict[str, None] = {}
        self.types: dict[str, None] = {}

    def attrs(self, *, outlets: Iterable[str | None], relation: str | None = None,
              kind: str | None = None, story: int | None = None) -> str:
        """The data attributes the filters read; outlets by their number."""
        ids = (self.outlets.setdefault(n, len(self.outlets)) for n in outlets if n is not None)
        out = [f'data-outlets="{" ".join(str(i) for i in dict.fromkeys(ids))}"']
        if relation:
            self.relations.setdefault(relation)
            out.append(f'data-relation="{text(relation)}"')
        if kind:
            self.types.setdefault(kind)
            out.append(f'data-type="{text(kind)}"')
        if story is not None:
            out.append(f'data-story="{int(story)}"')
        return " ".join(out)

    def vocabulary(self, sections: list[content.StorySection]) -> dict:
        """What the filters offer, for the script."""
        return {
            "outlet": [{"value": str(i), "label": name, "name": name}
                       for name, i in self.outlets.items()],
            "relation": [{"value": r, "label": r} for r in self.relations],
            "type": [{"value": t, "label": type_title(t)} for t in self.types],
            "story": [{"value": str(s.story_id),
                       "label": f"{s.story_id}: {short(s.story['title'], 60)}"}
                      for s in sections],
        }

    def check(self, row: dict) -> str:
        """One ``CHECKS`` row: a pair with both quotes, or one outlet's claim."""
        single = row["kind"] == content.SINGLE_SOURCE
        attrs = self.attrs(outlets=(row["outlet_a"], row["outlet_b"]), kind=row["type"],
                           relation=SINGLE if single else row["relation"],
                           story=row["story_id"])
        spans = self.highlight(row["text_a"], row["text_b"]) \
            if self.highlight and not single else ([], [])
        sides = [self.side(row, "a", spans[0])] + ([] if single else
                                                   [self.side(row, "b", spans[1])])
        conf = "" if row["confidence"] is None else f" · confidence {row['confidence']:.2f}"
        ident = f"claim <code>{text(row['claim_id_a'])}</code>" if single else \
            f"pair <code>{text(row['pair_id'])}</code>"
        outlets = bdi(row["outlet_a"]) + ("" if single else f" ↔ {bdi(row['outlet_b'])}")
        verdict = f"<p class=\"verdict\">{VERDICT} (not the model's): {text(row['verdict'])}" \
                  "</p>" if row["verdict"] else ""
        reasons = [r for r in row["reasons"] or []
                   if not (row["verdict"] and r.startswith(VERDICT))]
        return "".join([
            f'<li class="item check {text(row["kind"])}" {attrs}>',
            f'<h3><span class="rank">{row["rank"]}</span> '
            f'<span class="tag">{text(type_title(row["type"]))}</span> {outlets} '
            f'<span class="meta">{ident}{conf} · <a href="#{content.anchor(row["story_id"])}">'
            f'story {row["story_id"]}</a></span></h3>',
            f'<div class="sides{" one" if single else ""}">{"".join(sides)}</div>',
            verdict, reasons_list(reasons), "</li>",
        ])

    def side(self, row: dict, k: str, spans: Sequence[tuple[int, int]]) -> str:
        """Side ``a`` or ``b`` of a pair: who says it, then the quote."""
        claim = self.claims.get(row[f"claim_id_{k}"]) or {}
        lang = row.get(f"lang_{k}") or claim.get("lang")
        return who_then(row[f"outlet_{k}"], row[f"speaker_{k}"], claim,
                        quote(row[f"text_{k}"], lang, spans))

    def story(self, section: content.StorySection) -> str:
        """A story covered by several outlets: in the order report.md gives it."""
        s = section.story
        sid = s["story_id"]
        parts = [
            f'<section class="story" id="{text(section.anchor)}" data-story-section '
            f'{self.attrs(outlets=s["outlets"] or [], story=sid)}>',
            f'<h2>Story {int(sid)}: <bdi>{text(short(s["title"], 160))}</bdi></h2>',
            f'<p class="meta">{story_facts(s)}</p>',
            coverage_table(section.coverage),
            titled("Agreed", section.agreements.height,
                   [self.agreement(r, sid) for r in self._head(section.agreements)],
                   rest="pairs.parquet"),
            titled("Diverging", section.divergences.height,
                   [self.check(r) for r in self._head(section.divergences)],
                   ordered=True, rest="pairs.parquet"),
            titled("Related, neither agreeing nor contradicting", section.related_count,
                   [self.related(r, sid) for r in section.related_sample.iter_rows(named=True)],
                   rest="pairs.parquet"),
            titled("Only one source", section.only_here_count,
                   [self.check(r) for r in section.only_here.iter_rows(named=True)],
                   rest="claims.parquet (column unique)"),
            "</section>",
        ]
        return "\n".join(p for p in parts if p)

    def _head(self, frame: pl.DataFrame) -> Iterable[dict]:
        return frame.head(self.max_items).iter_rows(named=True)

    def agreement(self, row: dict, story_id: int) -> str:
        """One assertion agreed on, shown once, with every outlet that carries it."""
        outlets = list(row["outlets"] or [])
        attrs = self.attrs(outlets=outlets, relation="agree", story=story_id)
        facts = f"{names(outlets)}: {plural(row['n_sources'], 'independent source')}"
        if row["same_text"]:
            facts += " (one text republished)"
        return (f'<li class="item agreement" {attrs}>'
                + who_then(row["outlet"], row["speaker"], row, quote(row["text"], row["lang"]))
                + f'<p class="meta">{facts}</p></li>')

    def related(self, row: dict, story_id: int) -> str:
        """A pair about the same thing that neither agrees nor contradicts."""
        attrs = self.attrs(outlets=(row["outlet_a"], row["outlet_b"]), relation="related",
                           story=story_id)
        spans = self.highlight(row["text_a"], row["text_b"]) if self.highlight else ([], [])
        sides = "".join(self.side(row, k, spans[i]) for i, k in enumerate("ab"))
        return (f'<li class="item related" {attrs}><div class="sides">{sides}</div>'
                f"{reasons_list(row['reasons'])}</li>")

    def single_outlet(self, sections: list[content.StorySection]) -> str:
        """Stories one outlet covers: nothing to compare, one line each."""
        if not sections:
            return ""
        items = []
        for section in sections:
            s = section.story
            attrs = self.attrs(outlets=s["outlets"] or [], story=s["story_id"])
            items.append(f'<li id="{text(section.anchor)}" data-story-section {attrs}>'
                         f'Story {int(s["story_id"])}: <bdi>{text(short(s["title"], 160))}'
                         f'</bdi> <span class="meta">({names(s["outlets"] or [])}, '
                         f'{plural(s["n_articles"], "article")}, '
                         f'{plural(s["n_claims"], "claim")})</span></li>')
        return "\n".join([f'<section id="single-outlet"><h2>Stories one outlet covers '
                          f"({len(sections)})</h2>", '<ul class="brief">', *items, "</ul>",
                          "</section>"])


def titled(title: str, total: int, items: list[str], *, ordered: bool = False,
           rest: str = "") -> str:
    """A titled list of items; when it shows fewer than ``total``, says where the rest are."""
    if not total:
        return ""
    tag = "ol" if ordered else "ul"
    more = "" if len(items) >= total else \
        f'<p class="meta">… and {total - len(items)} more in {text(rest)}.</p>'
    return "\n".join([f"<h3>{title} ({total})</h3>", f'<{tag} class="items">', *items,
                      f"</{tag}>", more])


def who_then(outlet: str | None, speaker: str | None, claim: dict, quoted: str) -> str:
    """Outlet, speaker and who reported it first, above the quote."""
    who = f" — {bdi(speaker)}" if speaker else \
        ' — <span class="meta">no attributed speaker</span>'
    first = ""
    if claim.get("first_outlet"):
        when = f" on {text(claim['first_date'])}" if claim.get("first_date") else ""
        first = f' <span class="meta">· first reported by {bdi(claim["first_outlet"])}{when}' \
                "</span>"
    return f'<div class="side"><p class="who"><b>{bdi(outlet)}</b>{who}{first}</p>{quoted}</div>'


def bdi(value: str | None) -> str:
    return f"<bdi>{text(value)}</bdi>"


def names(values: Iterable[str | None]) -> str:
    return ", ".join(bdi(n) for n in values if n is not None)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def reasons_list(reasons: Sequence[str] | None) -> str:
    if not reasons:
        return ""
    return '<ul class="reasons">' + "".join(f"<li>{text(r)}</li>" for r in reasons) + "</ul>"


def short(value: str | None, limit: int) -> str:
    if not value:
        return "(no claims)"
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def story_facts(story: dict) -> str:
    dates = " – ".join(dict.fromkeys(d for d in (story["first_date"], story["last_date"]) if d))
    bits = [names(story["outlets"] or []), plural(story["n_sources"], "independent source"),
            plural(story["n_articles"], "article"), plural(story["n_claims"], "claim")]
    return " · ".join(bits + ([text(dates)] if dates else []))


def coverage_table(coverage: pl.DataFrame) -> str:
    """The story's table per outlet (``content.COVERAGE``), headed as report.md heads it."""
    heads = {"articles": "articles", "claims": "claims", "agreements": "agreed",
             "divergences": "diverging", "only_here": "only here"}
    head = "".join(f"<th>{h}</th>" for h in heads.values())
    body = "".join(f'<tr><th scope="row">{bdi(r["outlet"])}</th>'
                   + "".join(f"<td>{int(r[c])}</td>" for c in heads) + "</tr>"
                   for r in coverage.iter_rows(named=True))
    return (f'<table class="coverage"><thead><tr><th>outlet</th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")
