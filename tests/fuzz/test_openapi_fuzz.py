"""Schemathesis over the OpenAPI document, as anonymous, a patient and a therapist.

Every database test backend (SQLite, and PostgreSQL when TEST_DATABASE_URL is set) gets the
same run, with data that fits the schema and data that does not. All of schemathesis's checks
apply (not a server error, status codes, content types, headers, response schemas, negative
data rejected, positive data accepted, ...), with one setting: a 422 counts as accepting
schema-valid data, because some rules cannot be said in a schema (a contract's training days
must match its sessions per week; a diary date must not be before the contract). Examples are
bounded so the run fits CI; every failure found is listed, not just the first.
"""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import PositiveDataAcceptanceConfig

from tests.conftest import PASSWORD, ApiClient

EXAMPLES = 5
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
SKIPPED = {"POST /api/v1/auth/logout"}   # would end the session the rest of the run signs in with


def _signed_in(app, make, role: str) -> dict:
    therapist = make.staff("therapist")
    patient = make.patient(therapist)
    make.training(patient, therapist)
    account = patient if role == "patient" else therapist
    client = ApiClient(app).login(account["email"], PASSWORD)
    cookie = client.http.get_cookie("bb_session", domain="localhost")
    return {"Cookie": f"bb_session={cookie.value}", "X-CSRF-Token": client.csrf}


def _fuzz(app, caller: dict) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.config.checks.update(included_check_names=["all"])
    schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
        expected_statuses=["2xx", "401", "403", "404", "409", "422", "429"])
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label in SKIPPED:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(generation_mode=mode))
            @FUZZ
            def run(case):
                case.call_and_validate(headers={**(case.headers or {}), **caller})

            try:
                run()
            except Unsatisfiable:   # nothing to get wrong: no parameters and no body to break
                assert mode is GenerationMode.NEGATIVE
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect all, then report
                failures.append(f"{operation.label} ({mode.value}): {str(error)[:1200]}")
    for failure in failures:
        print(failure, end="\n\n")      # pytest shows them with the failing test
    return [failure.split(":")[0] for failure in failures]


def test_anonymous_callers_get_what_the_openapi_promises(app):
    assert _fuzz(app, {}) == []


def test_a_patient_gets_what_the_openapi_promises(app, make):
    assert _fuzz(app, _signed_in(app, make, "patient")) == []


def test_a_therapist_gets_what_the_openapi_promises(app, make):
    assert _fuzz(app, _signed_in(app, make, "therapist")) == []
