"""Quantities in a claim: digits, Arabic and English number words, vague amounts, percentages.

Each number becomes a :data:`compare.schema.NUMBER` record whose ``slot`` names what is counted
in a language-neutral way ("killed", "injured", "km", "percent" …), so "مقتل 40 شخصاً" and
"40 people were killed" can be compared. Decisions:

- Bounds of approximations: نحو/حوالي/about → ±10 %; قرابة/nearly/almost → [0.9 v, v];
  أكثر من/over/at least → [v, 1.5 v]; أقل من/under/fewer than → [0.5 v, v];
  up to/ما يصل إلى → [0.5 v, v]. ``value`` is the midpoint of [low, high].
- Vague amounts: العشرات/dozens 20–99, مئات/hundreds 200–999, آلاف/thousands 2,000–9,999,
  ملايين/millions 2–9.99 million; "عشرات الآلاف"/"tens of thousands" multiplies both bounds.
  "عدد من", "several", "a few" are not quantities.
- A four-digit integer 1900–2100 is a year (slot "year", unit "") unless a counted noun follows
  it; a day number next to a month name is slot "date"; numeric dates, times, ordinals ("3rd")
  and model names ("S-400") are not numbers at all.
- "الساعات الـ24": a number written with the article counts the noun before it.
- A number of people (or of nothing) takes the slot killed / injured / arrested from a verb or
  verbal noun near it ("مقتل العشرات من قوات النظام", "40 people were killed").
- "واحد" counts only after a counted noun ("جندي واحد"), "one" only before one.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from compare.lexicon import WEEKDAYS
from compare.normalize import after_letters, fold_word, normalize, to_ascii_digits

# ---- lexicons (folded forms) ---------------------------------------------------------------

_AR_ONES = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
_AR_TEEN_ONLY = {"احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"}
_AR_AFTER_NOUN = {"واحد", "واحده"}
_AR_TENS = {
    f"{stem}{end}": 10 * n
    for n, stem in enumerate(["عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"], 2)
    for end in ("ون", "ين")
}
_AR_HUNDREDS = {"ميه": 100, "مايه": 100, "ميتان": 200, "ميتين": 200, "مايتان": 200,
                "مايتين": 200, "ميتا": 200, "مايتا": 200}
_AR_HUNDREDS.update({
    f"{stem}{h}": 100 * n
    for n, stem in enumerate(["ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"], 3)
    for h in ("ميه", "مايه")
})
_AR_HUNDREDS["ثمانيميه"] = 800
_AR_HUNDREDS["ثمانيمايه"] = 800
_AR_SCALES = {
    "الف": 1e3, "الفا": 1e3, "الاف": 1e3, "الوف": 1e3, "مليون": 1e6, "مليونا": 1e6,
    "ملايين": 1e6, "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "بليون": 1e9,
}
_AR_DUALS = {"الفان": 2e3, "الفين": 2e3, "مليونان": 2e6, "مليونين": 2e6, "ملياران": 2e9,
             "مليارين": 2e9}
_AR_VAGUE = {"عشرات": (20, 99), "ميات": (200, 999), "الاف": (2000, 9999),
             "الوف": (2000, 9999), "ملايين": (2e6, 9.99e6), "مليارات": (2e9, 9.99e9)}
_AR_VAGUE_SCALES = {"الاف": 1e3, "الوف": 1e3, "ملايين": 1e6, "مليارات": 1e9}
_AR_PROCLITICS = ("وب", "ول", "و", "ف", "ب", "ل", "ك")

_EN_ONES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_EN_VAGUE = {"dozens": (20, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
             "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9), "tens": (20, 99)}

_MEASURE_SLOTS = {"km", "m", "kg", "tonnes", "percent", "dollars", "euros", "days", "years",
                  "hours", "months", "weeks", "minutes"}
_PEOPLE_SLOTS = {None, "people", "soldiers", "civilians"}


def _slots() -> dict[str, str]:
    table = {
        "killed": "قتيل قتلي قتلا مقتل قتل ضحيه ضحايا شهيد شهداء وفاه وفيات killed dead deaths "
                  "death fatalities lives",
        "injured": "جريح جرحي مصاب مصابين مصابون اصابه اصابات wounded injured injuries hurt",
        "arrested": "معتقل معتقلين معتقلون موقوف موقوفين اعتقال اسير اسري مختطف مختطفين "
                    "arrested detained detainees arrests prisoners captured",
        "displaced": "نازح نازحين نازحون مهجر مهجرين لاجي لاجيين لاجيون displaced refugees "
                     "refugee",
        "soldiers": "جندي جنود عنصر عناصر مقاتل مقاتلين مقاتلون مسلح مسلحين مسلحون عسكري "
                    "عسكريين قوات soldiers soldier troops fighters fighter militants militant "
                    "servicemen",
        "civilians": "مدني مدنيين مدنيون civilians civilian",
        "people": "شخص اشخاص نسمه مواطن مواطنين people persons person residents individuals "
                  "protesters",
        "km": "كيلومتر كيلومترات كلم كم km kilometres kilometers kilometre kilometer",
        "m": "متر امتار meters metres metre meter",
        "kg": "كيلوغرام كيلوغرامات كيلوجرام كغ kg kilograms kilogram kilos",
        "tonnes": "طن اطنان tons tonnes ton tonne",
        "dollars": "دولار دولارات $ dollars dollar usd",
        "euros": "يورو euros euro",
        "votes": "صوت اصوات votes vote",
        "days": "يوم ايام days day",
        "years": "سنه سنوات سنين عام اعوام years year",
        "hours": "ساعه ساعات hours hour",
        "months": "شهر اشهر شهور months month",
        "weeks": "اسبوع اسابيع weeks week",
        "minutes": "دقيقه دقايق minutes minute",
        "strikes": "غاره غارات ضربه ضربات airstrikes strikes raids",
        "missiles": "صاروخ صواريخ قذيفه قذايف missiles missile rockets rocket shells",
    }
    return {word: slot for slot, words in table.items() for word in words.split()}


SLOTS = _slots()

_CONTEXT = {
    "killed": "قتل مقتل قتلوا قتلت لقي لقوا لقيت حتفهم حتفه استشهد استشهاد استشهدوا سقوط "
              "killed dead died kills killing",
    "injured": "اصيب اصيبوا اصابه جرح جرحوا wounded injured hurt wounding injuring",
    "arrested": "اعتقل اعتقال اعتقلت اعتقلوا اسر اختطف اختطاف احتجاز احتجز arrested detained "
                "captured abducted",
}
_CONTEXT_WORDS = {w: slot for slot, words in _CONTEXT.items() for w in words.split()}

_MONTHS = set("""
يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار
نيسان ايار حزيران تموز اب ايلول تشرين january february april june july august
september october november december jan feb apr jun jul aug sep sept oct nov dec
""".split())  # not "may" and "march": modal and verb far more often than months
_CLAUSE_END = frozenset(".،,;:؛")
_YEAR_CUES = {"عام", "العام", "سنه", "لعام", "بعام", "منذ", "year", "in", "since", "until"}

_APPROX = [  # (folded words, kind), longest first
    (("ما", "لا", "يقل", "عن"), "over"), (("لا", "يقل", "عن"), "over"),
    (("ما", "يزيد", "عن"), "over"), (("ما", "يزيد", "علي"), "over"),
    (("ما", "يقارب"), "about"), (("ما", "يقرب", "من"), "about"), (("ما", "يناهز"), "about"),
    (("ما", "يصل", "الي"), "upto"), (("يصل", "الي"), "upto"),
    (("اكثر", "من"), "over"), (("ازيد", "من"), "over"), (("يزيد", "عن"), "over"),
    (("اقل", "من"), "under"), (("يقارب",), "about"), (("يناهز",), "about"),
    (("نحو",), "about"), (("حوالي",), "about"), (("زهاء",), "about"), (("قرابه",), "nearly"),
    (("تقريبا",), "about"),
    (("more", "than"), "over"), (("at", "least"), "over"), (("fewer", "than"), "under"),
    (("less", "than"), "under"), (("up", "to"), "upto"), (("as", "many", "as"), "upto"),
    (("at", "most"), "upto"), (("close", "to"), "nearly"), (("an", "estimated"), "about"),
    (("about",), "about"), (("around",), "about"), (("approximately",), "about"),
    (("roughly",), "about"), (("some",), "about"), (("nearly",), "nearly"),
    (("almost",), "nearly"), (("over",), "over"), (("under",), "under"),
    (("estimated",), "about"),
]
_APPROX_AFTER = [(("علي", "الاقل"), "over"), (("تقريبا",), "about"), (("or", "more"), "over"),
                 (("at", "least"), "over")]
_BOUNDS = {"about": (0.9, 1.1), "nearly": (0.9, 1.0), "over": (1.0, 1.5),
           "under": (0.5, 1.0), "upto": (0.5, 1.0)}

_PERCENT_AFTER = [("%",), ("بالميه",), ("بالمايه",), ("في", "الميه"),
                  ("في", "المايه"), ("percent",), ("per", "cent"), ("pct",)]

_UNIT_STOP = set("""
في علي من الي عن مع و او ان قد لا ما هذا هذه ذلك التي الذي الذين كما بعد قبل خلال منذ حتي اخرين
اخري اخر اخرون فقط بين ضد عبر نحو حوالي او ثم the of in on at to and or a an was were is are have
has had per from by for with other others more than this that these those who which into about
""".split()) | {fold for _, names in WEEKDAYS for name in names
                for fold in (fold_word(name), fold_word(name).removeprefix("ال"))}

# ---- tokens --------------------------------------------------------------------------------

_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_TOKEN = re.compile(
    rf"(?P<num>\d{{1,3}}(?:[,،]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<word>(?:[^\W\d_]|[{_MARK}])+)"
    rf"|(?P<punct>[^\w\s])"
)
_NOT_A_NUMBER = re.compile(
    r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"  # numeric dates
    r"|\d{1,2} ?: ?\d{2}\b"  # times, also as "12 : 53"
    r"|\d+(?:st|nd|rd|th)\b"  # English ordinals
    r"|[A-Za-z]+-?\d+"  # model names: S-400, F16, COVID-19
    r"|\d+(?:\.\d+)?[/]\d+"  # fractions and scores
)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str  # folded
    raw: str
    value: float | None = None  # for digit tokens


@dataclass
class _Num:
    first: int  # token index range [first, last]
    last: int
    value: float
    low: float
    high: float
    approx: bool = False
    percent: bool = False
    definite: bool = False  # "الـ24"
    digits: bool = False
    scaled: bool = False
    skip: int = 0  # letters of a proclitic (و, ب …) glued to the first word, left out of the span


def _tokenize(text: str) -> list[_Tok]:
    ascii_text = to_ascii_digits(text)
    masked = set()
    for m in _NOT_A_NUMBER.finditer(ascii_text):
        masked.update(range(m.start(), m.end()))
    toks = []
    for m in _TOKEN.finditer(ascii_text):
        raw = text[m.start():m.end()]
        if m.lastgroup == "num":
            if m.start() in masked:
                toks.append(_Tok(m.start(), m.end(), "#", raw))
                continue
            value = float(m.group().replace(",", "").replace("،", ""))
            toks.append(_Tok(m.start(), m.end(), m.group(), raw, value))
        else:
            word = fold_word(m.group())
            if word:
                toks.append(_Tok(m.start(), m.end(), word, raw))
    return toks


# ---- public --------------------------------------------------------------------------------

def extract_numbers(text: str, lang: str) -> list[dict]:
    """Every quantity in ``text`` as a dict with the fields of :data:`compare.schema.NUMBER`;
    ``start``/``end`` are offsets into ``text`` and ``text`` is the span as written (any
    approximation word, the number, a percent word and the counted noun)."""
    if not _may_hold_numbers(text):
        return []
    toks = _tokenize(text)
    found: list[dict] = []
    i = 0
    while i < len(toks):
        num = _number_at(toks, i) if toks[i].value is not None or toks[i].word in _STARTS \
            else None
        if num is None:
            i += 1
            continue
        found.append(_describe(text, toks, num))
        i = max(num.last + 1, _consumed(found[-1], toks, i))
    return found


def slot_of(word: str) -> str | None:
    """Canonical slot of a folded noun ("قتلي" → "killed", "km" → "km"), or None."""
    return SLOTS.get(_unit_form(word, word))


def _starts() -> frozenset[str]:
    """Every folded word a number can begin with, proclitics and articles included."""
    words = {*_AR_ONES, *_AR_TENS, *_AR_HUNDREDS, *_AR_DUALS, "الف", "مليون", "مليار"}
    words |= {c + w for w in words for c in _AR_PROCLITICS}
    vague = {a + w for w in _AR_VAGUE for a in ("", "ال", "وال", "بال", "لل")}
    vague |= {c + w for w in _AR_VAGUE for c in _AR_PROCLITICS}
    return frozenset(words | vague | {*_EN_ONES, *_EN_TENS, *_EN_VAGUE, "a"})


_STARTS = _starts()
# Without a digit or one of these words a text holds no number: most sentences skip parsing.
_HINTS = (_STARTS - {"a"}) | {"dozen", "hundred", "thousand", "million", "billion"}
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
_WORDS = re.compile(r"[^\W\d_]+")


def _may_hold_numbers(text: str) -> bool:
    return bool(_DIGIT.search(text)) or not _HINTS.isdisjoint(_WORDS.findall(normalize(text)))


# ---- parsing -------------------------------------------------------------------------------

def _number_at(toks: list[_Tok], i: int) -> _Num | None:
    tok = toks[i]
    if tok.value is not None:
        return _digits(toks, i)
    return _arabic_words(toks, i) or _english_words(toks, i) or _vague(toks, i)


def _digits(toks: list[_Tok], i: int) -> _Num:
    value = toks[i].value
    assert value is not None
    last = i
    scale = _scale_at(toks, i + 1)
    if scale:
        value *= scale
        last = i + 1
    num = _Num(i, last, value, value, value, digits=True, scaled=bool(scale))
    num.definite = i > 0 and toks[i - 1].end == toks[i].start and toks[i - 1].word == "ال"
    return _range(toks, num)


def _scale_at(toks: list[_Tok], k: int) -> float | None:
    if k >= len(toks):
        return None
    word = toks[k].word
    if word in _AR_SCALES:
        return _AR_SCALES[word]
    if word in _EN_SCALES:
        return _EN_SCALES[word]
    if word == "dozen":
        return 12.0
    return None


def _range(toks: list[_Tok], num: _Num) -> _Num:
    """"20-30", "20 إلى 30", "between 20 and 30", "بين 20 و30"."""
    k = num.last + 1
    if k + 1 >= len(toks) or toks[k + 1].value is None:
        return num
    joiner = toks[k].word
    between = num.first > 0 and toks[num.first - 1].word in ("بين", "between")
    if joiner in ("-", "–", "الي", "to") or (between and joiner in ("و", "and")):
        base = toks[num.first].value
        high = toks[k + 1].value * (num.value / base if num.scaled and base else 1)
        if high > num.value:
            return _Num(num.first, k + 1, (num.value + high) / 2, num.value, high, approx=True,
                        digits=True)
    return num


def _split_proclitic(word: str, lexicon: Container[str]) -> tuple[str, int]:
    """The number word inside ``word`` and how many letters of proclitics precede it."""
    if word in lexicon:
        return word, 0
    for clitic in _AR_PROCLITICS:
        if word.startswith(clitic) and word[len(clitic):] in lexicon:
            return word[len(clitic):], len(clitic)
    return "", 0


def _ar_value(word: str) -> tuple[str, float] | None:
    for kind, table in (("one", _AR_ONES), ("ten", _AR_TENS), ("hundred", _AR_HUNDREDS),
                        ("dual", _AR_DUALS)):
        if word in table:
            return kind, float(table[word])
    if word in ("الف", "مليون", "مليار"):
        return "scale", _AR_SCALES[word]
    return None


_AR_FIRST_WORDS = frozenset({*_AR_ONES, *_AR_TENS, *_AR_HUNDREDS, *_AR_DUALS, "الف", "مليون",
                             "مليار"})


# Which number word may follow which after و in one compound numeral: خمسة وعشرون (one, ten),
# مئة وخمسون (hundred, ten), ألف وخمسمائة (scale, hundred).
_AR_AND_FOLLOWS = {"one": ("ten",), "teen": (), "ten": (), "hundred": ("one", "ten"),
                   "scale": ("one", "ten", "hundred")}


def _arabic_words(toks: list[_Tok], i: int) -> _Num | None:
    word, skip = _split_proclitic(toks[i].word, _AR_FIRST_WORDS)
    first = _ar_value(word) if word else None
    if first is None:
        return None
    kind, value = first
    teen = i + 1 < len(toks) and toks[i + 1].word in ("عشر", "عشره")
    if word in _AR_TEEN_ONLY and not teen:
        return None
    if word in _AR_AFTER_NOUN and not (i > 0 and SLOTS.get(_unit_form(toks[i - 1].word, ""))):
        return None
    total, current, last, last_kind = 0.0, value, i, kind
    if kind == "scale":
        total, current = value, 0.0
    j = i + 1
    while j < len(toks):
        nxt = toks[j].word
        if nxt in ("عشر", "عشره") and last_kind == "one" and current < 10:
            current, last_kind = current + 10, "teen"
        elif nxt in ("ميه", "مايه") and last_kind == "one" and 3 <= current <= 9:
            current, last_kind = current * 100, "hundred"
        elif nxt in _AR_SCALES and last_kind != "scale":
            total, current, last_kind = total + (current or 1) * _AR_SCALES[nxt], 0.0, "scale"
        elif nxt.startswith("و") and _ar_value(nxt[1:]) and _ar_value(nxt[1:])[0] != "dual":
            kind2, value2 = _ar_value(nxt[1:])
            if kind2 not in _AR_AND_FOLLOWS.get(last_kind, ()):
                break  # "ستة وثمانية" is six and eight, not fourteen
            current, last_kind = current + value2, kind2
        else:
            break
        last = j
        j += 1
    value = total + current
    return _word_range(toks, _Num(i, last, value, value, value, skip=skip))


def _word_range(toks: list[_Tok], num: _Num) -> _Num:
    """"بين ستة وثمانية", "من ثلاثة إلى خمسة": a range of number words."""
    k = num.last + 1
    if k >= len(toks):
        return num
    high = None
    word = toks[k].word
    if word.startswith("و") and num.first > 0 and toks[num.first - 1].word == "بين":
        found = _ar_value(word[1:])
        if found and found[0] in ("one", "ten", "hundred"):
            high, last = found[1], k
    elif word == "الي" and k + 1 < len(toks):
        nxt = _arabic_words(toks, k + 1)
        if nxt is not None:
            high, last = nxt.high, nxt.last
    if high is None or high <= num.value:
        return num
    return _Num(num.first, last, (num.value + high) / 2, num.value, high, approx=True,
                skip=num.skip)


def _english_words(toks: list[_Tok], i: int) -> _Num | None:
    word = toks[i].word
    nxt = toks[i + 1].word if i + 1 < len(toks) else ""
    if word == "a" and nxt in ("dozen", "hundred", "thousand", "million", "billion"):
        value = {"dozen": 12.0, "hundred": 100.0}.get(nxt) or _EN_SCALES[nxt]
        return _english_tail(toks, i, i + 2, 0.0, value)
    if word not in _EN_ONES and word not in _EN_TENS:
        return None
    if word == "one" and not (SLOTS.get(nxt) or nxt in _EN_SCALES or nxt == "hundred"):
        return None
    return _english_tail(toks, i, i + 1, 0.0, float(_EN_ONES.get(word, _EN_TENS.get(word, 0))))


def _english_tail(toks: list[_Tok], i: int, j: int, total: float, current: float) -> _Num:
    last = j - 1
    while j < len(toks):
        word = toks[j].word
        joined = toks[j - 1].end == toks[j].start or toks[j].start == toks[j - 1].end + 1
        if word == "-" and j + 1 < len(toks) and toks[j + 1].word in _EN_ONES and \
                current % 100 >= 20 and current % 10 == 0 and joined:
            current += _EN_ONES[toks[j + 1].word]
            last = j = j + 1
        elif word in _EN_ONES and current % 100 >= 20 and current % 10 == 0 and \
                toks[j - 1].word in _EN_TENS:
            current += _EN_ONES[word]
        elif word in (_EN_ONES.keys() | _EN_TENS.keys()) and toks[j - 1].word == "and" \
                and current >= 100:
            current += _EN_ONES.get(word, _EN_TENS.get(word, 0))
        elif word == "and" and current >= 100 and j + 1 < len(toks) and \
                (toks[j + 1].word in _EN_ONES or toks[j + 1].word in _EN_TENS):
            j += 1
            continue
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALES:
            total, current = total + (current or 1) * _EN_SCALES[word], 0.0
        elif word == "dozen":
            current = (current or 1) * 12
        else:
            break
        last = j
        j += 1
    value = total + current
    return _Num(i, last, value, value, value)


def _vague(toks: list[_Tok], i: int) -> _Num | None:
    word = toks[i].word
    if word in _EN_VAGUE:
        low, high = _EN_VAGUE[word]
        last = i
        if word == "tens" and not (i + 2 < len(toks) and toks[i + 1].word == "of"
                                   and toks[i + 2].word in _EN_VAGUE):
            return None
        if i + 2 < len(toks) and toks[i + 1].word == "of" and toks[i + 2].word in (
                "thousands", "millions", "billions"):
            scale = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[toks[i + 2].word]
            low, high, last = low * scale, high * scale, i + 2
        return _Num(i, last, (low + high) / 2, low, high, approx=True)
    stem = _strip_article(word)
    skip = 0
    if stem == word:
        stem, skip = _split_proclitic(word, _AR_VAGUE)
    if stem not in _AR_VAGUE:
        return None
    low, high = _AR_VAGUE[stem]
    last = i
    if i + 1 < len(toks) and stem in ("عشرات", "ميات"):
        factor = _AR_VAGUE_SCALES.get(_strip_article(toks[i + 1].word))
        if factor:
            low, high, last = low * factor, high * factor, i + 1
    return _Num(i, last, (low + high) / 2, low, high, approx=True, skip=skip)


def _strip_article(word: str) -> str:
    for article in ("وال", "بال", "لل", "ال"):
        if word.startswith(article) and len(word) > len(article) + 2:
            return word[len(article):]
    return word


# ---- description ---------------------------------------------------------------------------

def _describe(text: str, toks: list[_Tok], num: _Num) -> dict:
    start_tok = num.first
    end_tok = _percent(toks, num)
    cue_first, kind = _approx_before(toks, num.first)
    after_last, kind_after = _approx_after(toks, end_tok)
    kind = kind or kind_after
    if kind and not num.approx:
        lo, hi = _BOUNDS[kind]
        num.low, num.high, num.approx = num.value * lo, num.value * hi, True
        num.value = (num.low + num.high) / 2
    if cue_first is not None:
        start_tok = cue_first
    elif num.percent and num.first > 0 and toks[num.first - 1].word == "%":
        start_tok = num.first - 1
    unit, slot, unit_last = _unit(toks, num, end_tok)
    if num.percent:
        unit, slot = "%", "percent"
    slot = _special_slot(toks, num, unit, slot)
    if slot == "year":
        unit, unit_last = "", None
    end_tok = max(end_tok, unit_last if unit_last is not None else end_tok, after_last or 0)
    start = toks[start_tok].start
    if start_tok == num.first:
        start = after_letters(text, start, num.skip)
    end = toks[end_tok].end
    return {"text": text[start:end], "value": float(num.value), "low": float(num.low),
            "high": float(num.high), "approx": bool(num.approx), "unit": unit, "slot": slot,
            "start": start, "end": end}


def _consumed(found: dict, toks: list[_Tok], i: int) -> int:
    k = i
    while k < len(toks) and toks[k].start < found["end"]:
        k += 1
    return k


def _percent(toks: list[_Tok], num: _Num) -> int:
    k = num.last + 1
    for words in _PERCENT_AFTER:
        if tuple(t.word for t in toks[k:k + len(words)]) == words:
            num.percent = True
            return k + len(words) - 1
    if num.first > 0 and toks[num.first - 1].word == "%" and \
            toks[num.first - 1].end == toks[num.first].start:
        num.percent = True
    return num.last


_APPROX_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in _APPROX:
    _APPROX_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))


def _approx_before(toks: list[_Tok], first: int) -> tuple[int | None, str | None]:
    if first == 0:
        return None, None
    word = toks[first - 1].word
    candidates = _APPROX_BY_LAST.get(word) or _APPROX_BY_LAST.get(word[1:], []) \
        if word[:1] in "بلو" else _APPROX_BY_LAST.get(word, [])
    for words, kind in candidates:
        n = len(words)
        if first - n < 0:
            continue
        seen = [t.word for t in toks[first - n:first]]
        if seen[0] != words[0] and seen[0][:1] in "بلو" and seen[0][1:] == words[0]:
            seen[0] = seen[0][1:]  # بنحو, لحوالي, وأكثر
        if tuple(seen) == words:
            return first - n, kind
    return None, None


def _approx_after(toks: list[_Tok], last: int) -> tuple[int | None, str | None]:
    k = last + 1
    for words, kind in _APPROX_AFTER:
        if tuple(t.word for t in toks[k:k + len(words)]) == words:
            return k + len(words) - 1, kind
    return None, None


def _unit_form(word: str, raw: str) -> str:
    """The counted noun as a table key: no article, no accusative alef ("جريحاً" → "جريح")."""
    stem = _strip_article(word)
    if stem.startswith("و") and SLOTS.get(_strip_article(stem[1:])):
        stem = _strip_article(stem[1:])
    if stem.endswith("ا") and len(stem) >= 4 and ("\u064b" in raw or stem[:-1] in SLOTS):
        stem = stem[:-1]
    return stem


def _unit(toks: list[_Tok], num: _Num, end_tok: int) -> tuple[str, str | None, int | None]:
    """(unit, slot, index of the unit token) for the noun after the number, or before it for
    "قتلى: 40" and "الساعات الـ24"."""
    before = _unit_before(toks, num)
    if before is not None:
        return before
    k = end_tok + 1
    if k < len(toks) and toks[k].word in ("من", "of"):
        k += 1
    candidates = []
    for j in range(k, min(k + 3, len(toks))):
        tok = toks[j]
        if tok.value is not None or not tok.word[:1].isalpha() or tok.word in _UNIT_STOP:
            break
        candidates.append((j, _unit_form(tok.word, tok.raw)))
        if tok.word[:1] < "\u0250" and len(candidates) < 2:
            continue  # English: an adjective may come first ("40 Syrian soldiers")
        break
    for j, form in candidates:
        if form in SLOTS:
            return form, SLOTS[form], j
    if candidates:
        j, form = candidates[0]
        return form, None, j
    return "", None, None


def _unit_before(toks: list[_Tok], num: _Num) -> tuple[str, str | None, int | None] | None:
    i = num.first
    if num.definite and i >= 2 and toks[i - 2].word[:1].isalpha():
        form = _unit_form(toks[i - 2].word, toks[i - 2].raw)
        return form, SLOTS.get(form), None
    if i >= 2 and toks[i - 1].word == ":" and SLOTS.get(_unit_form(toks[i - 2].word, "")):
        form = _unit_form(toks[i - 2].word, toks[i - 2].raw)
        return form, SLOTS[form], None
    if toks[i].word in ("واحد", "واحده") and i >= 1:
        form = _unit_form(toks[i - 1].word, toks[i - 1].raw)
        return form, SLOTS.get(form), None
    return None


def _special_slot(toks: list[_Tok], num: _Num, unit: str, slot: str | None) -> str | None:
    """Years, dates, and killed/injured/arrested read from a nearby verb."""
    if num.digits and not num.scaled and not num.percent and num.value.is_integer():
        if toks[num.first].raw.isdigit() or toks[num.first].word.isdigit():
            if _is_year(toks, num, slot):
                return "year"
    if unit in _MONTHS or (num.first > 0 and toks[num.first - 1].word in _MONTHS):
        if num.value <= 31 and num.value.is_integer():
            return "date"
    if slot in _PEOPLE_SLOTS and slot not in _MEASURE_SLOTS:
        context = _context_slot(toks, num)
        if context:
            return context
    return slot


def _is_year(toks: list[_Tok], num: _Num, slot: str | None) -> bool:
    if not 1900 <= num.value <= 2100 or "," in toks[num.first].word:
        return False
    cue = num.first > 0 and toks[num.first - 1].word in _YEAR_CUES
    return cue or slot is None


def _context_slot(toks: list[_Tok], num: _Num) -> str | None:
    lo = max(0, num.first - 4)
    for tok in reversed(toks[lo:num.first]):
        if tok.word in _CLAUSE_END:
            break
        slot = _CONTEXT_WORDS.get(tok.word) or _CONTEXT_WORDS.get(_drop_conj(tok.word))
        if slot:
            return slot
    for tok in toks[num.last + 1:num.last + 6]:
        if tok.word in _CLAUSE_END:
            break
        slot = _CONTEXT_WORDS.get(tok.word) or _CONTEXT_WORDS.get(_drop_conj(tok.word))
        if slot:
            return slot
    return None


def _drop_conj(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word
