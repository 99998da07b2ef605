"""The training contract: versions, 80 % start, acceptance by the patient."""
import uuid
from datetime import timedelta

import pytest

from tests.api.conftest import contract_body


def test_a_contract_starts_at_80_percent_and_waits_for_the_patient(care, today):
    response = care["t"].put(f"{care['base']}/contract", json=contract_body(today, capable_minutes=27))
    assert response.status_code == 200
    contract = response.get_json()
    assert (contract["version"], contract["start_minutes"], contract["accepted"]) == (1, 22, False)  # 21.6 -> 22
    assert contract["reminder_time"] == "18:00" and contract["training_days"] == [1, 3, 5]
    accepted = care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 1})
    assert accepted.status_code == 200 and accepted.get_json()["accepted_at"]
    again = care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 1})
    assert again.status_code == 409


def test_a_revision_is_a_new_version_to_accept_again(care, today):
    care["t"].put(f"{care['base']}/contract", json=contract_body(today))
    care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 1})
    revised = care["t"].put(f"{care['base']}/contract", json=contract_body(today + timedelta(days=1), capable_minutes=40))
    assert revised.get_json()["version"] == 2 and not revised.get_json()["accepted"]
    stale = care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 1})
    assert stale.status_code == 409 and stale.get_json()["error"] == "contract_revised"
    assert "version 1" in stale.get_json()["message"] and "version 2" in stale.get_json()["message"]
    unknown = care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 3})
    assert unknown.status_code == 409 and unknown.get_json()["error"] == "contract_version_unknown"
    assert "revised" not in unknown.get_json()["message"] and "changed" not in unknown.get_json()["message"]
    assert care["p"].post("/api/v1/patients/me/contract/accept", json={"version": 2}).status_code == 200


def test_only_the_patient_accepts(care, today):
    care["t"].put(f"{care['base']}/contract", json=contract_body(today))
    assert care["t"].post(f"{care['base']}/contract/accept", json={"version": 1}).status_code == 403


def test_no_contract_yet_is_a_404(care):
    response = care["p"].get("/api/v1/patients/me/contract")
    assert response.status_code == 404 and response.get_json()["error"] == "no_contract"


def test_contract_fields_are_checked(care, today):
    for overrides, field in [
        ({"training_days": [1, 3]}, "training_days"),                 # 3 sessions a week need 3 days
        ({"training_days": [1, 1, 3]}, "training_days"),
        ({"training_form": "other"}, "training_form_other"),
        ({"training_form": "skiing"}, "training_form"),
        ({"capable_minutes": 0}, "capable_minutes"),
        ({"goal_minutes": 601}, "goal_minutes"),
        ({"goal_hard_minutes": 50}, "goal_hard_minutes"),             # more than the goal minutes
        ({"reminder_time": "25:00"}, "reminder_time"),
        ({"sessions_per_week": "3"}, "sessions_per_week"),            # strings are not numbers
    ]:
        response = care["t"].put(f"{care['base']}/contract", json=contract_body(today, **overrides))
        assert response.status_code == 422 and field in response.get_json()["errors"]["json"], (overrides, response.get_json())
    other = care["t"].put(f"{care['base']}/contract", json=contract_body(
        today, training_form="other", training_form_other="Cross-country skiing"))
    assert other.status_code == 200


# --- issue 17: the contract says what the pacing does ------------------------------------------------------

def test_the_hard_minute_goal_defaults_to_none(care, today):
    body = contract_body(today)
    del body["goal_hard_minutes"]
    contract = care["t"].put(f"{care['base']}/contract", json=body).get_json()
    assert contract["goal_hard_minutes"] == 0
    assert (contract["start_hard_minutes"], contract["carried_over"]) == (0, False)


@pytest.mark.parametrize("goal, hard, status", [(25, 20, 422), (29, 1, 422), (29, 0, 200), (30, 10, 200)])
def test_hard_minutes_need_a_goal_of_30_minutes(care, today, goal, hard, status):
    response = care["t"].put(f"{care['base']}/contract", headers={"Accept-Language": "en"},
                             json=contract_body(today, goal_minutes=goal, goal_hard_minutes=hard))
    assert response.status_code == status, response.get_json()
    if status == 422:
        assert list(response.get_json()["errors"]["json"]) == ["goal_hard_minutes"]


