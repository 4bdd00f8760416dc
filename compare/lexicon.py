"""Word lists behind the divergence detectors, written as ordinary Arabic and English.

Entries are stored as people write them (hamza, ta marbuta, alef maqsura); the detectors pass
every entry through the same normaliser as the claims, so spelling variants match.

Arabic verbs are written ``perfect/imperfect`` (``سيطر/يسيطر``); the detectors expand them into
their common inflections (سيطرت، سيطروا، تسيطر، يسيطرون، سيسيطر …). A multi-word entry is a
phrase matched token by token; only its first word may be a verb written that way.
"""

from __future__ import annotations

# Function words left out when judging whether two claims share their content.
STOPWORDS = frozenset("""
في من على إلى الى عن أن ان إن أنه انه أنها إنه بأن لأن مع بعد قبل عند منذ حتى خلال ضد بين حول
عبر لدى نحو وفق حسب بحسب تجاه أمام دون
هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي ما ماذا من كل بعض أي أو أم ثم كما
حيث إذا اذا لو قد لقد كان كانت يكون تكون كانوا هو هي هم هما نحن أنا أنت
و ف ب ل ك ال وقال قال قالت يقول تقول أكد أكدت وأضاف أضاف أضافت أشار أشارت وأشار أوضح
اليوم أمس يوم أيضا ايضا فقط جدا يتم تم يكن تكن يكون تكون
the a an of in on at to from by for with and or but that which who whom whose this these those
it its is are was were be been being has have had do does did will would shall should can could
may might must as than then so such there here into onto over under about after before during
since until while also just only very said says say told according he she they we i you his her
their our your him them us me my
""".split())

# --- negation -------------------------------------------------------------------------------

# Particles that negate the predicate they precede.
NEGATION_PARTICLES_AR = frozenset("""
لم لن لا ليس ليست ليسوا ليسا لسنا لست عدم بدون
""".split())
# Bare دون also means "below" (دون سن 18): only these forms negate.
NEGATION_PHRASES_AR = ("من دون", "دون أن")
NEGATION_PARTICLES_EN = frozenset("""
not no never none nobody nothing neither nor cannot without
""".split())
# "without" after a negation cancels it: "لن تنفجر بدون الزناد", "would not explode without".
WITHOUT = ("بدون", "من دون", "دون أن", "without")

# Explicit denials: the speaker says the claim is false. These are trusted even across
# languages.
DENIAL_WORDS = frozenset("""
نفى نفت نفوا نفيا ينفي تنفي ينفون نفي النفي نافيا نافية ينفيان تنفيان نفاه نفته نفتها نفاها
دحض دحضت يدحض تدحض فند فندت يفند تفند
denied deny denies refuted refutes refute
""".split())
# Denials with a second sense (كذب "lied", "incorrect payments", "denying rights"): trusted
# only within one language, where the rest of the claim is checked.
WEAK_DENIALS = (
    "كذب", "كذبت", "يكذب", "تكذب", "غير صحيح", "غير صحيحة", "غير دقيق", "غير دقيقة",
    "عار عن الصحة", "عارية عن الصحة", "لا أساس له", "لا أساس لها", "denying", "denial",
)

# Rejecting a report is denying it: رفض … ادعاءات / rejected … reports.
REJECT_VERBS = frozenset("رفض رفضت رفضوا يرفض ترفض rejected rejects reject dismissed "
                         "dismisses dismiss".split())
REPORT_NOUNS = frozenset("""
ادعاءات الادعاءات مزاعم المزاعم اتهامات الاتهامات تقارير التقارير أنباء الأنباء الأخبار
الشائعات شائعات روايات الرواية رواية
reports report claims claim allegations allegation accusations accusation rumours rumors
""".split())

