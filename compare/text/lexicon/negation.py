"""Function words, negation particles, denial verbs and what looks like a negation but is not,
in Arabic, English, French and Russian."""

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
le la les l un une des du de d au aux et ou est sont été être était étaient avait avaient ont
dans pour par sur avec sans que qu qui dont ce cet cette ces il elle ils elles se s sa ses leur
leurs lui y en ne pas selon après avant lors entre contre vers chez aussi déjà très plus
и в во не на с со что как по к о об от из за для у а но же бы ли ни был была было были будет
это этот эта эти этого его ее её их он она оно они мы вы я то так также уже при до после над
под между против около через без всех все весь который которая которые которых сообщил
сообщила сообщили заявил заявила заявили
""".split()) | frozenset(f"{c}{q}{w}" for c in "ndlsjc" for q in "'’" for w in (
    "a", "est", "ont", "était", "avait", "y", "en", "il", "elle", "un", "une", "on",
))

# Function words that tell French from English (names such as "Le Monde" or "de Mistura" carry
# le, la and de into English text, so those are not here); elided l', d', n', s' count too.
FRENCH_MARKERS = frozenset("""
les des du est sont été une dans pour avec qui que sur ont aux selon cette ces il elle ils ne
pas leur après était avait ses sa au contre entre lors aucun aucune avoir être très
""".split())
# "a" is French before a past participle ("a battu", "a démenti").
FRENCH_PARTICIPLES = frozenset("""
battu perdu fait pris dit obtenu maintenu démenti nié relevé gagné laissé adopté rejeté annoncé
affirmé déclaré indiqué accusé démissionné abaissé imposé tué blessé
""".split())
ENGLISH_MARKERS = frozenset("""
the of and to is was were that with for on has have said by from are been
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
# French: the particles that negate alone; "ne"/"n'" is read in FRENCH_NE.
NEGATION_PARTICLES_FR = frozenset("""
jamais aucun aucune nullement
""".split())
# "ne"/"n'" negates only with one of FRENCH_NE_COMPLEMENTS a few words on: "n'a pas démissionné",
# "ne démissionnera pas". Without one it is expletive ("avant qu'il ne parte") or restrictive
# ("n'a tué que deux personnes": killed only two). "n' pas" reads "n'a pas" as one cue.
FRENCH_NE = ("ne", "n'", "n' pas", "n' jamais", "n' plus", "ne pas", "ne jamais", "ne plus")
FRENCH_NE_COMPLEMENTS = frozenset("pas jamais plus rien aucun aucune personne guère nullement "
                                  "point ni".split())
# Russian: "не" before the verb it negates ("не подал в отставку").
NEGATION_PARTICLES_RU = frozenset("""
не нет никто ничто ничего никогда нигде
""".split())
# "without" after a negation cancels it: "لن تنفجر بدون الزناد", "would not explode without".
WITHOUT = ("بدون", "من دون", "دون أن", "without", "sans", "без")

# Explicit denials: the speaker says the claim is false. These are trusted even across
# languages.
DENIAL_WORDS = frozenset("""
نفى نفت نفوا نفيا ينفي تنفي ينفون نفي النفي نافيا نافية ينفيان تنفيان نفاه نفته نفتها نفاها
دحض دحضت يدحض تدحض فند فندت يفند تفند
denied deny denies refuted refutes refute
démenti démentie démentis dément démentent démentait démentaient démentir démentant
nié niée nie nient niait niaient nier niant réfuté réfute réfutent
опроверг опровергла опровергло опровергли опровергает опровергают опровергнул опровергнуть
опровержение опровергая отрицает отрицают отрицал отрицала отрицало отрицали отрицать отрицая
""".split())
# Denials with a second sense (كذب "lied", "incorrect payments", "denying rights"): trusted
# only within one language, where the rest of the claim is checked.
WEAK_DENIALS = (
    "كذب", "كذبت", "يكذب", "تكذب", "غير صحيح", "غير صحيحة", "غير دقيق", "غير دقيقة",
    "عار عن الصحة", "عارية عن الصحة", "لا أساس له", "لا أساس لها", "denying", "denial",
    "dénégation", "sans fondement", "infondé", "infondée", "infondées", "infondés",
    "не соответствует действительности", "не соответствуют действительности", "фейк", "ложь",
)

# Rejecting a report is denying it: رفض … ادعاءات / rejected … reports.
REJECT_VERBS = frozenset("رفض رفضت رفضوا يرفض ترفض rejected rejects reject dismissed "
                         "dismisses dismiss rejette rejettent rejeté rejetée rejetait rejeter "
                         "récuse récusé отверг отвергла отвергло отвергли отвергает отвергают "
                         "отклонил отклонила отклонило отклонили".split())
REPORT_NOUNS = frozenset("""
ادعاءات الادعاءات مزاعم المزاعم اتهامات الاتهامات تقارير التقارير أنباء الأنباء الأخبار
الشائعات شائعات روايات الرواية رواية
reports report claims claim allegations allegation accusations accusation rumours rumors
informations information allégations accusations affirmations rumeurs rapports
сообщения сообщений сообщение информацию информации обвинения обвинений утверждения
утверждений слухи слухов заявления данные
""".split())

# Uses of a negation word that do not negate the claim. A negation cue inside one of these
# phrases is ignored.
NOT_NEGATION = (
    "لا سيما", "ولا سيما", "لا سيّما", "لا يزال", "لا تزال", "لا يزالون", "لا زال", "لا زالت",
    "لا بد", "لا شك", "لا ريب", "لا أكثر", "ليس فقط", "ليس إلا", "لا غير",
    "not only", "not least", "whether or not", "if not", "no doubt", "no matter",
    "nothing but", "not just",
    "non seulement", "pas seulement", "pas moins de", "n'importe", "ne serait-ce",
    "не только", "не менее", "не более", "не раз", "не позднее", "не ранее", "не так давно",
    # A drone is an "aircraft without a pilot"; "لا مركزية" is decentralised.
    "بدون طيار", "دون طيار", "بلا طيار", "without a pilot", "لا مركزية", "لا مركزي",
)

# A negation followed closely by an exceptive is a restriction ("لم يبق إلا" = only … remained),
# and one followed by لولا is a counterfactual ("لم يكن ليحدث لولا" = happened because of).
EXCEPTIVES = frozenset("إلا سوى لولا except sauf excepté кроме".split())

