"""Walk every registered route for every role, owner and non-owner.

ACCESS below is the reviewed list of who may call what. A route that is registered
but not listed here fails the suite, and so does a route whose behaviour differs
from the list for any caller: a new route cannot ship without an access rule.
"""
from __future__ import annotations

import re

import pytest

from server.extensions import limiter
from server.permissions import policy_for
from tests.conftest import PASSWORD, ApiClient

ANON = "anonymous"
PATIENT, OTHER_PATIENT = "patient_owner", "patient_other"
THERAPIST, OTHER_THERAPIST = "therapist_owner", "therapist_other"
ADMIN, OTHER_ADMIN = "admin_same_clinic", "admin_other_clinic"
SUPERVISOR = "supervisor"
ACTORS = (ANON, PATIENT, OTHER_PATIENT, THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN, SUPERVISOR)
EVERYONE = frozenset(ACTORS)
SIGNED_IN = EVERYONE - {ANON}

# (method, rule) -> who gets past authorization. The object in the URL is always
# PATIENT's record (treated by THERAPIST) or, for staff routes, THERAPIST's account.
ACCESS: dict[tuple[str, str], frozenset[str]] = {
    ("POST", "/api/v1/auth/login"): EVERYONE,
    ("POST", "/api/v1/auth/accept-invite"): EVERYONE,
    ("POST", "/api/v1/auth/logout"): SIGNED_IN,
    ("POST", "/api/v1/auth/password"): SIGNED_IN,
    ("GET", "/api/v1/me"): SIGNED_IN,
    ("GET", "/api/v1/exercises"): EVERYONE,
    ("GET", "/api/v1/exercises/<string:exercise_id>"): EVERYONE,
    ("GET", "/api/v1/education"): EVERYONE,
    ("GET", "/api/v1/education/<string:item_id>"): EVERYONE,
    ("GET", "/content/illustrations/<path:filename>"): EVERYONE,
    ("GET", "/api/v1/openapi.json"): EVERYONE,
    ("GET", "/api/v1/docs"): EVERYONE,
    ("GET", "/api/v1/docs/assets/<path:filename>"): EVERYONE,
    ("POST", "/api/v1/patients"): frozenset({THERAPIST, OTHER_THERAPIST}),
    ("GET", "/api/v1/patients"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    ("GET", "/api/v1/patients/<patient_ref:patient_id>"): frozenset({PATIENT, THERAPIST, ADMIN}),
    ("PATCH", "/api/v1/patients/<patient_ref:patient_id>"): frozenset({PATIENT, THERAPIST}),
    ("POST", "/api/v1/patients/<patient_ref:patient_id>/invite"): frozenset({THERAPIST}),
    ("POST", "/api/v1/patients/<patient_ref:patient_id>/transfer"): frozenset({THERAPIST, ADMIN}),
    ("GET", "/api/v1/staff"): frozenset({ADMIN, OTHER_ADMIN}),
    ("POST", "/api/v1/staff"): frozenset({ADMIN, OTHER_ADMIN}),
    ("PATCH", "/api/v1/staff/<int:staff_id>"): frozenset({ADMIN}),
}


def registered_routes(app) -> list[tuple[str, str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, rule.rule, rule.endpoint))
    return sorted(routes)


def test_every_registered_route_is_in_the_access_list(app):
    listed = set(ACCESS)
    registered = {(method, rule) for method, rule, _ in registered_routes(app)}
    assert registered - listed == set(), "routes without a reviewed access rule"
    assert listed - registered == set(), "access rules for routes that no longer exist"


def test_every_route_declares_a_policy(app):
    with app.test_request_context():
        missing = [(m, r) for m, r, endpoint in registered_routes(app) if policy_for(endpoint) is None]
    assert missing == []


@pytest.fixture
def world(make):
    """Two clinics; PATIENT is treated by THERAPIST, OTHER_PATIENT by OTHER_THERAPIST."""
    admin = make.staff("admin")
    clinic = admin["clinic_id"]
    therapist = make.staff("therapist", clinic_id=clinic)
    other_therapist = make.staff("therapist", clinic_id=clinic)
    accounts = {
        ADMIN: admin,
        THERAPIST: therapist,
        OTHER_THERAPIST: other_therapist,
        SUPERVISOR: make.staff("supervisor", clinic_id=clinic),
        OTHER_ADMIN: make.staff("admin"),
        PATIENT: make.patient(therapist),
        OTHER_PATIENT: make.patient(other_therapist),
    }
    return accounts


def _url(rule: str, world: dict) -> str:
    values = {
        "patient_id": str(world[PATIENT]["id"]),
        "staff_id": str(world[THERAPIST]["id"]),
        "exercise_id": "p2-bridge-a",
        "item_id": "brochure-spine",
    }

    def fill(match):
        converter, name = match.group(1), match.group(2)
        if name == "filename":
            return "p2-bridge-a.svg" if "illustrations" in rule else "swagger-ui.css"
        return values[name]

    return re.sub(r"<(?:(\w+):)?(\w+)>", fill, rule)


def test_the_walk(app, world):
    failures = []
    for method, rule, _endpoint in registered_routes(app):
        allowed = ACCESS[(method, rule)]
        url = _url(rule, world)
        for actor in ACTORS:
            client = ApiClient(app)
            if actor != ANON:
                limiter.reset()  # the walk signs in far more often than a person would
                client.login(world[actor]["email"], PASSWORD)
            response = client.request(method, url, json={} if method != "GET" else None)
            status = response.status_code
            if actor in allowed:
                ok = status not in (401, 403, 404, 405)
            elif actor == ANON:
                ok = status == 401
            else:
                ok = status in (403, 404)
            if not ok:
                failures.append(f"{method} {url} as {actor}: {status} (allowed={actor in allowed})")
    assert failures == []


def test_the_me_alias_reaches_only_your_own_record(app, world):
    for actor in (PATIENT, OTHER_PATIENT):
        client = ApiClient(app).login(world[actor]["email"], PASSWORD)
        assert client.get("/api/v1/patients/me").get_json()["id"] == world[actor]["id"]
