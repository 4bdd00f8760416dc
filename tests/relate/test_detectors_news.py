"""The news detectors (result, zero_count, change, accused_denial) and French and Russian
denials, on hand-written pairs in Arabic, English, French and Russian and across them."""

from __future__ import annotations

import pytest

from compare.relate.anchors import cross_lingual, name_key
from compare.relate.cues import Claim
from compare.relate.detectors import KINDS, detect, feature_names
from compare.relate.detectors.accused_denial import accused_denial
from compare.relate.detectors.change import change
from compare.relate.detectors.denial import denial
from compare.relate.detectors.result import result
from compare.relate.detectors.zero_count import zero_count
from compare.text.normalize import normalize
from compare.text.tokens import tokenize

NEWS = ("result", "zero_count", "change", "accused_denial")


def of(found: list, kind: str, direction: str | None = None) -> list:
    return [f for f in found if f.kind == kind and (direction is None or f.direction == direction)]


def quoted(finding, a: str, b: str) -> None:
    """The finding quotes each claim in the claim's own words."""
    for side, text in (("a", a), ("b", b)):
        pieces = finding.detail[side]
        assert pieces and all(p in text for p in pieces), (side, pieces)
        assert all(p in finding.reason for p in pieces), (pieces, finding.reason)


def never_contradict(a: str, b: str) -> None:
    """No news kind contradicts in detect() (which applies the different-event rule)."""
    assert [f for f in detect(Claim(a), Claim(b))
            if f.kind in NEWS and f.direction == "contradict"] == []


# ---- registration ------------------------------------------------------------------------------

def test_the_news_kinds_are_typed_titled_and_add_no_classifier_feature():
    for name in NEWS:
        kind = KINDS[name]
        assert kind.typed and kind.title and kind.features == () and kind.order > 6
    assert feature_names() == (
        "numeric:contradict", "numeric:agree", "denial:contradict", "denial:agree",
        "antonym:contradict", "antonym:agree", "different_event:related")


# ---- French and Russian through the tokenizer and the claim view ------------------------------

def test_french_and_russian_words_tokenize_and_fold():
    assert [t.norm for t in tokenize("Le ministre n’a pas démissionné")] == [
        "le", "ministre", "n’a", "pas", "démissionné"]
    assert [t.norm for t in tokenize("Минобороны ОПРОВЕРГЛО сообщения")] == [
        "минобороны", "опровергло", "сообщения"]
    assert normalize("De\u0301menti par les E\u0301tats-Unis") == "démenti par les états-unis"
    # ё is kept by the normaliser and read as е by the lexicon tables
    assert normalize("трёх") == "трёх"
    assert Claim("Министр ещё не подал в отставку").negations[0].text == "не"


@pytest.mark.parametrize("text, tongue", [
    ("قتل 12 مدنيا في حلب", "ar"),
    ("Минобороны опровергло сообщения", "ru"),
    ("Le ministère a démenti la démission du ministre", "fr"),
    ("Le Monde said the minister resigned", "en"),
    ("Oil prices rose on Monday", "en"),
])
def test_the_claim_language(text, tongue):
    assert Claim(text).tongue == tongue


def test_names_sound_alike_across_scripts():
    assert name_key("Liverpool") == name_key("ليفربول") == name_key("Ливерпулем") == "LFRBL"
    assert name_key("Barcelona") == name_key("برشلونة") == name_key("Барселону")
    assert name_key("Chelsea") == name_key("تشيلسي") == name_key("Челси")
    assert name_key("Arsenal") != name_key("Chelsea")


# ---- denial: French and Russian ----------------------------------------------------------------

