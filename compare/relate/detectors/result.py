"""Results: the same match or vote told with another score, winner or outcome."""

from __future__ import annotations

from dataclasses import dataclass

from compare.config import DEFAULT_DETECTORS, DetectorSettings
from compare.relate.anchors import anchors_clash, cross_lingual
from compare.relate.cues import Claim
from compare.relate.detectors.frames import (
    Window,
    Words,
    has,
    mentions,
    names_meet,
    negated,
    per_claim,
    quote,
    shown,
    window,
    words_found,
)
from compare.relate.detectors.registry import Finding, detector
from compare.relate.detectors.scores import SCORE_WORDS, VOTE_CONTEXT, Count, scores, tallies
from compare.relate.overlap import same_word, shared
from compare.relate.table import fold_set
from compare.text.lexicon import results as lx

_WORDS = Words(links=fold_set(lx.LINKS), passive_links=fold_set(lx.PASSIVE_LINKS),
               aux=fold_set(lx.AUXILIARIES), passive_aux=fold_set(lx.PASSIVE_AUX),
               joiners=fold_set(lx.NAME_AND), ignore=fold_set(lx.NOT_A_NAME),
               articles=fold_set(lx.ARTICLES), inside=fold_set(lx.NAME_INSIDE))
_PASSIVE_AFTER_WIN = fold_set(lx.PASSIVE_AFTER_WIN)
_MATCH_CONTEXT = fold_set(lx.MATCH_CONTEXT)
# How far from a vote verb the motion it decides (or the tally) may stand, in words.
MOTION_REACH, TALLY_REACH = 6, 12


@dataclass(frozen=True)
class Reading:
    """What a claim says of one match or one vote.

    ``outcome`` is win / loss / draw for the match's subject, or pass / reject for a vote;
    ``score`` the goals as written, ``tally`` the votes for and against; ``sides`` maps the
    token of each player named to +1 (won), -1 (lost) or 0 (drew); ``names`` are the words
    next to the verb that name the players or the voters; ``read`` the tokens read (verb,
    score, tally), left out when the rest of the claims is compared; ``shown`` the tokens quoted.
    """

    kind: str  # "match" or "vote"
    outcome: str | None
    score: Count | None
    tally: Count | None
    sides: dict[int, int]
    names: tuple[int, ...]
    read: tuple[int, ...]
    shown: tuple[int, ...]
    context: bool  # a word of sport, or a result verb with a score: the claim is about a match
    motions: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()  # the bodies named as the voters
    unanimous: bool = False


@detector("result", order=7, typed=True, title="Results differ")
def result(a: Claim, b: Claim, s: DetectorSettings = DEFAULT_DETECTORS) -> list[Finding]:
    """The same match (the same players named) or the same vote (the same motion and body)
    with another score, winner, outcome (a draw against a win; passed against rejected) or
    tally contradicts; the same ones agree. Within one language the rest of the claims must be
    shared too; across languages the players' names must sound alike (Liverpool / ليفربول /
    Ливерпуль), or the vote's motion and body be the same."""
    ra = reading(a)
    rb = reading(b) if ra is not None else None
    if ra is None or rb is None or ra.kind != rb.kind:
        return []
    if ra.kind == "match" and not (ra.context or rb.context):
        return []
    if not _same_event(a, b, ra, rb, s):
        return []
    differ, same = _aspects(a, b, ra, rb)
    if not differ and not _agreed(ra, rb, same):
        return []
    qa, qb = quote(a, ra.shown), quote(b, rb.shown)
    aspects = differ or same
    detail = {"kind": ra.kind, "aspects": aspects, "a": qa, "b": qb}
    sign = "≠" if differ else "="
    return [Finding("result", "contradict" if differ else "agree", detail,
                    f"result: {shown(qa)} {sign} {shown(qb)} ({', '.join(aspects)})")]


@per_claim
def reading(claim: Claim) -> Reading | None:
    """The one match or vote a claim reports, or None (none, or several that disagree)."""
    return _vote(claim) or _match(claim)


