"""Probe findings 2-4: dates out of range, huge integers and control characters are 422/404, never 500."""
import uuid

import pytest

from tests.api.conftest import contract_body
from tests.api.test_groups import team  # noqa: F401 (a fixture)

HUGE = 18446744073709551616  # 2**64


def test_a_group_in_year_9999_is_refused_and_the_clinic_still_lists_its_groups(team):  # noqa: F811
    t = team["t"]
    body = {"name": "Far future", "start_date": "9999-12-20", "weekdays": [1, 4], "time": "17:00",
            "supervisor_id": team["supervisor"]["id"]}
    response = t.post("/api/v1/groups", json=body)
    assert response.status_code == 422
    assert response.get_json()["error"] == "date_out_of_range"
    assert "start_date" in response.get_json()["errors"]["json"]
    listed = t.get("/api/v1/groups")
    assert listed.status_code == 200 and [g["name"] for g in listed.get_json()] == ["Tisdagsgruppen"]
    moved = t.patch(f"/api/v1/groups/{team['group']['id']}", json={"start_date": "9999-12-20"})
    assert moved.status_code == 422 and t.get("/api/v1/groups").status_code == 200


def test_a_part2_start_in_year_9999_is_refused_and_the_program_still_reads(care):
    t, base = care["t"], care["base"]
    t.post(f"{base}/program/part1-competence", json={"achieved": True})
    items = [{"exercise_id": "p1-1a"}, {"exercise_id": "p2-bridge-a"}]
    response = t.put(f"{base}/program", json={"items": items, "part2_start_date": "9999-12-01"})
    assert response.status_code == 422 and "part2_start_date" in response.get_json()["errors"]["json"]
    assert t.get(f"{base}/program").status_code == 200
    assert care["p"].get("/api/v1/patients/me/plan").status_code == 200


def test_contract_and_diary_dates_are_bounded(care, today):
    contract = care["t"].put(f"{care['base']}/contract", json=contract_body(today.replace(year=1)))
    assert contract.status_code == 422 and "start_date" in contract.get_json()["errors"]["json"]
    plan = care["p"].get("/api/v1/patients/me/plan?date=9999-12-31")
    assert plan.status_code == 422 and "date" in plan.get_json()["errors"]["query"]


@pytest.mark.parametrize("field", ["therapist_id", "patient_id", "supervisor_id"])
def test_ids_above_the_database_range_are_422_naming_the_field(team, make, field):  # noqa: F811
    t, therapist = team["t"], team["therapist"]
    patient = make.patient(therapist)
    urls = {"therapist_id": (f"/api/v1/patients/{patient['id']}/transfer", {"therapist_id": HUGE}),
            "patient_id": (f"/api/v1/groups/{team['group']['id']}/members", {"patient_id": HUGE}),
            "supervisor_id": (f"/api/v1/groups/{team['group']['id']}", {"supervisor_id": HUGE})}
    url, body = urls[field]
    response = t.request("PATCH" if field == "supervisor_id" else "POST", url, json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]["json"]


def test_a_diary_exercise_id_above_the_range_is_422(care, today):
    body = {"client_id": str(uuid.uuid4()), "date": today.isoformat(),
            "exercises": [{"item_id": HUGE, "sets_done": 1, "repetitions_done": 1}]}
    response = care["p"].post("/api/v1/patients/me/diary", json=body)
    assert response.status_code == 422 and "exercises" in response.get_json()["errors"]["json"]


@pytest.mark.parametrize("path", ["/api/v1/patients/me/diary/18446744073709551616",
                                  "/api/v1/patients/18446744073709551616/program",
                                  "/api/v1/patients/9223372036854775808/program",
                                  "/api/v1/groups/18446744073709551616"])
def test_huge_ids_in_the_path_are_404(care, path):
    for client in (care["p"], care["t"]):
        response = client.request("PATCH" if path.endswith("616") and "diary" in path else "GET", path,
                                  json={"note": "x"} if "diary" in path else None)
        assert response.status_code == 404, (path, response.status_code)
        assert response.get_json()["error"] == "not_found"


@pytest.mark.parametrize("text", ["before\x00after", "bell\x07", "escape\x1b[31m"])
def test_control_characters_in_a_diary_note_are_422_naming_the_field(contracted, today, text):
    body = {"client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 20, "rpe": 12, "note": text}
    response = contracted["p"].post("/api/v1/patients/me/diary", json=body)
    assert response.status_code == 422 and response.get_json()["error"] == "control_characters"
    assert response.get_json()["errors"]["json"] == {"note": ["Styrtecken är inte tillåtna."]}
    assert contracted["p"].get("/api/v1/patients/me/diary").get_json() == []


def test_control_characters_in_names_endpoints_and_keys_are_422(care, make):
    t = care["t"]
    name = t.post("/api/v1/patients", json={"name": "A\x00B", "email": "nul@example.org", "locale": "sv",
                                            "timezone": "Europe/Stockholm"})
    assert name.status_code == 422 and "name" in name.get_json()["errors"]["json"]
    push = care["p"].post("/api/v1/push/subscriptions", json={
        "endpoint": "https://fcm.googleapis.com/fcm/send/a\x00b", "keys": {"p256dh": "x", "auth": "y"}})
    assert push.status_code == 422 and "endpoint" in push.get_json()["errors"]["json"]
    nested = t.put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1\x00"}]})
    assert nested.status_code == 422
    assert nested.get_json()["errors"]["json"] == {"items": {"0": {"exercise_id": ["Styrtecken är inte tillåtna."]}}}


def test_newlines_and_tabs_in_a_note_are_kept(contracted, today):
    body = {"client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 20, "rpe": 12,
            "note": "line one\nline two\tand a tab"}
    response = contracted["p"].post("/api/v1/patients/me/diary", json=body)
    assert response.status_code == 201 and response.get_json()["note"] == body["note"]
