"""Match and vote results: the verbs that name a winner, a loser or a draw, the words of scores
and tallies, the bodies that vote and what they vote on (Arabic, English, French, Russian).

Everything is written as people write it; phrase lists (``RESULT_VERBS``, ``VOTE_OUTCOMES``,
``MOTIONS``, ``VOTE_BODIES``) are compiled by the detectors' table, and the detectors fold the
word sets and maps once, then look them up token by token.
"""

from __future__ import annotations

# Verbs naming the outcome of a match for their subject: (outcome, phrases).
RESULT_VERBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("win", (
        "فاز/يفوز", "تغلب/يتغلب", "هزم/يهزم", "انتصر/ينتصر", "اكتسح/يكتسح", "سحق/يسحق",
        "won", "win", "wins", "beat", "beats", "beaten", "defeated", "defeats", "edged", "thrashed",
        "routed", "crushed", "overcame", "battu", "battue", "bat", "battent", "gagné", "gagne",
        "emporté", "imposé", "impose", "vaincu", "écrasé", "победил", "победила", "победили",
        "обыграл", "обыграла", "обыграли", "разгромил", "разгромила", "разгромили", "одолел",
        "одолела", "одолели", "переиграл", "переиграла", "переиграли",
        # the nouns: "بعد فوزه على", "a 2-1 victory over", "победой над"
        "فوز", "الفوز", "victory", "victoire", "победа", "победу", "победой", "победы",
    )),
    ("loss", (
        "خسر/يخسر", "انهزم/ينهزم", "lost", "loses", "perdu", "perd", "incliné", "incline",
        "проиграл", "проиграла", "проиграли", "уступил", "уступила", "уступили",
        "هزيمة", "الهزيمة", "defeat", "défaite", "поражение", "поражением",
    )),
    ("draw", (
        "تعادل/يتعادل", "التعادل", "drew", "draw", "drawn", "match nul", "fait match nul",
        "ont fait match nul", "nul", "ничья", "ничью", "ничьей", "вничью", "сыграли вничью",
        "сыграл вничью", "сыграла вничью",
    )),
)

# A score or a result verb counts only in a claim about a match (or with a score in it).
MATCH_CONTEXT = frozenset("""
مباراة المباراة لقاء اللقاء مواجهة المواجهة الدوري دوري كأس بطولة البطولة نهائي النهائي
هدفين نتيجة بنتيجة ملعب
match matches game games final semi-final derby league cup championship tournament goal goals
score scored scoring penalties penalty stadium fixture
rencontre finale championnat coupe ligue but buts tournoi stade
матч матче матча игра игре финал финале чемпионат чемпионата кубок кубка лига лиги гол голы
голов счетом счётом турнир турнира стадион
""".split())

# Words near the players of a match that are not their names.
NOT_A_NAME = frozenset("""
فريق الفريق نادي النادي منتخب المنتخب الضيوف الضيف ضيف المضيف مضيف نظير نظيره أصحاب الأرض
team teams side club fc hosts visitors champions holders home away
équipe club hôtes visiteurs champions
команда команды сборная сборной сборную клуб хозяева гости гостей
""".split()) | MATCH_CONTEXT

# Words between a result verb and the opponent: "فاز الأهلي على الزمالك", "lost to", "face à".
LINKS = frozenset("""
على أمام مع ضد against to with over versus vs contre face à au sur против с со у над
""".split())
# Skipped before a result verb: "a battu", "has beaten", "s'est imposé", "l'a emporté".
AUXILIARIES = frozenset("a ont avait avaient has have had l'a l'ont s'est se s'était قد لقد"
                        .split())
# After these the opponent is the winner: "beaten by", "battu par".
PASSIVE_LINKS = frozenset("by par".split())
# Arabic "أمام" after a winning verb makes it passive: "هُزم الأهلي أمام الزمالك".
PASSIVE_AFTER_WIN = frozenset({"أمام"})
# An auxiliary before a winning verb makes it passive: "were beaten", "a été battu".
PASSIVE_AUX = frozenset("was were been being été был была было были".split())
# Articles skipped next to names: "beat the Lakers", "a battu le FC Barcelone".
ARTICLES = frozenset("the a an le la les l' un une".split())
# Words inside a name: "Bank of Russia", "Conseil de sécurité".
NAME_INSIDE = frozenset("of de du".split())
# Conjunctions inside a pair of names: "Liverpool and Chelsea drew", "تعادل الأهلي والزمالك".
NAME_AND = frozenset("and et и و".split())

# Score words. Arabic goal counts (after ب/و): "بهدفين مقابل هدف", "بثلاثية نظيفة".
GOAL_WORDS = {"هدف": 1, "هدفا": 1, "هدفين": 2, "هدفان": 2, "ثنائية": 2, "ثلاثية": 3,
              "رباعية": 4, "خماسية": 5, "سداسية": 6, "سباعية": 7}
GOAL_NOUNS = frozenset("أهداف goals goal buts but мяча мячей".split())
# Between the two sides of a score: "2 à 1", "two goals to one", "هدفين مقابل هدف".
SCORE_JOINERS = frozenset("مقابل to à".split())
# The other side scored nothing: "بهدف نظيف", "بهدفين دون رد".
NIL_AFTER = frozenset("نظيف نظيفة نظيفين نظيفتين".split())
NIL_PHRASES = (("دون", "رد"), ("بدون", "رد"), ("دون", "مقابل"))
# The other side scored as many: "بهدف لمثله".
SAME_AFTER = frozenset("لمثله لمثلها لمثلهما لمثلهم".split())
# A scoreless draw: "التعادل السلبي", "goalless draw", "match nul et vierge", "нулевая ничья".
GOALLESS = frozenset("""
سلبي السلبي سلبيا goalless scoreless vierge нулевая нулевой нулевую
""".split())
NIL = frozenset("nil zero zéro ноль صفر none".split())
# A vote with nobody against.
UNANIMOUS = ("بالإجماع", "unanimously", "unanimous", "à l'unanimité", "единогласно")