def _vote(claim: Claim) -> Reading | None:
    if not claim.tagged("vote") and not mentions(claim, VOTE_CONTEXT):
        return None
    motions = claim.tagged("motion")
    counts = tallies(claim)
    counted = {i for c in counts for i in c.idx}
    # An Arabic verb right after the motion describes it: "مشروعا يرفض تغيير وضع القدس".
    describing = {m.end for m in motions} if claim.tongue == "ar" else set()
    verbs = [h for h in claim.tagged("vote")
             if (any(abs(m.start - h.start) <= MOTION_REACH for m in motions)
                 or any(abs(i - h.start) <= TALLY_REACH for i in counted))
             and not negated(claim, h.start) and h.start not in counted | describing]
    voting = mentions(claim, VOTE_CONTEXT)
    if not verbs and not (counts and voting):
        return None
    unanimous = claim.tagged("unanimous")
    if unanimous and counts and any(c.pair[1] for c in counts):
        return None  # "unanimously" and votes against: the claim tells two votes
    if len({h.value for h in verbs}) > 1 or len({c.pair for c in counts}) > 1:
        return None
    tally = counts[0] if counts else None
    verb_idx = {i for h in verbs for i in range(h.start, h.end)}
    read = sorted({i for c in counts for i in c.idx} | verb_idx
                  | {i for h in unanimous for i in range(h.start, h.end)})
    halt = {i for c in counts for i in c.idx} | {i for m in motions for i in range(m.start, m.end)}
    names: set[int] = set()
    voters: set[str] = set()
    bodies = claim.tagged("vote_body")
    if verbs:
        w = window(claim, verbs[0].start, verbs[0].end, verb_idx, _WORDS, halt=halt)
        names = set(w.pre + w.post)
        for body in bodies:
            if names & set(range(body.start, body.end)):
                names |= set(range(body.start, body.end))
                voters.add(body.value)
    voters = voters or {body.value for body in bodies}  # the body named elsewhere
    shown_idx = names | set(read) | {i for m in motions for i in range(m.start, m.end)}
    return Reading("vote", verbs[0].value if verbs else None, None, tally, {},
                   tuple(sorted(names)), tuple(read), tuple(sorted(shown_idx)), voting,
                   frozenset(m.value for m in motions), frozenset(voters), bool(unanimous))


def _match(claim: Claim) -> Reading | None:
    verbs = claim.tagged("result")
    if not verbs and not any(t.norm.isdigit() for t in claim.toks) \
            and not mentions(claim, SCORE_WORDS):
        return None
    if any(negated(claim, h.start) for h in verbs):
        return None
    outcomes = {h.value for h in verbs}
    if len(outcomes) > 1:
        return None
    found = scores(claim, draw="draw" in outcomes)
    sport = mentions(claim, _MATCH_CONTEXT)
    # two numbers with a dash ("talks on 10-11 October") are a score only in a match
    if len({tuple(sorted(c.pair)) for c in found}) > 1 or not (verbs or (found and sport)):
        return None
    score = found[0] if found else None
    read = [i for c in found for i in c.idx] + [i for h in verbs for i in range(h.start, h.end)]
    context = sport or bool(found and verbs)
    cue = verbs[0] if verbs else None
    start, end = (cue.start, cue.end) if cue else (score.idx[0], score.idx[-1] + 1)
    w = window(claim, start, end, read, _WORDS, halt=[i for c in found for i in c.idx])
    names = tuple(w.pre + w.post)
    sides = _sides(claim, cue.value, w) if cue else {}
    outcome = cue.value if cue else None
    return Reading("match", outcome, score, None, sides, names, tuple(read),
                   (*names, *read), context)


def _sides(claim: Claim, outcome: str, w: Window) -> dict[int, int]:
    """+1 for the words naming the winner, -1 for the loser, 0 for both sides of a draw."""
    if outcome == "draw":
        return dict.fromkeys(w.pre + w.post, 0)
    if w.pre:
        subject, other = w.pre, w.post
    elif w.link is not None:
        subject, other = w.post[:w.link], w.post[w.link:]
    elif len(w.post) == 2:
        subject, other = w.post[:1], w.post[1:]
    else:
        return {}  # "هزم ريال مدريد برشلونة": who is who cannot be told
    passive = w.passive or (outcome == "win" and w.link_token is not None
                            and has(claim, w.link_token, _PASSIVE_AFTER_WIN))
    sign = (1 if outcome == "win" else -1) * (-1 if passive else 1)
    return {**dict.fromkeys(subject, sign), **dict.fromkeys(other, -sign)}


