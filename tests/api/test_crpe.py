"""The CRPE tool through the API: the form, a first and a final assessment, scores and their change."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from server.extensions import db
from server.models import AccessLog

FIRST = {"impairment": {"sleep": 2, "pain_back": 3, "gait": 1, "muscle_power": 0},
         "activity": {"walking": 2, "lifting": 3, "sitting": 2},
         "subgroup": "radiating_pain", "icd10": ["M54.5", "M54.4"]}
FINAL = {"impairment": {"sleep": 1, "pain_back": 1, "gait": 0},
         "activity": {"walking": 1, "lifting": 1, "sitting": 0, "work": 1},
         "subgroup": "radiating_pain", "icd10": ["M54.5", "M54.4", "M54.1"],
         "part1_applied": True, "part2_applied": True,
         "treatments": ["exercise.supervised_group", "exercise.cardiovascular", "behavioural.pain_education",
                        "exercise.other"],
         "treatment_other": {"exercise": "Vattengympa"}, "effect": "quite_better"}


def crpe(care):
    return f"{care['base']}/episode/crpe"


def opened(care, today, visits=0):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": [], "opened_on": today.isoformat()})
    for n in range(visits):
        care["t"].post(f"{care['base']}/episode/visits", json={"date": today.isoformat(), "kind": "return"})


def test_the_form_comes_in_the_readers_language_with_its_codes(care):
    form = care["t"].get("/api/v1/crpe/form?locale=sv").get_json()
    sleep = next(i for i in form["impairment"] if i["key"] == "sleep")
    assert sleep == {"key": "sleep", "label": "Sömn", "kva": "PA007"}
    radiating = next(s for s in form["subgroups"] if s["key"] == "radiating_pain")
    assert [c["code"] for c in radiating["icd10"]] == ["M54.5", "M54.1", "M54.4"]
    group = next(t for t in form["treatments"] if t["key"] == "exercise.supervised_group")
    assert (group["kva"], group["group"], group["kind"]) == ("QV012", "exercise", "mode")
    english = care["t"].get("/api/v1/crpe/form?locale=en").get_json()
    assert next(i for i in english["activity"] if i["key"] == "walking")["label"] == "Walking"
    assert [e["label"] for e in english["effect"]][0] == "Much better"


def test_a_first_and_a_final_assessment_give_scores_side_by_side_with_the_change(care, today):
    opened(care, today, visits=4)
    first = care["t"].put(f"{crpe(care)}/first", json=FIRST)
    assert first.status_code == 200, first.get_json()
    shown = first.get_json()
    assert (shown["first"]["impairment_score"], shown["first"]["activity_score"]) == (1.5, 2.33)
    assert shown["final"] is None and shown["change"] == {"impairment": None, "activity": None}
    final = care["t"].put(f"{crpe(care)}/final", json=FINAL)
    assert final.status_code == 200, final.get_json()
    both = care["t"].get(crpe(care)).get_json()
    assert (both["final"]["impairment_score"], both["final"]["activity_score"]) == (0.67, 0.75)
    assert both["change"] == {"impairment": -0.83, "activity": -1.58}
    assert both["final"]["icd10"] == ["M54.5", "M54.4", "M54.1"]           # a new code at the final
    assert both["final"]["treatment_kva"] == ["QV012", "QD016", "QV007"]
    assert both["final"]["recorded_by"].startswith("Therapist ")
    assert (both["visits_logged"], both["visits_total"]) == (5, 5)          # the first visit and four more
    corrected = dict(FINAL, visits=7)
    assert care["t"].put(f"{crpe(care)}/final", json=corrected).get_json()["visits_total"] == 7


def test_nothing_graded_is_no_score_not_zero(care, today):
    opened(care, today)
    shown = care["t"].put(f"{crpe(care)}/first", json={"impairment": {"sleep": 0}}).get_json()["first"]
    assert shown["impairment_score"] == 0.0 and shown["activity_score"] is None


def test_an_unknown_item_or_a_grade_outside_0_to_4_is_a_422_naming_it(care, today):
    opened(care, today)
    unknown = care["t"].put(f"{crpe(care)}/first", json={"impairment": {"happiness": 2}})
    assert unknown.status_code == 422 and unknown.get_json()["error"] == "crpe_item_unknown"
    assert "happiness" in str(unknown.get_json()["errors"]["json"]["impairment"])
    high = care["t"].put(f"{crpe(care)}/first", json={"activity": {"walking": 5}})
    assert high.status_code == 422 and "activity" in high.get_json()["errors"]["json"]
    wrong_code = care["t"].put(f"{crpe(care)}/first", json={"subgroup": "muscular", "icd10": ["M54.4"]})
    assert wrong_code.status_code == 422 and "icd10" in wrong_code.get_json()["errors"]["json"]
    swedish = care["t"].put(f"{crpe(care)}/first?locale=sv", json={"impairment": {"happiness": 2}},
                            headers={"Accept-Language": "sv"})
    assert "finns inte" in swedish.get_json()["message"]
    assert care["t"].get(crpe(care)).get_json()["first"] is None          # nothing half-written


def test_the_final_needs_the_first_and_both_need_the_episode(care, today, make):
    unscreened = make.patient(care["therapist"])          # care's own patient is screened: an episode is open
    refused = care["t"].put(f"/api/v1/patients/{unscreened['id']}/episode/crpe/first", json=FIRST)
    assert refused.status_code == 409 and refused.get_json()["error"] == "crpe_no_episode"
    opened(care, today)
    refused = care["t"].put(f"{crpe(care)}/final", json=FINAL)
    assert refused.status_code == 409 and refused.get_json()["error"] == "crpe_first_missing"
    early = care["t"].put(f"{crpe(care)}/first", json={**FIRST, "assessed_on": (today - timedelta(days=1)).isoformat()})
    assert early.status_code == 422 and early.get_json()["error"] == "crpe_before_episode"
    future = care["t"].put(f"{crpe(care)}/first", json={**FIRST, "assessed_on": (today + timedelta(days=1)).isoformat()})
    assert future.status_code == 422 and "assessed_on" in future.get_json()["errors"]["json"]
    treatment_at_first = care["t"].put(f"{crpe(care)}/first", json={**FIRST, "effect": "much_better"})
    assert treatment_at_first.get_json()["error"] == "crpe_final_only"


def test_saving_again_replaces_the_assessment(care, today):
    opened(care, today)
    care["t"].put(f"{crpe(care)}/first", json=FIRST)
    again = care["t"].put(f"{crpe(care)}/first", json={**FIRST, "impairment": {"sleep": 4}}).get_json()
    assert again["first"]["impairment"] == {"sleep": 4} and again["first"]["impairment_score"] == 4.0


def test_every_read_and_write_is_in_the_patients_access_log(app, care, today):
    opened(care, today)
    care["t"].get(crpe(care))
    care["t"].put(f"{crpe(care)}/first", json=FIRST)
    with app.app_context():
        logged = db.session.execute(select(AccessLog.kind, AccessLog.action).where(
            AccessLog.patient_id == care["patient"]["id"], AccessLog.kind == "episode")).all()
    assert ("episode", "read") in logged and ("episode", "write") in logged
    assert care["p"].get(f"/api/v1/patients/me/episode/crpe").status_code in (403, 404)   # not the patient's tool
