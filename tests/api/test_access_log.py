"""The access log: every staff access to a patient's record is written, patients' own are not,
rows cannot be changed, and only the patient and their clinic's admin read it."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DatabaseError

from server.domain.access import kind_of
from server.extensions import db, limiter
from server.models import AccessLog
from tests.conftest import PASSWORD, ApiClient, make_test_app
from tests.test_authorization_walk import (
    ACCESS, ADMIN, OTHER_ADMIN, OTHER_PATIENT, OTHER_THERAPIST, PATIENT, SUPERVISOR, THERAPIST, _url, build_world,
    registered_routes,
)


def rows(app, patient_id: int | None = None) -> list[AccessLog]:
    with app.app_context():
        query = select(AccessLog).order_by(AccessLog.id)
        if patient_id is not None:
            query = query.where(AccessLog.patient_id == patient_id)
        return list(db.session.scalars(query))


def signed_in(app, account) -> ApiClient:
    limiter.reset()
    return ApiClient(app).login(account["email"], PASSWORD)


def patient_routes(app):
    """(method, rule) of every route naming a patient; closing last (it ends writes to the record)."""
    found = [(m, r) for m, r, _ in registered_routes(app) if "<patient_ref:patient_id>" in r]
    return sorted(found, key=lambda route: route[1].endswith("/close"))


@pytest.fixture
def world(make):
    return build_world(make)


def test_every_patient_route_a_staff_member_may_call_writes_one_row(app, world):
    """The walk: each patient-scoped route, as every staff member allowed on it, adds exactly one row."""
    patient = world[PATIENT]
    checked = []
    for method, rule in patient_routes(app):
        callers = ACCESS[(method, rule)] & ({THERAPIST} if rule.endswith("/close") else {THERAPIST, ADMIN})
        for actor in sorted(callers):   # (closing twice is a 409 before any access; see test_closing)
            before = len(rows(app))
            status = signed_in(app, world[actor]).request(method, _url(rule, world),
                                                          json={} if method != "GET" else None).status_code
            assert status not in (401, 403, 404, 405), (method, rule, actor, status)
            added = rows(app)[before:]
            assert [(r.patient_id, r.actor_id, r.actor_role, r.kind, r.action) for r in added] == [
                (patient["id"], world[actor]["id"], world[actor]["role"], kind_of(rule),
                 "read" if method == "GET" else "write")], (method, rule, actor)
            assert added[0].assigned is (actor == THERAPIST) and added[0].clinic_id == patient["clinic_id"]
            checked.append((method, rule, actor))
    assert len(checked) >= 20   # the walk really walked


def test_a_patients_own_requests_write_nothing(app, world):
    client = signed_in(app, world[PATIENT])
    for method, rule in patient_routes(app):
        if method == "GET" and PATIENT in ACCESS[(method, rule)]:
            assert client.get(_url(rule, world).replace(str(world[PATIENT]["id"]), "me")).status_code == 200, rule
    assert rows(app) == []


def test_patient_routes_issue_no_access_log_statement(app, world):
    """The log costs the patient's phone nothing: not one INSERT on their requests."""
    client = signed_in(app, world[PATIENT])
    seen = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: seen.append(args[2])  # noqa: E731 (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        for path in ("plan", "diary", "program", "progress", "contract", "assessments"):
            assert client.get(f"/api/v1/patients/me/{path}").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert seen and not [s for s in seen if "access_log" in s]


def test_group_adherence_and_attendance_log_each_member(app, world):
    group = world["objects"]["group_id"]
    day = world["objects"]["session_date"].isoformat()
    assert signed_in(app, world[SUPERVISOR]).get(f"/api/v1/groups/{group}/adherence").status_code == 200
    assert signed_in(app, world[OTHER_THERAPIST]).get(f"/api/v1/groups/{group}/attendance/{day}").status_code == 200
    assert signed_in(app, world[THERAPIST]).get(f"/api/v1/groups/{group}").status_code == 200   # member names
    logged = [(r.actor_id, r.kind, r.assigned) for r in rows(app, world[PATIENT]["id"])]
    assert logged == [(world[SUPERVISOR]["id"], "group-adherence", True),          # the group's supervisor
                      (world[OTHER_THERAPIST]["id"], "group-attendance", False),   # not their patient
                      (world[THERAPIST]["id"], "group-members", True)]


