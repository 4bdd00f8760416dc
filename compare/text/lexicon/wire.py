"""News agencies whose dispatches outlets republish, and the words that credit them.

Data only: ``compare.copies`` reads these spellings on normalised text, and only where an
article credits its source — a dateline ("بيروت (أ ف ب) -", "MOSCOW, May 5. /TASS/."), a
closing credit ("… (رويترز)") or a line of its own ("المصدر: سانا") — never a mention inside
a sentence ("حسب وكالة الأنباء السورية (سانا)").
"""

from __future__ import annotations

# (the name a report shows, spellings). Spellings are written as outlets write them; dots and
# spaces inside an abbreviation are optional when matched ("أ ف ب", "أ.ف.ب", "أ. ف. ب"), so
# an abbreviation that folds into a word is left out: AP's "أ ب" would read the month آب.
AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("AFP", ("AFP", "أ ف ب", "فرانس برس", "فرانس بريس", "وكالة الصحافة الفرنسية",
             "Agence France-Presse", "АФП", "Франс Пресс")),
    ("Reuters", ("Reuters", "رويترز", "Рейтер", "Рейтерс")),
    ("AP", ("AP", "Associated Press", "أسوشيتد برس", "أسوشيتدبرس", "Ассошиэйтед Пресс")),
    ("Anadolu", ("الأناضول", "Anadolu", "Anadolu Agency", "Анадолу")),
    ("SANA", ("سانا", "SANA")),
    ("TASS", ("TASS", "ТАСС")),
    ("RIA Novosti", ("РИА Новости", "RIA Novosti", "ريا نوفوستي")),
    ("Interfax", ("Interfax", "Интерфакс", "إنترفاكس")),
    ("dpa", ("dpa", "د ب أ")),
    ("Xinhua", ("Xinhua", "شينخوا", "Синьхуа")),
    ("MENA", ("أ ش أ", "MENA")),
    ("QNA", ("قنا", "QNA")),
    ("KUNA", ("كونا", "KUNA")),
    ("WAM", ("وام", "WAM")),
    ("SPA", ("واس", "SPA")),
    ("IRNA", ("إرنا", "IRNA")),
    ("EFE", ("EFE",)),
    ("ANSA", ("ANSA",)),
)

# Words that introduce a credit on a line of its own: "المصدر: رويترز", "Source: Reuters".
CREDIT_LEADS: tuple[str, ...] = ("المصدر", "مصدر", "source", "sources", "источник", "avec",
                                 "with", "وكالة", "وكالات")
