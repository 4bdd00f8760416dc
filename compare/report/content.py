"""What a report says, apart from how it is written: the ranked list of what to check first
(:func:`what_to_check`) and one section per story (:func:`story_sections`). ``report.md`` and
``report.html`` render these same frames, so both say the same thing in the same order.

The ranking, tier by tier (a tier always comes before the next):

1. **Contradictions.** Pairs nobody has given a verdict on before those a person already
   judged; typed ones (a finding names what differs: a figure, a denial, an outcome) before
   the pair classifier's untyped ones; then higher confidence first; then the story more
   outlets cover; then the more similar pair.
2. **Agreements whose attribution differs** (a reason starting with ``attribution``): the same
   order, without the typed step; copies of one text last.
3. **Claims only one independent source carries** that hold an accusation, numbers or a quote,
   once per assertion (copies of one wire text are one claim). An accusation against a side
   first (the most consequential thing to print on one source's word, found with the relate
   stage's accusation cues), then figures (the most checkable), then a quote (the claims stage
   found a speaker). Within a type, the story more outlets cover first (the others chose not
   to carry it), then the claim with more figures, then the earlier claim.

Nothing here is escaped or cut: renderers escape every string they show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from compare import schema
from compare.relate.cues import Claim
from compare.relate.detectors import typed_kinds
from compare.relate.detectors.accusation import accused

UNTYPED = "classifier"
CONTRADICTION, ATTRIBUTION, SINGLE_SOURCE = "contradiction", "attribution", "single_source"
SINGLE_SOURCE_TYPES = ("accusation", "numbers", "quote")  # in the order they are ranked
DIVERGENCE_KINDS = (CONTRADICTION, ATTRIBUTION)
RELATED_SAMPLE = 3
ONLY_HERE_SHOWN = 3

COVERAGE = {
    "outlet": pl.String,
    "articles": pl.Int64,
    "claims": pl.Int64,
    "agreements": pl.Int64,  # assertions it shares, agreeing, with another outlet
    "divergences": pl.Int64,  # contradictions and differing attributions it is part of
    "only_here": pl.Int64,  # its claims no other independent source carries
}

AGREEMENTS = {
    "group_id": pl.Int64,
    "claim_id": pl.String,  # the claim shown: the one most pairs agree with, else the earliest
    "outlet": pl.String,
    "speaker": pl.String,
    "text": pl.String,  # verbatim
    "lang": pl.String,
    "outlets": pl.List(pl.String),  # every outlet whose claim is in one of the agreeing pairs
    "n_sources": pl.Int64,  # independent sources among them (copies of one text count once)
    "n_pairs": pl.Int64,
    "same_text": pl.Boolean,  # every agreeing pair is one text republished
    "first_outlet": pl.String,
    "first_date": pl.String,
}


@dataclass
class StorySection:
    """What the report says about one story."""

    story: dict  # the STORIES row
    coverage: pl.DataFrame  # COVERAGE, most claims first
    agreements: pl.DataFrame  # AGREEMENTS, one row per assertion agreed on, widest first
    divergences: pl.DataFrame  # CHECKS rows of kinds contradiction and attribution, ranked
    related_count: int  # pairs about the same thing that neither agree nor contradict
    related_sample: pl.DataFrame  # PAIRS, at most RELATED_SAMPLE of them
    only_here: pl.DataFrame  # CHECKS single_source rows, at most ONLY_HERE_SHOWN
    only_here_count: int  # the story's single-source claims, one per assertion

    @property
    def story_id(self) -> int:
        return self.story["story_id"]

    @property
    def anchor(self) -> str:
        return anchor(self.story_id)

    @property
    def single_outlet(self) -> bool:
        """Nothing to compare: one outlet covers the story and none of its claims diverges
        from another story's."""
        return self.story["n_outlets"] <= 1 and self.divergences.is_empty()


def anchor(story_id: int | None) -> str:
    """The link target of a story's section in either report."""
    return f"story-{story_id}"


def contradiction_type(kinds: Sequence[str] | None) -> str:
    """The type a contradiction is filed under: the first typed finding kind behind it, else
    ``classifier``."""
    typed = typed_kinds()
    return next((k for k in kinds or [] if k in typed), UNTYPED)


