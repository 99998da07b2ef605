"""The care episode through the API: screening blocks the program, visits, stratification, discharge."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.conftest import contract_body
from tests.api.test_proms_api import BASELINE
from tests.conftest import PASSWORD, ApiClient

ME = "/api/v1/patients/me"
PART1 = {"items": [{"exercise_id": "p1-1a"}]}
HIGH_RISK = {"sbt1": 1, "sbt2": 1, "sbt3": 0, "sbt4": 1, "sbt5": 1, "sbt6": 1, "sbt7": 0, "sbt8": 1, "sbt9": 4}


def episode(care):
    return care["t"].get(f"{care['base']}/episode?locale=en").get_json()


@pytest.fixture
def care(app, make):
    """A therapist and their patient, not yet screened (this module opens the episodes itself)."""
    therapist = make.staff("therapist")
    patient = make.patient(therapist)
    return {"therapist": therapist, "patient": patient, "t": ApiClient(app).login(therapist["email"], PASSWORD),
            "p": ApiClient(app).login(patient["email"], PASSWORD), "base": f"/api/v1/patients/{patient['id']}"}


def test_a_ticked_red_flag_blocks_the_program_until_its_outcome_is_recorded(care, today):
    opened = care["t"].post(f"{care['base']}/episode", json={"red_flags": ["weight_loss"], "planned_visits": 4})
    assert opened.status_code == 201, opened.get_json()
    assert opened.get_json()["episode"]["paused"]["reason"] == "red_flag"
    refused = care["t"].put(f"{care['base']}/program", json=PART1)
    assert refused.status_code == 409 and refused.get_json()["error"] == "care_paused"
    assert care["t"].get(f"{care['base']}/program").get_json()["items"] == []   # nothing half-written
    queued = [i for i in care["t"].get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "red_flag"]
    assert [[f["flag"] for f in i["detail"]["flags"]] for i in queued] == [["weight_loss"]]
    assert queued[0]["detail"]["flags"][0]["recorded_by"] == care["t"].user["name"]   # who ticked it, and when
    assert queued[0]["detail"]["flags"][0]["recorded_at"]
    ruled_out = care["t"].post(f"{care['base']}/episode/red-flags/weight_loss/outcome",
                               json={"outcome": "ruled_out", "note": "Weight stable on re-weighing; GP agrees."})
    assert ruled_out.status_code == 200, ruled_out.get_json()
    shown = ruled_out.get_json()["episode"]
    assert shown["paused"] is None and shown["red_flags"] == ["weight_loss"]   # the screening is kept
    assert [(h["flag"], h["outcome"], h["outcome_by"]) for h in shown["flag_history"]] == [
        ("weight_loss", "ruled_out", care["t"].user["name"])]
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200
    assert "red_flag" not in {i["reason"] for i in care["t"].get("/api/v1/review-queue").get_json()["items"]}


def test_free_text_alone_never_clears_a_flag(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["cord_compression"]})
    noted = care["t"].patch(f"{care['base']}/episode", json={"red_flag_action": "."})
    assert noted.status_code == 200 and noted.get_json()["episode"]["paused"]["reason"] == "red_flag"
    assert care["t"].put(f"{care['base']}/program", json=PART1).get_json()["error"] == "care_paused"


def test_a_flag_awaiting_its_outcome_cannot_be_unticked(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["trauma"]})
    refused = care["t"].patch(f"{care['base']}/episode", json={"red_flags": []})
    assert refused.status_code == 409 and refused.get_json()["error"] == "red_flag_outcome_required"
    assert episode(care)["episode"]["red_flags"] == ["trauma"]


def test_an_episode_without_flags_does_not_block(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": []})
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200


def test_the_first_program_and_contract_need_a_screening(care, today):
    body = contract_body(today)
    for url, json in ((f"{care['base']}/program", PART1), (f"{care['base']}/contract", body)):
        refused = care["t"].put(url, json=json)   # no episode at all
        assert refused.status_code == 409 and refused.get_json()["error"] == "screening_required", url
    care["t"].post(f"{care['base']}/episode", json={"planned_visits": 3})   # opened, the checklist not answered
    assert episode(care)["episode"]["screened"] is False
    assert care["t"].put(f"{care['base']}/contract", json=body).get_json()["error"] == "screening_required"
    assert care["t"].get(f"{care['base']}/program").get_json()["items"] == []
    screened = care["t"].patch(f"{care['base']}/episode", json={"red_flags": []})   # "none of these"
    assert screened.get_json()["episode"]["screened"] is True
    assert care["t"].put(f"{care['base']}/contract", json=body).status_code == 200
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200


def test_a_discharged_episode_does_not_count_as_a_screening(care, today):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": []})
    care["t"].post(f"{care['base']}/episode/discharge",
                   json={"date": today.isoformat(), "reason": "goals-met", "referred": False})
    assert care["t"].put(f"{care['base']}/program", json=PART1).get_json()["error"] == "screening_required"


def test_an_unknown_red_flag_is_refused_naming_the_field(care):
    response = care["t"].post(f"{care['base']}/episode", json={"red_flags": ["headache"]})
    assert response.status_code == 422 and "red_flags" in str(response.get_json())
    assert episode(care)["episode"] is None


def test_visits_are_counted_in_the_episode_and_the_patient_list(care, today):
    care["t"].post(f"{care['base']}/episode", json={"planned_visits": 3})
    for offset, kind in ((7, "return"), (14, "group")):
        added = care["t"].post(f"{care['base']}/episode/visits",
                               json={"date": (today + timedelta(days=offset)).isoformat(), "kind": kind,
                                     "note": "Went through Part 1"})
        assert added.status_code == 201, added.get_json()
    shown = episode(care)["episode"]
    assert [v["kind"] for v in shown["visits"]] == ["first", "return", "group"]
    assert (shown["visits_done"], shown["planned_visits"]) == (3, 3)
    listed = next(p for p in care["t"].get("/api/v1/patients").get_json() if p["id"] == care["patient"]["id"])
    assert (listed["visits_done"], listed["visits_planned"], listed["risk_group"]) == (3, 3, None)


def test_a_visit_of_an_unknown_kind_is_refused(care, today):
    care["t"].post(f"{care['base']}/episode", json={})
    response = care["t"].post(f"{care['base']}/episode/visits", json={"date": today.isoformat(), "kind": "phone"})
    assert response.status_code == 422 and "kind" in str(response.get_json())
    assert episode(care)["episode"]["visits_done"] == 1


def test_only_one_open_episode_and_discharge_ends_it(care, today):
    care["t"].post(f"{care['base']}/episode", json={})
    assert care["t"].post(f"{care['base']}/episode", json={}).status_code == 409
    missing = care["t"].post(f"{care['base']}/episode/discharge", json={"date": today.isoformat(), "reason": "goals-met"})
    assert missing.status_code == 422 and "referred" in str(missing.get_json())
    done = care["t"].post(f"{care['base']}/episode/discharge",
                          json={"date": today.isoformat(), "reason": "referred", "referred": True})
    assert done.status_code == 200
    ended = done.get_json()["episode"]
    assert (ended["discharged_on"], ended["discharge_reason"], ended["referred"]) == (today.isoformat(), "referred", True)
    assert care["t"].post(f"{care['base']}/episode/visits",
                          json={"date": today.isoformat(), "kind": "return"}).status_code == 404
    assert care["t"].post(f"{care['base']}/episode", json={}).status_code == 201   # a new episode may start


def test_a_discharge_with_a_referral_pauses_care(care, today):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": []})
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200
    care["t"].post(f"{care['base']}/episode/discharge",
                   json={"date": today.isoformat(), "reason": "referred", "referred": True})
    assert care["t"].put(f"{care['base']}/program", json=PART1).get_json()["error"] == "care_paused"
    assert care["p"].get(f"{ME}/plan").get_json()["paused"]["reason"] == "referred"


def test_the_startback_baseline_gives_the_risk_group_and_its_meaning(care, clinic_packs):
    care["t"].post(f"{care['base']}/episode", json={})
    baseline = care["p"].get(f"{ME}/assessments").get_json()[0]
    answered = care["p"].post(f"{ME}/assessments/{baseline['id']}/response",
                              json={"answers": {**BASELINE, "startback": HIGH_RISK}})
    assert answered.status_code == 201, answered.get_json()
    risk = episode(care)["risk"]
    assert (risk["group"], risk["total"], risk["psychosocial"]) == ("medium-high", 7, 4)
    assert "additional visits" in risk["meaning"] and "behavioural-medicine" in risk["psychosocial_text"]
    sv = care["t"].get(f"{care['base']}/episode?locale=sv").get_json()["risk"]
    assert "fler besök" in sv["meaning"]
    listed = next(p for p in care["t"].get("/api/v1/patients").get_json() if p["id"] == care["patient"]["id"])
    assert listed["risk_group"] == "medium-high"


def test_the_checklist_has_the_protocols_flags_in_both_languages(care):
    en = {i["code"] for i in episode(care)["checklist"]}
    assert {"malignancy", "weight_loss", "trauma", "osteoporosis", "infection", "inflammatory",
            "cord_compression", "drug_use"} <= en
    sv = care["t"].get(f"{care['base']}/episode?locale=sv").get_json()["checklist"]
    assert any("Cancer" in i["label"] for i in sv)


def test_a_flag_ticked_again_later_is_a_new_record_that_needs_its_own_outcome(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["trauma"]})
    care["t"].post(f"{care['base']}/episode/red-flags/trauma/outcome", json={"outcome": "ruled_out", "note": "X-ray: no fracture."})
    again = care["t"].post(f"{care['base']}/episode/red-flags/trauma/outcome", json={"outcome": "ruled_out"})
    assert again.status_code == 409 and again.get_json()["error"] == "red_flag_outcome_recorded"
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200
    care["t"].patch(f"{care['base']}/episode", json={"red_flags": []})              # untick: it has an outcome
    ticked = care["t"].patch(f"{care['base']}/episode", json={"red_flags": ["trauma", "infection"]}).get_json()
    assert ticked["episode"]["paused"]["flags"] == ["infection", "trauma"]
    assert [(h["flag"], h["outcome"]) for h in ticked["episode"]["flag_history"]] == [
        ("trauma", "ruled_out"), ("trauma", None), ("infection", None)]
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 409


def test_an_outcome_names_a_ticked_flag_and_a_referral_names_the_recipient(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["infection"]})
    url = f"{care['base']}/episode/red-flags"
    assert care["t"].post(f"{url}/trauma/outcome", json={"outcome": "ruled_out"}).status_code == 404
    assert care["t"].post(f"{url}/headache/outcome", json={"outcome": "ruled_out"}).status_code == 404
    bad = care["t"].post(f"{url}/infection/outcome", json={"outcome": "cleared"})
    assert bad.status_code == 422 and "outcome" in str(bad.get_json())
    nobody = care["t"].post(f"{url}/infection/outcome", json={"outcome": "referred", "note": "  "})
    assert nobody.status_code == 422 and nobody.get_json()["error"] == "referral_needs_recipient"
    assert episode(care)["episode"]["flag_history"][0]["outcome"] is None   # nothing half-written


def test_considerations_are_recorded_apart_and_never_block(care):
    opened = care["t"].post(f"{care['base']}/episode",
                            json={"red_flags": [], "considerations": ["pregnancy", "spinal_surgery"]})
    assert opened.status_code == 201, opened.get_json()
    shown = opened.get_json()
    assert shown["episode"]["considerations"] == ["pregnancy", "spinal_surgery"]
    assert shown["episode"]["paused"] is None
    assert {i["code"] for i in shown["considerations_checklist"]} == {
        "pregnancy", "psychiatric", "multimodal", "spinal_surgery"}
    assert "pregnancy" not in {i["code"] for i in shown["checklist"]}
    refused = care["t"].patch(f"{care['base']}/episode", json={"red_flags": ["pregnancy"]})
    assert refused.status_code == 422 and "red_flags" in str(refused.get_json())
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200


def test_the_review_queue_shows_the_considerations_beside_the_flag(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["infection"], "considerations": ["psychiatric"]})
    item = next(i for i in care["t"].get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "red_flag")
    assert item["considerations"] == ["psychiatric"] and item["action"].endswith("/episode")
