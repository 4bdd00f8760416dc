"""Who said it: the speaker a sentence attributes its content to.

Words are matched on their folded form (:func:`compare.text.normalize.fold_word`), but the speaker
returned is always the original span of the sentence, diacritics and all.

Arabic (mostly VSO): the subject is the noun phrase after an attribution verb, up to إن/أن, a
colon, a comma, an opening quote, a preposition that starts the complement (على, عن, إلى, خلال,
"في تصريحات"), ب + a verbal noun, or a second definite noun phrase after a nisba adjective
("اتهمت وزارة الدفاع الروسية | الجيش الأميركي"). "نقلت X عن Y" gives Y: the claim is Y's, X only
relays it. "بحسب X" counts only when no verb names a subject. SVO ("الوزارة أكدت أن") is
recognised only at the start of a sentence.

English: "X said", "said X", "X told", "according to X", and the other verbs in ``EN_VERBS``.

Inheritance (the previous speaker is kept) needs a cue: an attribution verb with no subject of its
own ("وأضاف:", "وأشار إلى أن", "He added"), a circumstantial participle opening the sentence
("معتبرة أن", "مؤكداً"), a pronoun after بحسب ("بحسب تعبيره"), or a sentence that opens with a
quotation and has no verb of its own, in the same paragraph as the previous speaker's sentence.
Anything else gets no speaker.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.text.lexicon.attribution import (
    AR_BI_STOPS,
    AR_CONTINUE_ONLY,
    AR_DAYPARTS,
    AR_HAL,
    AR_KANA,
    AR_LEADING_TIME,
    AR_MEDIA,
    AR_NEEDS,
    AR_NO_SUBJECT,
    AR_NOT_SVO_START,
    AR_PRONOUNS,
    AR_RELATIVE,
    AR_SOURCES,
    AR_STATEMENT,
    AR_STOP,
    AR_VERBS,
    CLOSE_OF,
    EN_AUX,
    EN_DETERMINERS,
    EN_PRONOUNS,
    EN_STOP,
    EN_VERBS,
    OPEN_QUOTES,
    STOP_PUNCT,
)
from compare.text.normalize import after_letters, strip_article
from compare.text.tokens import word_spans

Token = tuple[int, int, str]
# Speakers strip only the article and ل + article.
_ARTICLES = ("لل", "ال")

_MAX_WORDS = 8

_INHERIT_WITHIN = 3  # a verb without subject this close to the start continues the speaker


def speaker_of(sentence: str, previous_speaker: str | None, lang: str, *,
               same_paragraph: bool = True) -> str | None:
    """The speaker ``sentence`` is attributed to, as written in it, or ``previous_speaker`` when
    the sentence carries an inheritance cue (see the module docstring), else ``None``.

    ``same_paragraph`` says whether the previous speaker's sentence is in the same paragraph;
    only then does a bare quotation continue it.
    """
    return speaker_in(sentence, word_spans(sentence), previous_speaker, lang,
                      same_paragraph=same_paragraph)


def speaker_in(sentence: str, toks: Sequence[Token], previous_speaker: str | None, lang: str, *,
               same_paragraph: bool = True) -> str | None:
    """:func:`speaker_of` for a sentence already cut into ``word_spans(sentence)``."""
    if not toks:
        return None
    quoted = _quoted(toks)
    finder = _english if lang == "en" or (lang != "ar" and _mostly_latin(toks)) else _arabic
    found = finder(sentence, toks, quoted)
    if isinstance(found, tuple):
        return _text(sentence, *found)
    if found == "inherit":
        return previous_speaker
    if same_paragraph and toks[0][2] in OPEN_QUOTES and not _has_verb(toks, quoted):
        return previous_speaker
    return None


def is_attribution_verb(word: str) -> bool:
    """Whether a folded word is an attribution verb, Arabic (with or without و/ف) or English."""
    return word in EN_VERBS or _ar_verb(word) is not None


# ---- Arabic --------------------------------------------------------------------------------

def _ar_verb(word: str) -> str | None:
    if word in AR_VERBS:
        return word
    if len(word) > 3 and word[0] in "وف" and word[1:] in AR_VERBS:
        return word[1:]
    return None


def _arabic(text: str, toks: Sequence[Token], quoted: set[int]) -> tuple[int, int] | str | None:
    inherit = False
    for i, (_, _, word) in enumerate(toks):
        verb = None if i in quoted else _ar_verb(word)
        if verb is None or not _ar_verb_ok(toks, i, verb):
            continue
        span = None
        if verb not in AR_CONTINUE_ONLY:
            span = _ar_reported(toks, i) if verb.startswith("نقل") else None
            span = span or _ar_subject(toks, i + 1)
        if span:
            return span
        inherit = inherit or _opens_sentence(toks, i)
    span = _ar_svo(toks, quoted)
    if span:
        return span
    source = _ar_source(text, toks, quoted)
    if source:
        return source
    if inherit or _strip_conj(toks[0][2]) in AR_HAL:
        return "inherit"
    return None


def _ar_verb_ok(toks: Sequence[Token], i: int, verb: str) -> bool:
    if i > 0 and toks[i - 1][2] in AR_RELATIVE:
        return False
    needs = AR_NEEDS.get(verb)
    return needs is None or any(t[2] in needs for t in toks[i + 1:i + 16])


def _opens_sentence(toks: Sequence[Token], i: int) -> bool:
    """Whether the verb at ``i`` opens the sentence or follows a short fronted phrase
    ("وفي ختام كلمته، أكد أن")."""
    if i < _INHERIT_WITHIN:
        return True
    return i <= 10 and toks[i - 1][2] in "،," and \
        not any(_ar_verb(t[2]) for t in toks[:i - 1])


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _ar_subject(toks: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (after leading time words), or None."""
    while i < len(toks) and (toks[i][2] in AR_LEADING_TIME or toks[i][2] in "،,"):
        i += 1
    if i >= len(toks) or toks[i][2] in AR_NO_SUBJECT or toks[i][2] in STOP_PUNCT:
        if not (i < len(toks) and toks[i][2] in OPEN_QUOTES):
            return None
    word = toks[i][2]
    if word.startswith("لل") or (word.startswith("ل")
                                  and strip_article(word[1:], _ARTICLES, 2) in AR_MEDIA):
        return None  # "قال للملك", "قال لرويترز": the addressee, not the speaker
    first = i
    end = _ar_phrase_end(toks, i)
    if end <= first:
        return None
    return toks[first][0], toks[end - 1][1]