def test_the_hard_minute_messages_are_in_swedish_for_a_swedish_reader(care, today):
    t = care["t"]   # staff accounts are Swedish by default
    under_30 = t.put(f"{care['base']}/contract", json=contract_body(today, goal_minutes=25, goal_hard_minutes=20))
    assert under_30.get_json()["errors"]["json"]["goal_hard_minutes"] == [
        "Intervaller börjar vid 30 minuter: med ett mål under 30 minuter ska minuterna med hög ansträngning vara 0."]
    over_20 = t.put(f"{care['base']}/contract", json=contract_body(today, goal_hard_minutes=21))
    assert over_20.get_json()["errors"]["json"]["goal_hard_minutes"] == [
        "Minuter med hög ansträngning är högst 20: 10 av de 30 minuterna är lugna."]


def _log(client, day, rpe=12, minutes=20):
    response = client.post("/api/v1/patients/me/diary", json={
        "client_id": str(uuid.uuid4()), "date": day.isoformat(), "minutes": minutes, "rpe": rpe})
    assert response.status_code == 201, response.get_json()


def _prescribed(client, day) -> dict:
    return client.get(f"/api/v1/patients/me/plan?date={day.isoformat()}&locale=en").get_json()["general_training"]


@pytest.mark.parametrize("new_start_weeks_ago", [0, 6])
def test_revising_the_training_days_keeps_the_prescription(care, today, new_start_weeks_ago):
    """Seen in issue 17: revising only the training days of a 6-week-old contract dropped 35 minutes to 20."""
    start = today - timedelta(weeks=6)
    care["t"].put(f"{care['base']}/contract", json=contract_body(start, goal_hard_minutes=0))
    minutes = 20
    for block in range(3):
        for offset in (0, 2, 4, 7, 9, 11):
            _log(care["p"], start + timedelta(days=14 * block + offset), minutes=minutes)
        minutes = {20: 24, 24: 29}.get(minutes, 35)
    assert _prescribed(care["p"], today)["minutes"] == 35
    revised = care["t"].put(f"{care['base']}/contract", json=contract_body(
        today - timedelta(weeks=new_start_weeks_ago), goal_hard_minutes=0, training_days=[2, 4, 6])).get_json()
    assert revised["version"] == 2 and revised["carried_over"]
    plan = _prescribed(care["p"], today)
    assert plan["minutes"] == 35
    if new_start_weeks_ago == 0:
        assert revised["start_minutes"] == 35 and "carries on" in plan["reason"]


def test_a_new_capable_minutes_figure_restarts_at_80_percent(care, today):
    start = today - timedelta(weeks=4)
    care["t"].put(f"{care['base']}/contract", json=contract_body(start, goal_hard_minutes=0))
    for block in range(2):
        for offset in (0, 2, 4, 7, 9, 11):
            _log(care["p"], start + timedelta(days=14 * block + offset), minutes=30)
    assert _prescribed(care["p"], today)["minutes"] == 29
    revised = care["t"].put(f"{care['base']}/contract", json=contract_body(
        today, capable_minutes=30, goal_hard_minutes=0)).get_json()
    assert (revised["start_minutes"], revised["carried_over"]) == (24, False)
    assert _prescribed(care["p"], today)["minutes"] == 24


def test_a_revision_carries_the_hard_minutes_over(care, today):
    start = today - timedelta(weeks=4)
    care["t"].put(f"{care['base']}/contract", json=contract_body(start, capable_minutes=38, goal_hard_minutes=20))
    for offset in (0, 2, 4, 7, 9, 11):
        _log(care["p"], start + timedelta(days=offset), minutes=30)   # 30 minutes at 12: intervals start
    assert (_prescribed(care["p"], today)["hard_minutes"]) == 10
    revised = care["t"].put(f"{care['base']}/contract", json=contract_body(
        today, capable_minutes=38, goal_hard_minutes=15, training_days=[1, 3, 6])).get_json()
    assert (revised["start_minutes"], revised["start_hard_minutes"]) == (30, 10)
    plan = _prescribed(care["p"], today)
    assert (plan["minutes"], plan["hard_minutes"], plan["phase"]) == (30, 10, "intervals")
