"""Sentences of an article: never cut inside a quotation, a decimal number or an abbreviation;
datelines ("BEIRUT (AP) —", "العاصي - (متابعات)"), source lines ("المصدر: وكالات"), bylines and
boilerplate are marked as no claim. Offsets point into the article text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from compare.text.speakers import is_attribution_verb
from compare.text.tokens import word_spans

_TERMINATORS = ".!?؟؛…"
CLOSERS = "»”\")]'’"
OPENERS = {"«": "»", "“": "”", "(": ")", "[": "]"}
TRIM = " \t\r\n\u00a0-–—,،;؛:.…*•·|_"
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st gen col lt sgt capt maj gov sen rep jr sr inc ltd co corp vs etc no jan feb
aug sept oct nov dec fig al approx dept est
""".split())

_SENTENCE_OPENERS = frozenset("""
The He She It They We I You But And In On At A An This That These Those His Her Their Its There
Meanwhile However Earlier Later
""".split())

_AGENCY = (r"متابعات|وكالات|خاص|رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب|أ\.ف\.ب|فرانس\s?برس|ال[أا]ناضول|سانا|"
           r"د\s?ب\s?أ|يو\s?بي\s?آي|الحياة|الجزيرة|العربية|Reuters|AFP|AP|dpa|Xinhua|AA")
_DATELINES = [
    # "BEIRUT (AP) —", "دمشق (رويترز) -", "(Reuters) -"
    re.compile(r"^(?:[^\s().:،,«»\"]{1,30}(?:[ ,]+[^\s().:،,«»\"]{1,30}){0,3}\s*)?"
               r"\([^()\n]{1,30}\)\s*[-–—:]+\s*"),
    # "العاصي - (متابعات)", "بيروت - رويترز -", "القاهرة - «الحياة»"
    re.compile(r"^[^\s().:،,«»\"\-–—]{1,30}(?:\s[^\s().:،,«»\"\-–—]{1,30}){0,3}\s*[-–—]\s*"
               rf"[(«\"]?(?:{_AGENCY})[)»\"]?(?:\s*[-–—:]\s*|\s*$)"),
    # "BEIRUT —", "LONDON, Sept 24 -" (capitals only)
    re.compile(r"^[A-Z][A-Z .'’]{2,30}(?:,[^-–—\n]{1,25})?\s[-–—]\s+"),
]
_SOURCE_LINE = re.compile(
    r"^\s*(?:المصدر|المصادر|مصدر|source|sources|credit|photo|image|الصورة|صورة)\s*[:：]",
    re.IGNORECASE)
# "By John Smith", "Reporting by A; Editing by B": names only, so "By Friday, …" stays a claim.
_BYLINE = re.compile(
    r"^(?:[Bb]y|(?:Additional )?[Rr]eporting by|[Ee]diting by|[Ww]riting by)\s+[A-Z][\w.'’-]*"
    r"(?:[\s,;]+(?:[A-Z][\w.'’-]*|and|by|in|[Ee]diting|[Ww]riting))*\s*$"
    r"|^(?:بقلم|إعداد|اعداد|ترجمة|تحرير)\s*[:\-–]?\s*\S|^كتب\s*[:\-–]")
_BYLINE_MAX = 60
_BOILERPLATE = re.compile(r"all rights reserved|جميع الحقوق محفوظة|©|copyright", re.IGNORECASE)
_BOILERPLATE_MAX = 160

@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: offsets into the article text and its paragraph."""

    start: int
    end: int
    paragraph: int
    index: int
    keep: bool  # False for datelines, source lines and bylines



def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``, trimmed, in order; datelines and source lines have ``keep=False``
    (a dateline that opens a longer line is cut off the first sentence instead)."""
    out: list[Sentence] = []
    for paragraph, (line_start, line_end) in enumerate(_lines(text)):
        line = text[line_start:line_end]
        if _SOURCE_LINE.match(line) or (_BYLINE.match(line) and len(line) <= _BYLINE_MAX):
            out.append(Sentence(line_start, line_end, paragraph, len(out), False))
            continue
        skip = _dateline_length(line)
        if skip:
            out.append(Sentence(line_start, line_start + skip, paragraph, len(out), False))
        for start, end in _sentence_spans(text, line_start + skip, line_end):
            span = trim(text, start, end)
            if span:
                keep = not (span[1] - span[0] <= _BOILERPLATE_MAX and
                            _BOILERPLATE.search(text, span[0], span[1]))
                out.append(Sentence(span[0], span[1], paragraph, len(out), keep))
    return out


