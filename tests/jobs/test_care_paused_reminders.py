"""Paused care: no exercise, training or group reminders are planned or sent; questionnaires go on."""
from __future__ import annotations

from sqlalchemy import select

from server.extensions import db
from server.jobs.plan import plan_notifications
from server.jobs.send import send_due
from server.models import Notification, User
from server.services.episode import episodes
from tests.jobs.conftest import CONFIG, START, days, local


def tick(app, patient: dict, *flags: str) -> None:
    with app.app_context():
        episodes.update(db_session=db.session, patient=db.session.get(User, patient["id"]),
                        actor=db.session.get(User, patient["therapist"]["id"]), body={"red_flags": list(flags)})


def kinds(app) -> dict[str, str]:
    with app.app_context():
        return {n.kind: n.status for n in db.session.scalars(select(Notification))}


def test_a_paused_patient_gets_questionnaire_reminders_only(app, ready):
    patient = ready(start=START)
    tick(app, patient, "cord_compression")
    with app.app_context():
        plan_notifications(db.session, local(START, 7))
    assert kinds(app) == {"questionnaire": "pending"}


def test_a_reminder_planned_before_the_pause_is_not_sent_after_it(app, ready, fake_push):
    patient = ready(start=START)
    with app.app_context():
        plan_notifications(db.session, local(START, 7))
    assert set(kinds(app)) == {"training", "part1", "questionnaire"}
    tick(app, patient, "infection")
    with app.app_context():
        morning = send_due(db.session, local(START, 9, 5), CONFIG, send=fake_push)   # Part 1 and the questionnaire
        evening = send_due(db.session, local(START, 18, 5), CONFIG, send=fake_push)  # training
    assert (morning, evening) == ({"sent": 1, "skipped": 1}, {"skipped": 1})
    assert kinds(app) == {"training": "skipped", "part1": "skipped", "questionnaire": "sent"}
    assert [s["payload"]["type"] for s in fake_push.sent] == ["questionnaire"]


def test_reminders_come_back_once_the_flag_is_ruled_out(app, ready):
    patient = ready(start=START)
    tick(app, patient, "trauma")
    with app.app_context():
        user = db.session.get(User, patient["id"])
        episodes.record_outcome(db_session=db.session, patient=user, actor=db.session.get(User, patient["therapist"]["id"]),
                                flag="trauma", body={"outcome": "ruled_out", "note": "No fracture on X-ray."})
        plan_notifications(db.session, local(START + days(2), 7))   # Wednesday: a training day
    assert {"training", "part1"} <= set(kinds(app))
