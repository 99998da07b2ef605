"""A patient with something in every table the service keeps about a patient, made through the API.

Every questionnaire of the schedule is answered, and one time point also asks the instruments no
schedule uses yet (EQ-5D-5L, PSFS), so every instrument the app scores is in the record.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from server.domain import proms
from server.domain.reminders import TIMEPOINTS
from server.extensions import db, limiter
from server.jobs.plan import plan_notifications
from server.models import Assessment, PushSubscription
from server.services.clock import local_today
from tests.conftest import PASSWORD, ApiClient
from tests.jobs.conftest import AUTH, KEY
from tests.test_authorization_walk import PATIENT, SUPERVISOR, THERAPIST, build_world

ME = "/api/v1/patients/me"


def answers_for(instrument: str) -> dict[str, int]:
    """An answer to every item (optional ones too), a code from the middle of each item's range."""
    return {item.key: item.codes[len(item.codes) // 2] for item in proms.INSTRUMENTS[instrument].items}


def signed_in(app, account: dict) -> ApiClient:
    limiter.reset()
    return ApiClient(app).login(account["email"], PASSWORD)


def _ok(response, status: int = 200):
    assert response.status_code == status, response.get_json()
    return response.get_json()


def _answer_every_questionnaire(app, patient: ApiClient, patient_id: int) -> None:
    """Each time point in turn is moved to today and answered; the last also asks every unused instrument."""
    today = local_today("Europe/Stockholm")
    unused = [i for i in proms.INSTRUMENTS if not any(i in a for a in _instruments(app, patient_id))]
    for n, point in enumerate(TIMEPOINTS):
        with app.app_context():
            row = db.session.scalar(select(Assessment).where(Assessment.patient_id == patient_id,
                                                             Assessment.timepoint == point))
            row.due_date, row.closes_date = today - timedelta(days=len(TIMEPOINTS) - n), today + timedelta(days=1)
            if n == len(TIMEPOINTS) - 1:
                row.instruments = [*row.instruments, *unused]
            instruments, assessment_id = list(row.instruments), row.id
            db.session.commit()
        body = {"answers": {i: answers_for(i) for i in instruments}}
        _ok(patient.post(f"{ME}/assessments/{assessment_id}/response", json=body), 201)


def _instruments(app, patient_id: int) -> list[list[str]]:
    with app.app_context():
        rows = db.session.scalars(select(Assessment).where(Assessment.patient_id == patient_id))
        return [a.instruments for a in rows]


def _care_episode(therapist: ApiClient, base: str, today) -> None:
    _ok(therapist.patch(f"{base}/episode", json={"red_flags": ["weight_loss", "trauma"], "planned_visits": 5,
                                                 "considerations": ["pregnancy"]}))
    _ok(therapist.post(f"{base}/episode/red-flags/trauma/outcome",
                       json={"outcome": "ruled_out", "note": "Undersökt: inget tecken på fraktur."}))
    _ok(therapist.post(f"{base}/episode/red-flags/weight_loss/outcome",
                       json={"outcome": "referred", "note": "Vårdcentralen, samma dag"}))
    _ok(therapist.post(f"{base}/episode/resume", json={"note": "Läkaren fann ingen allvarlig orsak."}))
    _ok(therapist.put(f"{base}/episode/crpe/first", json={
        "impairment": {"sleep": 2, "pain_back": 3}, "activity": {"walking": 2},
        "subgroup": "radiating_pain", "icd10": ["M54.5", "M54.4"]}))
    _ok(therapist.post(f"{base}/episode/visits", json={"date": today.isoformat(), "kind": "return",
                                                       "note": "Gick igenom del 1 och smärtdagboken"}), 201)
    _ok(therapist.post(f"{base}/episode/discharge", json={"date": today.isoformat(), "reason": "self-management",
                                                          "referred": False, "note": "Tränar vidare själv"}))


def full_record(app, make) -> dict:
    """build_world's patient, and then a row of theirs in every table; returns the world."""
    world = build_world(make)
    patient_id, objects = world[PATIENT]["id"], world["objects"]
    base, today = f"/api/v1/patients/{patient_id}", local_today("Europe/Stockholm")
    therapist, patient = signed_in(app, world[THERAPIST]), signed_in(app, world[PATIENT])
    _ok(patient.post(f"{ME}/contract/accept", json={"version": 1}))
    items = _ok(therapist.get(f"{base}/program"))["items"]
    _ok(patient.post(f"{ME}/diary", json={
        "client_id": str(uuid.uuid4()), "date": today.isoformat(), "minutes": 30, "rpe": 13, "note": "Lätt i dag",
        "exercises": [{"item_id": items[0]["item_id"], "sets_done": 2, "repetitions_done": 8}]}), 201)
    _ok(therapist.post(f"{base}/program/levels", json={"family": "bridge", "level": "B",
                                                       "reason": "Lätt vid full dos"}))
    _answer_every_questionnaire(app, patient, patient_id)
    _care_episode(therapist, base, today)
    _ok(therapist.post(f"/api/v1/review-queue/{objects['review_id']}/handled"))
    _ok(patient.put(f"{ME}/reminders", json={"quiet_start": "22:00", "times": {"part1": "07:30"}}))
    bridge = next(i for i in _ok(therapist.get(f"{base}/program"))["items"] if i["family"] == "bridge")
    _ok(signed_in(app, world[SUPERVISOR]).post(
        f"/api/v1/groups/{objects['group_id']}/members/{patient_id}/level-observations",
        json={"item_id": bridge["item_id"], "note": "Stabil bäckenlyft"}), 201)
    _ok(signed_in(app, world[SUPERVISOR]).put(f"/api/v1/groups/{objects['group_id']}/attendance/"
                                              f"{objects['session_date'].isoformat()}",
                                              json={"attendance": [{"patient_id": patient_id, "present": True}]}))
    with app.app_context():
        db.session.add(PushSubscription(user_id=patient_id, p256dh=KEY, auth=AUTH,
                                        endpoint=f"https://fcm.googleapis.com/fcm/send/{patient_id}"))
        db.session.commit()
        plan_notifications(db.session, datetime.now(timezone.utc))
    _ok(patient.get(f"{ME}/plan"))
    return world