@pytest.mark.parametrize("a, b, reason", [
    ("Le ministre a démissionné", "Le ministère a démenti la démission du ministre",
     "denial: «démenti» in B only"),
    ("Le ministre n'a pas démissionné", "Le ministre a démissionné", "denial: «n'a pas» in A only"),
    ("Le ministre ne démissionnera pas", "Le ministre démissionnera", "denial: «ne» in A only"),
    ("Le gouvernement nie avoir fermé la frontière", "Le gouvernement a fermé la frontière",
     "denial: «nie» in A only"),
    ("Les rebelles ont pris la ville",
     "Le gouvernement a démenti que les rebelles aient pris la ville",
     "denial: «démenti» in B only"),
    ("L'armée s'est retirée de la ville",
     "L'armée rejette les informations selon lesquelles elle s'est retirée de la ville",
     "denial: «rejette» in B only"),
    ("Министр подал в отставку", "Министерство опровергло отставку министра",
     "denial: «опровергло» in B only"),
    ("Министр не подал в отставку", "Министр подал в отставку", "denial: «не» in A only"),
    ("Российские военные покинули город",
     "Минобороны отвергло сообщения о том, что российские военные покинули город",
     "denial: «отвергло» in B only"),
    ("Министр отрицает, что подал в отставку", "Министр подал в отставку",
     "denial: «отрицает» in A only"),
])
def test_french_and_russian_denials_contradict(a, b, reason):
    found = of(detect(Claim(a), Claim(b)), "denial")
    assert [(f.direction, f.reason) for f in found] == [("contradict", reason)]


def test_french_and_russian_denials_across_languages_need_an_explicit_denial_and_an_anchor():
    assert [f.reason for f in denial(Claim("Douze civils ont été tués à Alep"),
                                     Claim("Russia denied that 12 civilians were killed in "
                                           "Aleppo"))] == ["denial: «denied» in B only"]
    assert [f.reason for f in denial(Claim("قتل 12 مدنيا في حلب"),
                                     Claim("Минобороны России опровергло гибель 12 мирных "
                                           "жителей в Алеппо"))] == [
        "denial: «опровергло» in B only"]
    # a bare particle across languages is no denial, nor a denial with nothing shared
    assert denial(Claim("قتل 12 مدنيا في حلب"),
                  Claim("12 мирных жителей не погибли в Алеппо")) == []
    assert denial(Claim("قتل 12 مدنيا في حلب"), Claim("Le ministère a démenti ces rumeurs")) == []


def test_two_french_denials_agree():
    found = denial(Claim("Le ministère a démenti la démission du ministre"),
                   Claim("Le gouvernement a démenti la démission du ministre"))
    assert [(f.direction, f.reason) for f in found] == [
        ("agree", "denial: «démenti» in A and «démenti» in B")]


def test_a_french_number_word_is_no_english_outcome():
    assert Claim("Au moins seize personnes sont mortes à Alep").outcomes == {}
    assert "control" in Claim("Rebels seize the town").outcomes


@pytest.mark.parametrize("text", [
    "L'attaque n'a tué que deux personnes",  # ne … que: only
    "Il faut agir avant qu'il ne soit trop tard",  # expletive ne
    "Les frappes ont visé non seulement Raqqa mais aussi Deir ez-Zor",
    "Удары нанесены не только по Ракке, но и по Дейр-эз-Зору",
    "Погибли не менее 20 человек",
])
def test_french_and_russian_words_that_look_negative_but_deny_nothing(text):
    assert Claim(text).negations == ()


