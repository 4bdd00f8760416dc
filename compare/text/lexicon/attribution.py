"""Attribution: the verbs that report speech, and the words that end or open a speaker's
name, read by ``compare.text.speakers`` (folded forms)."""

from __future__ import annotations

AR_VERBS = frozenset("""
قال قالت قالوا يقول تقول اكد اكدت اكدوا يوكد توكد اضاف اضافت اضافوا اتهم اتهمت اتهموا اعلن اعلنت
اعلنوا نفي نفت نفوا حمل حملت حملوا اشار اشارت اشاروا كشف كشفت كشفوا اعتبر اعتبرت اعتبروا اوضح
اوضحت اوضحوا شدد شددت شددوا ذكر ذكرت ذكروا صرح صرحت صرحوا افاد افادت افادوا نقل نقلت نقلوا لفت
لفتت حذر حذرت حذروا اعرب اعربت تابع تابعت اردف اردفت زعم زعمت ادعي ادعت اعترف اعترفت ابلغ ابلغت
طالبت دعا دعت نوه نوهت اوردت اورد
""".split())
# "وتابع" / "وأردف" continue a speaker; with a noun after them they mean "pursued".
AR_CONTINUE_ONLY = frozenset({"تابع", "تابعت", "اردف", "اردفت"})
# Verbs that are also everyday nouns count only with their reporting context in the sentence:
# حمّل ... مسؤولية (blamed), not حمل السلاح; نقل ... عن / أن (reported), not نقل الجرحى.
AR_NEEDS = {"حمل": ("مسووليه",), "حملت": ("مسووليه",), "حملوا": ("مسووليه",),
             "نقل": ("عن", "ان", "انه"), "نقلت": ("عن", "ان", "انه"), "نقلوا": ("عن", "ان")}
AR_SOURCES = frozenset({"بحسب", "حسب", "وفقا", "وفق", "نقلا", "طبقا"})
AR_HAL = frozenset("""
موكدا موكده مضيفا مضيفه معتبرا معتبره مشيرا مشيره لافتا لافته موضحا موضحه مشددا مشدده محذرا
محذره قايلا قايله منوها منوهه متابعا متابعه مخاطبا مخاطبه متحدثا متحدثه مستدركا مستدركه
مستطردا مستطرده
""".split())
AR_STOP = frozenset("""
ان انه انها انهم اننا انكم الي علي عن خلال امس اليوم يوم حيث بعد قبل منذ لاحقا سابقا موخرا حاليا
اثناء عقب بان بانه بانها بانهم ما الذي التي الذين اللذين لدي مع امام فيما بينما كما حين حتي لم لن
لا ليس قد سوف الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت قوله قولها قولهم وجود ضروره
اهميه استعداد رفض عدم التزام حرص تمسك مقتل سيطره انباء نبا ولكن لكن غير اكثر ل بحسب حسب
وفقا نقلا طبقا
""".split()) | AR_HAL
# Prepositional pronouns right after a verb mean it has no subject of its own.
AR_NO_SUBJECT = frozenset("""
في فيه فيها فيهم له لها لهم لنا لي عنه عنها منه منها به بها هو هي هم ذلك هذا هذه ايضا كذلك
انتباه الانتباه النظر
""".split()) | AR_STOP
# Parts of the day end the subject only as a time phrase: "قال صباح اليوم", not "الشيخ صباح".
AR_DAYPARTS = frozenset({"صباح", "مساء", "ليل", "ليله", "فجر", "ظهر", "عصر"})
# "في" opens the complement (not the subject) when a statement noun follows.
AR_STATEMENT = frozenset("""
تصريح تصريحات بيان حديث مقابله موتمر كلمه تغريده تغريدات رساله اتصال لقاء تقرير منشور حوار
جلسه اجتماع خطاب مداخله ندوه وقت حين اعقاب ختام سياق معرض رد ردا تعليق اطار
""".split())
AR_MEDIA = frozenset("""
وكاله قناه صحيفه موقع مراسل رويترز فرانس صحفيين صحافيين تلفزيون اذاعه وسايل اعلام الصحفيين
جزيره عربيه اناضول سبوتنيك نوفوستي تاس سكاي شبكه اذاعه مراسلين صحافه صحيفتي وكالتي قناتي
""".split())
AR_BI_STOPS = ("بت", "بال", "بان", "باست", "بعد", "بين", "بسبب", "بشان", "بخصوص", "بحسب", "بما",
                "بعدم", "بضروره", "بوجود")
AR_LEADING_TIME = frozenset("""
امس اليوم الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت مساء صباح يوم ايضا كذلك بدوره
بدورها مجددا مطلع اوايل اواخر منتصف نهايه بدايه الحالي الماضي الجاري المقبل الفايت يناير فبراير
مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان ايار حزيران
تموز اب ايلول تشرين الاول الثاني
""".split())
AR_KANA = frozenset({"كان", "كانت", "وكان", "وكانت"})
AR_RELATIVE = frozenset({"الذي", "التي", "الذين", "ما", "من", "ان", "لما"})
AR_NOT_SVO_START = frozenset("""
في وفي علي من ومن الي عن مع بعد وبعد قبل وقبل منذ خلال امس وامس اليوم حيث كما ثم لكن ولكن اذ
اذا لو ان انه بينما فيما عندما حين كان وكان قد وقد لقد ولقد هذا هذه ذلك تلك هناك وهناك ما
""".split())
AR_PRONOUNS = frozenset({"تعبيره", "تعبيرها", "قوله", "قولها", "قولهم", "زعمه", "زعمها", "وصفه",
                          "وصفها", "هو", "هي", "هم"})

EN_VERBS = frozenset("""
said says told tells added adds stated states claimed claims denied denies accused accuses blamed
blames announced announces warned warns confirmed confirms insisted insists reported noted argued
asserted explained alleged alleges stressed acknowledged admitted admits tweeted wrote declared
maintained
""".split())
EN_AUX = frozenset("""
has have had also later previously again then repeatedly earlier publicly separately reportedly
""".split())
EN_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
EN_STOP = frozenset("""
that who which whom on at after before during when while because as to with but and in on
by from if this these those there he she they it we i you earlier last this yesterday today
""".split())
EN_DETERMINERS = frozenset({"the", "a", "an", "and", "but", "so", "also"})

STOP_PUNCT = frozenset(":،,.;؛!?…-–—»\"”“")
OPEN_QUOTES = frozenset("«“\"")
CLOSE_OF = {"«": "»", "“": "”", '"': '"', "(": ")"}
