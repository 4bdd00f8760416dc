"""What the detectors see of a claim (:class:`Claim`): its words, negation and denial cues,
outcome words, places, days, dates, parties and content words, each computed once and cached."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from compare.relate.table import AMBIGUOUS_DAYS, STOP, Hit, plain, scan
from compare.text import lexicon
from compare.text.lang import guess_lang
from compare.text.normalize import fold_word, normalize
from compare.text.numbers import extract_numbers
from compare.text.script import ARABIC
from compare.text.tokens import Tok, skeleton, tokenize


class Cue(NamedTuple):
    """A detector cue found in a claim: token span, verbatim text and what it signals."""

    start: int
    end: int
    text: str
    value: object


@dataclass(frozen=True, eq=False)
class Claim:
    """What the detectors see of a claim. ``norm``, ``lang`` and ``numbers`` are computed from
    ``text`` when not given (``numbers`` by :func:`compare.text.numbers.extract_numbers`)."""

    text: str
    norm: str | None = None
    lang: str | None = None
    speaker: str | None = None
    numbers: Sequence[Mapping] | None = None
    date: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        if not self.lang:
            object.__setattr__(self, "lang", guess_lang(self.text))
        if self.norm is None:
            object.__setattr__(self, "norm", normalize(self.text))
        if self.numbers is None:
            object.__setattr__(self, "numbers", extract_numbers(self.text, self.lang))

    @classmethod
    def from_row(cls, row: Mapping) -> Claim:
        """A claim from a row of the CLAIMS frame (``frame.iter_rows(named=True)``)."""
        return cls(text=row["text"], norm=row.get("norm") or None, lang=row.get("lang"),
                   speaker=row.get("speaker"), numbers=row.get("numbers"),
                   date=row.get("date"), outlet=row.get("outlet"))

    @cached_property
    def toks(self) -> tuple[Tok, ...]:
        return tokenize(self.text)

    @cached_property
    def _hits(self) -> list[Hit]:
        return scan(tuple(t.norm for t in self.toks))

    @cached_property
    def tongue(self) -> str:
        """The claim's language as the detectors tell it: "ar" (Arabic script), "ru"
        (Cyrillic), "fr" (Latin, with more signs of French than English function words, two
        at least) or "en" (any other Latin text, as before French and Russian were read).

        Signs of French: its function words, elided l' d' n' s', le / la / de before a word
        in lower case ("le ministre", not "Le Pen"), "a" before a past participle ("a battu"),
        and (once) a letter such as é, è or ç."""
        if ARABIC.search(self.text):
            return "ar"
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in self.text)
        if cyrillic * 2 > sum(ch.isalpha() for ch in self.text):
            return "ru"
        toks = self.toks
        french = sum(plain(t.norm) in _FRENCH or plain(t.norm)[:2] in _ELIDED
                     or (t.norm in _ARTICLES and nxt.text[:1].islower())
                     or (t.norm == "a" and nxt.norm in _PARTICIPLES)
                     for t, nxt in zip(toks, toks[1:] + toks[-1:], strict=True))
        french += any(not _ACCENTS.isdisjoint(t.norm) for t in toks)  # once: names have them
        english = sum(t.norm in _ENGLISH for t in toks)
        return "fr" if french >= 2 and french > english else "en"

    def _quote(self, start: int, end: int) -> str:
        return self.text[self.toks[start].start:self.toks[end - 1].end]

    def span(self, start: int, end: int) -> str:
        """The claim's own text from token ``start`` to token ``end - 1``."""
        return self._quote(start, end)

    def tagged(self, tag: str) -> list[Hit]:
        """The lexicon phrases of one tag found in the claim, none inside a longer one."""
        return _longest(self._hits, tag)

    def _cue(self, hit: Hit, value: object = None) -> Cue:
        return Cue(hit.start, hit.end, self._quote(hit.start, hit.end), value)

    @cached_property
    def negations(self) -> tuple[Cue, ...]:
        """Negation and denial cues; value is DENY (نفى, denied), DENY_WEAK or NEG (لم, not)."""
        return tuple(_negations(self))

    @cached_property
    def outcomes(self) -> dict[str, dict[str, Cue]]:
        """concept → polarity → the first cue naming that outcome, negated cues left out."""
        return _outcomes(self)

    @cached_property
    def places(self) -> dict[str, str]:
        """Places where the claim says something happened: id → verbatim name."""
        found: dict[str, str] = {}
        for h in _longest(self._hits, "place"):
            if self._locative(h):
                found.setdefault(h.value, self._quote(h.start, h.end))
        return found

    def _locative(self, hit: Hit) -> bool:
        norm = self.toks[hit.start].norm
        bare = norm[1:] if norm[:1] in ("و", "ف") else norm
        if bare.startswith("ب") and hit.variant == bare[1:]:  # بكابول, وبالموصل
            return True
        # a word may stand between ("في مدينة حلب", "in the town"), not in Russian, where
        # "в Минобороны России" is "in Russia's defence ministry"
        gap = 0 if self.tongue == "ru" else 1
        return any(h.tag == "locative" and hit.start - gap <= h.end <= hit.start
                   for h in self._hits)

    @cached_property
    def weekdays(self) -> dict[str, str]:
        """Weekdays named as days (not الاثنين "the two"): id → verbatim name."""
        found: dict[str, str] = {}
        for h in self._hits:
            if h.tag != "day":
                continue
            if self.toks[h.start].norm in AMBIGUOUS_DAYS and not self._after_time_word(h):
                continue
            found.setdefault(h.value, self._quote(h.start, h.end))
        return found

    def _after_time_word(self, hit: Hit) -> bool:
        return any(h.tag == "time_word" and h.end == hit.start for h in self._hits)

    @cached_property
    def dates(self) -> dict[tuple[int, int], str]:
        """Day-and-month dates written in the claim: (month, day) → verbatim text."""
        found: dict[tuple[int, int], str] = {}
        for h in self._hits:
            if h.tag == "month":
                day = _day_next_to(self.toks, h)
                if day is not None:
                    lo, hi = min(day[1], h.start), max(day[1] + 1, h.end)
                    found.setdefault((h.value, day[0]), self._quote(lo, hi))
        return found

    @cached_property
    def actors(self) -> dict[str, Cue]:
        """Named parties (داعش, قوات النظام, the Taliban …): id → where the claim names it."""
        found: dict[str, Cue] = {}
        for h in _longest(self._hits, "actor"):
            found.setdefault(h.value, self._cue(h))
        return found

    @cached_property
    def years(self) -> dict[int, str]:
        return {int(n["value"]): n["text"] for n in self.numbers
                if n.get("slot") == "year" and n.get("value") is not None}

    @cached_property
    def content(self) -> tuple[tuple[int, str, str], ...]:
        """(token index, key, skeleton) of the words that carry the claim's content."""
        return tuple((i, t.key, skeleton(t.key)) for i, t in enumerate(self.toks)
                     if t.norm not in STOP and t.key not in STOP and len(t.key) > 1)