def test_the_therapists_list_and_the_admins_are_logged_per_patient_shown(app, world):
    assert signed_in(app, world[THERAPIST]).get("/api/v1/patients").status_code == 200
    assert signed_in(app, world[ADMIN]).get("/api/v1/patients").status_code == 200
    assert [(r.patient_id, r.actor_id, r.kind, r.assigned) for r in rows(app)] == [
        (world[PATIENT]["id"], world[THERAPIST]["id"], "patient-list", True),
        *[(world[p]["id"], world[ADMIN]["id"], "patient-list", False) for p in sorted(
            (PATIENT, OTHER_PATIENT), key=lambda p: world[p]["id"])]]


def test_the_scores_export_logs_each_patient_in_it(app, world, clinic_packs):
    from tests.api.test_proms_api import BASELINE

    aid = world["objects"]["assessment_id"]
    answered = signed_in(app, world[PATIENT]).post(f"/api/v1/patients/me/assessments/{aid}/response",
                                                   json={"answers": BASELINE})
    assert answered.status_code == 201
    assert signed_in(app, world[THERAPIST]).get("/api/v1/exports/scores.csv").status_code == 200
    assert signed_in(app, world[OTHER_THERAPIST]).get("/api/v1/exports/scores.csv").status_code == 200  # no rows
    assert [(r.patient_id, r.actor_id, r.kind, r.assigned) for r in rows(app)] == [
        (world[PATIENT]["id"], world[THERAPIST]["id"], "scores-export", True)]


def test_the_patient_reads_their_log_newest_first_in_pages(app, world):
    therapist = signed_in(app, world[THERAPIST])
    for path in ("program", "diary", "contract", "scores", "plan"):
        therapist.get(f"/api/v1/patients/{world[PATIENT]['id']}/{path}")
    patient = signed_in(app, world[PATIENT])
    first = patient.get("/api/v1/patients/me/access-log?limit=2").get_json()
    assert [e["kind"] for e in first["entries"]] == ["plan", "scores"]
    assert first["entries"][0]["actor"] == {"id": world[THERAPIST]["id"], "name": first["entries"][0]["actor"]["name"],
                                            "role": "therapist"}
    assert "address" not in first["entries"][0]   # the clinic's network is the admin's business
    second = patient.get(f"/api/v1/patients/me/access-log?limit=2&before={first['next_before']}").get_json()
    third = patient.get(f"/api/v1/patients/me/access-log?limit=2&before={second['next_before']}").get_json()
    assert [e["kind"] for e in second["entries"] + third["entries"]] == ["contract", "diary", "program"]
    assert third["next_before"] is None
    assert len(rows(app)) == 5   # reading one's own log is not logged


def test_the_clinic_admin_reads_the_log_with_addresses_and_that_read_is_logged(app, world):
    signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/diary")
    reply = signed_in(app, world[ADMIN]).get(f"/api/v1/patients/{world[PATIENT]['id']}/access-log")
    assert reply.status_code == 200
    entries = reply.get_json()["entries"]
    assert [e["kind"] for e in entries] == ["access-log", "diary"] and entries[1]["address"] == "127.0.0.1"


@pytest.mark.parametrize("actor, statuses", [(OTHER_PATIENT, {404}), (OTHER_ADMIN, {404}), (THERAPIST, {403}),
                                             (SUPERVISOR, {403})])
def test_nobody_else_reads_a_patients_log(app, world, actor, statuses):
    reply = signed_in(app, world[actor]).get(f"/api/v1/patients/{world[PATIENT]['id']}/access-log")
    assert reply.status_code in statuses