# Uses of a negation word that do not negate the claim. A negation cue inside one of these
# phrases is ignored.
NOT_NEGATION = (
    "لا سيما", "ولا سيما", "لا سيّما", "لا يزال", "لا تزال", "لا يزالون", "لا زال", "لا زالت",
    "لا بد", "لا شك", "لا ريب", "لا أكثر", "ليس فقط", "ليس إلا", "لا غير",
    "not only", "not least", "whether or not", "if not", "no doubt", "no matter",
    "nothing but", "not just",
    # A drone is an "aircraft without a pilot"; "لا مركزية" is decentralised.
    "بدون طيار", "دون طيار", "بلا طيار", "without a pilot", "لا مركزية", "لا مركزي",
)

# A negation followed closely by an exceptive is a restriction ("لم يبق إلا" = only … remained),
# and one followed by لولا is a counterfactual ("لم يكن ليحدث لولا" = happened because of).
EXCEPTIVES = frozenset("إلا سوى لولا except".split())

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

# Phrases in which an outcome word does not name an outcome.
NOT_OUTCOME = (
    "ما يزيد", "ما يزيد عن", "زيادة على ذلك", "took place", "take place", "takes place",
    "taking place", "took part", "take part", "takes part", "took office", "take office",
    "close to", "closed door", "closed doors", "open to", "حركة فتح", "قبل أن",
    "cut off", "at least", "lost contact", "فقد الاتصال", "taken to", "lower house",
)

# --- places -------------------------------------------------------------------------------