def attribution_differs() -> pl.Expr:
    """Pairs with a reason about differing attribution."""
    return pl.col("reasons").list.eval(pl.element().str.starts_with("attribution")).list.any()


def verdict_line(row: Mapping) -> str | None:
    """A person's verdict on a pair as one line ("confirmed by NAME on DATE: NOTE"), or None
    when the pair has none (or the run predates verdicts)."""
    verdict = row.get("verdict")
    if not verdict:
        return None
    if verdict == "relabel":
        said = f"{row['model_relation']} → " if row.get("model_relation") else ""
        what = f"relabelled {said}{row.get('relation')}"
    else:
        what = {"confirm": "confirmed", "reject": "rejected"}.get(verdict, verdict)
    by = f" by {row['verdict_by']}" if row.get("verdict_by") else ""
    on = f" on {str(row['verdict_at'])[:10]}" if row.get("verdict_at") else ""
    note = f": {row['verdict_note']}" if row.get("verdict_note") else ""
    return f"{what}{by}{on}{note}"


def what_to_check(claims: pl.DataFrame, pairs: pl.DataFrame,
                  stories: pl.DataFrame | None = None) -> pl.DataFrame:
    """Everything worth a person's check, ranked (``CHECKS``; see the module's docstring).

    ``claims`` is ``CLAIMS_OUT``, ``pairs`` is ``PAIRS`` (with a person's verdict columns when
    the run has them), ``stories`` is ``STORIES`` (without it, a story's width is counted from
    the claims).
    """
    check_frames(claims, pairs)
    claims = _with_story(claims)
    width = _story_width(claims, stories)
    facts = _pair_facts(pairs, claims, width)
    columns = [c for c in schema.CHECKS if c != "rank"]
    ranked = pl.concat([_contradictions(facts).select(columns),
                        _attributions(facts).select(columns), _single_source(claims, width)])
    return ranked.with_columns(rank=pl.int_range(1, ranked.height + 1, dtype=pl.Int64)) \
        .select(list(schema.CHECKS))


def _contradictions(facts: pl.DataFrame) -> pl.DataFrame:
    part = facts.filter(pl.col("relation") == "contradict")
    part = part.with_columns(kind=pl.lit(CONTRADICTION), type=pl.Series(
        [contradiction_type(k) for k in part["kinds"].to_list()], dtype=pl.String))
    return part.sort([pl.col("verdict").is_not_null(), pl.col("type") == UNTYPED, "confidence",
                      "width", "copy", "similarity", "pair_id"],
                     descending=[False, False, True, True, False, True, False], nulls_last=True)


def _attributions(facts: pl.DataFrame) -> pl.DataFrame:
    part = facts.filter((pl.col("relation") == "agree") & attribution_differs())
    return part.with_columns(kind=pl.lit(ATTRIBUTION), type=pl.lit(ATTRIBUTION)).sort(
        [pl.col("verdict").is_not_null(), "copy", "confidence", "width", "similarity",
         "pair_id"], descending=[False, False, True, True, True, False], nulls_last=True)


def check_frames(claims: pl.DataFrame, pairs: pl.DataFrame) -> None:
    """Raise unless ``claims`` is ``CLAIMS_OUT`` and ``pairs`` is ``PAIRS`` (with or without
    the verdict columns)."""
    schema.check(claims, schema.CLAIMS_OUT, "report")
    schema.check(pairs, {c: t for c, t in schema.PAIRS.items() if c not in schema.VERDICT_COLUMNS},
                 "report")


def _with_story(claims: pl.DataFrame) -> pl.DataFrame:
    """Runs written before stories have none: their claims are all story 0."""
    return claims.with_columns(pl.col("story_id").fill_null(0))


def _story_width(claims: pl.DataFrame, stories: pl.DataFrame | None) -> pl.DataFrame:
    """``story_id`` → ``width``: how many outlets cover the story."""
    if stories is not None:
        return stories.select("story_id", width=pl.col("n_outlets"))
    return claims.group_by("story_id").agg(width=pl.col("outlet").n_unique().cast(pl.Int64))


