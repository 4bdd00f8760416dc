"""Number words and counted nouns (folded forms), read by ``compare.text.numbers``.

Bounds of approximations and vague amounts are listed with the words: they are conventions of
how news writes figures, documented in ``compare.text.numbers``.
"""

from __future__ import annotations

AR_ONES = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
AR_TEEN_ONLY = {"احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"}
AR_AFTER_NOUN = {"واحد", "واحده"}
AR_TENS = {
    f"{stem}{end}": 10 * n
    for n, stem in enumerate(["عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"], 2)
    for end in ("ون", "ين")
}
AR_HUNDREDS = {"ميه": 100, "مايه": 100, "ميتان": 200, "ميتين": 200, "مايتان": 200,
                "مايتين": 200, "ميتا": 200, "مايتا": 200}
AR_HUNDREDS.update({
    f"{stem}{h}": 100 * n
    for n, stem in enumerate(["ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"], 3)
    for h in ("ميه", "مايه")
})
AR_HUNDREDS["ثمانيميه"] = 800
AR_HUNDREDS["ثمانيمايه"] = 800
AR_SCALES = {
    "الف": 1e3, "الفا": 1e3, "الاف": 1e3, "الوف": 1e3, "مليون": 1e6, "مليونا": 1e6,
    "ملايين": 1e6, "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "بليون": 1e9,
}
AR_DUALS = {"الفان": 2e3, "الفين": 2e3, "مليونان": 2e6, "مليونين": 2e6, "ملياران": 2e9,
             "مليارين": 2e9}
AR_VAGUE = {"عشرات": (20, 99), "ميات": (200, 999), "الاف": (2000, 9999),
             "الوف": (2000, 9999), "ملايين": (2e6, 9.99e6), "مليارات": (2e9, 9.99e9)}
AR_VAGUE_SCALES = {"الاف": 1e3, "الوف": 1e3, "ملايين": 1e6, "مليارات": 1e9}
AR_PROCLITICS = ("وب", "ول", "و", "ف", "ب", "ل", "ك")

EN_ONES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
EN_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
EN_VAGUE = {"dozens": (20, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
             "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9), "tens": (20, 99)}

MEASURE_SLOTS = {"km", "m", "kg", "tonnes", "percent", "dollars", "euros", "days", "years",
                  "hours", "months", "weeks", "minutes"}
PEOPLE_SLOTS = {None, "people", "soldiers", "civilians"}


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

CONTEXT = {
    "killed": "قتل مقتل قتلوا قتلت لقي لقوا لقيت حتفهم حتفه استشهد استشهاد استشهدوا سقوط "
              "killed dead died kills killing",
    "injured": "اصيب اصيبوا اصابه جرح جرحوا wounded injured hurt wounding injuring",
    "arrested": "اعتقل اعتقال اعتقلت اعتقلوا اسر اختطف اختطاف احتجاز احتجز arrested detained "
                "captured abducted",
}
CONTEXT_WORDS = {w: slot for slot, words in CONTEXT.items() for w in words.split()}

MONTHS = set("""
يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار
نيسان ايار حزيران تموز اب ايلول تشرين january february april june july august
september october november december jan feb apr jun jul aug sep sept oct nov dec
""".split())  # not "may" and "march": modal and verb far more often than months
CLAUSE_END = frozenset(".،,;:؛")
YEAR_CUES = {"عام", "العام", "سنه", "لعام", "بعام", "منذ", "year", "in", "since", "until"}

APPROX = [  # (folded words, kind), longest first
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
APPROX_AFTER = [(("علي", "الاقل"), "over"), (("تقريبا",), "about"), (("or", "more"), "over"),
                 (("at", "least"), "over")]
BOUNDS = {"about": (0.9, 1.1), "nearly": (0.9, 1.0), "over": (1.0, 1.5),
           "under": (0.5, 1.0), "upto": (0.5, 1.0)}

PERCENT_AFTER = [("%",), ("بالميه",), ("بالمايه",), ("في", "الميه"),
                  ("في", "المايه"), ("percent",), ("per", "cent"), ("pct",)]