# ---- result ------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, aspect", [
    ("فاز الأهلي على الزمالك بهدفين مقابل هدف", "تعادل الأهلي مع الزمالك 1-1", "outcome"),
    ("فاز الأهلي على الزمالك بهدفين مقابل هدف", "فاز الزمالك على الأهلي بهدفين مقابل هدف",
     "winner"),
    ("فاز الأهلي على الزمالك ٢-١ في نهائي الكأس", "فاز الأهلي على الزمالك ٣-١ في نهائي الكأس",
     "score"),
    ("خسر الأهلي أمام الزمالك بهدف نظيف", "فاز الأهلي على الزمالك بهدف نظيف", "winner"),
    ("Liverpool beat Chelsea 2-1 on Saturday", "Liverpool drew 1-1 with Chelsea on Saturday",
     "outcome"),
    ("Liverpool beat Chelsea 2-1", "Chelsea beat Liverpool 2-1", "winner"),
    ("Liverpool beat Chelsea 2-1", "Liverpool were beaten 2-1 by Chelsea", "winner"),
    ("Liverpool beat Chelsea 2-1", "Liverpool beat Chelsea 3-1", "score"),
    ("Le Real Madrid a battu le FC Barcelone 2-1",
     "Le Real Madrid et le FC Barcelone ont fait match nul 1-1", "outcome"),
    ("Le PSG a gagné 3-0 contre Marseille", "Le PSG a perdu 0-3 contre Marseille", "winner"),
    ("Реал Мадрид обыграл Барселону со счётом 2:1",
     "Реал Мадрид и Барселона сыграли вничью 1:1", "outcome"),
    ("«Спартак» обыграл «Зенит» 2:0", "«Зенит» обыграл «Спартак» 2:0", "winner"),
    # votes
    ("The Security Council adopted the resolution by 12 votes to 3",
     "The Security Council adopted the resolution by 10 votes to 5", "tally"),
    ("The Security Council adopted the resolution unanimously",
     "The Security Council adopted the resolution by 12 votes to 3", "tally"),
    ("The Security Council adopted the resolution by 12 votes to 3",
     "The Security Council rejected the resolution", "outcome"),
    ("اعتمد مجلس الأمن القرار بأغلبية 12 صوتا مقابل 3", "رفض مجلس الأمن القرار", "outcome"),
    ("أقر البرلمان مشروع القانون بأغلبية 415 صوتا مقابل رفض 127",
     "رفض البرلمان مشروع القانون بأغلبية 415 صوتا مقابل 127 صوتا مؤيدا", "tally"),
    ("L'Assemblée nationale a adopté le projet de loi par 300 voix contre 200",
     "L'Assemblée nationale a rejeté le projet de loi", "outcome"),
    ("Госдума приняла закон 300 голосами против 100", "Госдума отклонила закон", "outcome"),
    # across languages
    ("فاز ريال مدريد على برشلونة بهدفين مقابل هدف", "Real Madrid drew 1-1 with Barcelona",
     "outcome"),
    ("Real Madrid beat Barcelona 2-1", "Реал Мадрид обыграл Барселону со счётом 3:1", "score"),
    ("Le Real Madrid s'est imposé 2-1 face au FC Barcelone", "Real Madrid beat Barcelona 3-1",
     "score"),
    ("اعتمد مجلس الأمن القرار بأغلبية 12 صوتا مقابل 3",
     "The Security Council adopted the resolution by 10 votes to 5", "tally"),
    ("Le Conseil de sécurité a adopté la résolution par 12 voix contre 3",
     "Совет Безопасности отклонил резолюцию", "outcome"),
])
def test_another_score_winner_outcome_or_tally_contradicts(a, b, aspect):
    found = of(detect(Claim(a), Claim(b)), "result")
    assert [f.direction for f in found] == ["contradict"]
    assert aspect in found[0].detail["aspects"]
    assert found[0].reason.startswith("result: ") and " ≠ " in found[0].reason
    quoted(found[0], a, b)


def test_a_result_reason_quotes_both_claims():
    a, b = "Liverpool beat Chelsea 2-1 on Saturday", "Liverpool drew 1-1 with Chelsea on Saturday"
    assert [f.reason for f in result(Claim(a), Claim(b))] == [
        "result: Liverpool beat Chelsea 2-1 ≠ Liverpool drew 1-1 with Chelsea (outcome, score)"]


@pytest.mark.parametrize("a, b", [
    ("فاز الأهلي على الزمالك بهدفين مقابل هدف", "فاز الأهلي على الزمالك ٢-١"),
    ("Liverpool beat Chelsea 2-1", "Chelsea were beaten 2-1 by Liverpool"),
    ("Le Real Madrid a battu le FC Barcelone 2-1", "Real Madrid beat Barcelona 2-1"),
    ("Реал Мадрид обыграл Барселону со счётом 2:1", "فاز ريال مدريد على برشلونة 2-1"),
    ("The Security Council adopted the resolution by 12 votes to 3",
     "اعتمد مجلس الأمن القرار بأغلبية 12 صوتا مقابل 3"),
    ("The Security Council adopted the resolution unanimously",
     "Совет Безопасности единогласно принял резолюцию"),
    ("The Security Council adopted the resolution", "The Security Council adopted the resolution"),
])
def test_the_same_result_agrees_or_says_nothing(a, b):
    found = result(Claim(a), Claim(b))
    assert {f.direction for f in found} <= {"agree"}
    never_contradict(a, b)