# --- votes --------------------------------------------------------------------------------

# Verbs naming a vote's outcome for a motion: (outcome, phrases).
VOTE_OUTCOMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pass", (
        "أقر/يقر", "اعتمد/يعتمد", "وافق/يوافق", "صادق/يصادق", "تبنى/يتبنى", "مرر/يمرر",
        "إقرار", "اعتماد", "تبني",
        "passed", "passes", "adopted", "adopts", "approved", "approves", "carried", "endorsed",
        "adopté", "adoptée", "adoptés", "adoptées", "adopte", "approuvé", "approuvée",
        "approuve", "принял", "приняла", "приняло", "приняли", "принята", "принят", "принято",
        "одобрил", "одобрила", "одобрили", "одобрен", "одобрена", "утвердил", "утвердила",
        "утвердили", "утвержден", "утверждена", "renewed", "extended", "مدد/يمدد",
        "prolongé", "продлил", "продлила", "продлили",
    )),
    ("reject", (
        "رفض/يرفض", "أسقط/يسقط", "rejected", "rejects", "defeated", "voted down", "vetoed",
        "failed to pass", "فشل في تمرير", "فشل في إقرار",
        "blocked", "failed", "rejeté", "rejetée", "rejette", "repoussé", "repoussée",
        "отклонил", "отклонила", "отклонили", "отклонен", "отклонена", "отклонён", "отвергла",
        "отверг", "отвергли", "провалил", "провалила", "провалили", "заблокировал",
        "заблокировала", "заблокировали",
    )),
)

# What is voted on: (id, phrases).
MOTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("resolution", ("قرار", "مشروع قرار", "resolution", "draft resolution", "résolution",
                    "projet de résolution", "резолюция", "резолюцию", "резолюции")),
    ("bill", ("مشروع قانون", "قانون", "bill", "law", "legislation", "projet de loi", "loi",
              "законопроект", "закон")),
    ("budget", ("الميزانية", "ميزانية", "الموازنة", "موازنة", "budget", "бюджет")),
    ("amendment", ("تعديل", "تعديلات", "التعديلات", "amendment", "amendments", "amendement",
                   "поправка", "поправку", "поправки")),
    ("confidence", ("سحب الثقة", "الثقة", "no-confidence", "confidence", "censure",
                    "недоверия", "доверия")),
    ("mandate", ("تفويض", "التفويض", "mandate", "mandat", "мандат")),
    # a motion not named more precisely: it may be any of the above
    ("measure", ("مشروع", "المشروع", "مشروعا", "مقترح", "اقتراح", "إجراءات", "عقوبات",
                 "measure", "measures", "proposal", "draft", "text", "sanctions", "projet",
                 "texte", "проект", "санкции")),
    ("constitution", ("الدستور", "دستور", "constitution", "конституция", "конституцию")),
)

# Who votes: (id, phrases).
VOTE_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("security_council", ("مجلس الأمن", "مجلس الأمن الدولي", "security council",
                          "conseil de sécurité", "совет безопасности", "совета безопасности",
                          "советом безопасности", "совбез", "совбеза")),
    ("general_assembly", ("الجمعية العامة", "general assembly", "assemblée générale",
                          "генассамблея", "генассамблеи", "генеральная ассамблея",
                          "генеральной ассамблеи")),
    ("parliament", ("البرلمان", "مجلس النواب", "مجلس الشعب", "الجمعية الوطنية", "parliament",
                    "national assembly", "parlement", "assemblée nationale", "парламент",
                    "парламента", "госдума", "госдумы", "дума", "думы")),
    ("senate", ("مجلس الشيوخ", "senate", "sénat", "сенат", "сената")),
    ("congress", ("الكونغرس", "الكونجرس", "congress", "congrès", "конгресс", "конгресса")),
    ("knesset", ("الكنيست", "knesset", "кнессет")),
    ("cabinet", ("مجلس الوزراء", "الحكومة", "cabinet", "conseil des ministres",
                 "правительство")),
)

# Words of a tally: "by 12 votes to 3", "بأغلبية 12 صوتا مقابل 3", "par 12 voix contre 3",
# "12 голосами против 3", "12 in favour and 3 against".
TALLY_NOUNS = frozenset("""
صوت صوتا أصوات أصواتا votes vote voix голосами голоса голосов голос
""".split())
TALLY_FOR = frozenset("favour favor pour за مؤيدا مؤيدين لصالح".split())
TALLY_AGAINST = frozenset("to against contre против مقابل ضد معارضة ومعارضة".split())
# A word between "against" and its number: "مقابل رفض 127", "مقابل اعتراض 12 عضوا".
TALLY_AGAINST_WORDS = frozenset("رفض اعتراض معارضة".split())
TALLY_LEADS = frozenset("by par بأغلبية أغلبية بموافقة majority majorité большинством".split())
VOTE_CONTEXT = frozenset("""
تصويت التصويت صوت صوتت صوتوا صوتا أصوات
vote votes voted voting ballot referendum voix scrutin voté votés
голосование голосования голосовании голосами голосов проголосовали проголосовал
""".split()) | TALLY_NOUNS
