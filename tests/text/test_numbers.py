"""Quantities: digits, number words, vague amounts, percentages, approximations, slots."""

from __future__ import annotations

import pytest

from compare.schema import NUMBER
from compare.text.numbers import extract_numbers, slot_of


def one(text: str, lang: str = "ar") -> dict:
    found = extract_numbers(text, lang)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("قتل ثلاثة أشخاص", "ar", 3),
        ("أصيب أحد عشر شخصاً", "ar", 11),
        ("قتل خمسة وعشرين جنديا", "ar", 25),
        ("مئة وخمسين", "ar", 150),
        ("ثلاثة آلاف وخمسمئة شخص", "ar", 3500),
        ("هدم ألفين منزل", "ar", 2000),
        ("قتل تسعة عشر شخصا", "ar", 19),
        ("twenty-five people", "en", 25),
        ("two hundred and fifty people", "en", 250),
        ("three million people", "en", 3_000_000),
        ("a dozen soldiers", "en", 12),
        ("2.5 مليون دولار", "ar", 2_500_000),
    ],
)
def test_number_words(text: str, lang: str, value: float) -> None:
    number = one(text, lang)
    assert number["value"] == number["low"] == number["high"] == value
    assert number["approx"] is False


def test_arabic_indic_digits_equal_western_digits() -> None:
    western, eastern = one("قتل 40 شخصا"), one("قتل ٤٠ شخصا")
    assert western["value"] == eastern["value"] == 40
    assert western["slot"] == eastern["slot"] == "killed"
    assert eastern["text"] == "٤٠ شخصا"


def test_separators_in_both_scripts() -> None:
    found = extract_numbers("1,500 displaced and ١٬٥٠٠ نازح, 3.5 km and ٣٫٥ كم", "ar")
    assert [(n["value"], n["slot"]) for n in found] == [
        (1500, "displaced"), (1500, "displaced"), (3.5, "km"), (3.5, "km")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("ارتفع بنسبة 20 بالمئة", "ar"), ("ارتفع بنسبة 20 في المائة", "ar"),
     ("ارتفع بنسبة %٢٠", "ar"), ("rose 20%", "en"), ("rose 20 percent", "en")],
)
def test_percentages_are_one_slot(text: str, lang: str) -> None:
    number = one(text, lang)
    assert (number["value"], number["unit"], number["slot"]) == (20, "%", "percent")


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("العشرات", "ar", 20, 99),
        ("وقتل العشرات من قوات النظام", "ar", 20, 99),
        ("مئات", "ar", 200, 999),
        ("آلاف المدنيين", "ar", 2000, 9999),
        ("نزح مئات الآلاف من المدنيين", "ar", 200_000, 999_000),
        ("dozens of people", "en", 20, 99),
        ("tens of thousands of people", "en", 20_000, 99_000),
    ],
)
def test_vague_amounts_are_ranges(text: str, lang: str, low: float, high: float) -> None:
    number = one(text, lang)
    assert (number["low"], number["high"], number["approx"]) == (low, high, True)
    assert number["value"] == (low + high) / 2


def test_a_set_phrase_with_no_amount_is_not_a_number() -> None:
    assert extract_numbers("عدد من الأشخاص", "ar") == []
    assert extract_numbers("one of the soldiers", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("أكثر من 40 جريحاً", "ar", 40, 60),
        ("at least 40 people", "en", 40, 60),
        ("نحو 50 كيلومتراً", "ar", 45, 55),
        ("about 50 km", "en", 45, 55),
        ("قرابة 100 شخص", "ar", 90, 100),
        ("أقل من 10 أشخاص", "ar", 5, 10),
        ("up to 40 people", "en", 20, 40),
        ("40 على الأقل", "ar", 40, 60),
    ],
)
def test_approximations(text: str, lang: str, low: float, high: float) -> None:
    number = one(text, lang)
    assert number["approx"] is True
    assert (number["low"], number["high"]) == pytest.approx((low, high))


def test_approximation_word_is_part_of_the_span() -> None:
    text = "على بعد بنحو 50 كيلومتراً من منطقة"
    number = one(text)
    assert number["text"] == "بنحو 50 كيلومتراً"
    assert text[number["start"]:number["end"]] == number["text"]
    assert (number["unit"], number["slot"]) == ("كيلومتر", "km")


def test_units_are_normalised_and_mapped_to_slots() -> None:
    assert (one("أصيب 40 جريحاً")["unit"], one("أصيب 40 جريحاً")["slot"]) == ("جريح", "injured")
    assert one("40 wounded", "en")["slot"] == "injured"
    assert one("قتلى: 40")["slot"] == "killed"  # unit before the number
    assert one("في الساعات الـ24 الماضية")["slot"] == "hours"
    assert one("خلال 24 ساعة")["slot"] == "hours"
    assert one("وقتل جندي واحد")["value"] == 1


def test_verb_gives_the_slot_of_people() -> None:
    assert one("قتل 40 شخصا")["slot"] == "killed"
    assert one("أصيب 40 شخصا")["slot"] == "injured"
    assert one("at least 40 people were killed", "en")["slot"] == "killed"
    assert one("وأسر اثنين آخرين")["slot"] == "arrested"
    assert one("يعيش 40 شخصا في المبنى")["slot"] == "people"


