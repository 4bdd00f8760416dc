"""One pair, claim or story as plain lines for a terminal (``claim-compare show``).

Quotes are printed verbatim, right-to-left text as it is, one quote per line with its outlet,
speaker and date above it. Lines are returned unescaped: whoever prints them replaces control
characters (the CLI shows each as ``?``), so text from an article cannot move the cursor or
recolour the terminal.
"""

from __future__ import annotations

from pathlib import PurePath

import polars as pl

BRIEF = 90  # characters of a quote in a story's brief list
LISTED = 10  # pairs listed per section of a story or a claim


def render(shown) -> list[str]:
    """``shown`` (a :class:`compare.runs.show.Shown`) as lines of text."""
    head = f"{shown.kind} {shown.id} in {shown.run}"
    body = {"pair": _pair, "claim": _claim, "story": _story}[shown.kind](shown)
    return [head, *body]


def _pair(shown) -> list[str]:
    pair = shown.pairs.row(0, named=True)
    claims = {c["claim_id"]: c for c in shown.claims.iter_rows(named=True)}
    lines = [_relation_line(pair),
             f"confidence {_num(pair['confidence'])} · similarity {_num(pair['similarity'])} · "
             f"findings: {', '.join(pair['kinds'] or []) or 'none'}"
             + (" · one text republished" if pair["same_text"] else ""), ""]
    for side in "ab":
        claim = claims.get(pair[f"claim_id_{side}"], {})
        lines += [f"{side.upper()}  {_who(pair[f'outlet_{side}'], pair[f'speaker_{side}'], claim)}",
                  f"   {pair[f'text_{side}']}"]
        lines += [f"   numbers: {n}" for n in [_numbers(claim)] if n]
    lines += ["", "reasons:"] + [f"  - {r}" for r in pair["reasons"] or []]
    if pair["verdict"]:
        lines += ["", _verdict(pair)]
    return lines + _earlier(shown.earlier, shown.id)


def _relation_line(pair: dict) -> str:
    if not pair["verdict"]:
        return f"relation: {pair['relation']} (the model's)"
    return (f"relation: {pair['relation']} (a person's verdict; the model says "
            f"{pair['model_relation']})")


def _verdict(pair: dict) -> str:
    done = {"confirm": "confirmed", "reject": "rejected", "relabel": "relabelled"}
    line = (f"verdict: {done.get(pair['verdict'], pair['verdict'])} by {pair['verdict_by']} "
            f"at {pair['verdict_at']}")
    return f"{line}: {pair['verdict_note']}" if pair["verdict_note"] else line


def _claim(shown) -> list[str]:
    claim = shown.claims.row(0, named=True)
    lines = [_who(claim["outlet"], claim["speaker"], claim)
             + (f" · story s{claim['story_id']}" if claim["story_id"] is not None else ""),
             f"   {claim['text']}"]
    lines += [f"   numbers: {n}" for n in [_numbers(claim)] if n]
    if claim["first_outlet"]:
        lines.append(f"first reported by {claim['first_outlet']} on {claim['first_date']} "
                     f"(claim {claim['first_claim_id']})")
    if claim["unique"]:
        lines.append(f"only one independent source carries it ({claim['source']})")
    lines += ["", f"pairs ({shown.pairs.height}):"]
    for pair in shown.pairs.head(LISTED).iter_rows(named=True):
        other = "b" if pair["claim_id_a"] == claim["claim_id"] else "a"
        lines += [f"  {pair['pair_id']}  {_marked(pair)} with {pair[f'outlet_{other}']}",
                  f"     {_brief(pair[f'text_{other}'])}"]
    return lines + _more(shown.pairs.height) + _earlier(shown.earlier, shown.id)


def _story(shown) -> list[str]:
    story = shown.story
    dates = " – ".join(dict.fromkeys(d for d in (story["first_date"], story["last_date"]) if d))
    lines = [f"title: {story['title'] or '(no claims)'}",
             f"outlets: {', '.join(story['outlets'] or [])} ({story['n_sources']} independent "
             f"sources) · {story['n_articles']} articles · {story['n_claims']} claims · "
             f"{dates or 'undated'} · {', '.join(story['langs'] or [])}"]
    for title, relation in (("divergences", "contradict"), ("agreements", "agree")):
        part = shown.pairs.filter(pl.col("relation") == relation)
        lines += ["", f"{title} ({part.height}):"]
        for pair in part.head(LISTED).iter_rows(named=True):
            lines += [f"  {pair['pair_id']}  {pair['outlet_a']} ↔ {pair['outlet_b']}: "
                      f"{_first_reason(pair)}",
                      f"     {pair['outlet_a']}: {_brief(pair['text_a'])}",
                      f"     {pair['outlet_b']}: {_brief(pair['text_b'])}"]
        lines += _more(part.height)
    related = shown.pairs.filter(pl.col("relation") == "related").height
    lines += ["", f"related pairs: {related}",
              "(`claim-compare show PAIR_ID` explains a pair)"]
    return lines


def _who(outlet: str, speaker: str | None, claim: dict) -> str:
    bits = [outlet, speaker or "no speaker named", claim.get("date") or "undated",
            claim.get("lang") or "?"]
    if claim.get("claim_id"):
        bits.append(f"claim {claim['claim_id']}")
    return " · ".join(bits)


def _numbers(claim: dict) -> str:
    """A claim's figures: "40 people = 40 (injured); about 70 = 70 (approximate)"."""
    out = []
    for n in claim.get("numbers") or []:
        value = n["value"] if n["low"] == n["high"] else f"{_num(n['low'])}–{_num(n['high'])}"
        what = ", ".join(x for x in (n["slot"], "approximate" if n["approx"] else None) if x)
        out.append(f"{n['text']} = {_num(value)}" + (f" ({what})" if what else ""))
    return "; ".join(out)


def _marked(pair: dict) -> str:
    return f"{pair['relation']} (person's verdict)" if pair["verdict"] else pair["relation"]


def _first_reason(pair: dict) -> str:
    reasons = [r for r in pair["reasons"] or [] if not r.startswith("classifier:")]
    return (reasons or pair["reasons"] or [pair["relation"]])[0]


def _brief(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= BRIEF else text[:BRIEF - 1] + "…"


def _num(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _more(total: int) -> list[str]:
    return [f"  … and {total - LISTED} more"] if total > LISTED else []


def _earlier(earlier: pl.DataFrame, shown_id: str) -> list[str]:
    if earlier.is_empty():
        return ["", "earlier runs: none holds it"]
    lines = ["", "earlier runs:"]
    for row in earlier.iter_rows(named=True):
        was = f"as {row['id']}, " if row["id"] != shown_id else ""
        note = f"; {row['note']}" if row["note"] else ""
        label = row["week"] or PurePath(row["run"]).name  # a run of no week: its folder
        lines.append(f"  {label:9} {row['relation']}  ({was}{row['run']}{note})")
    return lines
