"""Typed divergence detectors: why two aligned claims agree, contradict or are about different
events.

Each detector looks at the two claims of an aligned pair and returns :class:`Finding` records:
a kind (``numeric``, ``denial``, ``antonym``, ``different_event``, ``attribution``), the relation
it argues for (``contradict``, ``agree`` or ``related``) and a reason quoted from the claims'
own words. Matching runs on normalised forms; everything shown is the original text.

The detectors are lexical and conservative: a contradiction is only claimed when the rest of the
two claims is shared, because a false contradiction costs a fact-checker more than a missed one.
They are pure Python (plus rapidfuzz) and cache per-claim work, so the relation stage and the
classifier can run them over tens of thousands of pairs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from compare import lexicon
from compare.normalize import fold_word, normalize, strip_clitics
from compare.numbers import extract_numbers

KINDS = ("numeric", "denial", "antonym", "different_event", "attribution", "accusation")
DIRECTIONS = ("contradict", "agree", "related")

# Number slots that locate an event in time rather than count something.
TIME_SLOTS = frozenset({"year", "date", "month", "day", "time", "clock"})
# A denial or an outcome flip counts only when this share of the shorter claim's content words
# is found in the other claim.
SHARED_DENIAL = 0.6
SHARED_OUTCOME = 0.6
# Two claims naming different parties are about different events when this much of the rest
# is shared ("the army took the town" / "the rebels took the town").
SHARED_ACTORS = 0.5
# Tokens this similar (rapidfuzz ratio) are one word in two inflections (resign / resigned).
TOKEN_MATCH = 80.0
# Exact counts this close, one of them round, are the same figure rounded (1,480 and 1,500).
ROUNDING = 0.05
# An approximate figure given as a point ("نحو 40", "about 40") stands for anything this close
# to it; compare.numbers usually gives approximations their own bounds already.
APPROX = 0.10
# Bounds of approximations are conventions ("أكثر من 100" is taken as 100–150), so an exact
# figure just past them (160) is not held against them: ranges must miss by this factor.
MARGIN = 1.15


@dataclass(frozen=True)
class Finding:
    """One reason a pair agrees, contradicts or is about different events."""

    kind: str  # one of KINDS
    direction: str  # one of DIRECTIONS: what this finding argues for
    detail: dict = field(compare=False)  # structured facts behind the reason
    reason: str = ""  # the human string shown in the report


# ---- tokens ----------------------------------------------------------------------------------

_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_MARK = r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_TOKEN = re.compile(
    rf"{_DIGIT}+(?:[.,\u066b\u066c]{_DIGIT}+)*"
    rf"|[^\W\d_][\w{_MARK}]*(?:['’][^\W\d_]+)*"
)
_ARABIC = re.compile(r"[\u0600-\u06ff]")


class Tok(NamedTuple):
    """A word of a claim: its surface form, normalised form, matching key and offsets."""

    text: str
    norm: str
    key: str
    start: int
    end: int


_new_tuple = tuple.__new__


@lru_cache(maxsize=1 << 17)
def _key(norm: str) -> str:
    if "'" in norm or "’" in norm:
        norm = re.sub(r"['’]s$", "", norm)
    return strip_clitics(norm) or norm


@lru_cache(maxsize=1 << 18)
def _fold(surface: str) -> tuple[str, str]:
    norm = normalize(surface)
    return norm, _key(norm) if norm else ""


def tokenize(text: str) -> tuple[Tok, ...]:
    """The words of ``text`` with their offsets, normalised forms and matching keys."""
    out = []
    for m in _TOKEN.finditer(text):
        surface = m.group()
        norm, key = _fold(surface)
        if norm:  # tuple.__new__ skips NamedTuple's slower keyword constructor
            out.append(_new_tuple(Tok, (surface, norm, key, m.start(), m.end())))
    return tuple(out)


@lru_cache(maxsize=1 << 17)
def _variants(norm: str) -> tuple[str, ...]:
    """Forms under which a token may be listed in a lexicon: itself, without the conjunction,
    without a preposition or article, without a possessive pronoun."""
    if not _ARABIC.match(norm):
        if norm.endswith(("'s", "’s")):
            return norm, norm[:-2]
        return (norm,)
    seen = [norm]
    bases = [norm]
    if norm[0] in "وف" and len(norm) > 2:
        bases.append(norm[1:])
    for base in list(bases):
        if base.startswith("لل") and len(base) > 4:
            bases.append("ال" + base[2:])
        if base[0] in "بلك" and len(base) > 3:
            bases.append(base[1:])
    for base in list(bases):
        if base.startswith("ال") and len(base) > 4:
            bases.append(base[2:])
        for suffix in ("هما", "هم", "ها", "ه", "هن"):
            stem = base[: -len(suffix)]
            if base.endswith(suffix) and len(stem) >= 3:
                bases.append(stem)
                if stem.endswith("ت"):
                    bases.append(stem[:-1] + "ه")  # سيطرتها → سيطره
                break
    bases.append(strip_clitics(norm))
    for b in bases:
        if b not in seen:
            seen.append(b)
    return tuple(seen)


def _strict_variants(norm: str) -> tuple[str, ...]:
    """Particles are matched only as themselves or after و/ف, so لولا never reads as لا."""
    if norm[:1] in ("و", "ف") and len(norm) > 2:
        return norm, norm[1:]
    return (norm,)


@lru_cache(maxsize=1 << 17)
def _skeleton(key: str) -> str:
    """An Arabic word without its imperfect prefix, long vowels and final ه: يستقل, استقال and
    استقالة all give ستقل. Latin words are returned as they are."""
    if not _ARABIC.match(key):
        return key
    word = key[1:] if key[0] in "يتنا" and len(key) > 3 else key
    word = word[0] + re.sub("[اوي]", "", word[1:]) if word else word
    return word[:-1] if word.endswith("ه") and len(word) > 3 else word


# ---- lexicon tables ---------------------------------------------------------------------------


def _verb_forms(perfect: str, imperfect: str) -> list[str]:
    """Common inflections of an Arabic verb given its 3rd-person masculine perfect and
    imperfect (سيطر/يسيطر): past, present, future, plural and dual forms."""
    stem = imperfect[1:]
    if perfect[-1] in "ىا":
        past = [perfect, perfect[:-1] + "ت", perfect[:-1] + "وا", perfect[:-1] + "تا"]
    else:
        past = [perfect + s for s in ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")]
    if stem[-1] in "يو":
        bodies = [stem, stem[:-1] + "ون", stem[:-1] + "ن", stem[:-1] + "وا", stem + "ان"]
    else:
        bodies = [stem + s for s in ("", "ون", "وا", "ان", "ين", "ن")]
    present = [p + b for p in "يتنا" for b in bodies]
    future = ["س" + f for f in present if f[0] in "يتن"]
    return past + present + future


def _expand(entry: str) -> list[str]:
    """An entry as the phrases it stands for; a ``perfect/imperfect`` first word is conjugated."""
    first, _, rest = entry.partition(" ")
    if "/" not in first:
        return [entry]
    perfect, imperfect = first.split("/")
    return [f"{form} {rest}".strip() for form in _verb_forms(perfect, imperfect)]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(fold_word(m.group()) for m in _TOKEN.finditer(text))


class _Entry(NamedTuple):
    rest: tuple[str, ...]  # the phrase's words after the first
    tag: str  # what the phrase is: neg, deny, place, outcome, ...
    value: object  # its payload: a place id, (concept, polarity) ...
    strict: bool  # match the first word only as itself or after و/ف


def _build_table() -> dict[str, list[_Entry]]:
    table: dict[str, list[_Entry]] = {}

    def add(phrases: Iterable[str], tag: str, value: object = None, strict: bool = False):
        for entry in phrases:
            for text in _expand(entry):
                words = _phrase(text)
                if words:
                    table.setdefault(words[0], []).append(_Entry(words[1:], tag, value, strict))

    lx = lexicon
    add(lx.NEGATION_PARTICLES_AR | lx.NEGATION_PARTICLES_EN, "neg", strict=True)
    add(lx.NEGATION_PHRASES_AR, "neg", strict=True)
    add(lx.WITHOUT, "without", strict=True)
    add(lx.DENIAL_WORDS, "deny")
    add(lx.WEAK_DENIALS, "deny_weak", strict=True)
    add(lx.REJECT_VERBS, "reject")
    add(lx.REPORT_NOUNS, "report")
    add(lx.NOT_NEGATION, "not_neg", strict=True)
    add(lx.EXCEPTIVES, "exceptive", strict=True)
    add(lx.NOT_OUTCOME, "not_outcome")
    for concept, plus, minus in lx.ANTONYMS:
        add(plus, "outcome", (concept, "+"))
        add(minus, "outcome", (concept, "-"))
    for place, _parent, names in lx.PLACES:
        add(names, "place", place)
    for day, names in lx.WEEKDAYS:
        add(names, "day", day)
    for month, names in lx.MONTHS:
        add(names, "month", month)
    for actor, _kind, names in lx.ACTORS:
        add(names, "actor", actor)
    add(lx.LOCATIVES, "locative")
    add(lx.TIME_WORDS, "time_word", strict=True)
    for entries in table.values():
        entries.sort(key=lambda e: -len(e.rest))
    return table


_TABLE = _build_table()
_STOP = frozenset(fold_word(w) for w in lexicon.STOPWORDS)
_AMBIGUOUS_DAYS = frozenset(fold_word(w) for w in lexicon.AMBIGUOUS_WEEKDAYS)
_PARENT = {place: parent for place, parent, _ in lexicon.PLACES}
_ACTOR_KIND = {actor: kind for actor, kind, _ in lexicon.ACTORS}
_DAY_INDEX = {day: i for i, (day, _) in enumerate(lexicon.WEEKDAYS)}


class _Hit(NamedTuple):
    start: int  # first token index
    end: int  # one past the last token index
    tag: str
    value: object
    variant: str  # the form of the first token the lexicon knows (كابول for بكابول)


@lru_cache(maxsize=1 << 18)
def _entries(norm: str) -> tuple[tuple[str, _Entry], ...]:
    """The lexicon phrases that may start at a word, with the word form that matched."""
    out = []
    for variant in _variants(norm):
        for e in _TABLE.get(variant, ()):
            if not e.strict or variant in _strict_variants(norm):
                out.append((variant, e))
    return tuple(out)


def _scan(norms: tuple[str, ...]) -> list[_Hit]:
    """Every lexicon phrase found in a claim's normalised words."""
    hits = []
    for i, norm in enumerate(norms):
        for variant, e in _entries(norm):
            end = i + 1 + len(e.rest)
            if norms[i + 1:end] == e.rest:
                hits.append(_Hit(i, end, e.tag, e.value, variant))
    return hits


