"""A closed record is read, never changed: every write route that reaches a patient's record refuses it.

Issue 21, finding 3: a closed patient could still be marked at a group session (200), taken out of a
group (204) and put into one (201). Here every write route of the app is either walked against a closed
record (and must answer 409 account_closed and change nothing) or listed, with its reason, as not a
write to a patient's record; a new write route that is neither fails the test.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from server.db import Base
from server.extensions import db, limiter
from tests.conftest import PASSWORD, ApiClient
from tests.test_authorization_walk import (
    ACCESS, ADMIN, OTHER_PATIENT, PATIENT, SUPERVISOR, THERAPIST, _url, build_world, registered_routes,
)

P = "/api/v1/patients/<patient_ref:patient_id>"
G = "/api/v1/groups/<int:group_id>"

# Write routes that name a patient outside the URL's patient_id: each with the body that names PATIENT.
GROUP_WRITES = {
    ("POST", f"{G}/members"): lambda w: {"patient_id": w[PATIENT]["id"]},
    ("DELETE", f"{G}/members/<int:patient_id>"): lambda w: None,
    ("PUT", f"{G}/attendance/<isodate:day>"): lambda w: {"attendance": [{"patient_id": w[PATIENT]["id"],
                                                                          "present": True}]},
    ("POST", f"{G}/members/<int:patient_id>/level-observations"): lambda w: {"item_id": w["objects"]["part2_item_id"]},
}
# Write routes that do not write to a patient's record, and why.
NOT_A_RECORD_WRITE = {
    ("POST", "/api/v1/auth/login"): "signing in (a closed account cannot)",
    ("POST", "/api/v1/auth/logout"): "the caller's own session",
    ("POST", "/api/v1/auth/accept-invite"): "invitations are revoked at closing; the service asks the rule too",
    ("POST", "/api/v1/auth/password"): "the caller's own password (a closed patient cannot sign in)",
    ("POST", "/api/v1/patients"): "a new patient",
    ("POST", "/api/v1/staff"): "a staff account",
    ("PATCH", "/api/v1/staff/<int:staff_id>"): "a staff account",
    ("POST", "/api/v1/groups"): "a new, empty group",
    ("PATCH", G): "the group's name, time and supervisor",
    ("POST", "/api/v1/review-queue/<int(max=9007199254740991):review_id>/handled"):
        "the therapist's own queue, which holds no closed patient (walked below all the same)",
    ("POST", "/api/v1/push/subscriptions"): "the caller's own device (the service asks the rule for a patient)",
    ("DELETE", "/api/v1/push/subscriptions"): "the caller's own device",
    ("PATCH", "/api/v1/clinic"): "the clinic's retention setting",
}
SKIPPED_TABLES = {"access_log", "login_sessions"}   # what signing in and reading write


def _snapshot(app) -> dict[str, list]:
    with app.app_context():
        return {table.name: sorted(map(repr, db.session.execute(select(table)).all()))
                for table in Base.metadata.sorted_tables if table.name not in SKIPPED_TABLES}


def _signed_in(app, account) -> ApiClient:
    limiter.reset()
    return ApiClient(app).login(account["email"], PASSWORD)


@pytest.fixture
def closed_world(app, make):
    """PATIENT and OTHER_PATIENT in the group, a second group PATIENT is not in; then PATIENT's account is closed."""
    world = build_world(make)
    admin = _signed_in(app, world[ADMIN])
    group = world["objects"]["group_id"]
    assert admin.post(f"/api/v1/groups/{group}/members", json={"patient_id": world[OTHER_PATIENT]["id"]}
                      ).status_code == 201
    start = world["objects"]["session_date"]
    second = _signed_in(app, world[THERAPIST]).post("/api/v1/groups", json={
        "name": "Thursday group", "start_date": (start + timedelta(days=2)).isoformat(), "weekdays": [4],
        "sessions_per_week": 1, "time": "18:00", "supervisor_id": world[SUPERVISOR]["id"]})
    assert second.status_code == 201
    world["objects"]["second_group_id"] = second.get_json()["id"]
    assert admin.post(f"/api/v1/patients/{world[PATIENT]['id']}/close").status_code == 200
    return world


def test_every_write_route_is_walked_or_has_a_reason(app):
    writes = {(m, r) for m, r, _ in registered_routes(app) if m != "GET"}
    walked = {(m, r) for m, r in writes if "<patient_ref:patient_id>" in r} | set(GROUP_WRITES)
    assert writes - walked - set(NOT_A_RECORD_WRITE) == set(), "a write route nobody decided about"
    assert set(NOT_A_RECORD_WRITE) - writes == set(), "reasons for routes that no longer exist"


