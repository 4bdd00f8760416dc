"""Claims: the assertions of each article, as verbatim spans of its text.

An article is cut into sentences (never inside a quotation, a decimal number or an abbreviation),
sentences into clauses where a comma + و + verb, a semicolon, فيما/بينما/while and the like join
two assertions, and anything still longer than ``max_claim_chars`` at its best clause boundary.
Datelines ("BEIRUT (AP) —", "العاصي - (متابعات)"), source lines ("المصدر: وكالات") and bylines are
not claims. Every claim satisfies ``text == article_text[start:end]``: trimming moves the offsets,
it never edits the text.

``sentence`` numbers every sentence of the article, including those that yield no claim, so it
says where in the article a claim sits. Trailing "?", "!" and "؟" are kept: a question is not an
assertion of its content.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from compare import schema
from compare.config import Settings
from compare.normalize import detect_lang, fold_word, normalize, word_spans
from compare.numbers import extract_numbers
from compare.speakers import is_attribution_verb, speaker_in

# Raised whenever extraction (sentences, clauses, speakers, numbers, lexicons) changes its output:
# an index whose claims were extracted under another version re-extracts them on its next run.
EXTRACTOR_VERSION = 3


def extractor_signature(settings: Settings) -> str:
    """Names the extraction that made a set of claims: its version and the settings it reads."""
    return f"v{EXTRACTOR_VERSION}|{settings.min_claim_chars}|{settings.max_claim_chars}"


_TERMINATORS = ".!?؟؛…"
_CLOSERS = "»”\")]'’"
_OPENERS = {"«": "»", "“": "”", "(": ")", "[": "]"}
_TRIM = " \t\r\n\u00a0-–—,،;؛:.…*•·|_"
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st gen col lt sgt capt maj gov sen rep jr sr inc ltd co corp vs etc no jan feb
aug sept oct nov dec fig al approx dept est
""".split())

_SENTENCE_OPENERS = frozenset("""
The He She It They We I You But And In On At A An This That These Those His Her Their Its There
Meanwhile However Earlier Later
""".split())

