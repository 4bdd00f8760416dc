"""The relation rules on hand-made probability rows and findings: no model involved."""

from __future__ import annotations

import numpy as np
import pytest

from compare.config import Settings
from compare.relate.cues import Claim
from compare.relate.detectors import Finding, typed_kinds
from compare.relate.rules import UNTYPED, Decision, Rules, decide, run_veto, same_assertion

AGREE, CONTRA, RELATED = [0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]
NUMBERS_DIFFER = Finding("numeric", "contradict", {}, "numeric: 40 ≠ 70 (injured)")
DIFFERENT_PLACE = Finding("different_event", "related", {}, "different event: place A ≠ B")
ACCUSATION = Finding("accusation", "agree", {}, "accusation: both blame the US")
ATTRIBUTION = Finding("attribution", "agree", {}, "attribution: X ≠ Y")


def test_without_findings_the_most_probable_label_wins_with_its_probability():
    d = decide(np.array(CONTRA), [])
    assert d == Decision("contradict", 0.8, ["classifier: contradict 0.80"], [])


def test_bias_shifts_the_decision_in_log_space():
    close = np.array([0.45, 0.40, 0.15])
    assert decide(close, []).relation == "agree"
    assert decide(close, [], Rules(bias=(0.0, 0.5, 0.0))).relation == "contradict"


def test_a_different_event_caps_any_relation_at_related():
    for proba in (AGREE, CONTRA):
        d = decide(np.array(proba), [NUMBERS_DIFFER, DIFFERENT_PLACE])
        assert d.relation == "related" and d.confidence == 0.5
        assert d.kinds == ["numeric", "different_event"]
        assert d.reasons[:2] == [NUMBERS_DIFFER.reason, DIFFERENT_PLACE.reason]


def test_a_typed_finding_decides_only_when_the_rules_say_so():
    assert decide(np.array(AGREE), [NUMBERS_DIFFER]).relation == "agree"
    d = decide(np.array(AGREE), [NUMBERS_DIFFER], Rules(detectors_decide=True))
    assert d.relation == "contradict" and d.confidence == 0.5


def test_an_accusation_turns_related_into_agree_unless_something_contradicts():
    assert decide(np.array(RELATED), [ACCUSATION]).relation == "agree"
    assert decide(np.array(RELATED), [ACCUSATION, NUMBERS_DIFFER]).relation == "related"


def test_attribution_never_changes_the_relation():
    for proba in (AGREE, CONTRA, RELATED):
        assert decide(np.array(proba), [ATTRIBUTION]).relation == decide(np.array(proba),
                                                                          []).relation


def test_rules_round_trip_through_the_classifier_metadata():
    rules = Rules((0.0, -0.75, -0.5), True)
    assert Rules.from_meta(rules.as_meta()) == rules
    assert Rules.from_meta(None) == Rules()


def test_the_typed_kinds_are_the_ones_that_name_what_differs():
    assert typed_kinds() == ("numeric", "denial", "antonym", "result", "zero_count", "change",
                             "accused_denial")


@pytest.mark.parametrize(("a", "b", "sim", "same"), [
    ("The army took the town on Monday", "The army took the town on Monday night", 0.5, True),
    ("The army took the town", "Prices rose in the capital", 0.95, True),  # a near paraphrase
    ("The army took the town", "Prices rose in the capital", 0.5, False),
    ("سيطر الجيش على البلدة", "The army took the town", 0.9, True),  # across languages: cosine
    ("سيطر الجيش على البلدة", "The army took the town", 0.8, False),
])
def test_same_assertion_needs_shared_words_or_a_close_cosine(a, b, sim, same):
    ok, why = same_assertion(Claim(a), Claim(b), sim, Settings())
    assert ok is same and (why == "") is same


def test_run_veto_wants_a_typed_finding_unless_switched_off():
    a, b = Claim("The army took the town"), Claim("The army took the town at dawn")
    assert run_veto(a, b, 0.95, Settings(), findings=[]) == UNTYPED
    assert run_veto(a, b, 0.95, Settings(), findings=[NUMBERS_DIFFER]) == ""
    assert run_veto(a, b, 0.95, Settings(contradict_needs_finding=False), findings=[]) == ""


def test_the_same_words_agree_whatever_the_classifier_reads():
    import numpy as np

    from compare.relate.cues import as_claim
    from compare.relate.rules import SAME_WORDS, same_words

    text = "A car bomb wounded 40 people in a market in Aleppo on Tuesday, police said."
    contradicting = np.array([0.2, 0.7, 0.1])
    decided = same_words(as_claim(text), as_claim(text.upper()), contradicting, [])
    assert (decided.relation, decided.confidence, decided.reasons) == ("agree", 0.5, [SAME_WORDS])
    assert same_words(as_claim(text), as_claim(text.replace("40", "70")), contradicting,
                      []) is None