def _ar_phrase_end(toks: Sequence[Token], i: int) -> int:
    """Index one past the last token of the subject noun phrase starting at ``i``."""
    words = 0
    prev = ""
    j = i
    while j < len(toks) and words < _MAX_WORDS:
        word = toks[j][2]
        if word in OPEN_QUOTES or word == "(":
            close = _short_group(toks, j)
            if close is None:
                break
            j, words = close + 1, words + (close - j - 1)
            prev = ""
            continue
        if word in STOP_PUNCT or word in ")]" or word[0].isdigit() or _ar_stop(toks, j, words):
            break
        if _nisba(prev) and word.startswith("ال") and not _nisba(word):
            break  # a second definite phrase after an adjective: the object
        prev = word
        words += 1
        j += 1
    return j


def _ar_stop(toks: Sequence[Token], j: int, words: int) -> bool:
    word = toks[j][2]
    if word in AR_STOP or _strip_conj(word) in AR_HAL:
        return True
    if word in AR_DAYPARTS:
        return j + 1 >= len(toks) or toks[j + 1][2] in AR_LEADING_TIME
    if word == "في" and j + 1 < len(toks):
        return strip_article(toks[j + 1][2], _ARTICLES, 2) in AR_STATEMENT
    if word.startswith("ب") and word != "باسم":
        return word == "ب" or word.startswith(AR_BI_STOPS)
    if words and word.startswith("ل") and len(word) > 2:
        return (strip_article(word, _ARTICLES, 2) in AR_MEDIA
                or strip_article(word[1:], _ARTICLES, 2) in AR_MEDIA)
    return words > 0 and _ar_verb(word) is not None


def _nisba(word: str) -> bool:
    return word.startswith("ال") and len(word) > 4 and word.endswith(("ي", "يه", "يين", "يون"))


def _short_group(toks: Sequence[Token], j: int, limit: int = 4) -> int | None:
    """Index of the token closing the quote or bracket opened at ``j`` if it holds a name
    (≤ ``limit`` words), else None."""
    close = CLOSE_OF[toks[j][2]]
    for k in range(j + 1, min(len(toks), j + limit + 2)):
        if toks[k][2] == close:
            return k if k > j + 1 else None
        if toks[k][2] in STOP_PUNCT:
            return None
    return None


def _ar_reported(toks: Sequence[Token], i: int) -> tuple[int, int] | None:
    """For "نقلت X عن Y": Y's span."""
    for k in range(i + 1, min(len(toks), i + 14)):
        word = toks[k][2]
        if word == "عن":
            return _ar_subject(toks, k + 1)
        if word in ".:؛;" or word in ("ان", "انه"):
            return None
    return None


def _ar_svo(toks: Sequence[Token], quoted: set[int]) -> tuple[int, int] | None:
    """Subject before a verb at the start of the sentence: "وزارة الدفاع أكدت أن", also after
    كان ("وكان المتحدث باسم الأمم المتحدة، أعلن")."""
    start = 0
    while start < len(toks) and (toks[start][2] in ("و", "ف") or toks[start][2] in AR_KANA):
        start += 1
    if start >= len(toks) or toks[start][2] in AR_NOT_SVO_START or \
            _strip_conj(toks[start][2]) in AR_HAL:
        return None
    for j in range(start + 1, min(len(toks), start + _MAX_WORDS + 1)):
        word = toks[j][2]
        if j in quoted or word in AR_STOP or word[0].isdigit():
            return None
        if word in "،," and j + 1 < len(toks) and toks[j + 1][2] in AR_VERBS:
            continue  # "وكان المتحدث …، أعلن"
        if word in STOP_PUNCT:
            return None
        if word in AR_VERBS and _ar_verb_ok(toks, j, word):
            # only a bare verb: "وقال" after a noun starts a new clause
            end = j - 2 if toks[j - 1][2] in "،," else j - 1
            return (toks[start][0], toks[end][1]) if end >= start else None
    return None


