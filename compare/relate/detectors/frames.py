"""What the news detectors (result, zero_count, change, accused_denial) share: work cached per
claim, the words next to a cue (who won, who decided, who denies), the claim's own words quoted,
and whether the words of one claim are found in the other, within a language or across scripts.

Not a detector: it registers nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

from rapidfuzz import fuzz

from compare.relate.anchors import anchors_clash, name_key, places_meet
from compare.relate.cues import NEG, Claim
from compare.relate.overlap import same_word
from compare.relate.table import STOP, variants
from compare.text import lexicon

T = TypeVar("T")

# Characters between two words that end a clause (quotation marks only wrap names: «Зенит»).
_BREAK = frozenset(",،;؛.!?()[]{}")
# Keys this similar (rapidfuzz ratio) are one name in two scripts.
NAME_MATCH = 80.0


def per_claim(fn: Callable[[Claim], T]) -> Callable[[Claim], T]:
    """Cache ``fn(claim)`` on the claim, as :class:`Claim`'s own cached properties are."""
    slot = f"_{fn.__module__}.{fn.__name__}"

    @wraps(fn)
    def cached(claim: Claim) -> T:
        store = claim.__dict__
        if slot not in store:
            store[slot] = fn(claim)
        return store[slot]

    return cached


def clause_break(claim: Claim, i: int) -> bool:
    """Punctuation stands between token ``i - 1`` and token ``i`` (or ``i`` is an edge)."""
    toks = claim.toks
    if i <= 0 or i >= len(toks):
        return True
    return not _BREAK.isdisjoint(claim.text[toks[i - 1].end:toks[i].start])


def gap(claim: Claim, i: int) -> str:
    """The characters between token ``i`` and token ``i + 1``, stripped."""
    return claim.text[claim.toks[i].end:claim.toks[i + 1].start].strip()


def forms(claim: Claim) -> tuple[tuple[str, ...], ...]:
    """Each token's forms (itself and without its clitics), computed once per claim."""
    store = claim.__dict__
    if "_forms" not in store:
        store["_forms"] = tuple(variants(t.norm) for t in claim.toks)
    return store["_forms"]


def has(claim: Claim, i: int, words: frozenset[str]) -> bool:
    """Token ``i`` is one of ``words`` (a :func:`fold_set`), in any of its clitic forms."""
    return 0 <= i < len(claim.toks) and not words.isdisjoint(forms(claim)[i])


def mentions(claim: Claim, words: frozenset[str] | dict) -> bool:
    """Some token of the claim is one of ``words`` in some form."""
    return any(form in words for token in forms(claim) for form in token)


def lookup(claim: Claim, i: int, table: dict[str, T]) -> T | None:
    """The value ``table`` gives token ``i`` in the first of its forms it lists, else None."""
    if not 0 <= i < len(claim.toks):
        return None
    for form in forms(claim)[i]:
        if form in table:
            return table[form]
    return None


def stop(claim: Claim, i: int) -> bool:
    t = claim.toks[i]
    return t.norm in STOP or t.key in STOP or len(t.key) < 2


@dataclass
class Window:
    """The words before and after a cue in its clause: ``pre`` (nearest first) and ``post``;
    ``link`` is where in ``post`` a linking word ("على", "against", "face à") stood (and
    ``link_token`` its token), and ``passive`` whether a passive auxiliary or "by" did."""

    pre: list[int] = field(default_factory=list)
    post: list[int] = field(default_factory=list)
    link: int | None = None
    link_token: int | None = None
    passive: bool = False


@dataclass(frozen=True)
class Words:
    """Word sets a window walks over (each a :func:`fold_set`)."""

    links: frozenset[str] = frozenset()  # skipped after the cue, marking the opponent
    passive_links: frozenset[str] = frozenset()  # "by": skipped, marking a passive
    aux: frozenset[str] = frozenset()  # skipped before the cue ("a", "has", "s'est")
    passive_aux: frozenset[str] = frozenset()  # skipped before the cue, marking a passive
    joiners: frozenset[str] = frozenset()  # "and" between two names before the cue
    ignore: frozenset[str] = frozenset()  # skipped both ways: not names ("team", "match")
    articles: frozenset[str] = frozenset()  # skipped both ways ("the", "le", "les")
    inside: frozenset[str] = frozenset()  # inside a name before the cue ("Bank of Russia")


