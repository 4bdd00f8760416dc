"""What changed between two runs: new and resolved contradictions, changed relations, new
single-outlet claims.

A pair is identified by its unordered pair of claim ids. Claim ids are content hashes, so an
article an outlet *corrected* gets new ids; such claims are traced back to the claim they
replace (same outlet, same article key, similar text or same sentence), so a correction shows
as a ``changed`` relation instead of a pair that vanished and a pair that appeared.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz

from compare import schema
from compare.errors import RunError
from compare.files import write_text, write_with

RUN_FILES = ("run.json", "claims.parquet", "pairs.parquet", "articles.parquet")
CORRECTION_RATIO = 80.0
# Marks a gone row whose article the new run does not hold (another week, another input):
# such a pair was not resolved, it only left the run's scope.
NOT_IN_NEW_RUN = "article not in the new run"
# Marks a gone row whose two claims are both still there word for word: alignment keeps a few
# neighbours per claim, and claims new to the run can take the place of an old partner.
NO_LONGER_ALIGNED = "both claims unchanged in the new run, no longer aligned"

_CHANGE_ORDER = {"new": 0, "changed": 1, "gone": 2}
_KIND_ORDER = {"pair": 0, "unique": 1}
_RELATION_ORDER = {"contradict": 0, "agree": 1, "related": 2}

_RUN_HINT = "a run directory is written by `claim-compare run INPUT… --out DIR`"


@dataclass(frozen=True)
class Run:
    """One run directory read back: its ``run.json`` and its three tables."""

    path: Path
    meta: dict
    claims: pl.DataFrame
    pairs: pl.DataFrame
    articles: pl.DataFrame



def load_run(path: Path) -> Run:
    """Read a run directory, checking that every file is there and has the right columns."""
    path = Path(path)
    if not path.is_dir():
        raise RunError("run directory not found", path=path, hint=_RUN_HINT)
    for name in RUN_FILES:
        if not (path / name).is_file():
            raise RunError(f"incomplete run: {name} is missing from {path}", path=path / name,
                           hint="the run did not finish; run it again or pick another directory")
    return Run(
        path=path,
        meta=_read_meta(path / "run.json"),
        claims=_read_table(path / "claims.parquet", schema.CLAIMS_OUT),
        pairs=_read_table(path / "pairs.parquet", schema.PAIRS),
        articles=_read_table(path / "articles.parquet", schema.ARTICLES),
    )


def _read_meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunError(f"cannot read run.json: {exc}", path=path, hint=_RUN_HINT) from None
    if not isinstance(meta, dict):
        raise RunError("run.json is not a JSON object", path=path, hint=_RUN_HINT)
    return meta


def _read_table(path: Path, columns: dict) -> pl.DataFrame:
    try:
        table = pl.read_parquet(path)
        return schema.check(table, columns, path.name).select(list(columns))
    except (OSError, pl.exceptions.PolarsError, schema.SchemaError) as exc:
        raise RunError(f"cannot read {path.name}: {exc}", path=path,
                       hint="the file is damaged or from another version; re-run") from None


def latest_runs(reports_dir: Path) -> tuple[Path, Path]:
    """The two most recent complete runs under ``reports_dir``, as ``(older, newer)``.

    A run is complete when its ``run.json`` exists (it is written last); runs are ordered by
    the ``created`` timestamp inside it. Hidden folders (a run being staged or replaced) are
    skipped.
    """
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        raise RunError("reports directory not found", path=reports_dir, hint=_RUN_HINT)
    runs = sorted(
        (_created(d / "run.json"), d.name, d)
        for d in reports_dir.iterdir()
        if not d.name.startswith(".") and (d / "run.json").is_file()
    )
    if len(runs) < 2:
        raise RunError(
            f"need two complete runs to compare, found {len(runs)}", path=reports_dir,
            hint="a run is complete once run.json is written; run `claim-compare run` "
                 f"with --out {reports_dir}/<name> until there are two")
    return runs[-2][2], runs[-1][2]


def _created(path: Path) -> datetime:
    created = _read_meta(path).get("created")
    try:
        stamp = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    except ValueError:
        raise RunError(f"run.json has no valid 'created' timestamp: {created!r}", path=path,
                       hint="expected an ISO timestamp such as 2026-11-23T06:00:00+00:00") from None
    # Naive and aware stamps cannot be compared; a naive one is taken as local time.
    return stamp if stamp.tzinfo else stamp.astimezone()


# --- matching -------------------------------------------------------------------------------

def diff_runs(old: Path, new: Path, *, min_ratio: float = CORRECTION_RATIO) -> pl.DataFrame:
    """Every pair and single-outlet claim that is new, gone or changed from ``old`` to ``new``.

    ``min_ratio`` is the rapidfuzz ratio (0–100) on normalised text above which a claim of a
    corrected article counts as the corrected version of an old claim. Returns a frame in
    ``schema.DIFF``, sorted for reading: new, then changed, then gone; pairs before single-outlet
    claims; contradictions first. An identical re-run gives an empty frame.
    """
    old_run, new_run = load_run(old), load_run(new)
    origin = _claim_origin(old_run, new_run, min_ratio)
    kept = _kept_claims(old_run, new_run)
    rows = (_pair_rows(old_run, new_run, origin, kept)
            + _unique_rows(old_run, new_run, origin, kept))
    return schema.frame(sorted(rows, key=_reading_order), schema.DIFF)


def _claim_origin(old: Run, new: Run, min_ratio: float) -> dict[str, str]:
    """Map each claim id of ``new`` that also exists in ``old`` (maybe corrected) to its old id."""
    old_ids = set(old.claims["claim_id"])
    origin = {cid: cid for cid in new.claims["claim_id"] if cid in old_ids}
    candidates = []
    old_left = _by_article_key(_claim_records(old, exclude=set(origin)))
    for claim in _claim_records(new, exclude=set(origin)):
        for before in old_left.get(claim["key"], ()):
            score = _correction_score(claim, before, min_ratio)
            if score is not None:
                candidates.append((score, claim["claim_id"], before["claim_id"]))
    taken: set[str] = set()
    for _, new_id, old_id in sorted(candidates, reverse=True):
        if new_id not in origin and old_id not in taken:
            origin[new_id] = old_id
            taken.add(old_id)
    return origin


def _claim_records(run: Run, exclude: set[str]) -> list[dict]:
    """Claims not in ``exclude``, each with the key of the article it comes from."""
    keys = {row["article_id"]: _article_key(row) for row in run.articles.iter_rows(named=True)}
    records = []
    for row in run.claims.select("claim_id", "article_id", "outlet", "norm", "sentence") \
            .iter_rows(named=True):
        key = keys.get(row["article_id"])
        if row["claim_id"] not in exclude and key is not None:
            records.append({**row, "key": (row["outlet"], key)})
    return records


def _article_key(article: dict) -> tuple | None:
    """What stays put when an outlet corrects an article: its url, else its title."""
    if article["url"]:
        return ("url", article["url"])
    if article["title"]:
        return ("title", article["title"])
    return None


def _kept_claims(old: Run, new: Run) -> set[str]:
    """Claims of ``old`` whose article, as it was or corrected, is also in ``new``."""
    columns = ["article_id", "outlet", "url", "title"]
    new_ids = set(new.articles["article_id"])
    new_keys = {(a["outlet"], _article_key(a)) for a in new.articles.select(columns).iter_rows(
        named=True)}
    kept = {a["article_id"] for a in old.articles.select(columns).iter_rows(named=True)
            if a["article_id"] in new_ids
            or (_article_key(a) is not None and (a["outlet"], _article_key(a)) in new_keys)}
    return set(old.claims.filter(pl.col("article_id").is_in(list(kept)))["claim_id"])


def _by_article_key(records: list[dict]) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = {}
    for record in records:
        grouped.setdefault(record["key"], []).append(record)
    return grouped


def _correction_score(claim: dict, before: dict, min_ratio: float) -> tuple | None:
    """How sure we are that ``claim`` is the corrected ``before``; None when it is not."""
    ratio = fuzz.ratio(claim["norm"] or "", before["norm"] or "")
    same_sentence = claim["sentence"] is not None and claim["sentence"] == before["sentence"]
    if ratio < min_ratio and not same_sentence:
        return None
    return (ratio >= min_ratio, ratio, same_sentence)


def _canonical(pair: dict) -> dict:
    """The pair with its sides ordered by (outlet, claim id), so both runs put them alike."""
    if (pair["outlet_a"], pair["claim_id_a"]) <= (pair["outlet_b"], pair["claim_id_b"]):
        return pair
    swapped = {}
    for column, value in pair.items():
        if column.endswith("_a"):
            swapped[column[:-2] + "_b"] = value
        elif column.endswith("_b"):
            swapped[column[:-2] + "_a"] = value
        else:
            swapped[column] = value
    return swapped


def _pairs_by_key(run: Run, translate: Callable[[str], str]) -> dict[frozenset, dict]:
    pairs: dict[frozenset, dict] = {}
    for row in run.pairs.iter_rows(named=True):
        key = frozenset((translate(row["claim_id_a"]), translate(row["claim_id_b"])))
        pairs.setdefault(key, _canonical(row))
    return pairs


def _pair_rows(old: Run, new: Run, origin: dict[str, str], kept: set[str]) -> list[dict]:
    old_pairs = _pairs_by_key(old, lambda cid: cid)
    new_pairs = _pairs_by_key(new, lambda cid: origin.get(cid, cid))
    corrected = {cid for cid, was in origin.items() if cid != was}
    rows = []
    for key, pair in new_pairs.items():
        before = old_pairs.get(key)
        if before is None:
            rows.append(_pair_row("new", pair, None, pair["relation"], pair["reasons"]))
        elif before["relation"] != pair["relation"]:
            reasons = (_correction_notes(pair, corrected) + list(pair["reasons"] or [])
                       + [f"before: {reason}" for reason in before["reasons"] or []])
            rows.append(_pair_row("changed", pair, before["relation"], pair["relation"], reasons))
    unchanged = set(new.claims["claim_id"])
    for key, pair in old_pairs.items():
        if key not in new_pairs:
            reasons = _gone_notes(pair, kept, unchanged) + list(pair["reasons"] or [])
            rows.append(_pair_row("gone", pair, pair["relation"], None, reasons))
    return rows


def _gone_notes(pair: dict, kept: set[str], unchanged: set[str]) -> list[str]:
    """Why an old pair is missing when nothing about its claims says so."""
    ids = {side: pair["claim_id" + side] for side in ("_a", "_b")}
    left = [f"{pair['outlet' + side]} {NOT_IN_NEW_RUN}" for side, cid in ids.items()
            if cid not in kept]
    if left:
        return left
    return [NO_LONGER_ALIGNED] if all(cid in unchanged for cid in ids.values()) else []


def _correction_notes(pair: dict, corrected: set[str]) -> list[str]:
    return [f"{pair['outlet' + side]} corrected its article"
            for side in ("_a", "_b") if pair["claim_id" + side] in corrected]


def _pair_row(change: str, pair: dict, relation_old: str | None, relation_new: str | None,
              reasons: Iterable[str] | None) -> dict:
    return {
        "change": change, "kind": "pair",
        "relation_old": relation_old, "relation_new": relation_new,
        "claim_id_a": pair["claim_id_a"], "claim_id_b": pair["claim_id_b"],
        "outlet_a": pair["outlet_a"], "outlet_b": pair["outlet_b"],
        "text_a": pair["text_a"], "text_b": pair["text_b"],
        "reasons": list(reasons or []),
    }


def _unique_rows(old: Run, new: Run, origin: dict[str, str], kept: set[str]) -> list[dict]:
    old_unique, old_known = _unique_ids(old), set(old.claims["claim_id"])
    new_unique = _unique_ids(new)
    successor = {was: cid for cid, was in origin.items()}
    rows = []
    for claim in _unique_claims(new):
        was = origin.get(claim["claim_id"])
        if was not in old_unique:
            why = ("aligned with another outlet in the previous run" if was in old_known
                   else "not in the previous run")
            rows.append(_unique_row("new", claim, why))
    for claim in _unique_claims(old):
        now = successor.get(claim["claim_id"])
        if now not in new_unique:
            rows.append(_unique_row("gone", claim, _gone_reason(claim, now, kept)))
    return rows


def _gone_reason(claim: dict, successor: str | None, kept: set[str]) -> str:
    if successor is not None:
        return "now aligned with another outlet"
    if claim["claim_id"] in kept:
        return "no longer in its article"
    return f"{claim['outlet']} {NOT_IN_NEW_RUN}"


def _unique_ids(run: Run) -> set[str]:
    return set(run.claims.filter(pl.col("unique").fill_null(False))["claim_id"])


def _unique_claims(run: Run) -> Iterable[dict]:
    return run.claims.filter(pl.col("unique").fill_null(False)) \
        .select("claim_id", "outlet", "text").iter_rows(named=True)


def _unique_row(change: str, claim: dict, why: str) -> dict:
    return {
        "change": change, "kind": "unique", "relation_old": None, "relation_new": None,
        "claim_id_a": claim["claim_id"], "claim_id_b": None,
        "outlet_a": claim["outlet"], "outlet_b": None,
        "text_a": claim["text"], "text_b": None, "reasons": [why],
    }


def _reading_order(row: dict) -> tuple:
    relation = row["relation_new"] or row["relation_old"]
    return (
        _CHANGE_ORDER[row["change"]], _KIND_ORDER[row["kind"]],
        _RELATION_ORDER.get(relation, len(_RELATION_ORDER)),
        row["outlet_a"] or "", row["outlet_b"] or "",
        row["text_a"] or "", row["text_b"] or "",
        row["claim_id_a"] or "", row["claim_id_b"] or "",
    )


# --- writing --------------------------------------------------------------------------------

def write_diff(frame: pl.DataFrame, old: Path, new: Path, out: Path, *,
               max_items: int = 100) -> dict:
    """Write ``diff.parquet`` and ``diff.md`` into ``out`` atomically; return the counts.

    ``max_items`` caps each section of ``diff.md`` (each outlet, for single-outlet claims);
    ``diff.parquet`` always holds every row.
    """
    frame = schema.check(frame, schema.DIFF, "diff").select(list(schema.DIFF))
    counts = diff_counts(frame)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    markdown = render_markdown(frame, _read_meta_or_name(old), _read_meta_or_name(new), counts,
                               max_items=max_items)
    write_with(out / "diff.parquet", frame.write_parquet)
    write_text(out / "diff.md", markdown)
    return counts


def _read_meta_or_name(path: Path) -> dict:
    """The run's ``run.json`` facts, labelled by its folder (two runs may share a name)."""
    path = Path(path)
    meta = _read_meta(path / "run.json") if (path / "run.json").is_file() else {}
    name = meta.get("name")
    label = path.name if not name or name == path.name else f"{path.name} ({name})"
    return {**{k: v for k, v in meta.items() if v is not None}, "label": label}


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

    ``old`` and ``new`` are the runs' ``run.json`` facts plus a ``label`` to show them by.
    """
    sections = _sections(frame)
    lines = [
        f"# Changes from {old['label']} to {new['label']}", "",
        f"- old run: `{old['label']}` ({_stamp(old)})",
        f"- new run: `{new['label']}` ({_stamp(new)})",
    ]
    if old.get("model") and new.get("model") and old["model"] != new["model"]:
        lines.append(f"- note: the runs used different models ({old['model']} → {new['model']})")
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
    bits = [str(meta[k]) for k in ("week", "created") if meta.get(k)]
    return ", ".join(bits) or "no timestamp"


def _pair_section(title: str, part: pl.DataFrame, max_items: int, *,
                  brief: bool = False) -> list[str]:
    if part.is_empty():
        return []
    lines = [f"## {title} ({part.height})", ""]
    for number, row in enumerate(part.head(max_items).iter_rows(named=True), 1):
        lines += [f"### {number}. {row['outlet_a']} ↔ {row['outlet_b']}: {_relation(row)}", ""]
        lines += _quote(row["outlet_a"], row["text_a"]) + _quote(row["outlet_b"], row["text_b"])
        if row["reasons"] and not brief:
            lines += ["Reasons: " + "; ".join(_escape(r) for r in row["reasons"]), ""]
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
        return f"{row['relation_old']} → {row['relation_new']}"
    if row["change"] == "gone":
        return f"{row['relation_old']} (gone)"
    return row["relation_new"]


def _unique_section(part: pl.DataFrame, max_items: int) -> list[str]:
    if part.is_empty():
        return []
    lines = [f"## New single-outlet claims ({part.height})", ""]
    for (outlet,), claims in part.group_by("outlet_a", maintain_order=True):
        claims = claims.sort("text_a")
        lines += [f"### {outlet} ({claims.height})", ""]
        for row in claims.head(max_items).iter_rows(named=True):
            lines += _blockquote(row["text_a"])
            if row["reasons"]:
                lines += ["<sub>" + _escape("; ".join(row["reasons"])) + "</sub>", ""]
        lines += _more(claims.height, max_items)
    return lines


def _more(total: int, shown: int) -> list[str]:
    return [f"… and {total - shown} more in diff.parquet.", ""] if total > shown else []


def _quote(outlet: str, text: str | None) -> list[str]:
    return [f"**{_escape(outlet)}**:", ""] + _blockquote(text)


def _blockquote(text: str | None) -> list[str]:
    """``text`` as a blockquote of its own, verbatim once rendered (markdown is escaped)."""
    if text is None:
        return ["> (text unavailable)", ""]
    # Leading blanks are dropped: inside a quote they would turn a line into a code block.
    return [f"> {_escape(line.strip())}".rstrip() for line in text.split("\n")] + [""]


_MARKDOWN_SPECIAL = set("\\`*_[]<>#|~&")
_BULLET_START = re.compile(r"^(\s*)([-+])(?=\s|$)")
_NUMBER_START = re.compile(r"^(\s*[0-9]+)([.)])")


def _escape(text: str) -> str:
    """Backslash-escape markdown syntax so the rendered text equals ``text`` character for
    character; letters are never touched, so Arabic is neither reordered nor reshaped."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
    # A line that starts like a list item would be rendered as one.
    escaped = _BULLET_START.sub(r"\1\\\2", escaped)
    return _NUMBER_START.sub(r"\1\\\2", escaped)
