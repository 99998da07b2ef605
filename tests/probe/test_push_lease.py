"""Probe finding 8: a scheduler killed mid-send resends its in-flight pushes, at least once; the window
until the resend is one short lease (30 s, three times the push timeout), kept alive by a heartbeat
while the sender lives, not 120 s."""
from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from server.extensions import db
from server.jobs.send import send_due
from server.models import Notification
from server.push.sender import TIMEOUT_SECONDS, Outcome
from tests.jobs.conftest import CONFIG, START, fake_push, local, ready  # noqa: F401 (shared fixtures)
from tests.jobs.test_plan_and_send import plan


class Killed(BaseException):
    """The process dying mid-send: nothing after the push runs, nothing is recorded."""


def _config(app, **overrides) -> dict:
    """What the scheduler runs with, the fake push service's devices (push.example) allowed."""
    return {**app.config, **CONFIG, "PUSH_HOSTS": None, **overrides}


def _statuses(app) -> Counter:
    with app.app_context():
        return Counter(db.session.scalars(select(Notification.status)))


def test_the_default_lease_is_three_push_timeouts_and_a_setting(app, monkeypatch, tmp_path):
    from server.app import create_app

    assert app.config["REMINDER_LEASE_SECONDS"] == 3 * TIMEOUT_SECONDS == 30
    monkeypatch.setenv("BETTERBACK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("BETTERBACK_REMINDER_LEASE_SECONDS", "45")
    assert create_app().config["REMINDER_LEASE_SECONDS"] == 45


def test_a_killed_senders_pushes_are_sent_again_after_the_lease_and_not_before(app, ready, fake_push):
    ready(start=START)
    plan(app, local(START, 7))
    at = local(START, 9)

    def dies_mid_send(**kwargs):
        fake_push.sent.append(kwargs)
        raise Killed()

    with app.app_context(), pytest.raises(Killed):
        send_due(db.session, at, _config(app), send=dies_mid_send)
    topics = [s["topic"] for s in fake_push.sent]
    assert topics and _statuses(app)["sending"] == 2
    with app.app_context():
        assert send_due(db.session, at + timedelta(seconds=28), _config(app), send=fake_push) == {}
    with app.app_context():
        assert send_due(db.session, at + timedelta(seconds=31), _config(app), send=fake_push) == {"sent": 2}
    resent = [s["topic"] for s in fake_push.sent[len(topics):]]
    assert set(topics) <= set(resent)      # the same Topic (and tag): the phone replaces, not repeats
    assert _statuses(app)["sent"] == 2 and _statuses(app)["sending"] == 0


def test_a_live_sender_keeps_its_queued_rows_while_a_slow_push_outlasts_the_lease(app, ready):
    """One push at a time, the first taking longer than the whole lease: the heartbeat keeps the second
    row leased, so it is sent now rather than left to lapse and wait for a later run."""
    ready(start=START)
    plan(app, local(START, 7))
    sent = []

    def slow_first(**kwargs):
        if not sent:
            time.sleep(4.5)
        sent.append(kwargs["topic"])
        return Outcome(201)

    config = _config(app, REMINDER_LEASE_SECONDS=3, REMINDER_PARALLEL=1)
    with app.app_context():
        assert send_due(db.session, local(START, 9), config, send=slow_first) == {"sent": 2}
    assert len(sent) == len(set(sent)) == 2
