"""The diff between two runs as markdown: what changed, most urgent first, each quote in its own
blockquote so Arabic renders right-to-left, every piece of article text escaped."""

from __future__ import annotations

import json

import polars as pl

from compare.report.escape import lines_of, md
from compare.schema import BY_VERDICT, NO_LONGER_ALIGNED, NOT_IN_NEW_RUN


def _sections(frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    pairs = frame.filter(pl.col("kind") == "pair")
    was_contra = pl.col("relation_old") == "contradict"
    now_contra = pl.col("relation_new") == "contradict"
    changed = pl.col("change") == "changed"
    left = pl.col("reasons").list.eval(pl.element().str.ends_with(NOT_IN_NEW_RUN)).list.any()
    unaligned = pl.col("reasons").list.contains(NO_LONGER_ALIGNED)
    gone = (pl.col("change") == "gone") & ~left & ~unaligned
    return {
        "new_contradictions": pairs.filter(now_contra & (pl.col("change") != "gone")),
        "changed": pairs.filter(changed),
        "resolved": pairs.filter(was_contra & (changed | gone)),
        "new_pairs": pairs.filter((pl.col("change") == "new") & ~now_contra),
        "gone_pairs": pairs.filter(gone & ~was_contra),
        "unaligned_pairs": pairs.filter((pl.col("change") == "gone") & unaligned),
        "left_pairs": pairs.filter((pl.col("change") == "gone") & left),
        "new_unique": frame.filter((pl.col("kind") == "unique") & (pl.col("change") == "new")),
        "gone_unique": frame.filter((pl.col("kind") == "unique") & (pl.col("change") == "gone")),
    }


def diff_counts(frame: pl.DataFrame) -> dict:
    """How many rows fall in each section of the report, plus the total."""
    counts = {name: part.height for name, part in _sections(frame).items()}
    counts["rows"] = frame.height
    return counts


_COUNT_LABELS = {
    "new_contradictions": "new contradictions",
    "changed": "relations that changed",
    "resolved": "resolved contradictions",
    "new_pairs": "other new pairs",
    "gone_pairs": "other pairs gone",
    "unaligned_pairs": "pairs of unchanged claims no longer aligned (not listed)",
    "left_pairs": "pairs whose articles are not in the new run (not listed)",
    "new_unique": "new single-outlet claims",
    "gone_unique": "single-outlet claims gone or now aligned",
}


def render_markdown(frame: pl.DataFrame, old: dict, new: dict, counts: dict, *,
                    max_items: int = 100) -> str:
    """The diff as markdown: each quote in its own blockquote so Arabic renders right-to-left.

    ``old`` and ``new`` are the runs' ``run.json`` facts plus a ``label`` to show them by; the
    header notes when their models or their settings differ. Every label, outlet, quote and
    reason is escaped (:func:`compare.report.escape.md`): one line each, rendered as written.
    """
    sections = _sections(frame)
    lines = [
        f"# Changes from {md(old.get('label'))} to {md(new.get('label'))}", "",
        f"- old run: {md(old.get('label'))} ({_stamp(old)})",
        f"- new run: {md(new.get('label'))} ({_stamp(new)})",
    ]
    if old.get("model") and new.get("model") and old["model"] != new["model"]:
        lines.append(f"- note: the runs used different models ({md(str(old['model']))} → "
                     f"{md(str(new['model']))})")
    changed = settings_changed(old.get("settings"), new.get("settings"))
    if changed:
        lines.append("- note: the runs used different settings ("
                     + "; ".join(f"{md(key)} {md(before)} → {md(after)}"
                                 for key, before, after in changed) + ")")
    lines += [""] + [f"- {_COUNT_LABELS[k]}: {counts[k]}" for k in _COUNT_LABELS] + [""]
    if frame.is_empty():
        return "\n".join(lines + ["No changes.", ""])
    lines += _pair_section("New contradictions", sections["new_contradictions"], max_items)
    lines += _pair_section("Relations that changed", sections["changed"], max_items)
    lines += _pair_section("Resolved contradictions", sections["resolved"], max_items)
    lines += _pair_section("Other new pairs", sections["new_pairs"], max_items, brief=True)
    lines += _pair_section("Other pairs gone", sections["gone_pairs"], max_items, brief=True)
    lines += _unlisted_note(sections["unaligned_pairs"], "whose two claims are unchanged but "
                            "no longer aligned", NO_LONGER_ALIGNED)
    lines += _unlisted_note(sections["left_pairs"], "with an article the new run does not hold",
                            NOT_IN_NEW_RUN)
    lines += _unique_section(sections["new_unique"], max_items)
    return "\n".join(lines)


def _stamp(meta: dict) -> str:
    bits = [md(str(meta[k])) for k in ("week", "created") if meta.get(k)]
    return ", ".join(bits) or "no timestamp"


UNSET = "(not set)"
_MISSING = object()


def settings_changed(old: object, new: object) -> list[tuple[str, str, str]]:
    """``(key, old value, new value)`` for each setting that differs between two runs' ``settings``,
    nested tables flattened to dotted keys (``detectors.shared_denial``), in key order. Nothing
    when either run does not record its settings."""
    if not isinstance(old, dict) or not isinstance(new, dict) or not old or not new:
        return []
    flat_old, flat_new = _flatten(old), _flatten(new)
    return [(key, _shown(flat_old, key), _shown(flat_new, key))
            for key in sorted(flat_old.keys() | flat_new.keys())
            if flat_old.get(key, _MISSING) != flat_new.get(key, _MISSING)]


def _flatten(settings: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in settings.items():
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _shown(flat: dict, key: str) -> str:
    """A setting's value as run.json writes it (strings quoted, so blanks show)."""
    if key not in flat:
        return UNSET
    return json.dumps(flat[key], ensure_ascii=False, sort_keys=True)


def _pair_section(title: str, part: pl.DataFrame, max_items: int, *,
                  brief: bool = False) -> list[str]:
    if part.is_empty():
        return []
    lines = [f"## {title} ({part.height})", ""]
    for number, row in enumerate(part.head(max_items).iter_rows(named=True), 1):
        lines += [f"### {number}. {md(row['outlet_a'])} ↔ {md(row['outlet_b'])}: "
                  f"{_relation(row)}", ""]
        lines += _quote(row["outlet_a"], row["text_a"]) + _quote(row["outlet_b"], row["text_b"])
        if row["reasons"] and not brief:
            lines += ["Reasons: " + "; ".join(md(r) for r in row["reasons"]), ""]
    return lines + _more(part.height, max_items)


def _unlisted_note(part: pl.DataFrame, what: str, reason: str) -> list[str]:
    """Gone pairs that say nothing about the news (they left the run's scope, or alignment
    paired their claims otherwise): counted, not listed."""
    if part.is_empty():
        return []
    contradictions = part.filter(pl.col("relation_old") == "contradict").height
    return [f"Not listed: {_plural(part.height, 'pair')} of the old run "
            f"({_plural(contradictions, 'contradiction')}) {what}; diff.parquet has them, with "
            f"the reason \"{reason}\".", ""]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _relation(row: dict) -> str:
    if row["change"] == "changed":
        by = any(r.startswith(BY_VERDICT) for r in row["reasons"] or [])
        return f"{row['relation_old']} → {row['relation_new']}" + (
            " (a person's verdict)" if by else "")
    if row["change"] == "gone":
        return f"{row['relation_old']} (gone)"
    return row["relation_new"]


def _unique_section(part: pl.DataFrame, max_items: int) -> list[str]:
    if part.is_empty():
        return []
    lines = [f"## New single-outlet claims ({part.height})", ""]
    for (outlet,), claims in part.group_by("outlet_a", maintain_order=True):
        claims = claims.sort("text_a")
        lines += [f"### {md(outlet)} ({claims.height})", ""]
        for row in claims.head(max_items).iter_rows(named=True):
            lines += _blockquote(row["text_a"])
            if row["reasons"]:
                lines += ["<sub>" + md("; ".join(row["reasons"])) + "</sub>", ""]
        lines += _more(claims.height, max_items)
    return lines


def _more(total: int, shown: int) -> list[str]:
    return [f"… and {total - shown} more in diff.parquet.", ""] if total > shown else []


def _quote(outlet: str, text: str | None) -> list[str]:
    return [f"**{md(outlet)}**:", ""] + _blockquote(text)


def _blockquote(text: str | None) -> list[str]:
    """``text`` as a blockquote of its own, verbatim once rendered (markdown is escaped)."""
    if text is None:
        return ["> (text unavailable)", ""]
    # Each line is one line of the quote; leading blanks are dropped (inside a quote they would
    # turn a line into a code block).
    return [f"> {md(line)}".rstrip() for line in lines_of(text)] + [""]