def _pair_facts(pairs: pl.DataFrame, claims: pl.DataFrame, width: pl.DataFrame) -> pl.DataFrame:
    """The pairs with what ranking and rendering need from their claims and their story. A
    pair whose claims lie in two stories is filed under the one more outlets cover."""
    side = claims.select("claim_id", "lang", "story_id").join(width, on="story_id", how="left")
    verdicts = [verdict_line(r) for r in pairs.iter_rows(named=True)] \
        if "verdict" in pairs.columns else [None] * pairs.height
    facts = (
        schema.with_pair_ids(pairs).drop("verdict", strict=False)
        .with_columns(verdict=pl.Series(verdicts, dtype=pl.String),
                      copy=pl.col("same_text").fill_null(False))
        .join(side.rename(lambda c: f"{c}_a" if c != "lang" else "lang_a"), on="claim_id_a",
              how="left", maintain_order="left")
        .join(side.rename(lambda c: f"{c}_b" if c != "lang" else "lang_b"), on="claim_id_b",
              how="left", maintain_order="left")
    )
    wider_b = pl.col("width_b").fill_null(0) > pl.col("width_a").fill_null(0)
    return facts.with_columns(
        story_id=pl.when(wider_b).then("story_id_b").otherwise("story_id_a"),
        width=pl.max_horizontal("width_a", "width_b"))


def single_source_type(row: Mapping) -> str | None:
    """Why a claim only one source carries is worth reading: ``accusation``, ``numbers`` or
    ``quote`` (first that applies, in that order), or None."""
    if accused(Claim.from_row(row)):
        return "accusation"
    if row.get("numbers"):
        return "numbers"
    return "quote" if row.get("speaker") else None


def _single_source(claims: pl.DataFrame, width: pl.DataFrame) -> pl.DataFrame:
    once = (claims.filter(pl.col("unique"))
            .sort("date", "article_id", "start", nulls_last=True)
            .with_columns(key=pl.coalesce(pl.col("group_id").cast(pl.String), "claim_id"))
            .unique("key", keep="first", maintain_order=True))
    types = [single_source_type(r) for r in once.iter_rows(named=True)]
    carriers = _carriers(claims)
    reasons = [_single_reasons(r, t, carriers.get(r["group_id"]))
               for r, t in zip(once.iter_rows(named=True), types, strict=True)]
    order = {t: n for n, t in enumerate(SINGLE_SOURCE_TYPES)}
    picked = (once.with_columns(type=pl.Series(types, dtype=pl.String),
                                reasons=pl.Series(reasons, dtype=pl.List(pl.String)))
              .filter(pl.col("type").is_not_null())
              .join(width, on="story_id", how="left", maintain_order="left")
              .with_columns(order=pl.col("type").replace_strict(order, return_dtype=pl.Int64),
                            figures=pl.col("numbers").list.len())
              .sort(["order", "width", "figures", "date", "article_id", "start"],
                    descending=[False, True, True, False, False, False], nulls_last=True))
    none = pl.lit(None, dtype=pl.String)
    return picked.select(
        kind=pl.lit(SINGLE_SOURCE), type="type", story_id="story_id", pair_id=none,
        claim_id_a="claim_id", claim_id_b=none, outlet_a="outlet", outlet_b=none,
        speaker_a="speaker", speaker_b=none, text_a="text", text_b=none, lang_a="lang",
        lang_b=none, relation=none, confidence=pl.lit(None, dtype=pl.Float64),
        reasons="reasons", verdict=none)


def _carriers(claims: pl.DataFrame) -> dict[int, list[str]]:
    """Per assertion group: its outlets, earliest first."""
    grouped = claims.filter(pl.col("group_id").is_not_null()) \
        .sort("date", "article_id", "start", nulls_last=True) \
        .group_by("group_id", maintain_order=True).agg(pl.col("outlet").unique(maintain_order=True))
    return dict(zip(grouped["group_id"].to_list(), grouped["outlet"].to_list(), strict=True))


