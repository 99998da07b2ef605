"""A patient ready for reminders, a fake push service and a fixed clock."""
from __future__ import annotations

import base64
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from server.extensions import db
from sqlalchemy import delete

from server.models import Assessment, User
from server.push.sender import Outcome
from server.services.proms import assessments
from server.services.reminders import push
from server.services.training import contracts, program

KEY = base64.urlsafe_b64encode(b"\x04" + b"k" * 64).rstrip(b"=").decode()
AUTH = base64.urlsafe_b64encode(b"a" * 16).rstrip(b"=").decode()


class FakePush:
    """Records every send; answers with the statuses it is given, then 201."""

    def __init__(self):
        self.sent: list[dict] = []
        self.script: list[Outcome] = []

    def __call__(self, **kwargs) -> Outcome:
        self.sent.append(kwargs)
        return self.script.pop(0) if self.script else Outcome(201)


@pytest.fixture
def fake_push():
    return FakePush()


def local(day: date, hour: int, minute: int = 0, zone: str = "Europe/Stockholm") -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone)).astimezone(timezone.utc)


@pytest.fixture
def ready(app, make):
    """Returns a function making a patient with an accepted contract (Mon/Wed/Fri 18:00), Part 1, a device."""

    def build(*, start: date, zone: str = "Europe/Stockholm", reminder: time = time(18, 0), devices: int = 1,
              program_items=("p1-1a",)) -> dict:
        therapist = make.staff("therapist")
        patient = make.patient(therapist, screened=True)
        with app.app_context():
            user, staff = db.session.get(User, patient["id"]), db.session.get(User, therapist["id"])
            user.timezone = zone
            # the patient was first seen on `start`: the baseline is due then (issue 9)
            db.session.execute(delete(Assessment).where(Assessment.patient_id == user.id))
            assessments.ensure_schedule(db.session, user.id, baseline=start)
            db.session.commit()
            library = app.extensions["bb_content"]
            program.set_program(db_session=db.session, patient=user, actor=staff, library=library, today=start,
                                body={"items": [{"exercise_id": e} for e in program_items]})
            contracts.revise(db_session=db.session, patient=user, actor=staff, body={
                "training_form": "walking", "training_form_other": None, "sessions_per_week": 3,
                "capable_minutes": 25, "goal_minutes": 45, "goal_hard_minutes": 20, "start_date": start,
                "training_days": [1, 3, 5], "reminder_time": reminder})
            contracts.accept(db_session=db.session, patient=user, version=1)
            for n in range(devices):
                push.subscribe(db_session=db.session, user=user, endpoint=f"https://push.example/{user.id}/{n}",
                               p256dh=KEY, auth=AUTH)
        return {**patient, "therapist": therapist}

    return build


CONFIG = {"VAPID_PRIVATE_KEY_PATH": "unused-by-the-fake", "VAPID_SUBJECT": "mailto:test@example.org"}
START = date(2026, 3, 2)   # a Monday, four weeks before summer time starts in Europe


def days(n: int) -> timedelta:
    return timedelta(days=n)