def _same_event(a: Claim, b: Claim, ra: Reading, rb: Reading, s: DetectorSettings) -> bool:
    if anchors_clash(a, b):
        return False
    if ra.kind == "vote":
        if ra.bodies and rb.bodies and not ra.bodies & rb.bodies:
            return False
        if ra.motions and rb.motions and not _motions_meet(ra.motions, rb.motions):
            return False
    if cross_lingual(a, b):
        if ra.kind == "vote":
            return _motions_meet(ra.motions, rb.motions) and (
                bool(ra.bodies & rb.bodies) or names_meet(a, ra.names, b, rb.names))
        return names_meet(a, ra.names, b, rb.names)
    if ra.kind == "match" and not (ra.names and rb.names):
        return False
    named = ra.kind == "vote" and bool(ra.bodies & rb.bodies)  # the same body: enough
    if not named and not (words_found(a, ra.names, b) and words_found(b, rb.names, a)):
        return False
    return shared(a, b, ra.read, rb.read) >= s.shared_outcome


def _motions_meet(x: frozenset[str], y: frozenset[str]) -> bool:
    """Both name what is voted on, and it can be one thing (a "measure" can be anything)."""
    return bool(x and y) and bool(x & y or "measure" in x | y)


def _agreed(ra: Reading, rb: Reading, same: list[str]) -> bool:
    """Agreement needs what identifies the result: the winner or a draw on both sides for a
    match, the tally for a vote."""
    if ra.kind == "match":
        return "winner" in same or ("outcome" in same and _class(ra) == "draw")
    return "tally" in same


def _aspects(a: Claim, b: Claim, ra: Reading, rb: Reading) -> tuple[list[str], list[str]]:
    """What differs and what is the same: outcome, winner, score, tally."""
    differ: list[str] = []
    same: list[str] = []

    def note(aspect: str, x: object, y: object) -> None:
        if x is not None and y is not None:
            (same if x == y else differ).append(aspect)

    note("outcome", _class(ra), _class(rb))
    note("winner", *_winners(a, b, ra, rb))
    if ra.score and rb.score:
        note("score", sorted(ra.score.pair), sorted(rb.score.pair))
    note("tally", _tally(ra), _tally(rb))
    return differ, same


def _tally(r: Reading) -> tuple[int, int] | str | None:
    """The votes (for, against); "unanimous" is none against, however many for."""
    if r.unanimous:
        return "unanimous"
    if r.tally is None:
        return None
    return "unanimous" if r.tally.pair[1] == 0 and r.tally.pair[0] else r.tally.pair


def _class(r: Reading) -> str | None:
    """A vote's outcome, or whether a match was drawn or decided (from its verb or score)."""
    if r.kind == "vote":
        return r.outcome
    by_verb = {"draw": "draw", "win": "decided", "loss": "decided"}.get(r.outcome or "")
    by_score = None if r.score is None else (
        "draw" if r.score.pair[0] == r.score.pair[1] else "decided")
    if by_verb and by_score and by_verb != by_score:
        return None  # the claim contradicts itself: read nothing
    return by_verb or by_score


def _winners(a: Claim, b: Claim, ra: Reading, rb: Reading) -> tuple[int | None, int | None]:
    """(1, 1) when the players both claims name won (or lost) alike, (1, -1) when one claim's
    winner is the other's loser, (None, None) when it cannot be told: each claim must name
    both the winner and the loser ("تغلبت على فرنسا" leaves the winner unsaid)."""
    if not all({1, -1} <= set(r.sides.values()) for r in (ra, rb)):
        return None, None
    signs = set()
    for i, x in ra.sides.items():
        for j, y in rb.sides.items():
            if x and y and _one_name(a, i, b, j):
                signs.add(x * y)
    if len(signs) != 1:
        return None, None
    return 1, signs.pop()


def _one_name(a: Claim, i: int, b: Claim, j: int) -> bool:
    if cross_lingual(a, b):
        return names_meet(a, [i], b, [j])
    content_a = {w[0]: w for w in a.content}
    content_b = {w[0]: w for w in b.content}
    return i in content_a and j in content_b and same_word(content_a[i], content_b[j])

