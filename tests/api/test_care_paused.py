"""Care paused everywhere at once: a ticked red flag or a referral stops the plan and every treatment
change, the diary goes on, and the therapist resumes care explicitly (server/domain/care_pause.py)."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.api.conftest import contract_body
from tests.conftest import PASSWORD, ApiClient

PLAN = "/api/v1/patients/me/plan"
ITEMS = {"items": [{"exercise_id": "p1-1a"}, {"exercise_id": "rom-extension-a"}]}


@pytest.fixture
def treated(contracted, today):
    """`contracted` (an accepted contract) with Part 1 and a range-of-movement exercise due every day."""
    assert contracted["t"].put(f"{contracted['base']}/program", json=ITEMS).status_code == 200
    return contracted


def tick(care, *flags):
    response = care["t"].patch(f"{care['base']}/episode", json={"red_flags": list(flags)})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["episode"]


def outcome(care, flag, kind, note):
    response = care["t"].post(f"{care['base']}/episode/red-flags/{flag}/outcome", json={"outcome": kind, "note": note})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["episode"]


def test_a_ticked_flag_pauses_the_plan_at_once_and_a_resume_after_referral_restores_it(treated, today):
    before = treated["p"].get(PLAN).get_json()    # served, and kept by the plan cache
    assert before["paused"] is None and before["exercises"] and before["general_training"]
    tick(treated, "cord_compression")
    paused = treated["p"].get(PLAN).get_json()
    assert paused["paused"] == {"reason": "red_flag", "since": today.isoformat()}
    assert (paused["exercises"], paused["general_training"], paused["group_sessions"]) == ([], None, [])
    assert "cord" not in str(paused) and "compression" not in str(paused)   # the patient sees no flag name
    assert treated["p"].get("/api/v1/patients/me/progress").get_json()["prescription"] is None
    outcome(treated, "cord_compression", "referred", "Emergency department, same day")
    assert treated["p"].get(PLAN).get_json()["paused"]["reason"] == "referred"
    resumed = treated["t"].post(f"{treated['base']}/episode/resume",
                                json={"note": "Orthopaedics found no cord compression; go on."})
    assert resumed.status_code == 200, resumed.get_json()
    assert resumed.get_json()["episode"]["paused"] is None
    assert resumed.get_json()["episode"]["resumes"][0]["resumed_by"] == treated["t"].user["name"]
    after = treated["p"].get(PLAN).get_json()
    assert after["paused"] is None and after["exercises"] == before["exercises"]
    assert after["general_training"] == before["general_training"]


def test_a_flag_ruled_out_lifts_the_pause_without_a_resume(treated):
    tick(treated, "osteoporosis")
    outcome(treated, "osteoporosis", "ruled_out", "No long-term cortisone; DXA normal last year.")
    assert treated["p"].get(PLAN).get_json()["paused"] is None


def test_a_referral_after_a_resume_pauses_again(treated):
    tick(treated, "infection")
    outcome(treated, "infection", "referred", "GP")
    treated["t"].post(f"{treated['base']}/episode/resume", json={"note": "GP: no infection."})
    tick(treated, "infection", "malignancy")
    outcome(treated, "malignancy", "referred", "Oncology")
    assert treated["p"].get(PLAN).get_json()["paused"]["reason"] == "referred"


def test_every_treatment_change_is_refused_while_paused(treated, app, make, today):
    supervisor = make.staff("supervisor", clinic_id=treated["therapist"]["clinic_id"])
    start = today - timedelta(days=3)
    group = treated["t"].post("/api/v1/groups", json={
        "name": "Torsdagsgruppen", "start_date": start.isoformat(), "time": "17:00", "supervisor_id": supervisor["id"],
        "weekdays": [start.isoweekday(), (start + timedelta(days=2)).isoweekday()]}).get_json()
    tick(treated, "trauma")
    base = treated["base"]
    refused = {
        "level": treated["t"].post(f"{base}/program/levels", json={"family": "rom-extension", "level": "C",
                                                                   "reason": "Feels fine"}),
        "contract": treated["t"].put(f"{base}/contract", json=contract_body(today, capable_minutes=40)),
        "program": treated["t"].put(f"{base}/program", json={"items": [{"exercise_id": "p1-1b"}]}),
        "group": treated["t"].post(f"/api/v1/groups/{group['id']}/members", json={"patient_id": treated["patient"]["id"]}),
    }
    assert {k: (r.status_code, r.get_json()["error"]) for k, r in refused.items()} == {
        k: (409, "care_paused") for k in refused}
    assert "behandling" in ApiClient(app).login(treated["therapist"]["email"], PASSWORD).put(
        f"{base}/program?locale=sv", json=ITEMS, headers={"Accept-Language": "sv"}).get_json()["message"]
    program = treated["t"].get(f"{base}/program").get_json()
    assert sorted(i["exercise_id"] for i in program["items"]) == ["p1-1a", "rom-extension-a"]   # nothing changed
    assert treated["t"].get(f"{base}/contract").get_json()["version"] == 1
    assert treated["t"].get(f"/api/v1/groups/{group['id']}").get_json()["members"] == []


def test_the_diary_is_still_accepted_while_paused(treated, today):
    tick(treated, "weight_loss")
    logged = treated["p"].post("/api/v1/patients/me/diary", json={
        "client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 15, "rpe": 11, "pain": 4,
        "note": "Short walk"})
    assert logged.status_code == 201, logged.get_json()
    assert [e["note"] for e in treated["t"].get(f"{treated['base']}/diary").get_json()] == ["Short walk"]


def test_resume_needs_a_referral_to_resume_from_and_a_note(treated):
    base = treated["base"]
    not_paused = treated["t"].post(f"{base}/episode/resume", json={"note": "Go on"})
    assert (not_paused.status_code, not_paused.get_json()["error"]) == (409, "care_not_paused")
    tick(treated, "drug_use")
    unresolved = treated["t"].post(f"{base}/episode/resume", json={"note": "Go on"})
    assert (unresolved.status_code, unresolved.get_json()["error"]) == (409, "red_flag_outcome_required")
    outcome(treated, "drug_use", "referred", "Addiction clinic")
    for note in ("", "   "):
        empty = treated["t"].post(f"{base}/episode/resume", json={"note": note})
        assert empty.status_code == 422 and "note" in str(empty.get_json()), note
    assert treated["p"].get(PLAN).get_json()["paused"]["reason"] == "referred"   # nothing resumed


def test_a_patient_cannot_record_outcomes_or_resume(treated):
    tick(treated, "trauma")
    me = "/api/v1/patients/me/episode"
    assert treated["p"].post(f"{me}/red-flags/trauma/outcome", json={"outcome": "ruled_out"}).status_code == 403
    assert treated["p"].post(f"{me}/resume", json={"note": "I feel fine"}).status_code == 403
    assert treated["p"].get(PLAN).get_json()["paused"]["reason"] == "red_flag"
