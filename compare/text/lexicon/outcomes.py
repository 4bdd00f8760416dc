"""Opposite outcomes of one event, and phrases where an outcome word names no outcome."""

from __future__ import annotations

# --- outcomes -------------------------------------------------------------------------------

# Opposite outcomes of one event: (concept, words of one outcome, words of the other).
ANTONYMS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("control", (
        "سيطر/يسيطر", "سيطرة", "السيطرة", "استولى/يستولي", "استيلاء", "استعاد/يستعيد",
        "استعادة", "احتل/يحتل", "احتلال", "حرر/يحرر", "تحرير",
        "took", "take", "takes", "taken", "taking", "captured", "capture", "captures",
        "seized", "seize", "seizes", "recaptured", "recapture", "retook", "retake",
        "controls", "controlled", "took control", "took over", "liberated",
    ), (
        "انسحب/ينسحب", "انسحاب", "الانسحاب", "خسر/يخسر", "خسارة", "أخلى/يخلي", "إخلاء",
        "withdrew", "withdraw", "withdraws", "withdrawn", "withdrawing", "withdrawal",
        "pulled out", "pull out", "pulls out", "retreated", "retreat", "lost", "lose",
        "loses", "abandoned", "evacuated",
    )),
    ("advance", (
        "تقدم/يتقدم", "تقدم", "زحف/يزحف",
        "advanced", "advance", "advances", "advancing", "pushed into",
    ), (
        "تراجع/يتراجع", "تراجع", "تقهقر/يتقهقر", "انسحب/ينسحب", "انسحاب",
        "retreated", "retreat", "retreats", "retreating", "pulled back", "fell back",
        "withdrew",
    )),
    ("level", (
        "ارتفع/يرتفع", "ارتفاع", "الارتفاع", "زاد/يزيد", "زيادة", "الزيادة", "صعد/يصعد",
        "قفز/يقفز", "تضاعف/يتضاعف", "نما/ينمو", "نمو",
        "rose", "rise", "rises", "rising", "risen", "increased", "increase", "increases",
        "increasing", "climbed", "climbs", "jumped", "surged", "soared", "grew", "grows",
    ), (
        "انخفض/ينخفض", "انخفاض", "الانخفاض", "تراجع/يتراجع", "تراجع", "هبط/يهبط", "هبوط",
        "نقص/ينقص", "نقص", "تدنى/يتدنى", "تقلص/يتقلص", "تقلص", "انكمش/ينكمش",
        "fell", "fall", "falls", "falling", "fallen", "dropped", "drop", "drops", "declined",
        "decline", "declines", "decreased", "decrease", "decreases", "plunged", "slumped",
        "shrank", "sank",
    )),
    ("raise", (
        "رفع/يرفع", "رفع", "raised", "raise", "raises", "hiked",
    ), (
        "خفض/يخفض", "خفض", "تخفيض", "خفّض/يخفّض", "lowered", "lower", "lowers", "cut", "cuts",
        "reduced", "reduce", "reduces",
    )),
    ("open", (
        "فتح/يفتح", "افتتح/يفتتح", "افتتاح", "opened", "open", "opens", "reopened", "reopen",
    ), (
        "أغلق/يغلق", "إغلاق", "الإغلاق", "أقفل/يقفل", "closed", "close", "closes", "shut",
        "shuts",
    )),
    ("approve", (
        "وافق/يوافق", "موافقة", "الموافقة", "أقر/يقر", "إقرار", "صادق/يصادق", "مصادقة",
        "approved", "approve", "approves", "accepted", "accept", "accepts", "endorsed",
    ), (
        "رفض/يرفض", "رفض", "الرفض", "rejected", "reject", "rejects", "refused", "refuse",
        "refuses", "turned down", "vetoed",
    )),
    ("win", (
        "فاز/يفوز", "فوز", "الفوز", "انتصر/ينتصر", "انتصار", "won", "win", "wins", "winning",
        "victory",
    ), (
        "خسر/يخسر", "خسارة", "هزيمة", "lost", "lose", "loses", "losing", "defeat",
    )),
    ("office", (
        "استقال/يستقيل", "استقالة", "الاستقالة", "تنحى/يتنحى", "resigned", "resign",
        "resigns", "resignation", "stepped down", "steps down", "step down", "quit",
    ), (
        "بقي في منصبه", "باق في منصبه", "يبقى في منصبه", "سيبقى في منصبه", "لا يزال في منصبه",
        "في منصبه", "في منصبها", "remains in office", "remain in office", "stays in office",
        "stay in office", "remained in office", "still in office",
    )),
    ("custody", (
        # the subject often splits "أطلقت السلطات سراح", so سراح alone marks a release
        "سراح", "أفرج/يفرج", "الإفراج", "إفراج", "released",
        "release", "releases", "freed", "frees",
    ), (
        "اعتقل/يعتقل", "اعتقال", "الاعتقال", "احتجز/يحتجز", "احتجاز", "القبض",
        "arrested", "arrest", "arrests", "detained", "detain", "detains",
    )),
    ("success", (
        "نجح/ينجح", "نجاح", "النجاح", "succeeded", "succeed", "succeeds", "success",
        "successful",
    ), (
        "فشل/يفشل", "فشل", "الفشل", "failed", "fail", "fails", "failure",
    )),
    ("alive", (
        "قتل", "مقتل", "توفي", "وفاة", "لقي حتفه", "لقيت حتفها", "killed", "died", "dead",
    ), (
        "نجا/ينجو", "نجاة", "survived", "survive", "survives", "alive",
    )),
    ("permit", (
        "سمح/يسمح", "السماح", "allowed", "allow", "allows", "permitted", "permit",
    ), (
        "منع/يمنع", "حظر/يحظر", "حظر", "banned", "ban", "bans", "prohibited", "barred",
    )),
    ("sanction", (
        "رفع/يرفع", "رفع", "lifted", "lift", "lifts",
    ), (
        "فرض/يفرض", "فرض", "imposed", "impose", "imposes",
    )),
    ("verdict", (
        "أدان/يدين", "إدانة", "convicted", "guilty",
    ), (
        "برأ/يبرئ", "تبرئة", "acquitted", "innocent",
    )),
    ("stance", (
        "أيد/يؤيد", "تأييد", "supported", "supports", "backed", "backs",
    ), (
        "عارض/يعارض", "opposed", "opposes",
    )),
)

# English outcome words that are other words in French ("seize personnes": sixteen people):
# no outcome in a French claim.
FRENCH_FALSE_FRIENDS = frozenset({"seize"})

# Phrases in which an outcome word does not name an outcome.
NOT_OUTCOME = (
    "ما يزيد", "ما يزيد عن", "زيادة على ذلك", "took place", "take place", "takes place",
    "taking place", "took part", "take part", "takes part", "took office", "take office",
    "close to", "closed door", "closed doors", "open to", "حركة فتح", "قبل أن",
    "cut off", "at least", "lost contact", "فقد الاتصال", "taken to", "lower house",
)