def test_years_dates_and_identifiers_are_not_counts() -> None:
    found = extract_numbers("في عام 2017 قتل 2000 جندي", "ar")
    assert [(n["text"], n["slot"]) for n in found] == [("2017", "year"), ("2000 جندي", "killed")]
    assert one("منذ 2015")["slot"] == "year"
    assert one("في 24 سبتمبر")["slot"] == "date"
    text = "S-400 missiles and F-16 jets on 24/9/2017 at 10:30, the 3rd time"
    assert extract_numbers(text, "en") == []


def test_page_time_stamps_and_weekdays_are_not_counts() -> None:
    # "12 : 53 السبت" on a news page is a time before a weekday, not 53 of something.
    stamps = "الاثنين , ديسمبر 11 , 2017 - 12 : 53 السبت , 20 جانفي 2018 - 20 : 12 الأحد"
    found = extract_numbers(stamps, "ar")
    assert [(n["text"], n["slot"]) for n in found][:2] == [("11", "date"), ("2017", "year")]
    assert not {12.0, 53.0} & {n["value"] for n in found}
    assert not any(n["unit"] in ("سبت", "احد") for n in found)
    assert extract_numbers("updated 12 : 53 Saturday", "en") == []


def test_ranges() -> None:
    number = one("between 20 and 30 people", "en")
    assert (number["low"], number["high"], number["value"]) == (20, 30, 25)
    assert one("ما بين 20 و30 شخصا")["high"] == 30


def test_records_have_the_number_fields_and_verbatim_spans() -> None:
    text = "قُتل ٣ أشخاص وأصيب أكثر من عشرين آخرين، ونزح العشرات، وارتفعت الأسعار 20 بالمئة"
    found = extract_numbers(text, "ar")
    assert len(found) == 4
    for number in found:
        assert set(number) == set(NUMBER.to_schema())
        assert text[number["start"]:number["end"]] == number["text"]


def test_slot_of() -> None:
    assert slot_of("قتلي") == "killed"
    assert slot_of("الجرحي") == "injured"
    assert slot_of("kilometres") == "km"
    assert slot_of("منزل") is None


def test_lexicons_are_written_in_folded_form() -> None:
    """A key with a hamza seat or taa marbuta would never match folded text."""
    from compare.text import numbers
    from compare.text.lexicon import numbers as words_of
    from compare.text.normalize import fold_word

    words: set[str] = set()
    for table in (words_of.AR_ONES, words_of.AR_TENS, words_of.AR_HUNDREDS, words_of.AR_SCALES,
                  words_of.AR_DUALS, words_of.AR_VAGUE, words_of.SLOTS, words_of.CONTEXT_WORDS,
                  words_of.MONTHS, words_of.YEAR_CUES, numbers._UNIT_STOP):
        words |= set(table)
    for phrases in (words_of.APPROX, words_of.APPROX_AFTER):
        words |= {w for phrase, _ in phrases for w in phrase}
    words |= {w for phrase in words_of.PERCENT_AFTER for w in phrase}
    assert sorted(w for w in words if fold_word(w) != w) == []


@pytest.mark.parametrize(("text", "low", "high", "slot"), [
    ("زار المدينة 100،000 شخص في اليوم", 100_000, 100_000, "people"),  # Arabic comma
    ("تتراوح بين ستة وثمانية أشهر", 6, 8, "months"),  # six and eight, not fourteen
    ("من ثلاثة إلى خمسة أسابيع", 3, 5, "weeks"),
    ("بين خمسة وعشرين وثلاثين شخصا", 25, 30, "people"),
    ("ثلاثمائة وخمسة وعشرين شخصا", 325, 325, "people"),
    ("ألف وخمسمائة شخص", 1500, 1500, "people"),
])
def test_arabic_compounds_ranges_and_separators(text, low, high, slot) -> None:
    number = one(text)
    assert (number["low"], number["high"], number["slot"]) == (low, high, slot)


@pytest.mark.parametrize(("text", "lang", "value", "shown"), [
    ("Au total, 48 000 militaires russes ont participé", "fr", 48_000, "48 000 militaires"),
    ("вступили 12 500 человек", "ru", 12_500, "12 500 человек"),
    ("la chaîne a dépensé 274\u202f000 dollars", "fr", 274_000, "274\u202f000 dollars"),
    ("الطفل ذو الأحد عشر عاما", "ar", 11, "أحد عشر عاما"),
    ("الاثنا عشر قتيلا", "ar", 12, "اثنا عشر قتيلا"),
])
def test_spaced_thousands_and_teens_with_the_article(text, lang, value, shown) -> None:
    found = extract_numbers(text, lang)
    assert [(n["value"], n["text"]) for n in found] == [(value, shown)]


@pytest.mark.parametrize("text", ["وقعت الهجمات يوم الأحد", "يوم الاثنين الماضي",
                                  "In 2017 100 people died"])
def test_weekdays_stay_days_and_a_year_is_not_a_thousands_group(text) -> None:
    assert all(n["value"] not in (1, 2, 2_017_100) for n in extract_numbers(text, "ar"))
