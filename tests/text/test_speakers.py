"""Who said it: subjects of attribution verbs, sources, and when a speaker carries over."""

from __future__ import annotations

import pytest

from compare.text.lexicon import attribution as speakers
from compare.text.normalize import fold_word
from compare.text.speakers import is_attribution_verb, speaker_of

PREVIOUS = "المتحدث السابق"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # the seed sentences, VSO
        ("على وقع تزايد هجمات تنظيم «داعش» الإرهابي في سوريا في الأيام الأخيرة، اتهمت وزارة "
         "الدفاع الروسية الجيش الأميركي بتوفير الحماية والغطاء للتنظيم", "وزارة الدفاع الروسية"),
        ("حمّلت القاعدة الروسية في حميميم، الجانب الأمريكي مسؤولية هجوم تنظيم",
         "القاعدة الروسية في حميميم"),
        ("وقال الناطق باسم الوزارة إيجور كوناشينكوف: «فوجئنا بالتلاعب اللفظي»",
         "الناطق باسم الوزارة إيجور كوناشينكوف"),
        ('وقالت حميميم إن "الجانب الأمريكي يتحمل مسؤولية تبعات الهجوم"', "حميميم"),
        ("وأضاف سيرومولوتوف في تصريحات لوكالة نوفوستي الروسية، أن قيادة القوات",
         "سيرومولوتوف"),
        ("وأمس الجمعة كشف وزير الخارجية الروسي سيرغي لافروف، عن وجود مشاكل",
         "وزير الخارجية الروسي سيرغي لافروف"),
        ("وقبل أيام أعرب سيرغي ريابكوف نائب وزير الخارجية الروسي عن خيبة أمله",
         "سيرغي ريابكوف نائب وزير الخارجية الروسي"),
        ("واتهمت وزارة الدفاع الروسية أكثر من مرة الاستخبارات الأميركية بتشجيع",
         "وزارة الدفاع الروسية"),
        ("وفي مقابل التصعيد الروسي ضد أميركا، أكد الرئيس فلاديمير بوتين وجود نتائج ملموسة",
         "الرئيس فلاديمير بوتين"),
        # a verb without a subject ("قال فيها") does not hide the main clause's speaker
        ("ورداً على تصريحات لوزير الدفاع الأميركي جيمس ماتيس قال فيها إن دعم روسيا «قاد الشعب "
         "السوري إلى كارثة»، شددت وزارة الدفاع الروسية على أنّ «داعش» وُلد بعد الغزو",
         "وزارة الدفاع الروسية"),
        # نقلت X عن Y: Y said it
        ("ونقلت «سبوتنيك» على موقعها الإلكتروني عن بوتين قوله خلال لقائه نظيره", "بوتين"),
        # SVO, sources
        ("وزارة الدفاع الروسية أكدت أن التنظيم يتراجع", "وزارة الدفاع الروسية"),
        ("قتل 40 شخصا في غارة، بحسب المرصد السوري لحقوق الإنسان.",
         "المرصد السوري لحقوق الإنسان"),
        ("قتل 40 شخصا في غارة، وفقاً لوزارة الصحة.", "وزارة الصحة"),
        # diacritics do not matter, and the span comes back as written
        ("وقالَتْ وزارةُ الخارجيّةِ إنّ الاجتماع أُلغي", "وزارةُ الخارجيّةِ"),
        ("وقال مسؤول للصحفيين إن الهجوم فشل", "مسؤول"),
        ("وأعرب الشيخ صباح الخالد عن تقديره", "الشيخ صباح الخالد"),
    ],
)
def test_arabic_speaker(sentence: str, speaker: str) -> None:
    assert speaker_of(sentence, PREVIOUS, "ar") == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "وأضاف: «ننصح وزير الدفاع الأميركي بدرس خريطة الوضع في هذ البلد»",
        "وأشار إلى أن الهجوم فشل",
        "وقال إن النتائج «تصبح كل يوم أكثر قوة»",
        "ولفت إلى أن المفاوضات مستمرة",
        'معتبرة أن "الهجوم لم يكن ليحدث لولا التدخل الأمريكي"',
        "وأكد أن روسيا سترد بحزم، بحسب تعبيره",
        "وتابع: «لن نسمح بذلك»",
    ],
)
def test_arabic_cues_inherit_the_previous_speaker(sentence: str) -> None:
    assert speaker_of(sentence, PREVIOUS, "ar") == PREVIOUS


@pytest.mark.parametrize(
    "sentence",
    [
        "ميدانياً، تراجع تنظيم «داعش» إلى أطراف مدينة البوكمال شرق سورية",
        "وبدأ تنظيم الدولة هجوما مضادا، وسيطر على منطقتي الشولا وكباجب، وأعلن عن مقتل العشرات",
        "وحمل المسلحون السلاح في المدينة",  # حمل without مسؤولية is not "blamed"
        "ونقل الجرحى إلى المستشفى",  # نقل without عن/أن is not "reported"
    ],
)
def test_no_attribution_gives_no_speaker(sentence: str) -> None:
    assert speaker_of(sentence, PREVIOUS, "ar") is None


def test_a_bare_quotation_continues_only_within_the_paragraph() -> None:
    quote = "«لن نتراجع عن موقفنا»"
    assert speaker_of(quote, PREVIOUS, "ar", same_paragraph=True) == PREVIOUS
    assert speaker_of(quote, PREVIOUS, "ar", same_paragraph=False) is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Russia's defence ministry said on Friday that the U.S. was to blame.",
         "Russia's defence ministry"),
        ('"We will respond," said Igor Konashenkov, the ministry spokesman.',
         "Igor Konashenkov"),
        ('"We will respond," Konashenkov told reporters.', "Konashenkov"),
        ("At least 40 people were killed, according to the Syrian Observatory for Human Rights.",
         "Syrian Observatory for Human Rights"),
        ("The Pentagon denied the report.", "Pentagon"),
        ("The ministry has accused Washington of shielding the group.", "ministry"),
    ],
)
def test_english_speaker(sentence: str, speaker: str) -> None:
    assert speaker_of(sentence, PREVIOUS, "en") == speaker


def test_english_pronoun_inherits_and_narration_does_not() -> None:
    assert speaker_of("He added that the strikes would continue.", "Konashenkov", "en") \
        == "Konashenkov"
    assert speaker_of("Fighting continued in the city on Friday.", "Konashenkov", "en") is None


def test_attribution_verbs() -> None:
    assert is_attribution_verb("وقال") and is_attribution_verb("اكدت")
    assert is_attribution_verb("said")
    assert not is_attribution_verb("الوزاره")


def test_lexicons_are_written_in_folded_form() -> None:
    """A word with a hamza seat or taa marbuta would never match folded text."""
    words: set[str] = set()
    for table in (speakers.AR_VERBS, speakers.AR_SOURCES, speakers.AR_HAL, speakers.AR_STOP,
                  speakers.AR_NO_SUBJECT, speakers.AR_STATEMENT, speakers.AR_MEDIA,
                  speakers.AR_LEADING_TIME, speakers.AR_RELATIVE, speakers.AR_NOT_SVO_START,
                  speakers.AR_PRONOUNS, speakers.AR_NEEDS, speakers.AR_DAYPARTS,
                  speakers.AR_KANA):
        words |= set(table)
    words |= {w for needs in speakers.AR_NEEDS.values() for w in needs}
    assert sorted(w for w in words if fold_word(w) != w) == []