def test_the_same_result_in_two_languages_is_found_as_agreement():
    found = result(Claim("فاز ريال مدريد على برشلونة بهدفين مقابل هدف"),
                   Claim("Real Madrid beat Barcelona 2-1"))
    assert [f.direction for f in found] == ["agree"]
    assert found[0].reason.endswith("(outcome, winner, score)")


@pytest.mark.parametrize("a, b", [
    ("Liverpool beat Chelsea 2-1", "Arsenal beat Tottenham 3-0"),
    ("Liverpool beat Chelsea 2-1 in the Premier League on Saturday",
     "Liverpool drew 1-1 with Everton in the Premier League on Saturday"),
    ("فاز الأهلي على الزمالك بهدفين مقابل هدف", "تعادل الإسماعيلي مع المصري 1-1"),
    ("Real Madrid beat Barcelona 2-1", "Реал Мадрид обыграл Севилью со счётом 3:1"),
    ("Le PSG a battu Marseille 2-1", "Lyon a battu Marseille 3-1"),
    ("The Senate passed the healthcare bill on Friday by 52 votes to 48",
     "The House passed the healthcare bill on Friday by 220 votes to 210"),
    ("أقر مجلس النواب العراقي قانون الحشد الشعبي", "رفض مجلس الوزراء العراقي قانون الحشد الشعبي"),
    # the winner left unsaid: another meeting of the same teams may be meant
    ("السويد هي الوحيدة التي تغلبت على فرنسا 2-1", "فازت فرنسا على السويد 2-1 في مباراة الإياب"),
    # two numbers with a dash are a score only in a match
    ("Talks will be held 10-11 October in Geneva", "Talks will be held 12-13 October in Geneva"),
    ("The talks in Geneva ended 2-1", "The talks in Geneva ended 3-1"),
    # not a match at all, and a result denied (the denial detector's to tell)
    ("Police beat protesters in Cairo", "Protesters beat police in Cairo"),
    ("Macron won the election", "Le Pen won the election"),
    ("Liverpool did not beat Chelsea", "Liverpool beat Chelsea 2-1"),
])
def test_different_matches_votes_and_non_results_never_contradict(a, b):
    assert of(result(Claim(a), Claim(b)), "result", "contradict") == []
    never_contradict(a, b)


def test_another_day_is_another_match():
    a, b = "فاز الأهلي على الزمالك 2-1 يوم الجمعة", "تعادل الأهلي مع الزمالك 1-1 يوم الاثنين"
    assert [f.direction for f in result(Claim(a), Claim(b))] == ["contradict"]  # alone
    found = detect(Claim(a), Claim(b))
    assert [f.direction for f in of(found, "result")] == ["related"]
    assert of(found, "different_event")
    never_contradict(a, b)


