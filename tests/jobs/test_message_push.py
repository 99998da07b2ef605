"""A new message's push prompt: no text in the payload, the thread's url and tag, quiet hours kept,
reminder switches not applied (a message is not a reminder)."""
from __future__ import annotations

from sqlalchemy import select, update

from server.extensions import db
from server.jobs.send import send_due
from server.models import Notification, ReminderPreference, User
from server.services.messages import messages
from tests.jobs.conftest import AUTH, CONFIG, KEY, START, local


def _send_message(app, patient_id: int, sender_id: int, body: str, at) -> None:
    """A message, its outbox row moved to the instant `at` (the tests run at any hour)."""
    with app.app_context():
        patient, sender = db.session.get(User, patient_id), db.session.get(User, sender_id)
        messages.send(db_session=db.session, patient=patient, sender=sender, body=body)
        stamp = int(at.timestamp())
        db.session.execute(update(Notification).where(Notification.kind == "message", Notification.status ==
                                                      "pending").values(scheduled_ts=stamp, next_attempt_ts=stamp))
        db.session.commit()


def test_a_reply_reaches_the_patients_phone_without_its_text(app, ready, fake_push):
    patient = ready(start=START)
    noon = local(START, 12)
    _send_message(app, patient["id"], patient["therapist"]["id"], "Your MRI result is fine", noon)
    with app.app_context():
        db.session.add(ReminderPreference(patient_id=patient["id"], training=False, part1=False, group=False,
                                          questionnaire=False, quiet_start=22 * 60, quiet_end=7 * 60))
        db.session.commit()
        assert send_due(db.session, noon, CONFIG, send=fake_push) == {"sent": 1}
    payload = fake_push.sent[0]["payload"]
    assert payload == {"type": "message", "id": payload["id"], "url": "/#/messages",
                       "tag": f"message:{patient['id']}"}
    assert "MRI" not in str(fake_push.sent[0])


def test_a_message_waits_for_the_end_of_quiet_hours(app, ready, fake_push):
    patient = ready(start=START)
    late = local(START, 23)
    _send_message(app, patient["id"], patient["therapist"]["id"], "Good night", late)
    with app.app_context():
        assert send_due(db.session, late, CONFIG, send=fake_push) == {"pending": 1}
        assert fake_push.sent == []
        row = db.session.scalar(select(Notification).where(Notification.kind == "message"))
        assert row.next_attempt_ts > int(late.timestamp())


def test_the_therapist_is_prompted_to_open_the_patients_thread(app, ready, fake_push):
    from server.services.reminders import push

    patient = ready(start=START)
    with app.app_context():
        therapist = db.session.get(User, patient["therapist"]["id"])
        push.subscribe(db_session=db.session, user=therapist, endpoint="https://push.example/t/1",
                       p256dh=KEY, auth=AUTH)
    noon = local(START, 12)
    _send_message(app, patient["id"], patient["id"], "A question about the bridge", noon)
    with app.app_context():
        assert send_due(db.session, noon, CONFIG, send=fake_push) == {"sent": 1}
    assert fake_push.sent[0]["payload"]["url"] == f"/#/patients/{patient['id']}/messages"
