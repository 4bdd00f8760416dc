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

import polars as pl

from compare import schema
from compare.config import Settings
from compare.text.lang import detect_lang
from compare.text.normalize import fold_word, normalize
from compare.text.numbers import extract_numbers
from compare.text.sentences import quote_mask, split_sentences, trim
from compare.text.speakers import is_attribution_verb, speaker_in
from compare.text.tokens import word_spans

# Raised whenever extraction (sentences, clauses, speakers, numbers, lexicons) changes its output:
# an index whose claims were extracted under another version re-extracts them on its next run.
EXTRACTOR_VERSION = 4


def extractor_signature(settings: Settings) -> str:
    """Names the extraction that made a set of claims: its version and the settings it reads."""
    return f"v{EXTRACTOR_VERSION}|{settings.min_claim_chars}|{settings.max_claim_chars}"


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

_SHORT_CLAIM_WORDS = 3


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