# ---- zero_count --------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, slot, none, some", [
    ("A car bomb exploded in Kabul on Monday; no one was hurt",
     "Three people were injured when a car bomb exploded in Kabul on Monday",
     "casualties", "no one was hurt", "Three people were injured"),
    ("A car bomb exploded in Kabul, causing no casualties",
     "Two people were killed when a car bomb exploded in Kabul", "casualties", "no casualties",
     "Two people were killed"),
    ("انفجرت سيارة مفخخة في كابول ولم يسفر الانفجار عن إصابات",
     "أصيب ثلاثة أشخاص في انفجار سيارة مفخخة في كابول", "injured",
     "ولم يسفر الانفجار عن إصابات", "أصيب ثلاثة أشخاص"),
    ("انفجرت سيارة مفخخة في كابول ولا ضحايا", "قتل شخصان في انفجار سيارة مفخخة في كابول",
     "casualties", "ولا ضحايا", "قتل شخصان"),
    ("لم يصب أحد في انفجار سيارة مفخخة في كابول",
     "أصيب ثلاثة أشخاص في انفجار سيارة مفخخة في كابول", "injured", "لم يصب أحد",
     "أصيب ثلاثة أشخاص"),
    ("Une voiture piégée a explosé à Kaboul, sans faire de victimes",
     "Trois personnes ont été blessées dans l'explosion d'une voiture piégée à Kaboul",
     "casualties", "sans faire de victimes", "Trois personnes ont été blessées"),
    ("Personne n'a été blessé dans l'explosion à Kaboul",
     "Trois personnes ont été blessées dans l'explosion à Kaboul", "injured",
     "Personne n'a été blessé", "Trois personnes ont été blessées"),
    ("Il n'y a pas eu de victimes dans l'explosion à Kaboul",
     "L'explosion à Kaboul a fait deux morts", "casualties", "n'y a pas eu de victimes",
     "deux morts"),
    ("В Кабуле взорвался заминированный автомобиль, никто не пострадал",
     "В Кабуле взорвался заминированный автомобиль, трое ранены", "casualties",
     "никто не пострадал", "трое ранены"),
    ("При взрыве в Кабуле жертв нет", "При взрыве в Кабуле погибли два человека", "casualties",
     "жертв нет", "погибли два"),
    # across languages: they name one place
    ("В Кабуле взорвался заминированный автомобиль, обошлось без жертв",
     "Three people were injured when a car bomb exploded in Kabul", "casualties", "без жертв",
     "Three people were injured"),
    ("انفجرت سيارة مفخخة في كابول دون وقوع إصابات",
     "Trois personnes ont été blessées dans l'explosion d'une voiture piégée à Kaboul",
     "injured", "دون وقوع إصابات", "Trois personnes ont été blessées"),
    ("No one was killed in the blast in Kabul", "قتل شخصان في انفجار في كابول", "killed",
     "No one was killed", "قتل شخصان"),
])
def test_none_against_some_in_the_same_slot_contradicts(a, b, slot, none, some):
    for x, y, first, second in ((a, b, none, some), (b, a, some, none)):
        found = of(detect(Claim(x), Claim(y)), "zero_count")
        assert [(f.direction, f.detail["slot"]) for f in found] == [("contradict", slot)]
        assert found[0].reason == f"zero count: {first} ≠ {second} ({slot})"
        quoted(found[0], x, y)


@pytest.mark.parametrize("a, b", [
    ("A car bomb exploded in Kabul; no one was hurt",
     "انفجرت سيارة مفخخة في كابول دون وقوع إصابات"),
    ("Personne n'a été blessé dans l'explosion à Kaboul",
     "При взрыве в Кабуле никто не пострадал"),
    ("Three people were injured in the blast in Kabul",
     "أصيب ثلاثة أشخاص في الانفجار في كابول"),
])
def test_the_same_count_or_none_on_both_sides_agrees_or_says_nothing(a, b):
    found = zero_count(Claim(a), Claim(b))
    assert {f.direction for f in found} <= {"agree"}
    never_contradict(a, b)


def test_none_on_both_sides_is_found_as_agreement():
    found = zero_count(Claim("A car bomb exploded in Kabul; no one was hurt"),
                       Claim("انفجرت سيارة مفخخة في كابول دون وقوع إصابات"))
    assert [(f.direction, f.reason) for f in found] == [
        ("agree", "zero count: no one was hurt = دون وقوع إصابات (casualties)")]


@pytest.mark.parametrize("a, b", [
    # another slot: no one injured says nothing of the dead
    ("A car bomb exploded in Kabul; no one was injured",
     "Two people were killed when a car bomb exploded in Kabul"),
    # nothing known is not none
    ("A car bomb exploded in Kabul; there were no immediate reports of casualties",
     "Three people were injured when a car bomb exploded in Kabul"),
    # another place, another event across languages
    ("A car bomb exploded in Kabul; no one was hurt",
     "Three people were injured when a car bomb exploded in Mosul"),
    ("قال الجيش السوري إن الهجوم الصاروخي على قاعدته الجوية أسفر عن مقتل ستة أشخاص",
     "L'armée syrienne a affirmé qu'une frappe a visé l'aéroport près de Damas, sans faire de "
     "victimes"),
])
def test_none_and_some_of_something_else_never_contradict(a, b):
    assert of(zero_count(Claim(a), Claim(b)), "zero_count", "contradict") == []
    never_contradict(a, b)


def test_none_and_some_on_another_day_are_another_event():
    a = "A car bomb exploded in Kabul on Monday; no one was hurt"
    b = "Three people were injured when a car bomb exploded in Kabul on Friday"
    found = detect(Claim(a), Claim(b))
    assert [f.direction for f in of(found, "zero_count")] == ["related"]
    assert [f.detail["facet"] for f in of(found, "different_event")] == ["day"]


