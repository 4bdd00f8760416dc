"""Changed or left as it was: rates, prices, taxes, output, a decision raised, cut or kept
(Arabic, English, French, Russian), and who decides them.

Phrase lists are compiled by the detectors' table (Arabic ``perfect/imperfect`` verbs
conjugated); word sets are folded by the detectors once.
"""

from __future__ import annotations

# Verbs that change a quantity or a decision: (direction, phrases); "~" changes it either way.
CHANGE_VERBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("+", (
        "رفع/يرفع", "زاد/يزيد", "raised", "raises", "raise", "hiked", "hikes", "increased",
        "increases", "relevé", "relève", "relevés", "augmenté", "augmente", "повысил",
        "повысила", "повысило", "повысили", "увеличил", "увеличила", "увеличило", "увеличили",
        "поднял", "подняла", "подняло", "подняли", "повышена", "повышен",
    )),
    ("-", (
        "خفض/يخفض", "خفّض/يخفّض", "قلص/يقلص", "خفف/يخفف", "cut", "cuts", "lowered", "lowers",
        "reduced", "reduces", "slashed", "trimmed", "commuted", "commué", "commuée", "abaissé",
        "abaisse", "baissé", "baisse",
        "réduit", "diminué", "понизил", "понизила", "понизило", "понизили", "снизил",
        "снизила", "снизило", "снизили", "сократил", "сократила", "сократило", "сократили",
        "понижена", "снижена", "снижен",
    )),
    ("~", (
        "غير/يغير", "عدل/يعدل", "ألغى/يلغي", "changed", "changes", "change", "altered",
        "modified", "overturned", "modifié", "modifie", "changé", "annulé",
        "изменил", "изменила", "изменило", "изменили", "отменил", "отменила", "отменили",
        "заменил", "заменила", "заменили",
    )),
)
# Verbs that keep it: read as "kept" only with what is kept a few words on ("held talks" is not).
KEEP_VERBS = (
    "أبقى/يبقي", "ثبت/يثبت", "ثبّت/يثبّت", "حافظ/يحافظ", "kept", "keeps", "keep", "held",
    "holds", "hold", "maintained", "maintains", "left", "leaves", "maintenu",
    "maintenue", "maintenus", "maintient", "maintiennent", "laissé", "conservé", "сохранил",
    "сохранила", "сохранило", "сохранили", "сохранена", "оставил", "оставила", "оставило",
    "оставили",
)
# Upholding a court's sentence: "أيدت المحكمة حكم الإعدام", "upheld the sentence". These keep
# only a sentence (أيّد is also "supported").
UPHOLD_VERBS = ("أيد/يؤيد", "upheld", "confirmé", "confirmée")
# Keeping verbs with a second sense ("left the city", "held talks"): they keep only with
# UNCHANGED nearby ("held rates steady").
KEEP_NEEDS_UNCHANGED = frozenset("left leaves held holds hold laissé оставил оставила оставило "
                                 "оставили".split())
# Words that say it stayed as it was, with or without a verb.
UNCHANGED = (
    "دون تغيير", "بدون تغيير", "من دون تغيير", "على حالها", "على حاله", "unchanged", "steady",
    "on hold", "inchangé", "inchangée", "inchangés", "inchangées", "sans changement",
    "без изменений", "неизменной", "неизменным", "неизменными", "неизменную",
    "на прежнем уровне", "в силе",
)

# What is changed or kept: (id, phrases). The longest phrase wins ("أسعار الفائدة" is rates).
CHANGE_TARGETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rates", ("الفائدة", "سعر الفائدة", "أسعار الفائدة", "معدل الفائدة", "معدلات الفائدة",
               "interest rate", "interest rates", "rate", "rates", "key rate",
               "benchmark rate", "policy rate", "taux", "taux directeur", "taux directeurs",
               "taux d'intérêt", "ставка", "ставку", "ставки", "ключевую ставку",
               "ключевая ставка", "процентные ставки")),
    ("prices", ("أسعار", "الأسعار", "سعر", "prices", "price", "prix", "tarifs", "цены", "цену",
                "тарифы")),
    ("taxes", ("ضريبة", "الضريبة", "الضرائب", "ضرائب", "tax", "taxes", "impôts", "impôt",
               "taxe", "налог", "налоги", "налоговую ставку")),
    ("tariffs", ("الرسوم الجمركية", "رسوم جمركية", "tariffs", "tariff", "customs duties",
                 "droits de douane", "пошлины", "пошлин")),
    ("output", ("الإنتاج", "إنتاج", "إنتاجها", "output", "production", "добычу", "добыча",
                "добычи")),
    ("wages", ("الأجور", "الرواتب", "الحد الأدنى للأجور", "wages", "salaries",
               "minimum wage", "salaires", "salaire minimum", "зарплаты", "зарплату")),
    ("forecast", ("توقعات", "التوقعات", "توقعاته", "forecast", "forecasts", "outlook",
                  "prévisions", "prévision", "прогноз")),
    ("decision", ("القرار", "قرار", "decision", "ruling", "décision", "jugement", "решение")),
    ("sentence", ("الحكم", "حكما", "حكم", "أحكام", "حكم الإعدام", "أحكام الإعدام", "sentence",
                  "death sentence", "verdict", "peine", "peine de mort", "condamnation",
                  "приговор", "смертный приговор", "смертные приговоры", "إعدام", "الإعدام",
                  "смертную казнь", "казнь")),
)

# Who sets them: (id, phrases). "central_bank" is any central bank not named.
CHANGE_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fed", ("الاحتياطي الفيدرالي", "الاحتياطي الاتحادي", "المجلس الاحتياطي الاتحادي",
             "federal reserve", "the fed", "fed", "réserve fédérale", "la fed", "фрс")),
    ("ecb", ("المركزي الأوروبي", "البنك المركزي الأوروبي", "ecb", "european central bank",
             "bce", "banque centrale européenne", "ецб")),
    ("boe", ("بنك إنجلترا", "bank of england", "banque d'angleterre", "банк англии")),
    ("cbr", ("البنك المركزي الروسي", "المركزي الروسي", "bank of russia",
             "russian central bank", "russia's central bank", "banque de russie",
             "banque centrale russe", "банк россии", "цб рф", "центробанк", "центробанка")),
    ("opec", ("أوبك", "opec", "opep", "опек")),
    ("central_bank", ("البنك المركزي", "المركزي", "central bank", "banque centrale",
                      "центральный банк", "центральным банком", "цб")),
)