# ---- the claim view ---------------------------------------------------------------------------


def guess_lang(text: str) -> str:
    """"ar" when most letters of ``text`` are Arabic, else "en": enough to pick number words."""
    arabic = len(_ARABIC.findall(text))
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return "ar" if arabic >= latin and arabic else "en"


class Cue(NamedTuple):
    """A detector cue found in a claim: token span, verbatim text and what it signals."""

    start: int
    end: int
    text: str
    value: object


@dataclass(frozen=True, eq=False)
class Claim:
    """What the detectors see of a claim. ``norm``, ``lang`` and ``numbers`` are computed from
    ``text`` when not given (``numbers`` by :func:`compare.numbers.extract_numbers`)."""

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
    def _hits(self) -> list[_Hit]:
        return _scan(tuple(t.norm for t in self.toks))

    def _quote(self, start: int, end: int) -> str:
        return self.text[self.toks[start].start:self.toks[end - 1].end]

    def _cue(self, hit: _Hit, value: object = None) -> Cue:
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

    def _locative(self, hit: _Hit) -> bool:
        norm = self.toks[hit.start].norm
        bare = norm[1:] if norm[:1] in ("و", "ف") else norm
        if bare.startswith("ب") and hit.variant == bare[1:]:  # بكابول, وبالموصل
            return True
        return any(h.tag == "locative" and h.end in (hit.start, hit.start - 1)
                   for h in self._hits)

    @cached_property
    def weekdays(self) -> dict[str, str]:
        """Weekdays named as days (not الاثنين "the two"): id → verbatim name."""
        found: dict[str, str] = {}
        for h in self._hits:
            if h.tag != "day":
                continue
            if self.toks[h.start].norm in _AMBIGUOUS_DAYS and not self._after_time_word(h):
                continue
            found.setdefault(h.value, self._quote(h.start, h.end))
        return found

    def _after_time_word(self, hit: _Hit) -> bool:
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
        return tuple((i, t.key, _skeleton(t.key)) for i, t in enumerate(self.toks)
                     if t.norm not in _STOP and t.key not in _STOP and len(t.key) > 1)


