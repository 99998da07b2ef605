"""The care episode through the API: screening blocks the program, visits, stratification, discharge."""
from __future__ import annotations

from datetime import timedelta

from tests.api.test_proms_api import BASELINE

ME = "/api/v1/patients/me"
PART1 = {"items": [{"exercise_id": "p1-1a"}]}
HIGH_RISK = {"sbt1": 1, "sbt2": 1, "sbt3": 0, "sbt4": 1, "sbt5": 1, "sbt6": 1, "sbt7": 0, "sbt8": 1, "sbt9": 4}


def episode(care):
    return care["t"].get(f"{care['base']}/episode?locale=en").get_json()


def test_a_ticked_red_flag_blocks_the_program_until_the_action_is_recorded(care, today):
    opened = care["t"].post(f"{care['base']}/episode", json={"red_flags": ["weight_loss"], "planned_visits": 4})
    assert opened.status_code == 201, opened.get_json()
    assert opened.get_json()["episode"]["program_blocked"] is True
    refused = care["t"].put(f"{care['base']}/program", json=PART1)
    assert refused.status_code == 409
    assert "viktnedgång" in str(refused.get_json()) and "red_flag_unresolved" in str(refused.get_json())
    assert care["t"].get(f"{care['base']}/program").get_json()["items"] == []   # nothing half-written
    queued = [i for i in care["t"].get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "red_flag"]
    assert [i["detail"]["flags"] for i in queued] == [["weight_loss"]]      # the therapist's review queue says so
    resolved = care["t"].patch(f"{care['base']}/episode",
                               json={"red_flag_action": "Seen by the GP the same day; no serious cause found."})
    assert resolved.status_code == 200 and resolved.get_json()["episode"]["program_blocked"] is False
    assert resolved.get_json()["episode"]["red_flags"] == ["weight_loss"]   # the screening is kept
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200
    assert "red_flag" not in {i["reason"] for i in care["t"].get("/api/v1/review-queue").get_json()["items"]}


def test_an_episode_without_flags_does_not_block(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": []})
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200


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


def test_a_discharged_episode_with_a_flag_no_longer_blocks(care, today):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["trauma"]})
    care["t"].post(f"{care['base']}/episode/discharge",
                   json={"date": today.isoformat(), "reason": "referred", "referred": True})
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200


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


def test_a_newly_ticked_flag_blocks_again_until_its_action_is_recorded(care):
    care["t"].post(f"{care['base']}/episode", json={"red_flags": ["trauma"], "red_flag_action": "X-ray: no fracture."})
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 200
    again = care["t"].patch(f"{care['base']}/episode", json={"red_flags": ["trauma", "infection"]}).get_json()
    assert again["episode"]["program_blocked"] is True and again["episode"]["red_flag_action"] is None
    assert care["t"].put(f"{care['base']}/program", json=PART1).status_code == 409
