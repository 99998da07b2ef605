"""The patient's data export, and closing an account: what stops, what is kept, what is removed."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from server.extensions import db, limiter
from server.jobs.plan import plan_notifications
from server.jobs.retention import remove_expired
from server.models import (
    AccessLog, DiaryEntry, LoginSession, Notification, PatientProfile, PushSubscription, TrainingContract, User,
)
from server.services.privacy.export import SECTIONS
from tests.conftest import PASSWORD, ApiClient
from tests.jobs.conftest import AUTH, KEY
from tests.test_authorization_walk import (
    ADMIN, OTHER_ADMIN, OTHER_PATIENT, OTHER_THERAPIST, PATIENT, THERAPIST, build_world,
)


@pytest.fixture
def world(make):
    return build_world(make)


def signed_in(app, account) -> ApiClient:
    limiter.reset()
    return ApiClient(app).login(account["email"], PASSWORD)


def add_device(app, patient_id: int) -> None:
    with app.app_context():
        db.session.add(PushSubscription(user_id=patient_id, endpoint=f"https://fcm.googleapis.com/fcm/send/{patient_id}",
                                        p256dh=KEY, auth=AUTH))
        db.session.commit()


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


# --- the export ------------------------------------------------------------------------------

def test_the_patient_downloads_everything_held_about_them(app, world):
    add_device(app, world[PATIENT]["id"])
    signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/diary")
    patient = signed_in(app, world[PATIENT])
    assert patient.post("/api/v1/patients/me/messages", json={"body": "Ont efter passet i går"}).status_code == 201
    reply = patient.get("/api/v1/patients/me/export")
    assert reply.status_code == 200 and reply.mimetype == "application/json"
    assert reply.headers["Content-Disposition"].startswith("attachment; filename=betterback-")
    assert reply.headers["Cache-Control"] == "no-store"
    document = json.loads(reply.get_data(as_text=True))
    assert set(document) >= {name for name, _ in SECTIONS} | {"format", "generated_at", "fhir"}
    assert document["profile"]["email"] == world[PATIENT]["email"]
    assert [e["minutes"] for e in document["diary"]] == [20]
    assert document["contracts"][0]["version"] == 1 and document["program"]["items"]
    assert document["pacing_decisions"][0] == {**document["pacing_decisions"][0], "contract_version": 1, "from":
                                               document["contracts"][0]["start_date"]}
    assert document["assessments"][0]["timepoint"] == "baseline"
    assert document["groups"][0]["name"] == "Tuesday group"
    assert document["reminders"]["devices"] == [{**document["reminders"]["devices"][0],
                                                 "push_service": "fcm.googleapis.com"}]
    assert [e["kind"] for e in document["access_log"]] == ["diary"]    # the patient's own export is not logged
    assert "Ont efter passet i går" in [m["body"] for m in document["messages"]]
    assert document["fhir"]["resourceType"] == "Bundle"


def test_the_export_holds_no_secrets(app, world):
    add_device(app, world[PATIENT]["id"])
    text = signed_in(app, world[PATIENT]).get("/api/v1/patients/me/export").get_data(as_text=True)
    with app.app_context():
        user = db.session.get(User, world[PATIENT]["id"])
        secrets = [user.password_hash, KEY, AUTH, "fcm/send", "code_hash", "password_hash"]
        secrets += list(db.session.scalars(select(LoginSession.id).where(LoginSession.user_id == user.id)))
    assert [s for s in secrets if s in text] == []


def test_the_therapist_exports_for_their_patient_and_it_is_logged(app, world):
    reply = signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{world[PATIENT]['id']}/export")
    assert reply.status_code == 200
    assert json.loads(reply.get_data(as_text=True))["profile"]["id"] == world[PATIENT]["id"]
    with app.app_context():
        logged = [(r.actor_id, r.kind) for r in db.session.scalars(select(AccessLog))]
    assert logged == [(world[THERAPIST]["id"], "export")]


@pytest.mark.parametrize("actor, status", [(OTHER_PATIENT, 404), (OTHER_THERAPIST, 404), (ADMIN, 403)])
def test_nobody_else_exports_a_patient(app, world, actor, status):
    assert signed_in(app, world[actor]).get(f"/api/v1/patients/{world[PATIENT]['id']}/export").status_code == status


# --- closing -----------------------------------------------------------------------------------

def test_closing_stops_sign_in_sessions_reminders_and_devices_at_once(app, world):
    patient_id = world[PATIENT]["id"]
    add_device(app, patient_id)
    phone = signed_in(app, world[PATIENT])
    with app.app_context():
        contract = db.session.scalar(select(TrainingContract).where(TrainingContract.patient_id == patient_id))
        contract.accepted_at = datetime.now(timezone.utc)
        db.session.commit()
        plan_notifications(db.session, datetime.now(timezone.utc))
    assert count(app, Notification, Notification.user_id == patient_id, Notification.status == "pending") > 0
    reply = signed_in(app, world[THERAPIST]).post(f"/api/v1/patients/{patient_id}/close")
    assert reply.status_code == 200, reply.get_json()
    closed = reply.get_json()
    assert closed["status"] == "closed" and closed["kept_until"] == (
        datetime.fromisoformat(closed["closed_at"]).date().replace(year=datetime.now().year + 10).isoformat())
    assert phone.get("/api/v1/patients/me/plan").status_code == 401                      # the session is gone
    limiter.reset()
    assert ApiClient(app).post("/api/v1/auth/login", json={"email": world[PATIENT]["email"],
                                                           "password": PASSWORD}).status_code == 401
    assert count(app, PushSubscription, PushSubscription.user_id == patient_id) == 0
    assert count(app, Notification, Notification.user_id == patient_id, Notification.status == "pending") == 0
    with app.app_context():
        assert plan_notifications(db.session, datetime.now(timezone.utc) + timedelta(days=1)) == 0
    assert count(app, DiaryEntry, DiaryEntry.patient_id == patient_id) == 1               # the record is kept


def test_a_closed_record_is_read_not_changed(app, world):
    base = f"/api/v1/patients/{world[PATIENT]['id']}"
    admin = signed_in(app, world[ADMIN])
    assert admin.post(f"{base}/close").status_code == 200
    therapist = signed_in(app, world[THERAPIST])
    assert therapist.get(f"{base}/diary").status_code == 200
    refused = therapist.put(f"{base}/contract", json={})
    assert refused.status_code == 409 and refused.get_json()["error"] == "account_closed"
    again = therapist.post(f"{base}/close")
    assert again.status_code == 409 and again.get_json()["error"] == "account_closed"
    listed = {p["id"]: p for p in therapist.get("/api/v1/patients").get_json()}
    assert listed[world[PATIENT]["id"]]["status"] == "closed" and listed[world[PATIENT]["id"]]["flags"] == []


@pytest.mark.parametrize("actor, status", [(OTHER_THERAPIST, 404), (OTHER_ADMIN, 404), (PATIENT, 403)])
def test_only_the_therapist_or_the_clinic_admin_closes(app, world, actor, status):
    assert signed_in(app, world[actor]).post(f"/api/v1/patients/{world[PATIENT]['id']}/close").status_code == status


@pytest.mark.parametrize("years, status, code", [(9, 422, "retention_too_short"), (0, 422, "invalid_input"),
                                                 (101, 422, "invalid_input"), (15, 200, None)])
def test_the_clinic_sets_a_retention_of_at_least_ten_years(app, world, years, status, code):
    admin = signed_in(app, world[ADMIN])
    assert admin.get("/api/v1/clinic").get_json()["retention_years"] == 10
    reply = admin.patch("/api/v1/clinic", json={"retention_years": years})
    assert reply.status_code == status
    if status == 422:
        assert "retention_years" in str(reply.get_json()["errors"]) and reply.get_json().get("error") == code
        assert admin.get("/api/v1/clinic").get_json()["retention_years"] == 10
    else:
        assert reply.get_json()["retention_years"] == years


def close_years_ago(app, patient_id: int, years: int, days: int = 0) -> None:
    with app.app_context():
        profile = db.session.get(PatientProfile, patient_id)
        profile.closed_at = datetime.now(timezone.utc).replace(year=datetime.now().year - years) - timedelta(days=days)
        db.session.get(User, patient_id).active = False
        db.session.commit()


def test_the_job_removes_a_record_after_the_retention_period_and_keeps_the_log(app, world):
    patient_id = world[PATIENT]["id"]
    signed_in(app, world[THERAPIST]).get(f"/api/v1/patients/{patient_id}/diary")
    close_years_ago(app, patient_id, 10)                       # exactly ten years: still kept today
    close_years_ago(app, world[OTHER_PATIENT]["id"], 10, days=2)
    with app.app_context():
        assert remove_expired(db.session, datetime.now(timezone.utc)) == 1
        assert remove_expired(db.session, datetime.now(timezone.utc)) == 0     # safe to run twice
        gone = db.session.get(User, world[OTHER_PATIENT]["id"])
        assert gone.name == "Removed record" and gone.password_hash is None and gone.patient is None
        assert db.session.get(PatientProfile, patient_id) is not None
    assert count(app, DiaryEntry, DiaryEntry.patient_id == world[OTHER_PATIENT]["id"]) == 0
    assert count(app, DiaryEntry, DiaryEntry.patient_id == patient_id) == 1
    with app.app_context():
        removal = db.session.scalar(select(AccessLog).where(AccessLog.patient_id == world[OTHER_PATIENT]["id"]))
        assert (removal.kind, removal.actor_role, removal.actor_id) == ("removal", "system", None)
    assert count(app, AccessLog, AccessLog.patient_id == patient_id) == 1       # the log outlives records
    assert signed_in(app, world[OTHER_THERAPIST]).get(
        f"/api/v1/patients/{world[OTHER_PATIENT]['id']}").status_code == 404
    today = datetime.now(timezone.utc).date()
    report = signed_in(app, world[ADMIN]).get(
        f"/api/v1/access-log/report?from={today - timedelta(days=1)}&to={today + timedelta(days=1)}").get_json()
    assert {"actor": {"id": None, "role": "system", "name": "BetterBack"}, "patient": {
        "id": world[OTHER_PATIENT]["id"], "name": None}} in [{k: r[k] for k in ("actor", "patient")} for r in report["rows"]]


def test_a_longer_clinic_retention_keeps_the_record_longer(app, world):
    signed_in(app, world[ADMIN]).patch("/api/v1/clinic", json={"retention_years": 12})
    close_years_ago(app, world[PATIENT]["id"], 11)
    with app.app_context():
        assert remove_expired(db.session, datetime.now(timezone.utc)) == 0


def test_the_scheduler_runs_the_removal_job_hourly(app, world):
    from server.jobs.scheduler import JOBS

    job = {name: (seconds, run) for name, seconds, run in JOBS}["remove-expired-records"]
    assert job[0] == 3600
    close_years_ago(app, world[PATIENT]["id"], 10, days=1)
    with app.app_context():
        assert job[1](db.session, datetime.now(timezone.utc), app.config) == 1