def test_no_staff_write_reaches_a_closed_record(app, closed_world):
    """Every caller allowed on each route (the closed patient is signed out: sessions end at closing)."""
    before = _snapshot(app)
    failures = []
    for method, rule, _ in registered_routes(app):
        if method == "GET" or ("<patient_ref:patient_id>" not in rule and (method, rule) not in GROUP_WRITES):
            continue
        body = GROUP_WRITES.get((method, rule), lambda w: {})(closed_world)
        for actor in sorted(ACCESS[(method, rule)] & {THERAPIST, ADMIN, SUPERVISOR}):
            reply = _signed_in(app, closed_world[actor]).request(method, _url(rule, closed_world), json=body)
            if reply.status_code != 409 or reply.get_json()["error"] != "account_closed":
                failures.append(f"{method} {rule} as {actor}: {reply.status_code} {reply.get_json()}")
    assert failures == []
    assert _snapshot(app) == before, "a refused write changed the database"


def test_a_closed_patient_is_not_put_into_another_group(app, closed_world):
    second = closed_world["objects"]["second_group_id"]
    reply = _signed_in(app, closed_world[THERAPIST]).post(f"/api/v1/groups/{second}/members",
                                                          json={"patient_id": closed_world[PATIENT]["id"]})
    assert reply.status_code == 409
    assert reply.get_json()["error"] == "account_closed" and list(reply.get_json()["errors"]["json"]) == ["patient_id"]
    detail = _signed_in(app, closed_world[THERAPIST]).get(f"/api/v1/groups/{second}").get_json()
    assert detail["members"] == []


def test_attendance_with_a_closed_member_saves_nothing_and_the_open_members_still_can_be_marked(app, closed_world):
    group, day = closed_world["objects"]["group_id"], closed_world["objects"]["session_date"].isoformat()
    supervisor = _signed_in(app, closed_world[SUPERVISOR])
    both = [{"patient_id": closed_world[OTHER_PATIENT]["id"], "present": True},
            {"patient_id": closed_world[PATIENT]["id"], "present": True}]
    refused = supervisor.put(f"/api/v1/groups/{group}/attendance/{day}", json={"attendance": both})
    assert refused.status_code == 409 and list(refused.get_json()["errors"]["json"]) == ["attendance"]
    assert supervisor.get(f"/api/v1/groups/{group}/attendance/{day}").get_json()["attendance"] == []
    kept = supervisor.put(f"/api/v1/groups/{group}/attendance/{day}", json={"attendance": both[:1]})
    assert kept.status_code == 200 and kept.get_json()["attendance"] == both[:1]


def test_the_group_shows_which_members_are_closed(app, closed_world):
    group = closed_world["objects"]["group_id"]
    members = _signed_in(app, closed_world[SUPERVISOR]).get(f"/api/v1/groups/{group}").get_json()["members"]
    assert {m["id"]: m["closed"] for m in members} == {closed_world[PATIENT]["id"]: True,
                                                       closed_world[OTHER_PATIENT]["id"]: False}


def test_the_refusal_is_in_the_callers_language(app, closed_world):
    group = closed_world["objects"]["group_id"]
    therapist = _signed_in(app, closed_world[THERAPIST])
    reply = therapist.delete(f"/api/v1/groups/{group}/members/{closed_world[PATIENT]['id']}")
    assert reply.status_code == 409 and therapist.user["locale"] == "sv"
    assert reply.get_json()["message"] == "Patientens konto är avslutat; journalen kan läsas men inte ändras."


def test_a_closed_member_needs_no_word_in_the_adherence_review(app, closed_world):
    """Marks the supervisor can no longer give are not held against the group: no flags for a closed member."""
    group = closed_world["objects"]["group_id"]
    review = _signed_in(app, closed_world[SUPERVISOR]).get(f"/api/v1/groups/{group}/adherence").get_json()
    rows = {m["patient_id"]: m for m in review["members"]}
    assert rows[closed_world[PATIENT]["id"]]["flags"] == []
    assert "attendance_unrecorded" in rows[closed_world[OTHER_PATIENT]["id"]]["flags"]
    assert review["needs_a_word"] == [closed_world[OTHER_PATIENT]["id"]]