_EVENT_VERBS = frozenset(fold_word(w) for w in """
سيطر سيطرت قتل قتلت أسفر أسفرت تمكن تمكنت استطاع استطاعت شن شنت استهدف استهدفت قصف قصفت تقدم
تقدمت بدأ بدأت قطع قطعت نفذ نفذت هاجم هاجمت سقط سقطت أدى أدت وصل وصلت استعاد استعادت انسحب
انسحبت أسر اعتقل اعتقلت فرض فرضت تراجع تراجعت تواصل تواصلت شهد شهدت اندلع اندلعت أصيب أصيبت
تعرض تعرضت ارتفع ارتفعت بلغ بلغت وقع وقعت أصبح أصبحت يسيطر تسيطر يواصل تواصل قام قامت جاء جاءت
""".split())
_CONNECTORS = frozenset(fold_word(w) for w in """
كما فيما بينما مؤكدا مؤكدة مضيفا مضيفة معتبرا معتبرة مشيرا مشيرة لافتا لافتة موضحا موضحة مشددا
مشددة محذرا محذرة
""".split()) | {"while", "whereas", "but"}
_EN_VERB_HINTS = frozenset("""
is are was were has have had will would said says told can could did does won lost killed
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
_SHORT_CLAIM_WORDS = 3


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: offsets into the article text and its paragraph."""

    start: int
    end: int
    paragraph: int
    index: int
    keep: bool  # False for datelines, source lines and bylines


def extract_claims(articles: pl.DataFrame, settings: Settings | None = None) -> pl.DataFrame:
    """The claims of every article in ``articles`` (an ARTICLES frame) as a CLAIMS frame."""
    schema.check(articles, schema.ARTICLES, "claims")
    settings = settings or Settings()
    rows: list[dict] = []
    for article in articles.iter_rows(named=True):
        rows.extend(article_claims(article, settings))
    return schema.frame(rows, schema.CLAIMS)


def article_claims(article: dict, settings: Settings) -> list[dict]:
    """Claim rows (CLAIMS columns) of one article row."""
    text = article["text"] or ""
    article_lang = article.get("lang") or "und"
    rows: list[dict] = []
    last_speaker: str | None = None
    previous: tuple[int, str | None] | None = None  # paragraph, speaker of the last sentence
    for sent in split_sentences(text):
        if not sent.keep:
            continue
        body = text[sent.start:sent.end]
        lang = detect_lang(body, fallback=article_lang, prefer=article_lang)
        same = previous is not None and previous[0] == sent.paragraph and previous[1] is not None
        words = word_spans(body)
        speaker = speaker_in(body, words, last_speaker, lang, same_paragraph=same)
        previous = (sent.paragraph, speaker)
        last_speaker = speaker or last_speaker
        for start, end in split_clauses(text, sent.start, sent.end, settings, words):
            claim = text[start:end]
            if len(claim) < settings.min_claim_chars and not _short_claim(claim):
                continue
            claim_lang = lang if (start, end) == (sent.start, sent.end) else \
                detect_lang(claim, fallback=lang, prefer=article_lang)
            rows.append(_row(article, start, end, claim, claim_lang, speaker, sent.index))
    return rows


def _row(article: dict, start: int, end: int, claim: str, lang: str, speaker: str | None,
         index: int) -> dict:
    key = f"{article['article_id']}:{start}:{end}".encode()
    return {
        "claim_id": hashlib.sha1(key).hexdigest()[:16],
        "article_id": article["article_id"],
        "outlet": article["outlet"],
        "lang": lang,
        "start": start,
        "end": end,
        "text": claim,
        "norm": normalize(claim),
        "speaker": speaker,
        "numbers": extract_numbers(claim, lang),
        "sentence": index,
        "date": article["date"],
    }


# ---- sentences -----------------------------------------------------------------------------

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


_TERMINATOR_RUN = re.compile(rf"[{re.escape(_TERMINATORS)}][{re.escape(_TERMINATORS + _CLOSERS)}]*")


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
    if text[last] not in _CLOSERS or quoted[last - start]:
        return False
    following = re.match(r"\s+(\S)", text[m.end():min(end, m.end() + 3)])
    return m.end() >= end or bool(following) and (following.group(1).isupper() or
                                                  _is_arabic_letter(following.group(1)))


def _ends_sentence(text: str, i: int, end: int) -> bool:
    nxt = i + 1
    while nxt < end and text[nxt] in _CLOSERS + _TERMINATORS:
        nxt += 1
    if nxt < end and not (text[nxt].isspace() or text[nxt] in _OPENERS or
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
            if stack and _OPENERS[stack[-1][0]] == ch:
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


# ---- clauses -------------------------------------------------------------------------------

def split_clauses(text: str, start: int, end: int, settings: Settings,
                  words: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int]]:
    """Claims of the sentence ``text[start:end]``: split where a boundary separates two
    assertions and both parts keep ``min_claim_chars``; then cap each at ``max_claim_chars``.
    ``words`` may pass ``word_spans(text[start:end])`` when the caller already has them."""
    quoted = quote_mask(text, start, end)
    if words is None:
        words = word_spans(text[start:end])
    pieces: list[tuple[int, int]] = []
    begin = start
    for cut, resume in _assertion_cuts(start, words, quoted):
        left = trim(text, begin, cut)
        right = trim(text, resume, end)
        if left and right and _long_enough(left, settings) and _long_enough(right, settings):
            pieces.append(left)
            begin = resume
    last = trim(text, begin, end)
    if last:
        pieces.append(last)
    out: list[tuple[int, int]] = []
    for piece in pieces:
        out.extend(_cap(text, piece[0], piece[1], settings))
    return out


def _long_enough(span: tuple[int, int], settings: Settings) -> bool:
    return span[1] - span[0] >= settings.min_claim_chars


def _assertion_cuts(start: int, words: list[tuple[int, int, str]],
                    quoted: list[bool]) -> Iterator[tuple[int, int]]:
    """(end of the left part, start of the right part) at each clause boundary."""
    words = [w for w in words if not quoted[w[0]]]
    for k, (s, _, word) in enumerate(words[:-1]):
        nxt_start, _, nxt = words[k + 1]
        if word in (";", "؛"):
            yield start + s, start + nxt_start
        elif word in ("،", ",") and _opens_clause(nxt):
            yield start + s, start + nxt_start
        elif nxt in ("while", "whereas") and word not in ("،", ","):
            yield start + nxt_start, start + nxt_start


def _opens_clause(word: str) -> bool:
    if word in _CONNECTORS:
        return True
    if len(word) > 3 and word[0] in "وف":
        rest = word[1:]
        return rest in _EVENT_VERBS or is_attribution_verb(rest) or rest in _CONNECTORS
    return False


_CAP_LEVELS = (
    re.compile(r"[.!?؟…][»”\"')]*\s+"),  # sentences inside a quotation
    re.compile(r"[;؛]\s*"),
    re.compile(r"[،,]\s*(?=[وف]\S)"),
    re.compile(r"[،,]\s*"),
    re.compile(r"\s+(?=[وف]\S{3,})"),
    re.compile(r"\s+"),
)


def _cap(text: str, start: int, end: int, settings: Settings) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` until no part exceeds ``max_claim_chars``, each time at the
    strongest boundary that leaves both parts ``min_claim_chars``, nearest the middle."""
    if end - start <= settings.max_claim_chars:
        return [(start, end)]
    middle = (start + end) / 2
    for pattern in _CAP_LEVELS:
        cuts = []
        for m in pattern.finditer(text, start, end):
            left, right = trim(text, start, m.start()), trim(text, m.end(), end)
            if left and right and _long_enough(left, settings) and _long_enough(right, settings):
                cuts.append((abs(m.start() - middle), left, right))
        if cuts:
            _, left, right = min(cuts)
            return _cap(text, *left, settings) + _cap(text, *right, settings)
    return _cut_anywhere(text, start, end, settings)


def _cut_anywhere(text: str, start: int, end: int, settings: Settings) -> list[tuple[int, int]]:
    """Last resort for a run-on without a usable boundary: cut at the space nearest the
    middle even if a part ends up short (short parts are filtered as non-claims later)."""
    middle = (start + end) // 2
    spaces = [m.start() for m in re.finditer(r"\s", text[start:end])]
    for offset in sorted(spaces, key=lambda s: abs(start + s - middle)):
        left, right = trim(text, start, start + offset), trim(text, start + offset + 1, end)
        if left and right:
            return _cap(text, *left, settings) + _cap(text, *right, settings)
    return [(start, end)]


# ---- helpers -------------------------------------------------------------------------------

def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Move ``start``/``end`` past surrounding whitespace, punctuation and quotation marks that
    have no partner inside the span; None when nothing is left."""
    while True:
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if start >= end:
            return None
        span = text[start:end]
        if span[0] in _OPENERS and _OPENERS[span[0]] not in span[1:]:
            start += 1
        elif span[0] == '"' and span.count('"') % 2:
            start += 1
        elif span[-1] in _CLOSERS and span[-1] != "'" and not _has_opener(span[:-1], span[-1]):
            end -= 1
        else:
            return start, end


def _has_opener(span: str, closer: str) -> bool:
    if closer == '"':
        return span.count('"') % 2 == 1
    return any(o in span for o, c in _OPENERS.items() if c == closer) or closer == "’"


def _short_claim(text: str) -> bool:
    """A line under ``min_claim_chars`` is a claim only with three words and a verb."""
    return len(text.split()) >= _SHORT_CLAIM_WORDS and has_verb(text)


def has_verb(text: str) -> bool:
    """Whether a short line looks like an assertion: it holds an attribution or event verb
    (Arabic) or a common English verb form."""
    for _, _, word in word_spans(text, punctuation=False):
        bare = word[1:] if len(word) > 3 and word[0] in "وف" else word
        if is_attribution_verb(word) or word in _EVENT_VERBS or bare in _EVENT_VERBS:
            return True
        if word in _EN_VERB_HINTS or (word.isascii() and len(word) > 4 and word.endswith("ed")):
            return True
    return False