def _day_next_to(toks: tuple[Tok, ...], hit: _Hit) -> tuple[int, int] | None:
    """(day, token index) of a day number just before or after a month name."""
    for i in (hit.start - 1, hit.end):
        if 0 <= i < len(toks) and toks[i].norm.isdigit() and 1 <= int(toks[i].norm) <= 31:
            return int(toks[i].norm), i
    return None


def _longest(hits: list[_Hit], tag: str) -> list[_Hit]:
    """Hits of ``tag`` not inside a longer one ("طرابلس الشام" wins over "طرابلس")."""
    mine = [h for h in hits if h.tag == tag]
    return [h for h in mine if not any(o.start <= h.start and h.end <= o.end
                                       and o.end - o.start > h.end - h.start for o in mine)]


def _covered(hits: list[_Hit], tag: str, i: int) -> bool:
    return any(h.tag == tag and h.start <= i < h.end for h in hits)


# Cue strengths: an explicit denial, a denial word with a second sense, a negation particle.
DENY, DENY_WEAK, NEG = "deny", "deny_weak", "neg"


def _negations(claim: Claim) -> list[Cue]:
    hits, toks = claim._hits, claim.toks
    cues: dict[int, Cue] = {}
    for h in hits:
        kind = _cue_kind(hits, h)
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