def window(claim: Claim, start: int, end: int, skip: Iterable[int], words: Words,
           width: int = 4, halt: Iterable[int] = ()) -> Window:
    """The content words next to the cue at tokens [start, end): up to ``width`` before it and
    after it, within its clause, stopping at a function word or a number not in ``skip``.
    After the cue, tokens in ``halt`` (a score, a tally) end the walk too unless a linking word
    follows them ("drew 1-1 with Chelsea", "beaten 2-1 by Liverpool")."""
    skip, halt = set(skip), set(halt)
    out = Window()
    i = start - 1
    while i >= 0 and len(out.pre) < width and not clause_break(claim, i + 1):
        if i in skip or i in halt or has(claim, i, words.aux) or has(claim, i, words.ignore) \
                or has(claim, i, words.articles):
            pass
        elif has(claim, i, words.passive_aux):
            out.passive = True
        elif (has(claim, i, words.joiners) or has(claim, i, words.inside)) and out.pre:
            pass
        elif stop(claim, i) or claim.toks[i].norm.isdigit():
            break
        else:
            out.pre.append(i)
        i -= 1
    j = end
    linking = words.links | words.passive_links
    while j < len(claim.toks) and len(out.post) < width and not clause_break(claim, j):
        if j in halt:
            if j + 1 not in halt and not has(claim, j + 1, linking):
                break
        elif j in skip or has(claim, j, words.ignore) or has(claim, j, words.articles):
            pass
        elif has(claim, j, words.passive_links) or has(claim, j, words.links):
            out.passive = out.passive or has(claim, j, words.passive_links)
            if out.link is None:
                out.link, out.link_token = len(out.post), j
        elif stop(claim, j) or claim.toks[j].norm.isdigit():
            break
        else:
            out.post.append(j)
        j += 1
    return out


def quote(claim: Claim, idx: Iterable[int], limit: int = 12) -> list[str]:
    """The claim's own words at the token indices ``idx``: one span from the first to the last
    when it is at most ``limit`` tokens long, else each run of adjacent tokens."""
    idx = sorted(set(idx))
    if not idx:
        return []
    if idx[-1] - idx[0] < limit:
        return [claim.span(idx[0], idx[-1] + 1)]
    runs, first = [], idx[0]
    for prev, cur in zip(idx, idx[1:], strict=False):
        if cur != prev + 1:
            runs.append(claim.span(first, prev + 1))
            first = cur
    runs.append(claim.span(first, idx[-1] + 1))
    return runs


def shown(pieces: Sequence[str]) -> str:
    return " … ".join(pieces)


def words_found(a: Claim, idx: Iterable[int], b: Claim) -> bool:
    """Every content word of ``a`` at ``idx`` is a word of ``b`` (in any inflection)."""
    content = {w[0]: w for w in a.content}
    return all(any(same_word(content[i], y) for y in b.content) for i in idx if i in content)


def names_meet(a: Claim, idx_a: Iterable[int], b: Claim, idx_b: Iterable[int]) -> bool:
    """Across scripts: each name of ``a`` at ``idx_a`` sounds like one of ``b`` at ``idx_b`` and
    the other way round (:func:`compare.relate.anchors.name_key`, keys of three classes or
    more), with at least one on each side."""
    keys_a = [k for k in (name_key(a.toks[i].norm) for i in idx_a) if len(k) >= 3]
    keys_b = [k for k in (name_key(b.toks[i].norm) for i in idx_b) if len(k) >= 3]
    if not keys_a or not keys_b:
        return False

    def like(x: str, ys: list[str]) -> bool:
        return any(x == y or fuzz.ratio(x, y, score_cutoff=NAME_MATCH) > 0 for y in ys)

    return all(like(x, keys_b) for x in keys_a) and all(like(y, keys_a) for y in keys_b)


def anchored(a: Claim, b: Claim) -> bool:
    """Across languages, stricter than :func:`compare.relate.anchors.anchors_shared`: the
    claims name one party that is not generic ("the army" is not enough), or places one of
    which is or contains the other, or share a figure other than a year or date; and no party
    or place differs."""
    if anchors_clash(a, b):
        return False
    if (set(a.actors) & set(b.actors)) - lexicon.GENERIC_ACTORS:
        return True
    if places_meet(a.places, b.places):
        return True
    values = {n["value"] for n in a.numbers
              if n.get("value") is not None and n.get("slot") not in ("year", "date")}
    return any(n.get("value") in values and n.get("slot") not in ("year", "date")
               for n in b.numbers)


def negated(claim: Claim, start: int, reach: int = 2) -> bool:
    """A negation particle (not a denial) ends at most ``reach`` words before ``start``."""
    return any(c.value == NEG and c.end <= start <= c.end + reach for c in claim.negations)