def _day_next_to(toks: tuple[Tok, ...], hit: Hit) -> tuple[int, int] | None:
    """(day, token index) of a day number just before or after a month name."""
    for i in (hit.start - 1, hit.end):
        if 0 <= i < len(toks) and toks[i].norm.isdigit() and 1 <= int(toks[i].norm) <= 31:
            return int(toks[i].norm), i
    return None


def _longest(hits: list[Hit], tag: str) -> list[Hit]:
    """Hits of ``tag`` not inside a longer one ("طرابلس الشام" wins over "طرابلس")."""
    mine = [h for h in hits if h.tag == tag]
    return [h for h in mine if not any(o.start <= h.start and h.end <= o.end
                                       and o.end - o.start > h.end - h.start for o in mine)]


def _covered(hits: list[Hit], tag: str, i: int) -> bool:
    return any(h.tag == tag and h.start <= i < h.end for h in hits)


# Cue strengths: an explicit denial, a denial word with a second sense, a negation particle.
DENY, DENY_WEAK, NEG = "deny", "deny_weak", "neg"

_FRENCH = frozenset(fold_word(w) for w in lexicon.FRENCH_MARKERS)
_ENGLISH = frozenset(fold_word(w) for w in lexicon.ENGLISH_MARKERS)
_ELIDED = frozenset(f"{c}'" for c in "ldnsj")
_ACCENTS = frozenset("éèêàçôîûùâë")
_PARTICIPLES = frozenset(lexicon.FRENCH_PARTICIPLES)
_FALSE_FRIENDS = frozenset(lexicon.FRENCH_FALSE_FRIENDS)
_ARTICLES = frozenset({"le", "la", "de", "du", "un", "une"})
_NE_COMPLEMENTS = frozenset(fold_word(w) for w in lexicon.FRENCH_NE_COMPLEMENTS)


