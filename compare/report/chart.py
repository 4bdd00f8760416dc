"""The chart of ``report.html``: per outlet, its claims, the assertions it shares agreeing and
the divergences it is part of, as inline SVG (no script, nothing to load). Outlet names are
escaped; a long one is cut in the label and whole in its tooltip."""

from __future__ import annotations

import html

import polars as pl

from compare.report.content import StorySection
from compare.report.escape import without_controls

# The bars of each outlet, top to bottom: a column of content.COVERAGE and its colour.
SERIES = (("claims", "#4c78a8"), ("agreements", "#59a14f"), ("divergences", "#e15759"))


def outlet_figures(sections: list[StorySection]) -> list[dict]:
    """Per outlet, most claims first: its claims, the assertions it shares agreeing and the
    divergences it is part of, summed over the stories' coverage tables."""
    coverage = [s.coverage for s in sections if s.coverage.height]
    if not coverage:
        return []
    totals = pl.concat(coverage).group_by("outlet").agg(
        pl.col(key).sum() for key, _ in SERIES)
    return list(totals.sort(["claims", "outlet"], descending=[True, False]).iter_rows(named=True))


def chart(figures: list[dict], bar: int = 11, label_width: int = 190,
          plot_width: int = 520) -> str:
    """Inline SVG: per outlet, one bar each for claims, agreements and divergences."""
    if not figures:
        return ""
    top = max(max(f[key] for key, _ in SERIES) for f in figures) or 1
    row_height = bar * len(SERIES) + 14
    height = 28 + row_height * len(figures)
    width = label_width + plot_width + 60
    parts = [f'<svg class="chart" role="img" aria-labelledby="chart-title" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">',
             '<title id="chart-title">Claims, agreements and divergences per outlet</title>']
    for i, (key, colour) in enumerate(SERIES):
        x = label_width + i * 130
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 18}" y="14">{key}</text>')
    for n, fig in enumerate(figures):
        y = 28 + n * row_height
        parts.append(f'<text class="label" x="{label_width - 10}" y="{y + row_height // 2}" '
                     f'text-anchor="end"><title>{_e(fig["outlet"])}</title>'
                     f'{_e(_short(fig["outlet"], 26))}</text>')
        for i, (key, colour) in enumerate(SERIES):
            length = round(plot_width * fig[key] / top)
            by = y + i * bar
            parts.append(f'<rect x="{label_width}" y="{by}" width="{max(length, 1)}" '
                         f'height="{bar - 2}" fill="{colour}"><title>{_e(fig["outlet"])}: '
                         f'{fig[key]} {key}</title></rect>'
                         f'<text class="value" x="{label_width + length + 4}" '
                         f'y="{by + bar - 3}">{fig[key]}</text>')
    parts.append("</svg>")
    return '<figure id="chart">' + "".join(parts) + "</figure>"


def _e(text: object) -> str:
    return html.escape(without_controls(str(text)), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
