"""Therapists create and see their own patients; patients see themselves."""
from __future__ import annotations

from sqlalchemy import func, select

from server.extensions import db
from server.models import User
from tests.conftest import PASSWORD, ApiClient

NEW = {"name": "Anna Berg", "email": "anna.berg@example.org", "locale": "sv", "timezone": "Europe/Stockholm"}


def test_a_therapist_creates_a_patient_and_gets_an_invitation_code(client, make):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    response = client.post("/api/v1/patients", json=NEW)
    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] and body["status"] == "invited" and body["therapist"]["id"] == therapist["id"]
    assert len(body["invite_code"]) == 14 and body["invite_expires_at"]
    listed = client.get("/api/v1/patients").get_json()
    assert [p["id"] for p in listed] == [body["id"]]
    assert "invite_code" not in listed[0]


def test_a_duplicate_email_is_a_409_and_writes_nothing(client, make, app):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    assert client.post("/api/v1/patients", json=NEW).status_code == 201
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(User))
    again = client.post("/api/v1/patients", json={**NEW, "email": NEW["email"].upper()})
    assert again.status_code == 409 and "email" in again.get_json()["errors"]["json"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_bad_fields_are_named(client, make):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    response = client.post("/api/v1/patients", json={**NEW, "locale": "fi", "timezone": "Moon/Base", "email": "nope"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]) == {"locale", "timezone", "email"}
    missing = client.post("/api/v1/patients", json={"email": "x@example.org"})
    assert "name" in missing.get_json()["errors"]["json"]


def test_a_therapist_sees_only_patients_assigned_to_them(client, make):
    mine_therapist = make.staff("therapist")
    other_therapist = make.staff("therapist", clinic_id=mine_therapist["clinic_id"])
    mine = make.patient(mine_therapist)
    theirs = make.patient(other_therapist)
    client.login(mine_therapist["email"], PASSWORD)
    assert [p["id"] for p in client.get("/api/v1/patients").get_json()] == [mine["id"]]
    assert client.get(f"/api/v1/patients/{theirs['id']}").status_code == 404
    assert client.get(f"/api/v1/patients/{mine['id']}").status_code == 200


def test_an_admin_lists_every_patient_of_their_clinic_only(client, make):
    admin = make.staff("admin")
    therapist = make.staff("therapist", clinic_id=admin["clinic_id"])
    ours = make.patient(therapist)
    elsewhere = make.patient(make.staff("therapist"))
    client.login(admin["email"], PASSWORD)
    assert [p["id"] for p in client.get("/api/v1/patients").get_json()] == [ours["id"]]
    assert client.get(f"/api/v1/patients/{elsewhere['id']}").status_code == 404


def test_a_patient_reads_and_edits_their_own_record_through_me(client, make):
    patient = make.patient(make.staff("therapist"))
    client.login(patient["email"], PASSWORD)
    me = client.get("/api/v1/patients/me")
    assert me.status_code == 200 and me.get_json()["id"] == patient["id"]
    changed = client.patch("/api/v1/patients/me", json={"locale": "en", "timezone": "Europe/London"})
    assert changed.status_code == 200 and changed.get_json()["locale"] == "en"
    renamed = client.patch("/api/v1/patients/me", json={"name": "Someone Else"})
    assert renamed.status_code == 422 and "name" in renamed.get_json()["errors"]["json"]


def test_staff_have_no_me_patient_record(client, make):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    assert client.get("/api/v1/patients/me").status_code == 404


def test_an_admin_transfers_a_patient_to_another_therapist(client, make, app):
    admin = make.staff("admin")
    first = make.staff("therapist", clinic_id=admin["clinic_id"])
    second = make.staff("therapist", clinic_id=admin["clinic_id"])
    outsider = make.staff("therapist")
    patient = make.patient(first)
    client.login(admin["email"], PASSWORD)
    refused = client.post(f"/api/v1/patients/{patient['id']}/transfer", json={"therapist_id": outsider["id"]})
    assert refused.status_code == 404 and "therapist_id" in refused.get_json()["errors"]["json"]
    moved = client.post(f"/api/v1/patients/{patient['id']}/transfer", json={"therapist_id": second["id"]})
    assert moved.status_code == 200 and moved.get_json()["therapist"]["id"] == second["id"]
    first_client = ApiClient(app).login(first["email"], PASSWORD)
    assert first_client.get(f"/api/v1/patients/{patient['id']}").status_code == 404


def test_ids_that_are_not_patients_are_404(client, make):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    assert client.get(f"/api/v1/patients/{therapist['id']}").status_code == 404
    assert client.get("/api/v1/patients/999999").status_code == 404
    assert client.get("/api/v1/patients/abc").status_code == 404


def test_the_therapists_list_flags_who_needs_attention(client, make, app):
    import uuid
    from datetime import timedelta

    from server.services.clock import local_today
    from tests.api.conftest import contract_body

    therapist = make.staff("therapist")
    quiet, struggling = make.patient(therapist, screened=True), make.patient(therapist, screened=True)
    client.login(therapist["email"], PASSWORD)
    today = local_today("Europe/Stockholm")
    for person in (quiet, struggling):
        client.put(f"/api/v1/patients/{person['id']}/contract", json=contract_body(today - timedelta(days=40)))
    with app.app_context():   # both have been patients for a month
        from server.models import PatientProfile
        from server.models.types import utcnow

        for profile in db.session.scalars(select(PatientProfile)):
            profile.activated_at = utcnow() - timedelta(days=30)
        db.session.commit()
    phone = ApiClient(app).login(struggling["email"], PASSWORD)
    for n, (rpe, pain) in enumerate([(13, 2), (13, 2), (13, 3), (16, 4), (16, 5), (17, 5)]):
        day = today - timedelta(days=25 - 5 * n)
        phone.post("/api/v1/patients/me/diary", json={"client_id": str(uuid.uuid4()), "date": day.isoformat(),
                                                     "minutes": 20, "rpe": rpe, "pain": pain})
    flags = {p["id"]: p["flags"] for p in client.get("/api/v1/patients").get_json()}
    # Two sessions a fortnight also leave the planned dose undone twice in a row (issue 9's dose gate).
    assert [f["code"] for f in flags[struggling["id"]]] == ["pacing_hold_twice", "rpe_high", "pain_rising"]
    # The effort flag started on the second hard session in a row (5 days ago), and links to the diary.
    assert flags[struggling["id"]][1] == {"code": "rpe_high", "since": (today - timedelta(days=5)).isoformat(),
                                          "evidence": f"#/patients/{struggling['id']}/diary"}
    # No diary at all: and so two finished 14-day blocks held the dose ("too few sessions") in a row.
    assert [f["code"] for f in flags[quiet["id"]]] == ["pacing_hold_twice", "no_diary_7d"]
