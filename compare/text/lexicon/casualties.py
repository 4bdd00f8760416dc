"""Casualties said to be none ("no one was hurt", "لم يسفر عن إصابات", "aucune victime", "без
жертв") and counted in French and Russian words, which the number reader does not know.

Slots: ``killed``, ``injured`` and ``casualties`` (either: "victims", "ضحايا", "пострадавшие").
Written as people write them; the detectors fold every word once.
"""

from __future__ import annotations

# Nouns (and participles used as nouns) of casualties: word -> slot.
CASUALTY_NOUNS = {
    **dict.fromkeys("casualties victims victim ضحايا victimes victime жертв жертвы жертвам "
                    "пострадавших пострадавшие потерь".split(), "casualties"),
    **dict.fromkeys("injuries injury injured wounded إصابات إصابة اصابات جرحى مصابين مصابون "
                    "blessés blessées blessé blessée blessure blessures раненых раненые "
                    "ранений ранения".split(), "injured"),
    **dict.fromkeys("deaths death dead fatalities killed قتلى وفيات morts mort décès tués "
                    "погибших погибшие смертей убитых".split(), "killed"),
}
# A noun that names casualties only with the next word: "خسائر بشرية" (not "خسائر مادية").
CASUALTY_NEEDS_NEXT = {"خسائر": ("بشرية", "casualties"), "pertes": ("humaines", "casualties")}

# Words that make the casualty noun after them none: "no casualties", "aucune victime", "без
# жертв", "لا ضحايا", "دون إصابات". Negation cues (لم, not, "n'a … pas", не) count as well.
ZERO_WORDS = frozenset("""
no zero without aucun aucune sans zéro pas без нет ни لا بلا دون بدون عدم
""".split())
# Words allowed between the zero word and the noun: "did not cause any casualties", "sans faire
# de victimes", "لم يسفر الانفجار عن وقوع إصابات", "не было жертв". "no reports of casualties"
# says nothing is known, so report words are not here.
ZERO_FILLERS = frozenset("""
any cause caused causing result resulted in were was there faire fait de y a eu été pas
было повлек повлекло привел привело привели к обошлось человеческих عن وقوع سقوط تسجيل أي
""".split())
# Verbs of a result, after which one word (the subject) may come before the filler: "لم يسفر
# الانفجار عن إصابات".
ZERO_RESULT_VERBS = frozenset("""
يسفر تسفر يسفرا تسفرا أسفر اسفر يؤد تؤد يخلف تخلف يوقع توقع تسجل يسجل
""".split())
# A noun then "нет": "жертв нет", "пострадавших нет".
ZERO_AFTER = frozenset({"нет"})

# Nobody was hurt: "no one", "nobody", "personne", "никто", and Arabic "أحد" after the verb.
NOBODY = (("no", "one"), ("nobody",), ("none",), ("personne",), ("никто",), ("ни", "один"))
NOBODY_AR = frozenset({"أحد", "أي"})
HURT_VERBS = {
    **dict.fromkeys("hurt harmed пострадал пострадала пострадало пострадали".split(),
                    "casualties"),
    **dict.fromkeys("injured wounded blessé blessée blessés ранен ранена ранены يصب يصاب تصب "
                    "تصاب".split(), "injured"),
    **dict.fromkeys("killed died tué tuée tués mort morte погиб погибла погибли убит убита "
                    "убиты يقتل يمت تقتل".split(), "killed"),
}

# Counts written in French and Russian words, and Arabic duals of people.
COUNT_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
    "один": 1, "одна": 1, "два": 2, "две": 2, "двое": 2, "двух": 2, "три": 3, "трое": 3,
    "трех": 3, "трёх": 3, "четыре": 4, "четверо": 4, "четырех": 4, "четырёх": 4, "пять": 5,
    "пятеро": 5, "пяти": 5, "шесть": 6, "шестеро": 6, "семь": 7, "семеро": 7, "восемь": 8,
    "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "сто": 100,
    "شخصان": 2, "شخصين": 2, "جنديان": 2, "جنديين": 2, "طفلان": 2, "طفلين": 2, "رجلان": 2,
    "رجلين": 2, "جريحان": 2, "جريحين": 2, "قتيلان": 2, "قتيلين": 2, "مدنيان": 2,
}
# Words after a French or Russian count that say what it counts: word -> slot.
COUNT_SLOTS = {
    **dict.fromkeys("blessés blessées blessé blessée ранены ранен ранена ранения раненых "
                    "раненые جريحان جريحين".split(), "injured"),
    **dict.fromkeys("morts mort tués tuées décès погибли погиб погибших погибшие убиты убитых "
                    "قتيلان قتيلين".split(), "killed"),
    **dict.fromkeys("victimes пострадали пострадавших пострадавшие жертвами жертв".split(),
                    "casualties"),
}
