"""Relation stage: for every aligned pair, agree, contradict or related — with its reasons.

The trained pair classifier (:mod:`.classifier`) and the typed detectors (:mod:`.detectors`:
numbers, denial, opposite outcomes, different event, attribution, accusation) decide together
under the rules of :mod:`.rules`. The classifier reads the two claims jointly and already weighs
the detectors' findings among its features (:mod:`.features`).

Rooms: ``cues`` (what the detectors see of a claim), ``table`` (the lexicon compiled for
scanning), ``overlap`` (shared words), ``anchors`` (parties and places), ``detectors/`` (one
module per kind, a registry), ``features``, ``classifier`` (inference), ``rules`` (decide,
same assertion, run veto), ``fast`` (the first pass: pairs the rules settle without the
classifier) and ``cache`` (relations a run decided before).

:func:`relate_texts` is the entry point the evaluation uses: it scores the step every run uses.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import polars as pl

from compare import schema
from compare.config import DEFAULT_MODEL, Settings
from compare.relate.classifier import PairClassifier
from compare.relate.cues import Claim, as_claim
from compare.relate.detectors import Finding, detect
from compare.relate.fast import first_pass
from compare.relate.features import lexical_diff
from compare.relate.rules import Decision, Rules, decide, run_veto, same_words

MARK_AT_MOST = 0.4

# Raised whenever the step's rules change without the weights changing.
STEP_VERSION = 7


@functools.lru_cache(maxsize=1)
def signature() -> str:
    """Identifies this relation step's behaviour; cached relations are reused only under it.

    It names the rules' version and the classifier's weights by content, so changed rules or
    retrained weights re-relate every pair.
    """
    return f"step-{STEP_VERSION}|classifier-{default_classifier().digest}"


@functools.lru_cache(maxsize=1)
def default_classifier() -> PairClassifier:
    """The committed pair classifier, loaded once per process."""
    return PairClassifier.load()


def relate_pairs(pairs: pl.DataFrame, claims: pl.DataFrame, encoder=None,
                 settings: Settings | None = None,
                 on_progress: Callable[[int], None] | None = None) -> pl.DataFrame:
    """``pairs`` with ``relation``, ``reasons``, ``confidence`` and ``kinds`` filled in.
    ``on_progress(n)`` hears of pairs as the classifier's batches finish; the counts add up to
    ``pairs.height``."""
    settings = settings or Settings()
    tally = _Tally(on_progress)
    schema.check(pairs, schema.PAIRS, "relate")
    schema.check(claims, schema.CLAIMS, "relate")
    rows = {r["claim_id"]: r for r in claims.iter_rows(named=True)}
    ids = pairs.select("claim_id_a", "claim_id_b").rows()
    a = [Claim.from_row(rows[x]) for x, _ in ids]
    b = [Claim.from_row(rows[y]) for _, y in ids]
    # Alignment's cosine is the classifier's similarity feature when it came from the same model.
    same = encoder is not None and encoder.model_id == DEFAULT_MODEL
    similarity = pairs["similarity"].to_list()
    findings = [detect(x, y, settings.detectors) for x, y in zip(a, b, strict=True)]
    decided = relate_claims(
        a, b, _classifier_encoder(encoder, settings), batch_size=settings.batch_size,
        similarity=similarity if same else None, findings=findings, on_progress=tally,
        fast=settings.relate_fast)
    tally.finish(pairs.height)
    relations = [d.relation for d in decided]
    confidences = [d.confidence for d in decided]
    reasons = [d.reasons for d in decided]
    for k, (x, y, sim) in enumerate(zip(a, b, similarity, strict=True)):
        if relations[k] == "contradict" and (
                why := run_veto(x, y, sim, settings, findings[k], confidences[k])):
            relations[k], confidences[k] = "related", 0.5
            reasons[k] = [*reasons[k], why]
    return pairs.with_columns(
        relation=pl.Series(relations, dtype=pl.String),
        reasons=pl.Series(reasons, dtype=pl.List(pl.String)),
        confidence=pl.Series(confidences, dtype=pl.Float64),
        kinds=pl.Series([d.kinds for d in decided], dtype=pl.List(pl.String)),
        model_relation=pl.Series(relations, dtype=pl.String),
    )


TEXT_PAIRS = {
    "text_a": pl.String,
    "text_b": pl.String,
    "relation": pl.String,  # what the relation step says
    "flagged": pl.Boolean,  # whether a run would report the pair as a contradiction
    "confidence": pl.Float64,
    "reasons": pl.List(pl.String),
    "kinds": pl.List(pl.String),
    "similarity": pl.Float64,  # cosine of the two texts under the default encoder
}


def relate_texts(text_a: Sequence[str] | str, text_b: Sequence[str] | str, *, encoder=None,
                 settings: Settings | None = None, batch_size: int = 32) -> pl.DataFrame:
    """Two statements (or two lists of them, any languages), one call: a frame with one row
    per pair (``text_a[i]``, ``text_b[i]``) and the columns of ``TEXT_PAIRS``.

    ``relation`` is the relation step's answer; ``flagged`` says whether a run would report the
    pair as a contradiction (the two claims are one assertion and a typed finding names what
    differs, see :func:`compare.relate.rules.run_veto`); the reasons say why. No speaker or
    date is known for plain texts.
    """
    from compare.embed import load_encoder
    from compare.relate.classifier import pair_similarity

    text_a = [text_a] if isinstance(text_a, str) else list(text_a)
    text_b = [text_b] if isinstance(text_b, str) else list(text_b)
    if len(text_a) != len(text_b):
        raise ValueError(f"{len(text_a)} texts on side A but {len(text_b)} on side B")
    settings = settings or Settings()
    encoder = encoder or load_encoder(DEFAULT_MODEL, settings.precision)
    a, b = [as_claim(t) for t in text_a], [as_claim(t) for t in text_b]
    similarity = pair_similarity(text_a, text_b, encoder) if a else []
    findings = [detect(x, y, settings.detectors) for x, y in zip(a, b, strict=True)]
    decided = relate_claims(a, b, encoder, batch_size=batch_size, similarity=similarity,
                            findings=findings, fast=settings.relate_fast)
    flagged = [d.relation == "contradict"
               and not run_veto(x, y, float(s), settings, f, d.confidence)
               for d, x, y, s, f in zip(decided, a, b, similarity, findings, strict=True)]
    return pl.DataFrame({
        "text_a": text_a, "text_b": text_b, "relation": [d.relation for d in decided],
        "flagged": flagged, "confidence": [d.confidence for d in decided],
        "reasons": [d.reasons for d in decided], "kinds": [d.kinds for d in decided],
        "similarity": [float(s) for s in similarity],
    }, schema=TEXT_PAIRS)


def relate_claims(a: Sequence[Claim], b: Sequence[Claim], encoder,
                  classifier: PairClassifier | None = None, batch_size: int = 32,
                  similarity: Sequence[float] | None = None,
                  findings: Sequence[list[Finding]] | None = None,
                  on_progress: Callable[[int], None] | None = None,
                  fast: bool = True) -> list[Decision]:
    """Decisions for claim pairs (A[i], B[i]); ``similarity`` (their cosine under the default
    encoder) and ``findings`` (:func:`detect` of each pair) are computed unless given. Two
    claims with the same words (after normalisation) agree, whatever the classifier reads.

    With ``fast``, pairs whose relation the rules fix whatever the classifier reads are
    decided first (:mod:`.fast`: same relation, confidence 0.5, no classifier view) and the
    cross-encoder reads only the others."""
    if len(a) != len(b):
        raise ValueError(f"{len(a)} claims on side A but {len(b)} on side B")
    if not a:
        return []
    clf = classifier or default_classifier()
    if findings is None:
        findings = [detect(x, y) for x, y in zip(a, b, strict=True)]
    rules = Rules.from_meta(clf.meta.get("relation"))
    decided = [first_pass(x, y, f, rules) if fast else None
               for x, y, f in zip(a, b, findings, strict=True)]
    todo = [k for k, d in enumerate(decided) if d is None]
    if not todo:
        return decided
    pick = [a[k] for k in todo], [b[k] for k in todo]
    proba = clf.predict_proba(
        [x.text for x in pick[0]], [y.text for y in pick[1]], encoder, batch_size=batch_size,
        claims=pick, findings=[findings[k] for k in todo],
        similarity=None if similarity is None else [similarity[k] for k in todo],
        on_progress=on_progress)
    for k, x, y, p in zip(todo, *pick, proba, strict=True):
        decided[k] = same_words(x, y, p, findings[k]) or decide(p, findings[k], rules)
    return decided


class _Tally:
    """Passes counts on to ``on_progress`` and makes up, at the end, for items no batch
    reported (pairs decided without the classifier)."""

    def __init__(self, on_progress: Callable[[int], None] | None) -> None:
        self.on_progress, self.done = on_progress, 0

    def __call__(self, n: int) -> None:
        self.done += n
        if self.on_progress is not None:
            self.on_progress(n)

    def finish(self, total: int) -> None:
        if total > self.done:
            self(total - self.done)


def _classifier_encoder(encoder, settings: Settings):
    """The classifier reads the default e5 encoder; a run on another model loads it as well."""
    from compare.embed import load_encoder

    if encoder is not None and encoder.model_id == DEFAULT_MODEL:
        return encoder
    return load_encoder(DEFAULT_MODEL, settings.precision)


def highlight_spans(text_a: str, text_b: str) -> tuple[list[tuple[int, int]],
                                                       list[tuple[int, int]]]:
    """Character spans of the words each text has and the other lacks (for the report).

    When more than ``MARK_AT_MOST`` of either claim differs, marking every word would bold
    nearly everything: then only the differing words that hold a figure are marked (40 vs 70).
    """
    diff = lexical_diff(text_a, text_b)
    only_a, only_b = diff.only_a, diff.only_b
    if (len(only_a) > MARK_AT_MOST * max(diff.n_tokens_a, 1)
            or len(only_b) > MARK_AT_MOST * max(diff.n_tokens_b, 1)):
        only_a = [t for t in only_a if _has_digit(text_a[t.start:t.end])]
        only_b = [t for t in only_b if _has_digit(text_b[t.start:t.end])]
    return ([(t.start, t.end) for t in only_a], [(t.start, t.end) for t in only_b])


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)
