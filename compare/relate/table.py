"""The detectors' word lists compiled for scanning: each lexicon phrase indexed by its first
folded word, Arabic verbs conjugated, and a scan that finds every phrase in a claim's words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from compare.text import lexicon
from compare.text.normalize import fold_word, strip_clitics
from compare.text.script import ARABIC
from compare.text.tokens import phrase

# A French elided article or particle glued to the next word: l'armée, d'aucune, n'a, qu'il.
_ELISION = re.compile(r"^(qu|jusqu|lorsqu|puisqu|[cdjlmnst])'(.+)$")


def plain(word: str) -> str:
    """A folded word as the lexicon tables hold it: one apostrophe, and Russian ё as е."""
    if "’" in word:
        word = word.replace("’", "'")
    return word.replace("ё", "е") if "ё" in word else word


@lru_cache(maxsize=1 << 17)
def _variants(norm: str) -> tuple[str, ...]:
    """Forms under which a token may be listed in a lexicon: itself, without the conjunction,
    without a preposition or article, without a possessive pronoun; a Latin word also without
    a possessive 's or, French, as the elided word and its clitic (n'a → a, n)."""
    if not ARABIC.match(norm):
        if norm.endswith("'s"):
            return norm, norm[:-2]
        elided = _ELISION.match(norm)
        if elided:
            return norm, elided.group(2), elided.group(1)
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


def variants(norm: str) -> tuple[str, ...]:
    """Forms under which a claim's folded word may be listed in a word set the detectors fold
    (:func:`fold_set`): itself and without its clitics."""
    return _variants(plain(norm))


def fold_set(words: Iterable[str]) -> frozenset[str]:
    """A word list folded as claims are (hamza seats, taa marbuta, ё, apostrophes)."""
    return frozenset(plain(fold_word(w)) for w in words)


def _strict_variants(norm: str) -> tuple[str, ...]:
    """Particles are matched only as themselves or after و/ف, so لولا never reads as لا (a
    French elided particle also as itself: n'a is n')."""
    if not ARABIC.match(norm):
        return _variants(norm)
    if norm[:1] in ("و", "ف") and len(norm) > 2:
        return norm, norm[1:]
    return (norm,)


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
                words = tuple(plain(w) for w in phrase(text))
                if words:
                    table.setdefault(words[0], []).append(_Entry(words[1:], tag, value, strict))

    lx = lexicon
    add(lx.NEGATION_PARTICLES_AR | lx.NEGATION_PARTICLES_EN, "neg", strict=True)
    add(lx.NEGATION_PHRASES_AR, "neg", strict=True)
    add(lx.NEGATION_PARTICLES_FR | lx.NEGATION_PARTICLES_RU, "neg", strict=True)
    add(lx.FRENCH_NE, "ne", strict=True)
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
    _news_tables(add)
    for entries in table.values():
        entries.sort(key=lambda e: -len(e.rest))
    return table


def _news_tables(add) -> None:
    """Results, votes and changes: what the news detectors (result, change) look up."""
    lx = lexicon
    for outcome, phrases in lx.RESULT_VERBS:
        add(phrases, "result", outcome)
    for outcome, phrases in lx.VOTE_OUTCOMES:
        add(phrases, "vote", outcome)
    for motion, phrases in lx.MOTIONS:
        add(phrases, "motion", motion)
    for body, phrases in lx.VOTE_BODIES:
        add(phrases, "vote_body", body)
    for direction, phrases in lx.CHANGE_VERBS:
        add(phrases, "change", direction)
    add(lx.KEEP_VERBS, "keep")
    add(lx.UPHOLD_VERBS, "uphold")
    add(lx.UNANIMOUS, "unanimous")
    add(lx.UNCHANGED, "unchanged")
    for target, phrases in lx.CHANGE_TARGETS:
        add(phrases, "change_target", target)
    for body, phrases in lx.CHANGE_BODIES:
        add(phrases, "change_body", body)


_TABLE = _build_table()
STOP = frozenset(fold_word(w) for w in lexicon.STOPWORDS)
AMBIGUOUS_DAYS = frozenset(fold_word(w) for w in lexicon.AMBIGUOUS_WEEKDAYS)
PARENT = {place: parent for place, parent, _ in lexicon.PLACES}
ACTOR_KIND = {actor: kind for actor, kind, _ in lexicon.ACTORS}
DAY_INDEX = {day: i for i, (day, _) in enumerate(lexicon.WEEKDAYS)}


class Hit(NamedTuple):
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


def scan(norms: tuple[str, ...]) -> list[Hit]:
    """Every lexicon phrase found in a claim's normalised words."""
    norms = tuple(map(plain, norms))
    hits = []
    for i, norm in enumerate(norms):
        for variant, e in _entries(norm):
            end = i + 1 + len(e.rest)
            if norms[i + 1:end] == e.rest:
                hits.append(Hit(i, end, e.tag, e.value, variant))
    return hits