# (canonical id, parent id or "", names in Arabic and English). A place and its parent are the
# same event's place at two scales, so "دير الزور" and "سوريا" never differ. A disputed place
# lists every parent ("israel|palestine"); an id without a parent is a country.
PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # countries
    ("syria", "", ("سوريا", "سورية", "syria")),
    ("iraq", "", ("العراق", "iraq")),
    ("afghanistan", "", ("أفغانستان", "afghanistan")),
    ("lebanon", "", ("لبنان", "lebanon")),
    ("jordan", "", ("الأردن", "jordan")),
    ("turkey", "", ("تركيا", "turkey", "türkiye")),
    ("iran", "", ("إيران", "iran")),
    ("israel", "", ("إسرائيل", "israel")),
    ("palestine", "", ("فلسطين", "palestine")),
    ("egypt", "", ("مصر", "egypt")),
    ("saudi", "", ("السعودية", "المملكة العربية السعودية", "saudi arabia")),
    ("yemen", "", ("اليمن", "yemen")),
    ("libya", "", ("ليبيا", "libya")),
    ("tunisia", "", ("تونس", "tunisia")),
    ("algeria", "", ("الجزائر", "algeria")),
    ("morocco", "", ("المغرب", "morocco")),
    ("sudan", "", ("السودان", "sudan")),
    ("qatar", "", ("قطر", "qatar")),
    ("uae", "", ("الإمارات", "uae", "united arab emirates")),
    ("kuwait", "", ("الكويت", "kuwait")),
    ("bahrain", "", ("البحرين", "bahrain")),
    ("oman", "", ("عمان", "سلطنة عمان", "oman")),
    ("pakistan", "", ("باكستان", "pakistan")),
    ("russia", "", ("روسيا", "russia")),
    ("usa", "", ("أمريكا", "أميركا", "الولايات المتحدة", "united states", "america", "usa")),
    ("uk", "", ("بريطانيا", "المملكة المتحدة", "britain", "united kingdom")),
    ("france", "", ("فرنسا", "france")),
    ("germany", "", ("ألمانيا", "المانيا", "germany")),
    ("china", "", ("الصين", "china")),
    ("ukraine", "", ("أوكرانيا", "ukraine")),
    ("somalia", "", ("الصومال", "somalia")),
    ("nigeria", "", ("نيجيريا", "nigeria")),
    ("india", "", ("الهند", "india")),
    # Syria
    ("damascus", "syria", ("دمشق", "damascus")),
    ("aleppo", "syria", ("حلب", "aleppo")),
    ("deir_ez_zor", "syria", ("دير الزور", "ديرالزور", "deir ez-zor", "deir ezzor",
                              "deir al-zor", "deir el-zor", "deir ez zor", "deir azzor")),
    ("abu_kamal", "deir_ez_zor", ("البوكمال", "أبو كمال", "abu kamal", "al-bukamal",
                                  "albukamal", "boukamal")),
    ("mayadin", "deir_ez_zor", ("الميادين", "mayadin", "al-mayadin")),
    ("homs", "syria", ("حمص", "homs")),
    ("palmyra", "homs", ("تدمر", "palmyra")),
    ("sukhnah", "homs", ("السخنة", "sukhnah", "al-sukhnah", "sukhna")),
    ("hama", "syria", ("حماة", "hama")),
    ("idlib", "syria", ("إدلب", "idlib", "idleb")),
    ("daraa", "syria", ("درعا", "daraa", "deraa")),
    ("raqqa", "syria", ("الرقة", "raqqa", "al-raqqa", "raqqah")),
    ("latakia", "syria", ("اللاذقية", "latakia")),
    ("hmeimim", "latakia", ("حميميم", "hmeimim", "khmeimim")),
    ("tartus", "syria", ("طرطوس", "tartus")),
    ("hasakah", "syria", ("الحسكة", "hasakah", "al-hasakah")),
    ("qamishli", "hasakah", ("القامشلي", "qamishli")),
    ("tanf", "homs", ("التنف", "tanf", "al-tanf")),
    ("ghouta", "damascus", ("الغوطة", "الغوطة الشرقية", "ghouta", "eastern ghouta")),
    ("douma", "ghouta", ("دوما", "douma")),
    ("manbij", "aleppo", ("منبج", "manbij")),
    ("afrin", "aleppo", ("عفرين", "afrin")),
    ("kobani", "aleppo", ("عين العرب", "كوباني", "kobani")),
    ("quneitra", "syria", ("القنيطرة", "quneitra")),
    ("suwayda", "syria", ("السويداء", "suwayda", "sweida")),
    ("golan", "syria|israel", ("الجولان", "golan")),
    # Iraq
    ("baghdad", "iraq", ("بغداد", "baghdad")),
    ("mosul", "iraq", ("الموصل", "mosul")),
    ("basra", "iraq", ("البصرة", "basra")),
    ("kirkuk", "iraq", ("كركوك", "kirkuk")),
    ("erbil", "iraq", ("أربيل", "erbil", "irbil")),
    ("fallujah", "iraq", ("الفلوجة", "fallujah")),
    ("ramadi", "iraq", ("الرمادي", "ramadi")),
    ("tikrit", "iraq", ("تكريت", "tikrit")),
    ("anbar", "iraq", ("الأنبار", "anbar")),
    ("qaim", "anbar", ("القائم", "al-qaim")),
    ("najaf", "iraq", ("النجف", "najaf")),
    ("karbala", "iraq", ("كربلاء", "karbala")),
    ("sinjar", "iraq", ("سنجار", "sinjar")),
    # Afghanistan, Pakistan
    ("kabul", "afghanistan", ("كابول", "كابل", "kabul")),
    ("kandahar", "afghanistan", ("قندهار", "kandahar")),
    ("herat", "afghanistan", ("هرات", "herat")),
    ("jalalabad", "afghanistan", ("جلال آباد", "jalalabad")),
    ("kunduz", "afghanistan", ("قندوز", "kunduz")),
    ("islamabad", "pakistan", ("إسلام آباد", "islamabad")),
    ("karachi", "pakistan", ("كراتشي", "karachi")),
    ("peshawar", "pakistan", ("بيشاور", "peshawar")),
    # Levant, Gulf, North Africa
    ("beirut", "lebanon", ("بيروت", "beirut")),
    ("tripoli_lb", "lebanon", ("طرابلس الشام",)),
    ("amman", "jordan", ("عمان", "amman")),
    ("jerusalem", "israel|palestine", ("القدس", "jerusalem")),
    ("gaza", "palestine", ("غزة", "قطاع غزة", "gaza")),
    ("west_bank", "palestine", ("الضفة الغربية", "west bank")),
    ("ramallah", "west_bank", ("رام الله", "ramallah")),
    ("tel_aviv", "israel", ("تل أبيب", "tel aviv")),
    ("cairo", "egypt", ("القاهرة", "cairo")),
    ("alexandria", "egypt", ("الإسكندرية", "alexandria")),
    ("sinai", "egypt", ("سيناء", "sinai")),
    ("riyadh", "saudi", ("الرياض", "riyadh")),
    ("jeddah", "saudi", ("جدة", "jeddah")),
    ("sanaa", "yemen", ("صنعاء", "sanaa")),
    ("aden", "yemen", ("عدن", "aden")),
    ("hodeidah", "yemen", ("الحديدة", "hodeidah")),
    ("tripoli", "libya", ("طرابلس", "tripoli")),
    ("benghazi", "libya", ("بنغازي", "benghazi")),
    ("doha", "qatar", ("الدوحة", "doha")),
    ("dubai", "uae", ("دبي", "dubai")),
    ("abu_dhabi", "uae", ("أبوظبي", "أبو ظبي", "abu dhabi")),
    ("khartoum", "sudan", ("الخرطوم", "khartoum")),
    ("tehran", "iran", ("طهران", "tehran")),
    ("ankara", "turkey", ("أنقرة", "ankara")),
    ("istanbul", "turkey", ("إسطنبول", "اسطنبول", "istanbul")),
    ("moscow", "russia", ("موسكو", "moscow")),
    ("washington", "usa", ("واشنطن", "washington")),
    ("new_york", "usa", ("نيويورك", "new york")),
    ("london", "uk", ("لندن", "london")),
    ("paris", "france", ("باريس", "paris")),
    ("berlin", "germany", ("برلين", "berlin")),
    ("beijing", "china", ("بكين", "beijing")),
    ("switzerland", "", ("سويسرا", "switzerland")),
    ("geneva", "switzerland", ("جنيف", "geneva")),
    ("kazakhstan", "", ("كازاخستان", "kazakhstan")),
    ("astana", "kazakhstan", ("أستانة", "آستانة", "أستانا", "astana")),
    ("sochi", "russia", ("سوتشي", "sochi")),
    ("kyiv", "ukraine", ("كييف", "kyiv", "kiev")),
    ("mogadishu", "somalia", ("مقديشو", "mogadishu")),
)