def _lines(text: str) -> Iterator[tuple[int, int]]:
    for m in re.finditer(r"[^\n]+", text):
        span = trim(text, m.start(), m.end())
        if span:
            yield span


def _dateline_length(line: str) -> int:
    for pattern in _DATELINES:
        m = pattern.match(line)
        if m and not any(is_attribution_verb(w) for _, _, w in word_spans(m.group(), False)):
            return m.end()
    return 0


_TERMINATOR_RUN = re.compile(rf"[{re.escape(_TERMINATORS)}][{re.escape(_TERMINATORS + CLOSERS)}]*")


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    quoted = None
    begin = start
    for m in _TERMINATOR_RUN.finditer(text, start, end):
        if quoted is None:
            quoted = quote_mask(text, start, end)
        inside = quoted[m.start() - start] and not _closes_quote(text, m, start, end, quoted)
        if inside or not _ends_sentence(text, m.start(), end):
            continue
        yield begin, m.end()
        begin = m.end()
    if begin < end:
        yield begin, end


def _closes_quote(text: str, m: re.Match, start: int, end: int, quoted: list[bool]) -> bool:
    """English puts the full stop inside the quotation: '… he said: "Stop." Then he left'."""
    last = m.end() - 1
    if text[last] not in CLOSERS or quoted[last - start]:
        return False
    following = re.match(r"\s+(\S)", text[m.end():min(end, m.end() + 3)])
    return m.end() >= end or bool(following) and (following.group(1).isupper() or
                                                  _is_arabic_letter(following.group(1)))


def _ends_sentence(text: str, i: int, end: int) -> bool:
    nxt = i + 1
    while nxt < end and text[nxt] in CLOSERS + _TERMINATORS:
        nxt += 1
    if nxt < end and not (text[nxt].isspace() or text[nxt] in OPENERS or
                          _is_arabic_letter(text[nxt])):
        return False  # "3.5", "aljazeera.net"
    if text[i] != ".":
        return True
    word = re.search(r"[\w.]*$", text[max(0, i - 20):i]).group()
    if not word:
        return True
    if word.lower() in _ABBREVIATIONS:
        return False  # "Mr.", "Gen."
    if (len(word) == 1 and word.isupper()) or \
            ("." in word and all(len(p) <= 2 for p in word.split("."))):
        # an initial ("George W. Bush") or "U.S.": a sentence ends there only if a word that
        # opens sentences follows ("… in the U.K. He said")
        following = re.match(r"\s+(\w+)", text[i + 1:i + 40])
        return bool(following) and following.group(1) in _SENTENCE_OPENERS
    return True


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def quote_mask(text: str, start: int, end: int) -> list[bool]:
    """For each character of ``text[start:end]``, whether it lies inside a quotation.

    « » and “ ” nest; straight double quotes pair up in order. An opening mark that is never
    closed on the line protects nothing.
    """
    mask = [False] * (end - start)
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for m in _QUOTE_MARKS.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch in "«“":
            stack.append((ch, i))
        elif ch in "»”":
            if stack and OPENERS[stack[-1][0]] == ch:
                _, opened = stack.pop()
                if not stack:
                    mask[opened - start + 1:i - start] = [True] * (i - opened - 1)
        elif straight is None:
            straight = i
        else:
            mask[straight - start + 1:i - start] = [True] * (i - straight - 1)
            straight = None
    return mask


_QUOTE_MARKS = re.compile(r'[«»“”"]')


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Move ``start``/``end`` past surrounding whitespace, punctuation and quotation marks that
    have no partner inside the span; None when nothing is left."""
    while True:
        while start < end and text[start] in TRIM:
            start += 1
        while end > start and text[end - 1] in TRIM:
            end -= 1
        if start >= end:
            return None
        span = text[start:end]
        if span[0] in OPENERS and OPENERS[span[0]] not in span[1:]:
            start += 1
        elif span[0] == '"' and span.count('"') % 2:
            start += 1
        elif span[-1] in CLOSERS and span[-1] != "'" and not _has_opener(span[:-1], span[-1]):
            end -= 1
        else:
            return start, end


def _has_opener(span: str, closer: str) -> bool:
    if closer == '"':
        return span.count('"') % 2 == 1
    return any(o in span for o, c in OPENERS.items() if c == closer) or closer == "’"