def _cue_kind(hits: list[_Hit], h: _Hit) -> str | None:
    if h.tag == "deny" or (h.tag == "reject" and _report_follows(hits, h)):
        return DENY
    return {"deny_weak": DENY_WEAK, "neg": NEG}.get(h.tag)


def _cancel_without(cues: list[Cue], hits: list[_Hit]) -> list[Cue]:
    """Drop a negation together with a "without" right after it: a double negative."""
    without = {h.start for h in hits if h.tag == "without"}
    dropped: set[int] = set()
    for c, d in zip(cues, cues[1:], strict=False):
        if c.value == NEG and d.start in without and d.start - c.end <= 4:
            dropped |= {c.start, d.start}
    return [c for c in cues if c.start not in dropped]


def _report_follows(hits: list[_Hit], verb: _Hit) -> bool:
    return any(h.tag == "report" and verb.end <= h.start <= verb.end + 3 for h in hits)


def _outcomes(claim: Claim) -> dict[str, dict[str, Cue]]:
    hits = claim._hits
    cue_tokens = {i for c in claim.negations for i in _span(c)}
    # what a cue negates: the next two words, or four after an explicit denial
    negated = {i for c in claim.negations
               for i in range(c.end, c.end + (2 if c.value == NEG else 4))}
    found: dict[str, dict[str, Cue]] = {}
    for h in hits:
        if h.tag != "outcome" or _covered(hits, "not_outcome", h.start):
            continue
        if h.start in cue_tokens or h.start in negated:
            continue
        concept, polarity = h.value
        found.setdefault(concept, {}).setdefault(polarity, claim._cue(h, h.value))
    return found


# ---- shared content ---------------------------------------------------------------------------


def _same_word(x: tuple[int, str, str], y: tuple[int, str, str]) -> bool:
    if x[1] == y[1] or (len(x[2]) >= 3 and x[2] == y[2]):
        return True
    return min(len(x[1]), len(y[1])) >= 4 and fuzz.ratio(x[1], y[1],
                                                         score_cutoff=TOKEN_MATCH) > 0


def shared(a: Claim, b: Claim, skip_a: Iterable[int] = (), skip_b: Iterable[int] = ()) -> float:
    """Share of the shorter claim's content words found in the other claim (0 when either has
    none), leaving out the token indices in ``skip_a`` / ``skip_b`` (the cue words)."""
    sa, sb = set(skip_a), set(skip_b)
    ca = [w for w in a.content if w[0] not in sa]
    cb = [w for w in b.content if w[0] not in sb]
    if not ca or not cb:
        return 0.0
    short, long_ = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    hit = sum(any(_same_word(x, y) for y in long_) for x in short)
    return hit / len(short)


def _cross(a: Claim, b: Claim) -> bool:
    return bool(_ARABIC.search(a.text)) != bool(_ARABIC.search(b.text))


def _span(cue: Cue) -> range:
    return range(cue.start, cue.end)


def _actors_meet(xs: Iterable[str], ys: Iterable[str]) -> bool:
    """Some party of one claim may be a party of the other: the same, or a generic one
    ("the army") of the same kind."""
    ys = list(ys)
    for x in xs:
        for y in ys:
            if x == y or ((x in lexicon.GENERIC_ACTORS or y in lexicon.GENERIC_ACTORS)
                          and _ACTOR_KIND[x] == _ACTOR_KIND[y]):
                return True
    return False


def _anchors_clash(a: Claim, b: Claim) -> bool:
    """Both claims name parties, or places, and none of them can be the same."""
    if a.actors and b.actors and not _actors_meet(a.actors, b.actors):
        return True
    return _places_differ(a.places, b.places)


def _anchors_shared(a: Claim, b: Claim) -> bool:
    """The claims share a named party, a place, a figure or an outcome (resigned / استقال), and
    no party or place differs: the language-independent evidence that two claims in different
    languages are one."""
    if _anchors_clash(a, b):
        return False
    if _actors_meet(a.actors, b.actors) or (a.places and b.places):
        return True
    if any(len(a.outcomes[c]) == 1 and a.outcomes[c].keys() == b.outcomes[c].keys()
           for c in a.outcomes.keys() & b.outcomes.keys()):
        return True
    values_a = {n["value"] for n in a.numbers if n.get("value") is not None}
    return any(n.get("value") in values_a for n in b.numbers)


# ---- 1. numeric -------------------------------------------------------------------------------


def _slot(n: Mapping) -> str | None:
    if n.get("slot"):
        return None if n["slot"] in TIME_SLOTS else n["slot"]
    unit = (n.get("unit") or "").strip()
    return f"«{unit}»" if unit else None


