"""The CRPE tool's rules (seed 002 l.1071-1083, form l.2914-3263), as tables."""
from decimal import Decimal

import pytest

from server.content.crpe import load_crpe
from server.config import REPO_ROOT
from server.domain.crpe import FormKeys, change, problems, score

FORM = FormKeys(impairment=frozenset({"sleep", "gait", "pain_back"}), activity=frozenset({"walking", "lifting"}),
                subgroups={"muscular": ("M54.5",), "radiating_pain": ("M54.5", "M54.1", "M54.4"),
                           "si_joint": ("M53.3",)},
                treatments=frozenset({"exercise.supervised_group", "exercise.other", "manual.massage"}),
                other={"exercise": "exercise.other"}, effects=frozenset({"much_better", "unchanged"}))


@pytest.mark.parametrize(("grades", "expected"), [
    ({}, None),                                              # nothing graded: no score, not zero
    ({"sleep": 0}, Decimal("0.00")),                         # graded "none" is a score of 0
    ({"sleep": 4}, Decimal("4.00")),
    ({"sleep": 1, "gait": 2}, Decimal("1.50")),              # sum / number graded (l.1076-1078)
    ({"sleep": 1, "gait": 1, "pain_back": 2}, Decimal("1.33")),
    ({"sleep": 2, "gait": 2, "pain_back": 1}, Decimal("1.67")),   # 1.666... rounds half up
    ({"a": 0, "b": 0, "c": 0, "d": 0, "e": 0, "f": 0, "g": 0, "h": 1}, Decimal("0.13")),  # 0.125 -> 0.13
])
def test_the_score_is_the_mean_grade_of_the_items_graded(grades, expected):
    assert score(grades) == expected


@pytest.mark.parametrize(("first", "final", "expected"), [
    (Decimal("2.00"), Decimal("1.25"), Decimal("-0.75")),    # fewer or milder findings: negative, better
    (Decimal("1.00"), Decimal("1.50"), Decimal("0.50")),
    (None, Decimal("1.00"), None), (Decimal("1.00"), None, None), (None, None, None),
])
def test_the_change_is_final_minus_first_only_when_both_are_scored(first, final, expected):
    assert change(first, final) == expected


def codes(which, answer):
    return [(p.field, p.code) for p in problems(FORM, which, answer)]


@pytest.mark.parametrize(("which", "answer", "expected"), [
    ("first", {"impairment": {"sleep": 0, "gait": 4}}, []),                       # the edges of 0-4
    ("first", {"impairment": {"sleep": 5}}, [("impairment", "crpe_grade_range")]),
    ("first", {"impairment": {"sleep": -1}}, [("impairment", "crpe_grade_range")]),
    ("first", {"activity": {"sleeping": 2}}, [("activity", "crpe_item_unknown")]),
    ("first", {"impairment": {"walking": 2}}, [("impairment", "crpe_item_unknown")]),   # an activity, not an impairment
    ("first", {"subgroup": "radiating_pain", "icd10": ["M54.5", "M54.4"]}, []),
    ("first", {"subgroup": "radiating_pain", "icd10": []}, [("icd10", "crpe_icd10_required")]),
    ("first", {"subgroup": "muscular", "icd10": ["M54.1"]}, [("icd10", "crpe_icd10_not_allowed")]),
    ("final", {"subgroup": "muscular", "icd10": ["M54.5", "M54.1"]}, []),         # the final may add a new code
    ("final", {"subgroup": "muscular", "icd10": ["Z99.9"]}, [("icd10", "crpe_icd10_not_allowed")]),
    ("first", {"subgroup": "lumbago"}, [("subgroup", "crpe_subgroup_unknown")]),
    ("first", {"icd10": ["M54.5"]}, [("icd10", "crpe_icd10_needs_subgroup")]),
    ("first", {"subgroup": None, "icd10": []}, []),                              # the category may wait
    ("first", {"effect": "much_better"}, [("effect", "crpe_final_only")]),
    ("first", {"treatments": ["manual.massage"]}, [("treatments", "crpe_final_only")]),
    ("final", {"treatments": ["manual.massage"], "effect": "unchanged", "part1_applied": True, "visits": 6}, []),
    ("final", {"treatments": ["manual.cupping"]}, [("treatments", "crpe_treatment_unknown")]),
    ("final", {"treatments": ["exercise.other"]}, [("treatment_other", "crpe_other_words")]),
    ("final", {"treatments": ["exercise.other"], "treatment_other": {"exercise": "  "}},
     [("treatment_other", "crpe_other_words")]),
    ("final", {"treatments": ["exercise.other"], "treatment_other": {"exercise": "Aqua jogging"}}, []),
    ("final", {"treatment_other": {"exercise": "Aqua jogging"}}, [("treatment_other", "crpe_other_unticked")]),
    ("final", {"effect": "a little better"}, [("effect", "crpe_effect_unknown")]),
])
def test_what_the_form_allows(which, answer, expected):
    assert codes(which, answer) == expected


def test_the_form_in_the_content_library_pairs_categories_with_the_forms_codes():
    """The pairs of the protocol's table (l.3066-3131), spot-checked, and every KVÅ code of the form's rows."""
    form = load_crpe(REPO_ROOT / "content")
    assert form.keys.subgroups["radiating_pain"] == ("M54.5", "M54.1", "M54.4")
    assert form.keys.subgroups["stenosis_imaging"] == ("M48.0K", "M99.6")
    assert form.keys.subgroups["spondylolysis_imaging"] == ("M43.0", "M43.1")
    assert form.keys.subgroups["si_joint"] == ("M53.3",)
    assert len(form.keys.impairment) == 21 and len(form.keys.activity) == 15 and len(form.keys.subgroups) == 12
    sv = form.render("sv")
    kva = {i["key"]: i["kva"] for i in sv["impairment"] + sv["activity"] + sv["treatments"]}
    assert (kva["sleep"], kva["walking"], kva["exercise.supervised_group"], kva["exercise.cardiovascular"],
            kva["behavioural.pain_education"]) == ("PA007", "PM007", "QV012", "QD016", "QV007")
    assert [g["label"] for g in sv["grades"]] == ["Ingen", "Lätt", "Måttlig", "Svår", "Total"]
    assert [e["key"] for e in sv["effect"]] == ["much_better", "quite_better", "unchanged", "quite_worse", "much_worse"]


def test_a_broken_form_is_refused_naming_each_problem(tmp_path):
    from server.content.loader import ContentError
    (tmp_path / "crpe").mkdir()
    (tmp_path / "crpe" / "form.yaml").write_text(
        "version: 1\ngrades: [{grade: 0, sv: Ingen, en: None}]\n"
        "impairment: [{key: sleep, kva: PA7, sv: Sömn, en: Sleep}, {key: sleep, kva: PA007, sv: Sömn}]\n"
        "activity: []\nicd10: {M54.5: {sv: Lumbago, en: Lumbago}}\n"
        "subgroups: [{key: muscular, icd10: [M99.9], sv: a, en: b}]\ntreatment_groups: []\neffect: []\n")
    with pytest.raises(ContentError) as error:
        load_crpe(tmp_path)
    reasons = " | ".join(p.reason for p in error.value.problems)
    for expected in ("grades must be", "'PA7'", "no en label", "'sleep' is used twice", "['M99.9']"):
        assert expected in reasons
