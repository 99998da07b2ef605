"""A simulated year for one patient with a fixed clock: exactly the expected reminders, none twice,
none in quiet hours, questionnaire reminders stopping once answered."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from server.domain.reminders import add_months, in_quiet_hours
from server.extensions import db
from server.jobs.plan import plan_notifications
from server.jobs.send import send_due
from server.models import Assessment, Notification
from tests.jobs.conftest import CONFIG, START, local

ZONE = ZoneInfo("Europe/Stockholm")


def test_a_year_of_reminders(app, ready, fake_push):
    patient = ready(start=START)
    answer_day = add_months(START, 3) + timedelta(days=8)   # after the second 3-month reminder
    with app.app_context():
        for day in (START + timedelta(days=n) for n in range(365)):
            # the scheduler runs all day; nothing is due except at these local times, so look then
            for hour in (0, 9, 18):
                at = local(day, hour)
                plan_notifications(db.session, at)
                send_due(db.session, at, CONFIG, send=fake_push)
            if day == answer_day:
                row = db.session.scalar(select(Assessment).where(Assessment.patient_id == patient["id"],
                                                                 Assessment.timepoint == "3m"))
                row.completed_at = local(day, 20)
                db.session.commit()
        rows = list(db.session.scalars(select(Notification)))
    sent = [(s["topic"], s["endpoint"]) for s in fake_push.sent]
    assert len(sent) == len(set(sent))                                     # none twice
    kinds = Counter(r.kind for r in rows if r.status == "sent")
    training_days = sum(1 for n in range(365) if (START + timedelta(days=n)).isoweekday() in (1, 3, 5))
    assert kinds["training"] == training_days
    assert kinds["part1"] == 365
    # baseline 3, 3 months 2 (answered after the second), 6 months 3; 12 months falls after the year
    assert kinds["questionnaire"] == 3 + 2 + 3
    for row in rows:
        if row.status == "sent":
            sent_local = row.sent_at.astimezone(ZONE)
            assert not in_quiet_hours(sent_local.hour * 60 + sent_local.minute)
            assert sent_local.date().isoformat() == row.key.rsplit(":", 1)[1]   # sent on its own day
    assert {r.status for r in rows} <= {"sent", "skipped", "pending"}
    assert all(datetime.fromtimestamp(r.scheduled_ts, timezone.utc) >= local(START, 0) for r in rows)