def _single_reasons(claim: dict, kind: str | None, outlets: list[str] | None) -> list[str]:
    """Why a single-source claim is listed, and who carries it."""
    if kind is None:
        return []
    reasons = {"accusation": "accusation",
               "numbers": "figures: " + ", ".join(n["text"] for n in claim["numbers"] or []),
               "quote": f"quote: {claim['speaker']}"}
    source = claim["source"] or claim["outlet"]
    carried = outlets or [claim["outlet"]]
    only = f"only {source} carries it" + (f", printed by {', '.join(carried)}"
                                          if carried != [source] else "")
    return [reasons[kind], only]


def story_sections(claims: pl.DataFrame, pairs: pl.DataFrame, stories: pl.DataFrame | None,
                   checks: pl.DataFrame | None = None) -> list[StorySection]:
    """One section per story, the most divergent first: more contradictions, then more
    divergences, then more independent sources, outlets and articles; stories with nothing
    to compare (:attr:`StorySection.single_outlet`) come last, renderers list them briefly.

    A pair whose two claims lie in different stories counts in both sections (agreements,
    related pairs); as a divergence it is shown once, in the story it is filed under (the one
    more outlets cover, see :func:`what_to_check`). ``checks`` is what :func:`what_to_check`
    returned for the same frames, when the caller already has it.
    """
    claims = _with_story(claims)
    stories = stories if stories is not None else stories_from_claims(claims)
    schema.check(stories, schema.STORIES, "report")
    checks = what_to_check(claims, pairs, stories) if checks is None else checks
    checks = _with_sides(checks, claims)
    pairs = _with_sides(pairs, claims)
    sections = []
    for story in stories.iter_rows(named=True):
        sid = story["story_id"]
        touches = (pl.col("story_a") == sid) | (pl.col("story_b") == sid)
        sections.append(_section(story, claims.filter(pl.col("story_id") == sid),
                                 pairs.filter(touches).drop("story_a", "story_b"),
                                 checks.filter(pl.col("story_id") == sid)
                                 .drop("story_a", "story_b")))
    return sorted(sections, key=_section_order)