# --- time ---------------------------------------------------------------------------------

# weekday id -> names. The ids are ordinal so the relation stage may compute gaps.
WEEKDAYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("monday", ("الاثنين", "الإثنين", "monday")),
    ("tuesday", ("الثلاثاء", "tuesday")),
    ("wednesday", ("الأربعاء", "wednesday")),
    ("thursday", ("الخميس", "thursday")),
    ("friday", ("الجمعة", "friday")),
    ("saturday", ("السبت", "saturday")),
    ("sunday", ("الأحد", "sunday")),
)
# These also mean "the two" and "the one": they name a day only after a time word.
AMBIGUOUS_WEEKDAYS = ("الاثنين", "الإثنين", "الأحد")
TIME_WORDS = frozenset("""
يوم أمس امس مساء صباح ليل ليلة فجر ظهر نهار عصر يومي on last next since by
""".split())

# Words after which a place name is where the event happened, not a party to it ("روسيا"
# in "اتهمت روسيا" is an actor). A ب- prefix on the name counts too (بكابول).
LOCATIVES = frozenset("""
في قرب بالقرب شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط مدينة بلدة قرية محافظة ريف أطراف
ضواحي داخل حول عند العاصمة منطقة مخيم حي محيط أنحاء
in at near outside inside around across throughout north south east west northern southern
eastern western central city town village province capital region outskirts suburbs
""".split())

MONTHS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("يناير", "كانون الثاني", "january", "jan")),
    (2, ("فبراير", "شباط", "february", "feb")),
    (3, ("مارس", "آذار", "march", "mar")),
    (4, ("أبريل", "ابريل", "نيسان", "april", "apr")),
    (5, ("مايو", "أيار", "may")),
    (6, ("يونيو", "حزيران", "june", "jun")),
    (7, ("يوليو", "تموز", "july", "jul")),
    (8, ("أغسطس", "آب", "august", "aug")),
    (9, ("سبتمبر", "أيلول", "september", "sep", "sept")),
    (10, ("أكتوبر", "تشرين الأول", "october", "oct")),
    (11, ("نوفمبر", "تشرين الثاني", "november", "nov")),
    (12, ("ديسمبر", "كانون الأول", "december", "dec")),
)