def test_the_address_is_the_client_behind_the_trusted_proxy(backend, tmp_path, make):
    proxied = make_test_app(backend, tmp_path, PROXY_HOPS=1)
    world = build_world(make)
    client = ApiClient(proxied).login(world[THERAPIST]["email"], PASSWORD)
    client.get(f"/api/v1/patients/{world[PATIENT]['id']}/program",
               headers={"X-Forwarded-For": "198.51.100.7"})
    assert [r.address for r in rows(proxied)] == ["198.51.100.7"]
    with proxied.app_context():
        db.engine.dispose()


def test_rows_cannot_be_changed_or_removed(app, world):
    signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/diary")
    with app.app_context():
        for statement in ("UPDATE access_log SET kind = 'nothing'", "DELETE FROM access_log"):
            with pytest.raises(DatabaseError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        row = db.session.scalar(select(AccessLog))
        row.kind = "nothing"
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.scalar(select(AccessLog)))
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(AccessLog)) == 1


def test_no_log_no_data(app, world, monkeypatch):
    """When the row cannot be written the request fails and nothing of the record is sent."""
    from server.services.privacy import access_log

    def broken(*_args, **_kwargs):
        raise DatabaseError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(access_log, "record", broken)
    reply = signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/diary")
    assert reply.status_code == 500 and "entries" not in reply.get_data(as_text=True)
    assert "minutes" not in reply.get_data(as_text=True)


def test_the_admin_report_highlights_patients_not_assigned_to_the_reader(app, world):
    patient_id = world[PATIENT]["id"]
    therapist = signed_in(app, world[THERAPIST])
    therapist.get(f"/api/v1/patients/{patient_id}/diary")
    therapist.get(f"/api/v1/patients/{patient_id}/scores")
    signed_in(app, world[ADMIN]).get(f"/api/v1/patients/{patient_id}")
    today = date.today()
    period = f"from={(today - timedelta(days=1)).isoformat()}&to={(today + timedelta(days=1)).isoformat()}"
    admin = signed_in(app, world[ADMIN])
    report = admin.get(f"/api/v1/access-log/report?{period}").get_json()
    assert [(r["actor"]["id"], r["patient"]["id"], r["accesses"], r["unassigned"], r["kinds"]) for r in report["rows"]] == [
        (world[ADMIN]["id"], patient_id, 1, 1, ["record"]),            # highlighted: first
        (world[THERAPIST]["id"], patient_id, 2, 0, ["diary", "scores"])]
    csv_reply = admin.get(f"/api/v1/access-log/report.csv?{period}")
    assert csv_reply.mimetype == "text/csv" and "attachment" in csv_reply.headers["Content-Disposition"]
    lines = csv_reply.get_data(as_text=True).splitlines()
    assert lines[0].startswith("staff_id,staff_name,staff_role,patient_id,patient_name,accesses,not_assigned")
    assert len(lines) == 3 and ",admin," in lines[1] and ",1,1," in lines[1]
    other = signed_in(app, world[OTHER_ADMIN]).get(f"/api/v1/access-log/report?{period}").get_json()
    assert other["rows"] == []   # another clinic sees nothing of this one


@pytest.mark.parametrize("query, field", [("from=2026-02-01&to=2026-01-01", "to"),
                                          ("from=2025-01-01&to=2026-06-01", "to"), ("to=2026-01-01", "from")])
def test_the_report_period_must_make_sense(app, world, query, field):
    reply = signed_in(app, world[ADMIN]).get(f"/api/v1/access-log/report?{query}")
    assert reply.status_code == 422 and field in str(reply.get_json()["errors"])


def test_adding_and_removing_a_group_member_is_a_logged_write(app, world, make):
    newcomer = make.patient(world[THERAPIST])
    group = world["objects"]["group_id"]
    therapist = signed_in(app, world[THERAPIST])
    assert therapist.post(f"/api/v1/groups/{group}/members", json={"patient_id": newcomer["id"]}).status_code == 201
    assert signed_in(app, world[ADMIN]).delete(f"/api/v1/groups/{group}/members/{newcomer['id']}").status_code == 204
    assert [(r.actor_id, r.kind, r.action, r.assigned) for r in rows(app, newcomer["id"])] == [
        (world[THERAPIST]["id"], "group-members", "write", True), (world[ADMIN]["id"], "group-members", "write", False)]