def _bounds(n: Mapping) -> tuple[float, float]:
    value = n.get("value")
    low = n.get("low") if n.get("low") is not None else value
    high = n.get("high") if n.get("high") is not None else value
    if n.get("approx") and low == high:
        low, high = low * (1 - APPROX), high * (1 + APPROX)
    return low, high


def _exact(n: Mapping) -> bool:
    return not n.get("approx") and n.get("low") == n.get("high")


def _round(v: float) -> bool:
    """A figure someone rounded to: 1,500, 2,000, 12 (against 12.4)."""
    return v >= 100 and float(v).is_integer() and int(v) % 100 == 0


def _compare_numbers(x: Mapping, y: Mapping) -> str:
    """``equal``, ``close`` (ranges overlap, or a rounding) or ``differ``."""
    if _exact(x) and _exact(y):
        vx, vy = x["value"], y["value"]
        if vx == vy:
            return "equal"
        rel = abs(vx - vy) / max(abs(vx), abs(vy))
        rounded = _round(vx) or _round(vy) or not (float(vx).is_integer()
                                                   and float(vy).is_integer())
        return "close" if rel <= ROUNDING and rounded else "differ"
    (lx, hx), (ly, hy) = _bounds(x), _bounds(y)
    return "close" if lx <= hy * MARGIN and ly <= hx * MARGIN else "differ"


def _show(n: Mapping) -> str:
    if _exact(n):
        v = n["value"]
        return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"
    return n["text"]


def numeric(a: Claim, b: Claim) -> list[Finding]:
    """Quantities in the same slot (killed, injured, percent …, else the same unit): one finding
    per slot, ``agree`` when some figures match (ranges and approximations overlapping, or one
    a rounding of the other), ``contradict`` when none does. Years are left to
    :func:`different_event`."""
    by_a, by_b = _by_slot(a.numbers), _by_slot(b.numbers)
    findings = []
    for slot in sorted(by_a.keys() & by_b.keys()):
        pairs = [(x, y, _compare_numbers(x, y)) for x in by_a[slot] for y in by_b[slot]]
        same = [p for p in pairs if p[2] != "differ"]
        x, y, verdict = (same or pairs)[0]
        label = slot.strip("«»")
        sign = {"equal": "=", "close": "≈", "differ": "≠"}[verdict]
        detail = {"slot": label, "a": x["text"], "b": y["text"],
                  "value_a": x["value"], "value_b": y["value"]}
        findings.append(Finding("numeric", "agree" if same else "contradict", detail,
                                f"numeric: {_show(x)} {sign} {_show(y)} ({label})"))
    return findings