def _negations(claim: Claim) -> list[Cue]:
    hits, toks = claim._hits, claim.toks
    cues: dict[int, Cue] = {}
    for h in hits:
        kind = _cue_kind(hits, h, toks)
        if kind is None or _covered(hits, "not_neg", h.start):
            continue
        if kind == NEG and any(e.tag == "exceptive" and h.end <= e.start <= h.end + 6
                               for e in hits):
            continue
        if h.start not in cues or kind != NEG:
            cues[h.start] = claim._cue(h, kind)
    for i, t in enumerate(toks):
        if i not in cues and t.norm.endswith(("n't", "n’t")):
            cues[i] = Cue(i, i + 1, t.text, NEG)
    return _cancel_without([cues[i] for i in sorted(cues)], hits)


def _cue_kind(hits: list[Hit], h: Hit, toks: tuple[Tok, ...]) -> str | None:
    if h.tag == "deny" or (h.tag == "reject" and _report_follows(hits, h)):
        return DENY
    if h.tag == "ne":  # French ne/n' negates with pas, jamais, rien … a few words on
        after = (plain(t.norm) for t in toks[h.start + 1:h.start + 7])
        return NEG if any(w in _NE_COMPLEMENTS or w.split("'")[-1] in _NE_COMPLEMENTS
                          for w in after) else None
    return {"deny_weak": DENY_WEAK, "neg": NEG}.get(h.tag)


def _cancel_without(cues: list[Cue], hits: list[Hit]) -> list[Cue]:
    """Drop a negation together with a "without" right after it: a double negative."""
    without = {h.start for h in hits if h.tag == "without"}
    dropped: set[int] = set()
    for c, d in zip(cues, cues[1:], strict=False):
        if c.value == NEG and d.start in without and d.start - c.end <= 4:
            dropped |= {c.start, d.start}
    return [c for c in cues if c.start not in dropped]


def _report_follows(hits: list[Hit], verb: Hit) -> bool:
    return any(h.tag == "report" and verb.end <= h.start <= verb.end + 3 for h in hits)


def _outcomes(claim: Claim) -> dict[str, dict[str, Cue]]:
    hits = claim._hits
    cue_tokens = {i for c in claim.negations for i in cue_span(c)}
    # what a cue negates: the next two words, or four after an explicit denial
    negated = {i for c in claim.negations
               for i in range(c.end, c.end + (2 if c.value == NEG else 4))}
    found: dict[str, dict[str, Cue]] = {}
    for h in hits:
        if h.tag != "outcome" or _covered(hits, "not_outcome", h.start):
            continue
        if h.start in cue_tokens or h.start in negated:
            continue
        if claim.tongue == "fr" and claim.toks[h.start].norm in _FALSE_FRIENDS:
            continue
        concept, polarity = h.value
        found.setdefault(concept, {}).setdefault(polarity, claim._cue(h, h.value))
    return found


def cue_span(cue: Cue) -> range:
    """The token indices a cue covers."""
    return range(cue.start, cue.end)


@lru_cache(maxsize=1 << 15)
def _claim_of(text: str) -> Claim:
    return Claim(text)


def as_claim(x: str | Claim) -> Claim:
    """``x`` itself if it is a :class:`Claim`, else a claim built (and cached) from the text."""
    return x if isinstance(x, Claim) else _claim_of(x)
