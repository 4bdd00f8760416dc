"""Relation stage: for every aligned pair, agree, contradict or related — with its reasons.

The trained pair classifier (:mod:`compare.classifier`) and the typed detectors (numbers,
denial, opposite outcomes, different event, attribution) decide together. The classifier reads
the two claims jointly and already weighs the detectors' findings among its features; on top of
that, fixed rules hold:

- a ``different_event`` finding caps the relation at ``related`` — never contradict (nor agree:
  two different events are not the same assertion);
- an ``attribution`` finding never changes the relation; it is only a reason;
- an ``accusation`` finding (both blame the same side over the same party) turns ``related``
  into ``agree`` when no typed finding argues for a contradiction;
- every relation keeps its reasons: the findings' own, then ``classifier: <label> <p>``.

In a run, a contradiction passes two more tests. The two claims must be recognisably the same
assertion (:func:`same_assertion`: most words shared or a near-paraphrase's cosine; across
languages, where no words are shared, the cosine alone), and a typed detector must find what
differs (:func:`typed_contradiction`: a number, a denial, an opposite outcome). The classifier
learned from pairs that are edits of one headline, where any change of content is a
contradiction; on claims the alignment finds in real articles, its contradictions without a
typed finding are nearly all paraphrases where one outlet says more, or claims about
neighbouring events. Those pairs stay ``related``, the classifier's view kept as a reason.

The decision thresholds were tuned on dev splits only and travel with the classifier's weights
(``relation`` in its JSON). :func:`relate_texts` is the entry point the evaluation uses: it
scores the step every run uses, and reports separately (``in_run``) what a run keeps of its
contradictions after the two tests.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl

from compare import schema
from compare.classifier import LABELS, PairClassifier
from compare.config import DEFAULT_MODEL, Settings
from compare.detectors import Claim, Finding, as_claim, detect, lexical_diff, word_overlap

# Typed findings that argue for a contradiction (different_event argues for related).
TYPED = ("numeric", "denial", "antonym")
MARK_AT_MOST = 0.4
DEFAULT_RULES = {"bias": [0.0, 0.0, 0.0], "detectors_decide": False}


# Raised whenever the step's rules change without the weights changing.
STEP_VERSION = 4


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
                 settings: Settings | None = None) -> pl.DataFrame:
    """``pairs`` with ``relation``, ``reasons`` and ``confidence`` filled in."""
    settings = settings or Settings()
    schema.check(pairs, schema.PAIRS, "relate")
    schema.check(claims, schema.CLAIMS, "relate")
    rows = {r["claim_id"]: r for r in claims.iter_rows(named=True)}
    ids = pairs.select("claim_id_a", "claim_id_b").rows()
    a = [Claim.from_row(rows[x]) for x, _ in ids]
    b = [Claim.from_row(rows[y]) for _, y in ids]
    # Alignment's cosine is the classifier's similarity feature when it came from the same model.
    same = encoder is not None and encoder.model_id == DEFAULT_MODEL
    similarity = pairs["similarity"].to_list()
    findings = [detect(x, y) for x, y in zip(a, b, strict=True)]
    relations, confidences, reasons = relate_claims(
        a, b, _classifier_encoder(encoder, settings), batch_size=settings.batch_size,
        similarity=similarity if same else None, findings=findings)
    for k, (x, y, sim) in enumerate(zip(a, b, similarity, strict=True)):
        if relations[k] == "contradict" and (why := run_veto(x, y, sim, settings, findings[k])):
            relations[k], confidences[k] = "related", 0.5
            reasons[k] = [*reasons[k], why]
    return pairs.with_columns(
        relation=pl.Series(relations, dtype=pl.String),
        reasons=pl.Series(reasons, dtype=pl.List(pl.String)),
        confidence=pl.Series(confidences, dtype=pl.Float64),
    )


UNTYPED = ("not flagged: only the classifier reads a contradiction; no number, denial or "
           "opposite outcome differs")


def typed_contradiction(findings: Sequence[Finding]) -> bool:
    """Whether a typed detector (numbers, denial, opposite outcome) finds a contradiction."""
    return any(f.kind in TYPED and f.direction == "contradict" for f in findings)


def run_veto(a: Claim, b: Claim, similarity: float, settings: Settings,
             findings: Sequence[Finding] | None = None) -> str:
    """Why a run does not call a pair the step reads as a contradiction one (the reason the
    report shows), or "" when it does: the claims must be :func:`same_assertion` and, with
    ``contradict_needs_finding``, a typed detector must name what differs."""
    ok, why = same_assertion(a, b, similarity, settings)
    if not ok:
        return why
    if settings.contradict_needs_finding and not typed_contradiction(
            detect(a, b) if findings is None else findings):
        return UNTYPED
    return ""


def same_assertion(a: Claim, b: Claim, similarity: float, settings: Settings,
                   ) -> tuple[bool, str]:
    """Whether two aligned claims are close enough to be one assertion told two ways, and
    (when not) the reason shown in the report."""
    if a.lang != b.lang:  # no words to share: the cosine alone decides
        close = settings.contradict_min_similarity_across
        if similarity >= close:
            return True, ""
        return False, (f"not the same assertion: similarity {similarity:.2f} across languages "
                       f"(a contradiction needs {close:.2f})")
    overlap = word_overlap(a, b) / 100.0
    wanted, close = settings.contradict_min_overlap, settings.contradict_min_similarity
    if overlap >= wanted or similarity >= close:
        return True, ""
    return False, (f"not the same assertion: {overlap:.0%} of words shared, similarity "
                   f"{similarity:.2f} (a contradiction needs {wanted:.0%} or {close:.2f})")


def relate_texts(text_a: Sequence[str], text_b: Sequence[str], encoder,
                 classifier: PairClassifier | None = None, batch_size: int = 32,
                 similarity: Sequence[float] | None = None,
                 ) -> tuple[list[str], list[float], list[list[str]]]:
    """Relations, confidences and reasons of plain text pairs (A[i], B[i]).

    The same decision as :func:`relate_pairs`, for texts without a claims table (no speaker or
    date known): this is what the evaluation runs.
    """
    return relate_claims([as_claim(t) for t in text_a], [as_claim(t) for t in text_b], encoder,
                         classifier, batch_size, similarity)


def relate_claims(a: Sequence[Claim], b: Sequence[Claim], encoder,
                  classifier: PairClassifier | None = None, batch_size: int = 32,
                  similarity: Sequence[float] | None = None,
                  findings: Sequence[list[Finding]] | None = None,
                  ) -> tuple[list[str], list[float], list[list[str]]]:
    """Relations, confidences and reasons of claim pairs (A[i], B[i]); ``similarity`` (their
    cosine under the default encoder) and ``findings`` (:func:`detect` of each pair) are
    computed unless given."""
    if len(a) != len(b):
        raise ValueError(f"{len(a)} claims on side A but {len(b)} on side B")
    if not a:
        return [], [], []
    clf = classifier or default_classifier()
    if findings is None:
        findings = [detect(x, y) for x, y in zip(a, b, strict=True)]
    proba = clf.predict_proba([x.text for x in a], [y.text for y in b], encoder,
                              batch_size=batch_size, claims=(a, b), findings=findings,
                              similarity=similarity)
    rules = clf.meta.get("relation", DEFAULT_RULES)
    decided = [decide(p, f, rules) for p, f in zip(proba, findings, strict=True)]
    return [d[0] for d in decided], [d[1] for d in decided], [d[2] for d in decided]


def decide(proba: np.ndarray, findings: Sequence[Finding], rules: Mapping = DEFAULT_RULES,
           ) -> tuple[str, float, list[str]]:
    """One pair's relation from the classifier's probabilities (``LABELS`` order) and the
    detectors' findings; returns (relation, confidence, reasons).

    The confidence is the classifier's probability of the relation given, except when a rule
    overrides it: a capped or detector-decided relation reports the findings' own weight (the
    larger of 0.5 and the classifier's probability of that relation).
    """
    proba = np.asarray(proba, dtype=np.float64)
    scores = np.log(np.maximum(proba, 1e-12)) + np.asarray(rules["bias"], dtype=np.float64)
    relation = LABELS[int(scores.argmax())]
    kinds = {f.kind for f in findings}
    typed = typed_contradiction(findings)
    ruled = False
    if "different_event" in kinds:
        ruled, relation = relation != "related", "related"
    elif typed and rules.get("detectors_decide") and relation != "contradict":
        ruled, relation = True, "contradict"
    elif "accusation" in kinds and not typed and relation == "related":
        ruled, relation = True, "agree"  # the same side blamed over the same thing
    p = float(proba[LABELS.index(relation)])
    confidence = max(0.5, p) if ruled else p
    top = int(proba.argmax())
    reasons = [f.reason for f in findings] + [f"classifier: {LABELS[top]} {proba[top]:.2f}"]
    return relation, round(confidence, 4), reasons


def _classifier_encoder(encoder, settings: Settings):
    """The classifier reads the default e5 encoder; a run on another model loads it as well."""
    from compare.embed import load_encoder

    if encoder is not None and encoder.model_id == DEFAULT_MODEL:
        return encoder
    return load_encoder(DEFAULT_MODEL, settings.precision)


def highlight_spans(text_a: str, text_b: str) -> tuple[list[tuple[int, int]],
                                                       list[tuple[int, int]]]:
    """Character spans of the words each text has and the other lacks (for the report).

    Only for claims that mostly share their words: when more than ``MARK_AT_MOST`` of either
    claim differs, marking would bold nearly everything, so nothing is marked.
    """
    diff = lexical_diff(text_a, text_b)
    if (len(diff["only_a"]) > MARK_AT_MOST * max(diff["n_tokens_a"], 1)
            or len(diff["only_b"]) > MARK_AT_MOST * max(diff["n_tokens_b"], 1)):
        return [], []
    return ([(t["start"], t["end"]) for t in diff["only_a"]],
            [(t["start"], t["end"]) for t in diff["only_b"]])
