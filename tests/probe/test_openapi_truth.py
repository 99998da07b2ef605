"""Probe finding 10: the OpenAPI document says what the server does."""
import pytest

from server.error_codes import CODES


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").get_json()


def test_the_error_schema_has_the_code_list(spec):
    error = spec["components"]["schemas"]["Error"]
    assert {"code", "status", "error", "message"} <= set(error["required"])
    assert set(error["properties"]["error"]["enum"]) == set(CODES)


def test_the_exports_document_their_content_types(spec):
    fhir = spec["paths"]["/api/v1/patients/{patient_id}/fhir"]["get"]["responses"]["200"]["content"]
    csv = spec["paths"]["/api/v1/exports/scores.csv"]["get"]["responses"]["200"]["content"]
    assert list(fhir) == ["application/fhir+json"] and list(csv) == ["text/csv"]


def test_weekdays_are_iso_numbers_from_monday(spec):
    weekdays = spec["components"]["schemas"]["ContractIn"]["properties"]["training_days"]
    assert weekdays["items"]["minimum"] == 1 and weekdays["items"]["maximum"] == 7
    assert "1 = Monday" in weekdays["description"]


def test_ids_and_dates_carry_their_ranges(spec):
    member = spec["components"]["schemas"]["MemberIn"]["properties"]["patient_id"]
    assert (member["minimum"], member["maximum"]) == (1, 2**31 - 1)
    params = spec["paths"]["/api/v1/patients/{patient_id}"]["parameters"][0]["schema"]
    assert params["pattern"] == "^(me|[1-9][0-9]{0,9})$"


@pytest.mark.parametrize("method, path", [("PATCH", "/api/v1/patients/me"), ("PUT", "/api/v1/patients/me/reminders")])
def test_a_write_without_its_body_is_refused(care, method, path):
    response = care["p"].request(method, path)
    assert response.status_code == 422 and response.get_json()["error"] == "body_required"


def test_routing_errors_are_json_with_a_code(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"] == "not_found"
    wrong = client.request("DELETE", "/api/v1/exercises")
    assert wrong.status_code == 405 and wrong.get_json()["error"] == "method_not_allowed" and "Allow" in wrong.headers


def test_families_times_and_keys_are_in_the_schema(spec, app):
    family = spec["components"]["schemas"]["LevelChangeIn"]["properties"]["family"]
    assert set(family["enum"]) == app.extensions["bb_content"].families()
    time = spec["components"]["schemas"]["ContractIn"]["properties"]["reminder_time"]
    assert time["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9]$"
    keys = spec["components"]["schemas"]["Keys"]["properties"]
    assert (keys["p256dh"]["minLength"], keys["auth"]["maxLength"]) == (87, 24)


def test_the_clinic_outcomes_csv_is_documented_as_csv(spec):
    responses = spec["paths"]["/api/v1/clinic/outcomes.csv"]["get"]["responses"]
    assert list(responses["200"]["content"]) == ["text/csv"]