# --- actors -------------------------------------------------------------------------------

# Parties that act in news events: (canonical id, kind, names). Kind "state" is a state's
# forces, "armed" a non-state armed group. The generic ids "army" and "armed_group" ("the army",
# "militants") are compatible with any party of their kind, so "الجيش" never differs from
# "الجيش السوري", while "the army" does differ from "the rebels".
ACTORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("army", "state", ("الجيش", "القوات الحكومية", "القوات النظامية", "army", "the military",
                       "government forces", "troops")),
    ("armed_group", "armed", ("المسلحون", "المسلحين", "المتمردون", "المتمردين", "الثوار",
                              "militants", "insurgents", "gunmen")),
    ("syrian_gov", "state", ("قوات النظام", "النظام السوري", "الجيش السوري", "قوات الأسد",
                             "القوات الحكومية السورية", "syrian army", "syrian government forces",
                             "regime forces", "assad forces", "syrian troops")),
    ("us_forces", "state", ("القوات الأمريكية", "القوات الأميركية", "الجيش الأمريكي",
                            "الجيش الأميركي", "التحالف الدولي", "us forces", "u.s. forces",
                            "us military", "us-led coalition", "coalition forces",
                            "american forces")),
    ("russian_forces", "state", ("القوات الروسية", "الجيش الروسي", "الطيران الروسي",
                                 "سلاح الجو الروسي", "russian forces", "russian military",
                                 "russian army", "russian jets")),
    ("turkish_forces", "state", ("القوات التركية", "الجيش التركي", "turkish forces",
                                 "turkish army", "turkish military")),
    ("israeli_forces", "state", ("الجيش الإسرائيلي", "القوات الإسرائيلية", "جيش الاحتلال",
                                 "israeli forces", "israeli army", "israeli military", "idf")),
    ("iraqi_forces", "state", ("القوات العراقية", "الجيش العراقي", "الحشد الشعبي",
                               "iraqi forces", "iraqi army", "popular mobilization forces")),
    ("isis", "armed", ("داعش", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "الدولة الإسلامية",
                       "isis", "isil", "islamic state", "daesh")),
    ("nusra", "armed", ("جبهة النصرة", "هيئة تحرير الشام", "تحرير الشام", "النصرة",
                        "nusra front", "al-nusra", "hayat tahrir al-sham", "hts")),
    # the YPG leads the SDF: one party for telling events apart
    ("sdf", "armed", ("قوات سوريا الديمقراطية", "قسد", "وحدات حماية الشعب", "sdf",
                      "syrian democratic forces", "ypg")),
    ("rebels", "armed", ("المعارضة", "المعارضة المسلحة", "الفصائل المسلحة", "الجيش السوري الحر",
                         "الجيش الحر", "فصائل المعارضة", "rebels", "rebel", "free syrian army",
                         "opposition fighters")),
    ("taliban", "armed", ("طالبان", "حركة طالبان", "taliban")),
    ("hezbollah", "armed", ("حزب الله", "hezbollah", "hizbollah")),
    ("hamas", "armed", ("حماس", "حركة حماس", "hamas")),
    ("houthis", "armed", ("الحوثيون", "الحوثيين", "جماعة الحوثي", "houthis", "houthi")),
    # bare "القاعدة" is mostly "the base" (القاعدة الروسية في حميميم), so it is not listed
    ("al_qaeda", "armed", ("تنظيم القاعدة", "al-qaeda", "al qaeda", "alqaeda")),
)
GENERIC_ACTORS = frozenset({"army", "armed_group"})

# --- speakers -----------------------------------------------------------------------------

