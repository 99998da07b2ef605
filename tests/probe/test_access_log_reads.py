"""Probe finding 5 (issue 21): every staff read of patient data writes a row per patient it shows, a refused
attempt leaves a trace, a preflight is not a write, and patient-level scores follow one policy."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError

from server.extensions import db
from server.models import AccessLog, User
from tests.api.test_access_log import rows, signed_in
from tests.test_authorization_walk import (
    ADMIN, OTHER_ADMIN, OTHER_PATIENT, OTHER_THERAPIST, PATIENT, SUPERVISOR, THERAPIST, build_world,
)

NEW_PATIENT = {"name": "Nora Ny", "email": "nora@example.org", "locale": "sv", "timezone": "Europe/Stockholm"}


@pytest.fixture
def world(make):
    return build_world(make)


def logged(app, **match) -> list[tuple]:
    """(patient, actor, kind, action, assigned) of the rows, oldest first."""
    return [(r.patient_id, r.actor_id, r.kind, r.action, r.assigned) for r in rows(app)
            if all(getattr(r, k) == v for k, v in match.items())]


# --- reads that showed patient data without a row ------------------------------------------------

def test_the_inbox_logs_each_patient_it_lists(app, world):
    reply = signed_in(app, world[THERAPIST]).get("/api/v1/messages/inbox")
    assert reply.status_code == 200 and [r["patient_id"] for r in reply.get_json()] == [world[PATIENT]["id"]]
    assert logged(app) == [(world[PATIENT]["id"], world[THERAPIST]["id"], "message-inbox", "read", True)]


@pytest.mark.parametrize("path, actor, kind, assigned", [
    ("", SUPERVISOR, "group-members", True),                  # member names
    ("", ADMIN, "group-members", False),
    ("/sessions", OTHER_THERAPIST, "group-attendance", False),  # counts and each session's note
    ("/sessions", THERAPIST, "group-attendance", True),
])
def test_the_group_page_and_its_sessions_log_each_member(app, world, path, actor, kind, assigned):
    reply = signed_in(app, world[actor]).get(f"/api/v1/groups/{world['objects']['group_id']}{path}")
    assert reply.status_code == 200
    assert logged(app) == [(world[PATIENT]["id"], world[actor]["id"], kind, "read", assigned)]


def test_renaming_a_group_writes_no_members_record(app, world):
    group = world["objects"]["group_id"]
    assert signed_in(app, world[THERAPIST]).patch(f"/api/v1/groups/{group}", json={"name": "Kvällsgruppen"}
                                                  ).status_code == 200
    assert logged(app) == []


def test_adding_a_member_logs_the_write_and_the_other_names_in_the_reply(app, world, make):
    newcomer = make.patient(world[THERAPIST])
    group = world["objects"]["group_id"]
    reply = signed_in(app, world[THERAPIST]).post(f"/api/v1/groups/{group}/members",
                                                  json={"patient_id": newcomer["id"]})
    assert reply.status_code == 201 and len(reply.get_json()["members"]) == 2
    assert logged(app) == [(newcomer["id"], world[THERAPIST]["id"], "group-members", "write", True),
                           (world[PATIENT]["id"], world[THERAPIST]["id"], "group-members", "read", True)]


def test_the_admins_patient_list_logs_each_patient(app, world):
    listed = signed_in(app, world[ADMIN]).get("/api/v1/patients").get_json()
    assert {p["id"] for p in listed} == {world[PATIENT]["id"], world[OTHER_PATIENT]["id"]}
    assert sorted(logged(app)) == sorted(
        (world[p]["id"], world[ADMIN]["id"], "patient-list", "read", False) for p in (PATIENT, OTHER_PATIENT))


def test_creating_a_patient_is_a_logged_write_to_the_new_record(app, world):
    reply = signed_in(app, world[THERAPIST]).post("/api/v1/patients", json=NEW_PATIENT)
    assert reply.status_code == 201
    assert logged(app) == [(reply.get_json()["id"], world[THERAPIST]["id"], "create", "write", True)]


def test_a_patient_whose_creation_cannot_be_logged_is_not_created(app, world, monkeypatch):
    from server.services.privacy import access_log

    def broken(*_args, **_kwargs):
        raise DatabaseError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(access_log, "record", broken)
    reply = signed_in(app, world[THERAPIST]).post("/api/v1/patients", json=NEW_PATIENT)
    assert reply.status_code == 500 and "invite_code" not in reply.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User).where(User.email == NEW_PATIENT["email"])) == 0


@pytest.mark.parametrize("actor, url", [
    (THERAPIST, "/api/v1/messages/inbox"),
    (SUPERVISOR, "/api/v1/groups/{group}"),
    (THERAPIST, "/api/v1/groups/{group}/sessions"),
    (ADMIN, "/api/v1/patients"),
])
def test_no_row_no_names(app, world, monkeypatch, actor, url):
    """The row is written before anything of the list is sent: when it cannot be, nothing is."""
    from server.services.privacy import access_log

    def broken(*_args, **_kwargs):
        raise DatabaseError("INSERT", {}, Exception("disk full"))

    client = signed_in(app, world[actor])
    monkeypatch.setattr(access_log, "record", broken)
    with app.app_context():
        name = db.session.get(User, world[PATIENT]["id"]).name
    reply = client.get(url.format(group=world["objects"]["group_id"]))
    assert reply.status_code == 500 and name not in reply.get_data(as_text=True)


# --- refused attempts -------------------------------------------------------------------------

@pytest.mark.parametrize("actor, method, path, status, reason, action, kind", [
    (OTHER_THERAPIST, "GET", "/diary", 404, "patient_not_found", "read", "diary"),    # not their patient
    (OTHER_ADMIN, "GET", "", 404, "patient_not_found", "read", "record"),            # another clinic
    (SUPERVISOR, "GET", "", 403, "forbidden_role", "read", "record"),
    (ADMIN, "GET", "/scores", 403, "forbidden_role", "read", "scores"),
    (ADMIN, "GET", "/messages", 404, "patient_not_found", "read", "messages"),
    (OTHER_THERAPIST, "PUT", "/contract", 404, "patient_not_found", "write", "contract"),
])
def test_a_refused_staff_attempt_is_logged_as_refused_in_the_patients_clinic(
        app, world, actor, method, path, status, reason, action, kind):
    patient = world[PATIENT]
    reply = signed_in(app, world[actor]).request(method, f"/api/v1/patients/{patient['id']}{path}",
                                                 json={} if method != "GET" else None)
    assert reply.status_code == status
    assert [(r.patient_id, r.clinic_id, r.actor_id, r.kind, r.action, r.assigned, r.refused_status, r.refused_reason)
            for r in rows(app)] == [(patient["id"], patient["clinic_id"], world[actor]["id"], kind, action, False,
                                     status, reason)]


def test_a_write_to_a_closed_record_is_logged_as_refused(app, world):
    base = f"/api/v1/patients/{world[PATIENT]['id']}"
    therapist = signed_in(app, world[THERAPIST])
    assert therapist.post(f"{base}/close", json={}).status_code == 200
    reply = therapist.put(f"{base}/contract", json={})
    assert reply.status_code == 409
    last = rows(app)[-1]
    assert (last.kind, last.action, last.assigned, last.refused_status, last.refused_reason) == (
        "contract", "write", True, 409, reply.get_json()["error"])


def test_a_colleague_turned_away_from_a_patients_group_membership_is_logged(app, world, make):
    newcomer = make.patient(world[THERAPIST])
    group = f"/api/v1/groups/{world['objects']['group_id']}"
    colleague = signed_in(app, world[OTHER_THERAPIST])
    assert colleague.post(f"{group}/members", json={"patient_id": newcomer["id"]}).status_code == 404
    assert colleague.delete(f"{group}/members/{world[PATIENT]['id']}").status_code == 404
    assert [(r.patient_id, r.actor_id, r.kind, r.action, r.assigned, r.refused_status, r.refused_reason)
            for r in rows(app)] == [
        (newcomer["id"], world[OTHER_THERAPIST]["id"], "group-members", "write", False, 404, "patient_not_found"),
        (world[PATIENT]["id"], world[OTHER_THERAPIST]["id"], "group-members", "write", False, 404, "not_member")]


def test_the_patient_sees_a_refused_attempt_the_admin_sees_why(app, world):
    patient = world[PATIENT]
    signed_in(app, world[OTHER_THERAPIST]).get(f"/api/v1/patients/{patient['id']}/diary")
    own = signed_in(app, patient).get("/api/v1/patients/me/access-log").get_json()["entries"]
    assert [(e["kind"], e["action"], e["refused"], e["actor"]["id"]) for e in own] == [
        ("diary", "read", True, world[OTHER_THERAPIST]["id"])]
    assert "refused_status" not in own[0] and "refused_reason" not in own[0]
    admin = signed_in(app, world[ADMIN]).get(f"/api/v1/patients/{patient['id']}/access-log").get_json()["entries"]
    assert [(e["kind"], e["refused"], e["refused_status"], e["refused_reason"]) for e in admin] == [
        ("access-log", False, None, None), ("diary", True, 404, "patient_not_found")]


def test_the_report_counts_refused_attempts_and_puts_them_first(app, world):
    from datetime import date, timedelta

    patient_id = world[PATIENT]["id"]
    signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{patient_id}/diary")
    for _ in range(2):
        signed_in(app, world[SUPERVISOR]).get(f"/api/v1/patients/{patient_id}")
    today = date.today()
    period = f"from={(today - timedelta(days=1)).isoformat()}&to={(today + timedelta(days=1)).isoformat()}"
    admin = signed_in(app, world[ADMIN])
    report = admin.get(f"/api/v1/access-log/report?{period}").get_json()["rows"]
    assert [(r["actor"]["id"], r["accesses"], r["unassigned"], r["refused"]) for r in report] == [
        (world[SUPERVISOR]["id"], 2, 2, 2), (world[THERAPIST]["id"], 1, 0, 0)]
    lines = admin.get(f"/api/v1/access-log/report.csv?{period}").get_data(as_text=True).splitlines()
    assert lines[0].split(",")[6:8] == ["not_assigned", "refused"] and lines[1].split(",")[5:8] == ["2", "2", "2"]


def test_a_refusal_that_names_no_patient_goes_to_the_server_log(app, world, caplog):
    client = signed_in(app, world[THERAPIST])
    with caplog.at_level(logging.WARNING):
        assert client.get("/api/v1/patients/999999/diary").status_code == 404
        assert client.get(f"/api/v1/patients/{world[THERAPIST]['id']}").status_code == 404   # a staff account
    assert rows(app) == []
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("access refused")]
    assert len(lines) == 2 and f"by user {world[THERAPIST]['id']} (therapist): 404 patient_not_found" in lines[0]
    assert "/api/v1/patients/<patient_ref:patient_id>/diary" in lines[0]


def test_a_patient_turned_away_from_another_record_writes_no_row(app, world):
    assert signed_in(app, world[OTHER_PATIENT]).get(f"/api/v1/patients/{world[PATIENT]['id']}/diary"
                                                    ).status_code in (403, 404)
    assert rows(app) == []


# --- preflights ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [("/contract", 200), ("", 200),
                                          ("/diary", 403)])   # the preflight meets the patient-only POST's rule
def test_a_preflight_is_not_logged(app, world, path, status):
    reply = signed_in(app, world[THERAPIST]).request("OPTIONS", f"/api/v1/patients/{world[PATIENT]['id']}{path}")
    assert reply.status_code == status
    assert rows(app) == []


def test_a_preflight_on_a_group_is_not_logged(app, world):
    reply = signed_in(app, world[SUPERVISOR]).request("OPTIONS", f"/api/v1/groups/{world['objects']['group_id']}"
                                                                 "/attendance/" + world["objects"]["session_date"]
                                                                 .isoformat())
    assert reply.status_code == 200 and rows(app) == []


# --- one policy for patient-level scores --------------------------------------------------------

def test_the_admin_reads_patient_level_scores_nowhere(app, world):
    admin = signed_in(app, world[ADMIN])
    assert admin.get(f"/api/v1/patients/{world[PATIENT]['id']}/scores").status_code == 403
    refused = admin.get("/api/v1/exports/scores.csv")
    assert refused.status_code == 403 and refused.get_json()["error"] == "forbidden_role"
    assert admin.get("/api/v1/clinic/outcomes").status_code == 200      # aggregated, small cells suppressed


def test_the_scores_export_holds_only_the_therapists_own_patients(app, world, clinic_packs):
    from tests.api.test_proms_api import BASELINE

    aid = world["objects"]["assessment_id"]
    assert signed_in(app, world[PATIENT]).post(f"/api/v1/patients/me/assessments/{aid}/response",
                                               json={"answers": BASELINE}).status_code == 201
    mine = signed_in(app, world[THERAPIST]).get("/api/v1/exports/scores.csv").get_data(as_text=True).splitlines()
    theirs = signed_in(app, world[OTHER_THERAPIST]).get("/api/v1/exports/scores.csv").get_data(as_text=True)
    assert len(mine) == 2 and mine[1].startswith(f"{world[PATIENT]['id']},")
    assert theirs.splitlines()[1:] == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AccessLog)) == 1