def _with_sides(frame: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with the stories of its two claims (``story_a``, ``story_b``)."""
    story = claims.select("claim_id", "story_id")
    for side in ("a", "b"):
        frame = frame.join(story.rename({"claim_id": f"claim_id_{side}",
                                         "story_id": f"story_{side}"}),
                           on=f"claim_id_{side}", how="left", maintain_order="left")
    return frame


def _section_order(s: StorySection) -> tuple:
    contradictions = s.divergences.filter(pl.col("kind") == CONTRADICTION).height
    st = s.story
    return (s.single_outlet, -contradictions, -s.divergences.height, -st["n_sources"],
            -st["n_outlets"], -st["n_articles"], st["story_id"])


def _section(story: dict, claims: pl.DataFrame, pairs: pl.DataFrame,
             checks: pl.DataFrame) -> StorySection:
    divergences = checks.filter(pl.col("kind").is_in(DIVERGENCE_KINDS))
    agreements = agreements_of(claims, pairs)
    related = pairs.filter(pl.col("relation") == "related")
    single = checks.filter(pl.col("kind") == SINGLE_SOURCE)
    unique = claims.filter(pl.col("unique")).select(
        pl.coalesce(pl.col("group_id").cast(pl.String), "claim_id").n_unique()).item()
    return StorySection(
        story=story, coverage=_coverage(claims, agreements, divergences),
        agreements=agreements, divergences=divergences, related_count=related.height,
        related_sample=related.with_columns(copy=pl.col("same_text").fill_null(False))
        .sort(["copy", "similarity", "pair_id"], descending=[False, True, False],
              nulls_last=True).drop("copy").head(RELATED_SAMPLE),
        only_here=single.head(ONLY_HERE_SHOWN), only_here_count=unique)


def agreements_of(claims: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """``AGREEMENTS``: one row per assertion group with agreeing pairs, most outlets first."""
    by_id = {r["claim_id"]: r for r in claims.iter_rows(named=True)}
    groups: dict[int, list[dict]] = {}
    for r in by_id.values():
        if r["group_id"] is not None:
            groups.setdefault(r["group_id"], []).append(r)
    agree = pairs.filter(pl.col("relation") == "agree").with_columns(
        key=pl.coalesce(pl.col("group_id").cast(pl.String), "pair_id"))
    rows = []
    for (_,), part in agree.group_by("key", maintain_order=True):
        paired = [by_id[c] for c in dict.fromkeys(part["claim_id_a"].to_list()
                                                   + part["claim_id_b"].to_list())
                  if c in by_id]
        if paired:
            rows.append(_agreement(part, paired, groups.get(part["group_id"][0], paired)))
    frame = schema.frame(rows, AGREEMENTS)
    return frame.with_columns(n=pl.col("outlets").list.len()).sort(
        ["n", "n_sources", "n_pairs", "group_id"], descending=[True, True, True, False],
        nulls_last=True).drop("n")


def _agreement(part: pl.DataFrame, paired: list[dict], group: list[dict]) -> dict:
    """One agreed assertion: the claim most of its agreeing pairs share (the earliest of
    ties), and every outlet of its group, copies of a wire text included."""
    ends = part["claim_id_a"].to_list() + part["claim_id_b"].to_list()
    shown = max(_dated(paired), key=lambda m: ends.count(m["claim_id"]))  # first of ties
    members = _dated(group if shown in group else paired)
    return {"group_id": part["group_id"][0], "claim_id": shown["claim_id"],
            "outlet": shown["outlet"], "speaker": shown["speaker"], "text": shown["text"],
            "lang": shown["lang"], "outlets": list(dict.fromkeys(m["outlet"] for m in members)),
            "n_sources": len({m["source"] or m["outlet"] for m in members}),
            "n_pairs": part.height, "same_text": bool(part["same_text"].fill_null(False).all()),
            "first_outlet": shown["first_outlet"], "first_date": shown["first_date"]}


def _dated(claims: list[dict]) -> list[dict]:
    return sorted(claims, key=lambda m: (m["date"] is None, m["date"] or "", m["article_id"],
                                         m["start"]))


def _coverage(claims: pl.DataFrame, agreements: pl.DataFrame,
              divergences: pl.DataFrame) -> pl.DataFrame:
    agreed = agreements.select(outlet=pl.col("outlets")).explode("outlet") \
        .group_by("outlet").agg(agreements=pl.len().cast(pl.Int64))
    sides = pl.concat([divergences.select(outlet="outlet_a"),
                       divergences.select(outlet="outlet_b")]).drop_nulls()
    diverged = sides.group_by("outlet").agg(divergences=pl.len().cast(pl.Int64))
    base = claims.group_by("outlet").agg(
        articles=pl.col("article_id").n_unique().cast(pl.Int64),
        claims=pl.len().cast(pl.Int64), only_here=pl.col("unique").sum().cast(pl.Int64))
    return (base.join(agreed, on="outlet", how="left").join(diverged, on="outlet", how="left")
            .with_columns(pl.col("agreements", "divergences").fill_null(0))
            .select(list(COVERAGE)).sort(["claims", "outlet"], descending=[True, False]))


def stories_from_claims(claims: pl.DataFrame) -> pl.DataFrame:
    """``STORIES`` counted from the claims alone, for a run whose stories table is missing:
    each story's title is its first claim."""
    ordered = _with_story(claims).sort("story_id", "date", "article_id", "start", nulls_last=True)
    table = ordered.group_by("story_id", maintain_order=True).agg(
        title=pl.col("text").first(), title_claim_id=pl.col("claim_id").first(),
        outlets=pl.col("outlet").unique().sort(),
        n_sources=pl.coalesce("source", "outlet").n_unique().cast(pl.Int64),
        n_articles=pl.col("article_id").n_unique().cast(pl.Int64),
        n_claims=pl.len().cast(pl.Int64), first_date=pl.col("date").min(),
        last_date=pl.col("date").max(), langs=pl.col("lang").unique().sort())
    return table.with_columns(n_outlets=pl.col("outlets").list.len().cast(pl.Int64)) \
        .select(list(schema.STORIES))

