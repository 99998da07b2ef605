"""Probe finding 1: two scheduler processes, a push service that answers slowly, one of them killed
with SIGKILL mid-send: every due reminder reaches the push service exactly once.

The stand-in push service takes a push only when it can still answer it (like a real one, which
acknowledges what it has accepted): a request whose sender died while it waited is not a delivery,
and the row is sent again by the other scheduler after its lease. Counted: pushes per Topic
(a duplicate is a Topic taken twice) and rows not ended 'sent' (a loss).
"""
from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from server.extensions import db
from server.models import Notification, PushSubscription, ReminderPreference
from server.services.clock import now

ROOT = Path(__file__).resolve().parents[2]
DELAY = 1.0       # seconds the push service takes to answer
ROWS = 40


class SlowPushService(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.taken: Counter = Counter()
        self.received = 0
        self.abandoned = 0
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.lock:
            self.server.received += 1
        time.sleep(DELAY)
        if self._sender_gone():
            with self.server.lock:
                self.server.abandoned += 1
            return
        with self.server.lock:
            self.server.taken[self.headers["Topic"]] += 1
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _sender_gone(self) -> bool:
        try:
            return self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def log_message(self, *args):
        pass


def _p256dh() -> str:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    raw = key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _due_reminders(app, make, endpoint: str) -> None:
    therapist = make.staff("therapist")
    patients = [make.patient(therapist) for _ in range(ROWS)]
    stamp = int(now().timestamp()) - 10
    with app.app_context():
        for n, patient in enumerate(patients):
            db.session.add(ReminderPreference(patient_id=patient["id"], training=True, part1=True, group=True,
                                              questionnaire=True, quiet_start=0, quiet_end=0))
            db.session.add(PushSubscription(user_id=patient["id"], endpoint=f"{endpoint}/{n}", p256dh=_p256dh(),
                                            auth=base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()))
            db.session.add(Notification(user_id=patient["id"], kind="training", ref="1", key=f"training:1:{n}",
                                        scheduled_ts=stamp, next_attempt_ts=stamp, status="pending", attempts=0))
        db.session.commit()


def _scheduler(app, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.jobs.scheduler_process", app.config["DATABASE_URL"],
                             app.instance_path, "60", f"http://127.0.0.1:{port}"], cwd=ROOT)


@pytest.mark.parametrize("kill_one", [False, True], ids=["both-run", "one-killed"])
def test_two_scheduler_processes_send_every_reminder_exactly_once(app, make, kill_one):
    service = SlowPushService()
    threading.Thread(target=service.serve_forever, daemon=True).start()
    try:
        _due_reminders(app, make, f"http://127.0.0.1:{service.server_port}/push")
        first, second = _scheduler(app, service.server_port), _scheduler(app, service.server_port)
        if kill_one:
            while service.received < 6:
                time.sleep(0.05)
            os.kill(first.pid, signal.SIGKILL)
        assert second.wait(timeout=90) == 0
        first.wait(timeout=90)
    finally:
        service.shutdown()
        service.server_close()
    with app.app_context():
        states = Counter(db.session.scalars(select(Notification.status)))
    duplicates = sum(count - 1 for count in service.taken.values())
    assert duplicates == 0, service.taken
    assert states == {"sent": ROWS} and len(service.taken) == ROWS     # no losses
    if kill_one:
        assert service.abandoned >= 1     # the kill did land mid-send
