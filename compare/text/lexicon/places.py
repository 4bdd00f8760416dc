"""Places (with the place containing each), weekdays, months, time words and locatives."""

from __future__ import annotations

# --- places -------------------------------------------------------------------------------

# (canonical id, parent id or "", names in Arabic and English). A place and its parent are the
# same event's place at two scales, so "دير الزور" and "سوريا" never differ. A disputed place
# lists every parent ("israel|palestine"); an id without a parent is a country.
PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # countries
    ("syria", "", ("سوريا", "سورية", "syria", "syrie", "сирия", "сирии")),
    ("iraq", "", ("العراق", "iraq", "irak", "ирак", "ираке")),
    ("afghanistan", "", ("أفغانستان", "afghanistan", "афганистан", "афганистане")),
    ("lebanon", "", ("لبنان", "lebanon", "liban", "ливан", "ливане")),
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
    ("russia", "", ("روسيا", "russia", "russie", "россия", "россии")),
    ("usa", "", ("أمريكا", "أميركا", "الولايات المتحدة", "united states", "america", "usa")),
    ("uk", "", ("بريطانيا", "المملكة المتحدة", "britain", "united kingdom")),
    ("france", "", ("فرنسا", "france", "франция", "франции")),
    ("germany", "", ("ألمانيا", "المانيا", "germany")),
    ("china", "", ("الصين", "china")),
    ("ukraine", "", ("أوكرانيا", "ukraine", "украина", "украине")),
    ("somalia", "", ("الصومال", "somalia")),
    ("nigeria", "", ("نيجيريا", "nigeria")),
    ("india", "", ("الهند", "india")),
    # Syria
    ("damascus", "syria", ("دمشق", "damascus", "damas", "дамаск", "дамаске")),
    ("aleppo", "syria", ("حلب", "aleppo", "alep", "алеппо", "халеб", "халебе")),
    ("deir_ez_zor", "syria", ("دير الزور", "ديرالزور", "deir ez-zor", "deir ezzor",
                              "deir al-zor", "deir el-zor", "deir ez zor", "deir azzor")),
    ("abu_kamal", "deir_ez_zor", ("البوكمال", "أبو كمال", "abu kamal", "al-bukamal",
                                  "albukamal", "boukamal")),
    ("mayadin", "deir_ez_zor", ("الميادين", "mayadin", "al-mayadin")),
    ("homs", "syria", ("حمص", "homs", "хомс", "хомсе")),
    ("palmyra", "homs", ("تدمر", "palmyra")),
    ("sukhnah", "homs", ("السخنة", "sukhnah", "al-sukhnah", "sukhna")),
    ("hama", "syria", ("حماة", "hama")),
    ("idlib", "syria", ("إدلب", "idlib", "idleb", "идлиб", "идлибе")),
    ("daraa", "syria", ("درعا", "daraa", "deraa")),
    ("raqqa", "syria", ("الرقة", "raqqa", "al-raqqa", "raqqah", "rakka", "ракка", "ракке")),
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
    ("baghdad", "iraq", ("بغداد", "baghdad", "bagdad", "багдад", "багдаде")),
    ("mosul", "iraq", ("الموصل", "mosul", "mossoul", "мосул", "мосуле")),
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
    ("kabul", "afghanistan", ("كابول", "كابل", "kabul", "kaboul", "кабул", "кабуле")),
    ("kandahar", "afghanistan", ("قندهار", "kandahar")),
    ("herat", "afghanistan", ("هرات", "herat")),
    ("jalalabad", "afghanistan", ("جلال آباد", "jalalabad")),
    ("kunduz", "afghanistan", ("قندوز", "kunduz")),
    ("islamabad", "pakistan", ("إسلام آباد", "islamabad")),
    ("karachi", "pakistan", ("كراتشي", "karachi")),
    ("peshawar", "pakistan", ("بيشاور", "peshawar")),
    # Levant, Gulf, North Africa
    ("beirut", "lebanon", ("بيروت", "beirut", "beyrouth", "бейрут", "бейруте")),
    ("tripoli_lb", "lebanon", ("طرابلس الشام",)),
    ("amman", "jordan", ("عمان", "amman")),
    ("jerusalem", "israel|palestine", ("القدس", "jerusalem")),
    ("gaza", "palestine", ("غزة", "قطاع غزة", "gaza", "газа", "газе", "секторе газа")),
    ("west_bank", "palestine", ("الضفة الغربية", "west bank")),
    ("ramallah", "west_bank", ("رام الله", "ramallah")),
    ("tel_aviv", "israel", ("تل أبيب", "tel aviv")),
    ("cairo", "egypt", ("القاهرة", "cairo", "le caire", "каир", "каире")),
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
    ("tehran", "iran", ("طهران", "tehran", "téhéran", "тегеран", "тегеране")),
    ("ankara", "turkey", ("أنقرة", "ankara")),
    ("istanbul", "turkey", ("إسطنبول", "اسطنبول", "istanbul")),
    ("moscow", "russia", ("موسكو", "moscow", "moscou", "москва", "москве")),
    ("washington", "usa", ("واشنطن", "washington", "вашингтон", "вашингтоне")),
    ("new_york", "usa", ("نيويورك", "new york")),
    ("london", "uk", ("لندن", "london", "londres", "лондон", "лондоне")),
    ("paris", "france", ("باريس", "paris", "париж", "париже")),
    ("berlin", "germany", ("برلين", "berlin")),
    ("beijing", "china", ("بكين", "beijing")),
    ("switzerland", "", ("سويسرا", "switzerland")),
    ("geneva", "switzerland", ("جنيف", "geneva", "genève", "женева", "женеве")),
    ("kazakhstan", "", ("كازاخستان", "kazakhstan")),
    ("astana", "kazakhstan", ("أستانة", "آستانة", "أستانا", "astana")),
    ("sochi", "russia", ("سوتشي", "sochi")),
    ("kyiv", "ukraine", ("كييف", "kyiv", "kiev", "киев", "киеве")),
    ("mogadishu", "somalia", ("مقديشو", "mogadishu")),
)

# --- time ---------------------------------------------------------------------------------

# weekday id -> names. The ids are ordinal so the relation stage may compute gaps.
WEEKDAYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("monday", ("الاثنين", "الإثنين", "monday", "lundi", "понедельник")),
    ("tuesday", ("الثلاثاء", "tuesday", "mardi", "вторник")),
    ("wednesday", ("الأربعاء", "wednesday", "mercredi", "среда", "среду")),
    ("thursday", ("الخميس", "thursday", "jeudi", "четверг")),
    ("friday", ("الجمعة", "friday", "vendredi", "пятница", "пятницу")),
    ("saturday", ("السبت", "saturday", "samedi", "суббота", "субботу")),
    ("sunday", ("الأحد", "sunday", "dimanche", "воскресенье")),
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
à au dans près ville région province в во под около близ городе районе
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

