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
from server.pwa import PWA_DIR
from tests.conftest import PASSWORD, ApiClient, wipe_database

ANON = "anonymous"
PATIENT, OTHER_PATIENT = "patient_owner", "patient_other"
THERAPIST, OTHER_THERAPIST = "therapist_owner", "therapist_other"
ADMIN, OTHER_ADMIN = "admin_same_clinic", "admin_other_clinic"
SUPERVISOR = "supervisor"
ACTORS = (ANON, PATIENT, OTHER_PATIENT, THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN, SUPERVISOR)
EVERYONE = frozenset(ACTORS)
SIGNED_IN = EVERYONE - {ANON}
P = "/api/v1/patients/<patient_ref:patient_id>"
G = "/api/v1/groups/<int:group_id>"

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
    ("GET", "/api/v1/education/<string:item_id>/leader-notes"): SIGNED_IN - {PATIENT, OTHER_PATIENT},
    ("GET", "/content/illustrations/<path:filename>"): EVERYONE,
    ("GET", "/api/v1/openapi.json"): EVERYONE,
    ("GET", "/api/v1/docs"): EVERYONE,
    ("GET", "/api/v1/docs/assets/<path:filename>"): EVERYONE,
    ("GET", "/"): EVERYONE,
    ("GET", "/sw.js"): EVERYONE,
    ("GET", "/manifest.webmanifest"): EVERYONE,
    ("GET", "/app/<path:filename>"): EVERYONE,
    ("GET", "/v/<string:ver>/app/<path:filename>"): EVERYONE,
    ("POST", "/api/v1/patients"): frozenset({THERAPIST, OTHER_THERAPIST}),
    ("GET", "/api/v1/patients"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    ("GET", "/api/v1/patients/<patient_ref:patient_id>"): frozenset({PATIENT, THERAPIST, ADMIN}),
    ("PATCH", "/api/v1/patients/<patient_ref:patient_id>"): frozenset({PATIENT, THERAPIST}),
    ("POST", "/api/v1/patients/<patient_ref:patient_id>/invite"): frozenset({THERAPIST}),
    ("POST", "/api/v1/patients/<patient_ref:patient_id>/transfer"): frozenset({THERAPIST, ADMIN}),
    ("GET", "/api/v1/staff"): frozenset({ADMIN, OTHER_ADMIN}),
    ("POST", "/api/v1/staff"): frozenset({ADMIN, OTHER_ADMIN}),
    ("PATCH", "/api/v1/staff/<int:staff_id>"): frozenset({ADMIN}),
    ("GET", "/api/v1/staff/supervisors"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    # training: the patient and their therapist; only the therapist assigns; only the patient logs and accepts
    ("GET", f"{P}/program"): frozenset({PATIENT, THERAPIST}),
    ("PUT", f"{P}/program"): frozenset({THERAPIST}),
    ("POST", f"{P}/program/levels"): frozenset({THERAPIST}),
    ("POST", f"{P}/program/part1-competence"): frozenset({THERAPIST}),
    ("GET", f"{P}/contract"): frozenset({PATIENT, THERAPIST}),
    ("PUT", f"{P}/contract"): frozenset({THERAPIST}),
    ("POST", f"{P}/contract/accept"): frozenset({PATIENT}),
    ("GET", f"{P}/plan"): frozenset({PATIENT, THERAPIST}),
    ("GET", f"{P}/progress"): frozenset({PATIENT, THERAPIST}),
    ("GET", f"{P}/diary"): frozenset({PATIENT, THERAPIST}),
    ("POST", f"{P}/diary"): frozenset({PATIENT}),
    ("PATCH", f"{P}/diary/<int:entry_id>"): frozenset({PATIENT}),
    ("DELETE", f"{P}/diary/<int:entry_id>"): frozenset({PATIENT}),
    # groups: the supervisor of the group and the clinic's therapists and admin; never another clinic
    ("POST", "/api/v1/groups"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    ("GET", "/api/v1/groups"): SIGNED_IN - {PATIENT, OTHER_PATIENT},
    ("GET", f"{G}"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST, ADMIN}),
    ("PATCH", f"{G}"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN}),
    ("POST", f"{G}/members"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN}),
    # one rule for adding and removing a member: the patient's own therapist or the clinic admin
    ("DELETE", f"{G}/members/<int:patient_id>"): frozenset({THERAPIST, ADMIN}),
    ("GET", f"{G}/attendance/<isodate:day>"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST, ADMIN}),
    ("PUT", f"{G}/attendance/<isodate:day>"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST, ADMIN}),
    # diary-derived figures per member: not the admin, who sees no diaries
    ("GET", f"{G}/adherence"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST}),
    ("GET", f"{G}/sessions"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST, ADMIN}),
    # members' Part 2 levels and "ready for the next level": those who run the group, not the admin
    ("GET", f"{G}/levels"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST}),
    ("POST", f"{G}/members/<int:patient_id>/level-observations"): frozenset({SUPERVISOR, THERAPIST, OTHER_THERAPIST}),
    # the staff workspace: each therapist's own queue; the timeline is the responsible therapist's
    ("GET", "/api/v1/review-queue"): frozenset({THERAPIST, OTHER_THERAPIST}),
    ("POST", "/api/v1/review-queue/<int(max=9007199254740991):review_id>/handled"): frozenset({THERAPIST}),
    ("GET", f"{P}/pacing-timeline"): frozenset({THERAPIST}),
    ("GET", "/api/v1/clinic/outcomes"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    ("GET", "/api/v1/clinic/outcomes.csv"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    # messages: the patient and their own therapist; everyone else, supervisors and admins too, gets 404
    ("GET", f"{P}/messages"): frozenset({PATIENT, THERAPIST}),
    ("POST", f"{P}/messages"): frozenset({PATIENT, THERAPIST}),
    ("GET", "/api/v1/messages/inbox"): frozenset({THERAPIST, OTHER_THERAPIST}),
    # outcome questionnaires: the patient answers; the patient and their therapist see scores
    ("GET", f"{P}/assessments"): frozenset({PATIENT, THERAPIST}),
    ("PUT", f"{P}/assessments/<int:assessment_id>/draft"): frozenset({PATIENT}),
    ("POST", f"{P}/assessments/<int:assessment_id>/response"): frozenset({PATIENT}),
    ("GET", f"{P}/scores"): frozenset({PATIENT, THERAPIST}),
    ("GET", f"{P}/fhir"): frozenset({PATIENT, THERAPIST}),
    # patient-level scores are the treating therapist's in every form; the admin has aggregated outcomes
    ("GET", "/api/v1/exports/scores.csv"): frozenset({THERAPIST, OTHER_THERAPIST}),
    ("GET", "/api/v1/questionnaires/<string:instrument>"): SIGNED_IN,
    # push: anyone signed in registers their own devices; reminder choices are the patient's
    ("GET", "/api/v1/push/vapid-public-key"): SIGNED_IN,
    ("POST", "/api/v1/push/subscriptions"): SIGNED_IN,
    ("DELETE", "/api/v1/push/subscriptions"): SIGNED_IN,
    ("GET", f"{P}/reminders"): frozenset({PATIENT}),
    # the care episode: a clinical record of the responsible therapist only
    ("GET", f"{P}/episode"): frozenset({THERAPIST}),
    ("POST", f"{P}/episode"): frozenset({THERAPIST}),
    ("PATCH", f"{P}/episode"): frozenset({THERAPIST}),
    ("POST", f"{P}/episode/visits"): frozenset({THERAPIST}),
    ("PUT", f"{P}/episode/startback"): frozenset({THERAPIST}),
    ("POST", f"{P}/episode/discharge"): frozenset({THERAPIST}),
    ("POST", f"{P}/episode/red-flags/<string:flag>/outcome"): frozenset({THERAPIST}),
    ("POST", f"{P}/episode/resume"): frozenset({THERAPIST}),
    # the CRPE tool: the form for care staff; the assessments are the responsible therapist's record
    ("GET", "/api/v1/crpe/form"): frozenset({THERAPIST, OTHER_THERAPIST, ADMIN, OTHER_ADMIN}),
    ("GET", f"{P}/episode/crpe"): frozenset({THERAPIST}),
    ("PUT", f"{P}/episode/crpe/<any(first, final):which>"): frozenset({THERAPIST}),
    ("PUT", f"{P}/reminders"): frozenset({PATIENT}),
    # trust: the patient and their clinic's admin read the access log; the admin reviews the clinic's;
    # the patient and their therapist export; the therapist or admin closes the account
    ("GET", f"{P}/access-log"): frozenset({PATIENT, ADMIN}),
    ("GET", "/api/v1/access-log/report"): frozenset({ADMIN, OTHER_ADMIN}),
    ("GET", "/api/v1/access-log/report.csv"): frozenset({ADMIN, OTHER_ADMIN}),
    ("GET", f"{P}/export"): frozenset({PATIENT, THERAPIST}),
    ("POST", f"{P}/close"): frozenset({THERAPIST, ADMIN}),
    ("GET", "/api/v1/clinic"): frozenset({ADMIN, OTHER_ADMIN}),
    ("PATCH", "/api/v1/clinic"): frozenset({ADMIN, OTHER_ADMIN}),
}


NOT_FOUND_FOR_OTHERS = {("GET", f"{P}/messages"), ("POST", f"{P}/messages")}


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


def build_world(make):
    """Two clinics; PATIENT is treated by THERAPIST, OTHER_PATIENT by OTHER_THERAPIST.

    PATIENT has a contract, a program, a diary entry and is in a group supervised by SUPERVISOR.
    """
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
    accounts["objects"] = make.training(accounts[PATIENT], therapist, supervisor=accounts[SUPERVISOR])
    accounts["objects"]["review_id"] = make.review_item(accounts[PATIENT], therapist)
    return accounts


@pytest.fixture
def world(make):
    return build_world(make)


FILES = {  # one existing file behind each file-serving route
    "/content/illustrations/<path:filename>": lambda: "p2-bridge-a.svg",
    "/api/v1/docs/assets/<path:filename>": lambda: "swagger-ui.css",
    "/app/<path:filename>": lambda: sorted(p.name for p in (PWA_DIR / "app").iterdir() if p.is_file())[0],
    "/v/<string:ver>/app/<path:filename>": lambda: "main.js",
}


def _url(rule: str, world: dict) -> str:
    objects = world["objects"]
    values = {
        "patient_id": str(world[PATIENT]["id"]),
        "staff_id": str(world[THERAPIST]["id"]),
        "exercise_id": "p2-bridge-a",
        "item_id": "brochure-spine",
        "entry_id": str(objects["entry_id"]),
        "group_id": str(objects["group_id"]),
        "day": objects["session_date"].isoformat(),
        "assessment_id": str(objects["assessment_id"]),
        "instrument": "odi",
        "flag": "trauma",
        "review_id": str(objects["review_id"]),
        "ver": "0123456789abcdef",
        "which": "first",
    }

    def fill(match):
        converter, name = match.group(1), match.group(2)
        if name == "filename":
            return FILES[rule]()
        return values[name]

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", fill, rule)


def test_the_walk(app, world, make):
    """Deleting and closing routes get a fresh world per caller, so each allowed caller finds the object there."""
    failures = []
    for method, rule, _endpoint in registered_routes(app):
        allowed = ACCESS[(method, rule)]
        for actor in ACTORS:
            if method == "DELETE" or rule.endswith("/close"):
                wipe_database(app)
                world = build_world(make)
            url = _url(rule, world)
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
            elif (method, rule) in NOT_FOUND_FOR_OTHERS and actor != ANON:
                ok = status == 404   # the thread's existence does not leak
            else:
                ok = status in (403, 404)
            if not ok:
                failures.append(f"{method} {url} as {actor}: {status} (allowed={actor in allowed})")
    assert failures == []


def test_the_me_alias_reaches_only_your_own_record(app, world):
    for actor in (PATIENT, OTHER_PATIENT):
        client = ApiClient(app).login(world[actor]["email"], PASSWORD)
        assert client.get("/api/v1/patients/me").get_json()["id"] == world[actor]["id"]