# ---- change ------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, target, moved, kept", [
    ("The central bank raised interest rates on Thursday",
     "The central bank kept interest rates unchanged on Thursday", "rates",
     "central bank raised interest rates", "central bank kept interest rates unchanged"),
    ("The government raised fuel prices", "The government kept fuel prices unchanged", "prices",
     "government raised fuel prices", "government kept fuel prices unchanged"),
    ("Interest rates were raised by the central bank",
     "Interest rates remained unchanged, the central bank said", "rates",
     "Interest rates were raised", "Interest rates remained unchanged"),
    ("The court reduced the sentence", "The court upheld the sentence", "sentence",
     "court reduced the sentence", "court upheld the sentence"),
    ("رفع البنك المركزي المصري أسعار الفائدة",
     "أبقى البنك المركزي المصري أسعار الفائدة دون تغيير", "rates",
     "رفع البنك المركزي المصري أسعار الفائدة",
     "أبقى البنك المركزي المصري أسعار الفائدة دون تغيير"),
    ("خفض البنك المركزي المصري أسعار الفائدة", "لم يغير البنك المركزي المصري أسعار الفائدة",
     "rates", "خفض البنك المركزي المصري أسعار الفائدة",
     "لم يغير البنك المركزي المصري أسعار الفائدة"),
    ("La BCE a relevé ses taux directeurs jeudi",
     "La BCE a maintenu ses taux directeurs inchangés jeudi", "rates",
     "BCE a relevé ses taux directeurs", "BCE a maintenu ses taux directeurs inchangés"),
    ("Банк России повысил ключевую ставку", "Банк России сохранил ключевую ставку", "rates",
     "Банк России повысил ключевую ставку", "Банк России сохранил ключевую ставку"),
    # across languages: the same named bank or body
    ("The Bank of Russia raised its key rate",
     "Банк России оставил ключевую ставку без изменений", "rates",
     "Bank of Russia raised its key rate", "Банк России оставил ключевую ставку без изменений"),
    ("The ECB raised interest rates", "البنك المركزي الأوروبي أبقى أسعار الفائدة دون تغيير",
     "rates", "ECB raised interest rates",
     "البنك المركزي الأوروبي أبقى أسعار الفائدة دون تغيير"),
    ("OPEC cut output", "أوبك أبقت على الإنتاج دون تغيير", "output", "OPEC cut output",
     "أوبك أبقت على الإنتاج دون تغيير"),
])
def test_changed_against_unchanged_contradicts(a, b, target, moved, kept):
    for x, y, first, second in ((a, b, moved, kept), (b, a, kept, moved)):
        found = of(detect(Claim(x), Claim(y)), "change")
        assert [(f.direction, f.detail["target"]) for f in found] == [("contradict", target)]
        assert found[0].reason == f"change: {first} ≠ {second} ({target})"
        quoted(found[0], x, y)


@pytest.mark.parametrize("a, b", [
    ("The central bank left interest rates unchanged on Thursday",
     "The central bank kept interest rates unchanged on Thursday"),
    ("أبقى البنك المركزي المصري على أسعار الفائدة دون تغيير",
     "ثبّت البنك المركزي المصري أسعار الفائدة"),
    ("La BCE a laissé ses taux inchangés", "The ECB kept interest rates unchanged"),
    ("Банк России сохранил ключевую ставку", "Банк России оставил ключевую ставку без изменений"),
])
def test_both_unchanged_agree(a, b):
    found = change(Claim(a), Claim(b))
    assert [f.direction for f in found] == ["agree"]
    assert " = " in found[0].reason
    never_contradict(a, b)


@pytest.mark.parametrize("a, b", [
    # another bank, another thing, or no keeping at all
    ("The Fed kept rates unchanged on Wednesday", "The ECB raised rates on Wednesday"),
    ("The central bank raised interest rates", "The central bank kept fuel prices unchanged"),
    ("The Fed held talks on interest rates", "The Fed raised interest rates"),
    ("The army left the town", "The army raised its flag over the town"),
    ("La Fed a maintenu ses taux inchangés", "La BCE a relevé ses taux"),
    ("Банк России сохранил ключевую ставку", "ФРС повысила ставку"),
    # the president supported the decision: not a kept ruling
    ("أيد الرئيس القرار", "ألغى الرئيس القرار"),
])
def test_other_deciders_and_other_things_never_contradict(a, b):
    assert of(change(Claim(a), Claim(b)), "change", "contradict") == []


