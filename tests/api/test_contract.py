"""The training contract: versions, 80 % start, acceptance by the patient."""
from datetime import timedelta

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