def _by_slot(numbers: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    out: dict[str, list[Mapping]] = {}
    for n in numbers:
        slot = _slot(n)
        if slot is not None and n.get("value") is not None:
            out.setdefault(slot, []).append(n)
    return out


# ---- 2. denial --------------------------------------------------------------------------------


def denial(a: Claim, b: Claim) -> list[Finding]:
    """A claim and its denial contradict; two denials of one claim agree.

    The negation must bear on a predicate the other claim states (the content word after a
    particle, or one of the few after a denial verb, is in the other claim), and the two
    claims must share most of their content. Across languages, where words cannot be compared,
    only explicit denials (نفى, denied) count, and only when the claims share a figure, place
    or party."""
    na, nb = a.negations, b.negations
    if not na and not nb:
        return []
    if na and nb:
        cue_a, cue_b = _mutual_cues(a, b)
        if cue_a is None or cue_b is None:
            return []
        detail = {"side": "both", "a": cue_a.text, "b": cue_b.text}
        return [Finding("denial", "agree", detail,
                        f"denial: «{cue_a.text}» in A and «{cue_b.text}» in B")]
    neg, other, side = (a, b, "A") if na else (b, a, "B")
    cue = _denying_cue(neg, other)
    if cue is None:
        return []
    detail = {"side": side.lower(), "cue": cue.text}
    return [Finding("denial", "contradict", detail, f"denial: «{cue.text}» in {side} only")]


def _mutual_cues(a: Claim, b: Claim) -> tuple[Cue | None, Cue | None]:
    """The cues by which each of two negated claims denies what the other states."""
    if _cross(a, b):
        strong_a = [c for c in a.negations if c.value == DENY]
        strong_b = [c for c in b.negations if c.value == DENY]
        if strong_a and strong_b and _anchors_shared(a, b):
            return strong_a[0], strong_b[0]
        return None, None
    skip_a = [i for c in a.negations for i in _span(c)]
    skip_b = [i for c in b.negations for i in _span(c)]
    if shared(a, b, skip_a, skip_b) < SHARED_DENIAL:
        return None, None
    cue_a = next((c for c in a.negations if _scope_shared(a, b, c)), None)
    cue_b = next((c for c in b.negations if _scope_shared(b, a, c)), None)
    return cue_a, cue_b


def _denying_cue(neg: Claim, other: Claim) -> Cue | None:
    if _cross(neg, other):
        strong = [c for c in neg.negations if c.value == DENY]
        return strong[0] if strong and _anchors_shared(neg, other) else None
    skip = [i for c in neg.negations for i in _span(c)]
    if shared(neg, other, skip) < SHARED_DENIAL:
        return None
    return next((c for c in neg.negations if _scope_shared(neg, other, c)), None)


# How many content words after a cue it negates: a particle the next word (لم يستقل, not
# resign); a denial verb its subject and object (نفى المتحدث باسم الحكومة استقالة الوزير).
SCOPE = {NEG: 1, DENY_WEAK: 3, DENY: 6}


def _scope_shared(neg: Claim, other: Claim, cue: Cue) -> bool:
    """What the cue negates is stated by the other claim: one of the content words in its
    scope (``SCOPE``) is a word of the other claim."""
    width = SCOPE[cue.value]
    scope = [w for w in neg.content if w[0] >= cue.end][:width]
    return any(_same_word(x, y) for x in scope for y in other.content)


# ---- 3. antonym -------------------------------------------------------------------------------


def antonym(a: Claim, b: Claim) -> list[Finding]:
    """Opposite outcomes of one event (سيطر ↔ انسحب, rose ↔ fell) contradict; the same outcome
    on both sides agrees. A side naming both outcomes of a concept says nothing about it."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for concept in sorted(a.outcomes.keys() & b.outcomes.keys()):
        oa, ob = a.outcomes[concept], b.outcomes[concept]
        if len(oa) != 1 or len(ob) != 1:
            continue
        (pa, ca), (pb, cb) = next(iter(oa.items())), next(iter(ob.items()))
        if (ca.text, cb.text) in seen or not _outcome_context(a, b, ca, cb):
            continue
        seen.add((ca.text, cb.text))
        opposite = pa != pb
        detail = {"concept": concept, "a": ca.text, "b": cb.text}
        reason = f"antonym: {ca.text} {'↔' if opposite else '='} {cb.text}"
        findings.append(Finding("antonym", "contradict" if opposite else "agree", detail, reason))
    return findings


def _outcome_context(a: Claim, b: Claim, ca: Cue, cb: Cue) -> bool:
    """The outcome words are about the same thing: no named party or place differs, and (within
    one language) the rest of the claims is shared."""
    if _anchors_clash(a, b):
        return False
    return _cross(a, b) or shared(a, b, _span(ca), _span(cb)) >= SHARED_OUTCOME


def outcome_flips(a: Claim, b: Claim) -> int:
    """How many outcome concepts the two claims name with opposite words, context unchecked."""
    flips = 0
    for concept in a.outcomes.keys() & b.outcomes.keys():
        oa, ob = a.outcomes[concept], b.outcomes[concept]
        flips += len(oa) == 1 and len(ob) == 1 and oa.keys() != ob.keys()
    return flips


# ---- 4. different event -----------------------------------------------------------------------


@cache
def _lineage(place: str) -> frozenset[str]:
    """The place and every place containing it (a parent may be "israel|palestine")."""
    out = {place}
    for parent in filter(None, _PARENT.get(place, "").split("|")):
        out |= _lineage(parent)
    return frozenset(out)


def _places_meet(pa: Mapping[str, str], pb: Mapping[str, str]) -> bool:
    """Some place of one claim is, contains or lies within some place of the other."""
    return any(x in _lineage(y) or y in _lineage(x) for x in pa for y in pb)


def _places_differ(pa: Mapping[str, str], pb: Mapping[str, str]) -> bool:
    """No place of one claim can be a place of the other, and the two name places at the same
    scale (two cities, two countries): talks in Geneva about Syria are not a different place."""
    if not pa or not pb or _places_meet(pa, pb):
        return False
    return any(bool(_PARENT[x]) == bool(_PARENT[y]) for x in pa for y in pb)


def _facet(facet: str, a: Mapping, b: Mapping) -> Finding:
    shown_a, shown_b = ", ".join(_shown(a)), ", ".join(_shown(b))
    detail = {"facet": facet, "a": _shown(a), "b": _shown(b)}
    return Finding("different_event", "related", detail,
                   f"different event: {facet} {shown_a} ≠ {shown_b}")


def _shown(found: Mapping) -> list[str]:
    return [v.text if isinstance(v, Cue) else v for v in found.values()]


def _apart(xs: Iterable[int], ys: Iterable[int], gap: int, cycle: int = 0) -> bool:
    """Every x is at least ``gap`` from every y (on a cycle of ``cycle`` when given): a day
    apart is one event reported the next day, or in another time zone."""
    ys = list(ys)
    for x in xs:
        for y in ys:
            d = abs(x - y)
            if (min(d, cycle - d) if cycle else d) < gap:
                return False
    return True


def different_event(a: Claim, b: Claim, *, max_days: int = 3) -> list[Finding]:
    """Claims set in different places, on days or dates two or more days apart (or published
    more than ``max_days`` apart), or naming different parties are about different events:
    ``related``, never a contradiction."""
    findings = []
    if _places_differ(a.places, b.places):
        findings.append(_facet("place", a.places, b.places))
    days_a, days_b = [_DAY_INDEX[d] for d in a.weekdays], [_DAY_INDEX[d] for d in b.weekdays]
    if days_a and days_b and _apart(days_a, days_b, 2, cycle=7):
        findings.append(_facet("day", a.weekdays, b.weekdays))
    dates_a, dates_b = [m * 31 + d for m, d in a.dates], [m * 31 + d for m, d in b.dates]
    if dates_a and dates_b and _apart(dates_a, dates_b, 2):
        findings.append(_facet("date", a.dates, b.dates))
    if len(a.years) == len(b.years) == 1 and a.years.keys() != b.years.keys():
        findings.append(_facet("year", a.years, b.years))
    gap = _days_apart(a.date, b.date)
    if gap is not None and gap > max_days:
        findings.append(_facet("published", {a.date: a.date}, {b.date: b.date}))
    if _different_actors(a, b):
        findings.append(_facet("actor", a.actors, b.actors))
    return findings


def _different_actors(a: Claim, b: Claim) -> bool:
    """Each claim names its parties, none can be the other's, and the rest of the claims is the
    same (within one language) or each names just one party (across languages)."""
    if not a.actors or not b.actors or _actors_meet(a.actors, b.actors):
        return False
    if _cross(a, b):
        return len(a.actors) == len(b.actors) == 1
    skip_a = [i for c in a.actors.values() for i in _span(c)]
    skip_b = [i for c in b.actors.values() for i in _span(c)]
    return shared(a, b, skip_a, skip_b) >= SHARED_ACTORS


def _days_apart(x: str | None, y: str | None) -> int | None:
    try:
        return abs((Date.fromisoformat(x[:10]) - Date.fromisoformat(y[:10])).days)
    except (TypeError, ValueError):
        return None


# ---- 5. attribution ---------------------------------------------------------------------------


def _build_speakers() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for speaker, names in lexicon.SPEAKERS:
        for name in names:
            words = tuple(_key(w) for w in _phrase(name))
            table.setdefault(words[0], []).append((words[1:], speaker))
    return table


_SPEAKERS = _build_speakers()
_ROLE = re.compile(r"^(?:ال)?(?:ناطق|متحدث)(?: ال?رسمي)? باسم |^(?:a |the )?"
                   r"(?:spokesman|spokeswoman|spokesperson) (?:for|of) ")


@lru_cache(maxsize=1 << 14)
def _speaker_view(speaker: str) -> tuple[frozenset[str], str, str]:
    """(alias ids, matching keys joined, the same with a leading "spokesman for" dropped)."""
    keys = tuple(_key(t.norm) for t in tokenize(speaker))
    ids = set()
    for i, k in enumerate(keys):
        for rest, sid in _SPEAKERS.get(k, ()):
            if keys[i + 1:i + 1 + len(rest)] == rest:
                ids.add(sid)
    joined = " ".join(keys)
    role_free = _ROLE.sub("", normalize(speaker))
    return frozenset(ids), joined, " ".join(_key(t.norm) for t in tokenize(role_free))


def same_speaker(x: str, y: str) -> bool | None:
    """True when two attributions name one voice, False when they differ, None when it cannot
    be told (different scripts and no known alias)."""
    ids_x, kx, rx = _speaker_view(x)
    ids_y, ky, ry = _speaker_view(y)
    if ids_x and ids_y:
        return bool(ids_x & ids_y)
    if bool(_ARABIC.search(x)) != bool(_ARABIC.search(y)):
        return None
    for u, v in ((kx, ky), (rx, ry)):
        if u and v and (fuzz.token_set_ratio(u, v) >= 90
                        or (min(len(u), len(v)) >= 5 and fuzz.partial_ratio(u, v) >= 90)):
            return True
    return False


def attribution(a: Claim, b: Claim) -> list[Finding]:
    """Both claims attributed, to different voices: an ``agree``-direction finding (who said it
    does not change the relation) naming both speakers verbatim."""
    if not a.speaker or not b.speaker or same_speaker(a.speaker, b.speaker) is not False:
        return []
    detail = {"a": a.speaker, "b": b.speaker}
    return [Finding("attribution", "agree", detail,
                    f"attribution: {a.speaker} ≠ {b.speaker}")]


_ACCUSE = [re.compile(p) for p in lexicon.ACCUSATION_CUES]
_SIDES = [(side, re.compile(p)) for side, p in lexicon.SIDES]


def accused(claim: Claim) -> frozenset[str]:
    """The sides a claim blames: sides named after a blaming verb, other than the speaker's."""
    norm = claim.norm or ""
    starts = [m.end() for rx in _ACCUSE for m in rx.finditer(norm)]
    if not starts:
        return frozenset()
    after = norm[min(starts) - 40 if min(starts) >= 40 else 0:]
    speaker = normalize(claim.speaker) if claim.speaker else ""
    named = {side for side, rx in _SIDES if rx.search(after)}
    own = {side for side, rx in _SIDES if speaker and rx.search(speaker)}
    return frozenset(named - own)


def accusation(a: Claim, b: Claim) -> list[Finding]:
    """Both claims blame the same side over the same party or matter: an ``agree`` finding.

    Outlets often word one accusation differently ("accused the US army of shielding the group"
    / "held the American side responsible for the group's attack"); what a fact-checker compares
    is who blames whom over what.
    """
    sides = accused(a) & accused(b)
    if not sides:
        return []
    about = set(a.actors) & set(b.actors)
    if not about and shared(a, b) < 0.3:
        return []
    detail = {"sides": sorted(sides), "about": sorted(about)}
    over = f" over {_names(about)}" if about else ""
    return [Finding("accusation", "agree", detail, f"accusation: both blame {_names(sides)}{over}")]


def _names(ids: Iterable[str]) -> str:
    return ", ".join(lexicon.DISPLAY.get(i, i.replace("_", " ")) for i in sorted(ids))


# ---- all together -----------------------------------------------------------------------------

DETECTORS = (numeric, denial, antonym, different_event, attribution, accusation)


def detect(a: Claim, b: Claim) -> list[Finding]:
    """Every finding of every detector for the pair (A, B), in detector order.

    When the claims are about different events, nothing they say can contradict: the
    contradicting findings are kept as reasons but their direction becomes ``related``."""
    findings = [f for detector in DETECTORS for f in detector(a, b)]
    if any(f.kind == "different_event" for f in findings):
        findings = [dataclasses.replace(f, direction="related")
                    if f.direction == "contradict" else f for f in findings]
    return findings


@lru_cache(maxsize=1 << 15)
def _claim_of(text: str) -> Claim:
    return Claim(text)


def as_claim(x: str | Claim) -> Claim:
    """``x`` itself if it is a :class:`Claim`, else a claim built (and cached) from the text."""
    return x if isinstance(x, Claim) else _claim_of(x)


def lexical_diff(a_text: str | Claim, b_text: str | Claim) -> dict:
    """Token-level difference of two claims, for marking differing words and as features.

    Returns ``only_a`` / ``only_b`` (the words of each claim that the other lacks in any
    inflection, compared on normalised forms, as ``{"text", "start", "end"}`` with offsets into
    that claim's text), ``n_tokens_a``
    / ``n_tokens_b``, ``numbers_differ`` (slots whose figures contradict), ``negations_a`` /
    ``negations_b`` / ``negation_diff``, ``antonyms`` (outcome concepts named with opposite
    words), ``token_set_ratio`` (rapidfuzz, 0–100, on normalised text) and ``length_ratio``
    (shorter text length over longer)."""
    a, b = as_claim(a_text), as_claim(b_text)
    numbers = numeric(a, b)
    na, nb = len(a.negations), len(b.negations)
    la, lb = len(a.text), len(b.text)
    return {
        "only_a": _only(a.toks, b.toks),
        "only_b": _only(b.toks, a.toks),
        "n_tokens_a": len(a.toks),
        "n_tokens_b": len(b.toks),
        "numbers_differ": sum(f.direction == "contradict" for f in numbers),
        "negations_a": na,
        "negations_b": nb,
        "negation_diff": abs(na - nb),
        "antonyms": outcome_flips(a, b),
        "token_set_ratio": word_overlap(a, b),
        "length_ratio": min(la, lb) / max(la, lb) if max(la, lb) else 1.0,
    }


def word_overlap(a: Claim, b: Claim) -> float:
    """How far the words of two claims coincide: rapidfuzz token-set ratio (0–100) of their
    normalised texts."""
    return fuzz.token_set_ratio(a.norm, b.norm)


def _only(toks: tuple[Tok, ...], other: tuple[Tok, ...]) -> list[dict]:
    """Words of ``toks`` the other claim lacks in any inflection (استقال ~ استقالة)."""
    keys = {t.key for t in other}
    skeletons = {s for s in map(_skeleton, keys) if len(s) >= 3}
    return [{"text": t.text, "start": t.start, "end": t.end} for t in toks
            if t.key not in keys and _skeleton(t.key) not in skeletons]
