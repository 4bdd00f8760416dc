"""Function words, negation particles, denial verbs and what looks like a negation but is not."""

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