# Names under which the same voice is quoted: (canonical id, names). A named spokesperson
# speaks for the institution, so both map to one id.
SPEAKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("russian_mod", ("وزارة الدفاع الروسية", "الدفاع الروسية", "الناطق باسم وزارة الدفاع الروسية",
                     "كوناشينكوف", "إيجور كوناشينكوف", "إيغور كوناشينكوف",
                     "russian defence ministry", "russian defense ministry",
                     "russia's defence ministry", "russia's defense ministry",
                     "igor konashenkov", "konashenkov")),
    ("hmeimim", ("حميميم", "قاعدة حميميم", "القاعدة الروسية في حميميم", "قاعدة حميميم الروسية",
                 "hmeimim", "hmeimim air base", "khmeimim")),
    ("russian_mfa", ("وزارة الخارجية الروسية", "الخارجية الروسية", "russian foreign ministry")),
    ("lavrov", ("لافروف", "سيرغي لافروف", "سيرجي لافروف", "lavrov", "sergei lavrov",
                "sergey lavrov")),
    ("putin", ("بوتين", "فلاديمير بوتين", "putin", "vladimir putin")),
    ("rouhani", ("روحاني", "حسن روحاني", "rouhani", "hassan rouhani")),
    ("mattis", ("ماتيس", "جيمس ماتيس", "mattis", "jim mattis", "james mattis")),
    ("pentagon", ("البنتاغون", "البنتاجون", "وزارة الدفاع الأمريكية", "وزارة الدفاع الأميركية",
                  "pentagon", "us defense department", "u.s. defense department")),
    ("us_state_dept", ("الخارجية الأمريكية", "الخارجية الأميركية", "وزارة الخارجية الأمريكية",
                       "وزارة الخارجية الأميركية", "state department", "us state department")),
    ("trump", ("ترامب", "دونالد ترامب", "trump", "donald trump")),
    ("assad", ("الأسد", "بشار الأسد", "assad", "bashar al-assad", "bashar assad")),
    ("erdogan", ("أردوغان", "رجب طيب أردوغان", "erdogan", "recep tayyip erdogan")),
    ("sohr", ("المرصد السوري لحقوق الإنسان", "المرصد السوري", "syrian observatory for human rights",
              "syrian observatory", "sohr")),
    ("sana", ("سانا", "وكالة سانا", "الوكالة العربية السورية للأنباء", "sana")),
    ("un", ("الأمم المتحدة", "united nations", "un")),
    ("who", ("منظمة الصحة العالمية", "world health organization", "who")),
)


# --- accusations ----------------------------------------------------------------------------

# Verbs of blaming, as regular expressions over normalised text. حمّل counts only with مسؤولية
# a few words on ("حمّلت X الجانب الأمريكي مسؤولية"), so "حمل السلاح" is not an accusation.
ACCUSATION_CUES = (
    r"(?<!\w)[وف]?(?:اتهم|يتهم|تتهم|نتهم)\w*",
    r"(?<!\w)[وف]?(?:حمل|يحمل|تحمل)\w*(?:\s+\S+){0,6}\s+(?:ال)?مسووليه",
    r"(?<!\w)(?:accus|blam)\w*",
    r"(?<!\w)held\s+(?:\S+\s+){0,4}responsible",
)
# The sides an accusation can target, as regular expressions over normalised text.
SIDES = (
    ("usa", r"امريك|اميرك|واشنطن|الولايات المتحده|(?<!\w)u\.?s\.?(?!\w)|americ|washington"
            r"|united states|pentagon|البنتاغون|البنتاجون"),
    ("russia", r"روسي|روسيا|موسكو|الكرملين|russia|moscow|kremlin"),
    ("iran", r"ايران|طهران|iran|tehran"),
    ("turkey", r"تركيا|التركي|انقره|turkey|turkish|ankara"),
    ("israel", r"اسرائيل|israel"),
    ("syrian_gov", r"النظام السوري|الحكومه السوريه|دمشق|damascus|syrian government|assad|الاسد"),
)
DISPLAY = {"usa": "the US", "russia": "Russia", "iran": "Iran", "turkey": "Turkey",
           "israel": "Israel", "syrian_gov": "the Syrian government", "isis": "ISIS",
           "us_forces": "US forces", "russian_forces": "Russian forces"}