def _ar_source(text: str, toks: Sequence[Token], quoted: set[int]) -> tuple[int, int] | str | None:
    """"بحسب X", "وفقا لـ X", "نقلا عن X"; a pronoun there means inherit."""
    for i, (_, _, word) in enumerate(toks):
        if i in quoted or word not in AR_SOURCES:
            continue
        k = i + 1
        if k < len(toks) and toks[k][2] in ("ل", "عن"):
            k += 1
        if k < len(toks) and toks[k][2] == "ما":
            k += 2  # "بحسب ما أوردت الوكالة": skip ما and its verb
        if k >= len(toks):
            return None
        if toks[k][2] in AR_PRONOUNS:
            return "inherit"
        span = _ar_subject(toks, k)
        if span and word in ("وفقا", "وفق", "طبقا") and toks[k][2].startswith("ل") \
                and toks[k][2] != "ل":
            span = (after_letters(text, span[0], 1), span[1])
        if span:
            return span
    return None


# ---- English -------------------------------------------------------------------------------

def _english(text: str, toks: Sequence[Token], quoted: set[int]) -> tuple[int, int] | str | None:
    inherit = False
    for i, (_, _, word) in enumerate(toks):
        if i in quoted:
            continue
        if word == "according" and i + 1 < len(toks) and toks[i + 1][2] == "to":
            span = _en_phrase(toks, i + 2)
            if span == "inherit":
                inherit = True
            elif span:
                return span
            continue
        if word not in EN_VERBS:
            continue
        found = _en_before(toks, i) or _en_phrase(toks, i + 1)
        if found == "inherit" or found is None:
            inherit = True
            continue
        return found
    return "inherit" if inherit else None


def _en_before(toks: Sequence[Token], i: int) -> tuple[int, int] | str | None:
    """The subject ending right before the verb at ``i``: "The ministry (has) said"."""
    j = i - 1
    while j >= 0 and toks[j][2] in EN_AUX:
        j -= 1
    end = j
    while j >= 0 and toks[j][2] not in STOP_PUNCT and toks[j][2] not in ("that", "(", ")"):
        j -= 1
    if end < 0 or end == j:
        return None
    first = j + 1
    while first <= end and toks[first][2] in EN_DETERMINERS:
        first += 1
    if first > end:
        return None
    if all(t[2] in EN_PRONOUNS for t in toks[first:end + 1]):
        return "inherit"
    if end - first + 1 > _MAX_WORDS or toks[first][2] in EN_STOP:
        return None
    return toks[first][0], toks[end][1]


def _en_phrase(toks: Sequence[Token], i: int) -> tuple[int, int] | str | None:
    """The noun phrase from ``i``: after "according to" or an inverted verb ("…," said X)."""
    while i < len(toks) and toks[i][2] in EN_DETERMINERS:
        i += 1
    if i >= len(toks) or toks[i][2] in STOP_PUNCT:
        return None
    if toks[i][2] in EN_PRONOUNS or toks[i][2] in ("him", "her", "them"):
        return "inherit"
    j = i
    while j < len(toks) and j - i < _MAX_WORDS:
        word = toks[j][2]
        if word in STOP_PUNCT or word in EN_STOP or word in EN_VERBS or word in "()":
            break
        j += 1
    return (toks[i][0], toks[j - 1][1]) if j > i else None


# ---- shared --------------------------------------------------------------------------------

def _quoted(toks: Sequence[Token]) -> set[int]:
    """Indices of tokens inside quotation marks (« », “ ”, paired straight quotes)."""
    inside: set[int] = set()
    opener: int | None = None
    close = ""
    for i, (_, _, word) in enumerate(toks):
        if opener is None:
            if word in OPEN_QUOTES:
                opener, close = i, CLOSE_OF[word]
        elif word == close:
            inside.update(range(opener + 1, i))
            opener = None
    return inside


def _has_verb(toks: Sequence[Token], quoted: set[int]) -> bool:
    return any(i not in quoted and is_attribution_verb(w) for i, (_, _, w) in enumerate(toks))


def _mostly_latin(toks: Sequence[Token]) -> bool:
    letters = [w for _, _, w in toks if w[:1].isalpha()]
    latin = sum(1 for w in letters if w[0] < "\u0250")
    return latin * 2 > len(letters)


def _text(sentence: str, start: int, end: int) -> str | None:
    span = sentence[start:end]
    while span and span[0] in OPEN_QUOTES and span.endswith(CLOSE_OF.get(span[0], "")) \
            and len(span) > 2:
        span = span[1:-1]
    span = span.strip(" \t\n،,:;-–—")
    return span or None