def test_raised_against_cut_is_left_to_the_antonym_detector():
    a, b = "The central bank raised interest rates", "The central bank cut interest rates"
    assert change(Claim(a), Claim(b)) == []
    assert [f.direction for f in of(detect(Claim(a), Claim(b)), "antonym")] == ["contradict"]


# ---- accused_denial ----------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, accusation, denial_words, side", [
    ("اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية لتنظيم داعش",
     "The Pentagon denied providing protection to ISIS",
     "اتهمت وزارة الدفاع الروسية الجيش الأميركي", "Pentagon denied", "the US"),
    ("Russia accused the US of shielding ISIS in Syria",
     "The Pentagon denied shielding ISIS in Syria", "Russia accused the US", "Pentagon denied",
     "the US"),
    ("Russia accused the US of shielding ISIS in Syria",
     "نفت واشنطن أن تكون قواتها قد وفرت الحماية لتنظيم داعش في سوريا",
     "Russia accused the US", "نفت واشنطن", "the US"),
    ("La Russie a accusé les États-Unis de protéger l'État islamique en Syrie",
     "Washington a démenti protéger l'État islamique en Syrie",
     "Russie a accusé les États-Unis", "Washington a démenti", "the US"),
    ("Москва обвинила Вашингтон в поддержке ИГИЛ в Сирии",
     "Вашингтон опроверг обвинения в поддержке ИГИЛ в Сирии", "Москва обвинила Вашингтон",
     "Вашингтон опроверг", "the US"),
    ("Washington accused Moscow of shielding ISIS in Syria",
     "Le Kremlin a démenti protéger l'État islamique en Syrie", "Washington accused Moscow",
     "Kremlin a démenti", "Russia"),
])
def test_the_accused_side_denying_contradicts(a, b, accusation, denial_words, side):
    found = of(detect(Claim(a), Claim(b)), "accused_denial")
    assert [f.direction for f in found] == ["contradict"]
    assert found[0].reason == (f"accused denial: {accusation} in A; {denial_words} in B "
                               f"({side}, accused in A, denies in B)")
    quoted(found[0], a, b)
    # the same pair the other way round names the sides the other way round
    back = accused_denial(Claim(b), Claim(a))
    assert back[0].reason == (f"accused denial: {accusation} in B; {denial_words} in A "
                              f"({side}, accused in B, denies in A)")


def test_the_denier_may_be_the_speaker():
    a = Claim("Russia accused the US of shielding ISIS in Syria")
    b = Claim("The ministry denied shielding ISIS in Syria", speaker="Pentagon spokesman")
    assert [f.detail["side"] for f in accused_denial(a, b)] == ["usa"]


@pytest.mark.parametrize("a, b", [
    # the accuser denies, or a third side does
    ("Russia accused the US of shielding ISIS in Syria", "Moscow denied shielding ISIS in Syria"),
    ("Russia accused the US of shielding ISIS in Syria", "Turkey denied shielding ISIS in Syria"),
    ("اتهمت روسيا الولايات المتحدة بحماية داعش في سوريا", "نفت روسيا حماية داعش في سوريا"),
    # another matter
    ("Russia accused the US of shielding ISIS in Syria",
     "The Pentagon denied that its strike killed civilians in Yemen"),
    # two accusations, no denial
    ("Russia accused the US of shielding ISIS in Syria",
     "Moscow accused Washington of shielding ISIS in Syria"),
])
def test_no_accused_denial_without_the_accused_denying_the_matter(a, b):
    assert accused_denial(Claim(a), Claim(b)) == []
    assert accused_denial(Claim(b), Claim(a)) == []


def test_languages_are_told_apart_for_the_cross_language_rules():
    assert cross_lingual(Claim("Le ministre a démissionné dimanche"),
                         Claim("The minister resigned on Sunday"))
    assert not cross_lingual(Claim("The army took the town"), Claim("The army left the town"))
