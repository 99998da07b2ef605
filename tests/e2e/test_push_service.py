"""End to end against a real local push service (npm web-push-testing): it checks our VAPID
signature and decrypts the message; an expired subscription answers 410 and is removed."""
from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from server.extensions import db
from server.jobs.plan import plan_notifications
from server.jobs.send import send_due
from server.models import Notification, PushSubscription
from tests.conftest import PASSWORD, ApiClient
from tests.jobs.conftest import START, days, local

SERVICE = Path(__file__).resolve().parents[1] / "push" / "node_modules" / "web-push-testing" / "src" / "bin" / "server.js"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def push_service(request):
    assert SERVICE.exists(), "run `npm ci --prefix tests/push` (scripts/test does it)"
    port = _free_port()
    process = subprocess.Popen(["node", str(SERVICE), str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    app = request.getfixturevalue("app")
    hosts = app.config["PUSH_HOSTS"]
    app.config["PUSH_HOSTS"] = (*hosts, f"http://localhost:{port}")   # as BETTERBACK_PUSH_HOSTS would
    for _ in range(100):
        try:
            requests.post(f"{url}/get-notifications", json={"clientHash": "none"}, timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield url
    app.config["PUSH_HOSTS"] = hosts
    process.terminate()
    process.wait(timeout=10)


def test_a_reminder_arrives_decrypted_and_an_expired_device_is_forgotten(app, ready, push_service):
    patient = ready(start=START, program_items=())
    phone = ApiClient(app).login(patient["email"], PASSWORD)
    phone.request("DELETE", "/api/v1/push/subscriptions", json={"endpoint": f"https://push.example/{patient['id']}/0"})
    key = phone.get("/api/v1/push/vapid-public-key").get_json()["key"]
    browser = requests.post(f"{push_service}/subscribe", json={"applicationServerKey": key, "userVisibleOnly": "true"},
                            timeout=5).json()["data"]
    registered = phone.post("/api/v1/push/subscriptions", json={"endpoint": browser["endpoint"], "keys": browser["keys"]})
    assert registered.status_code == 201

    with app.app_context():
        plan_notifications(db.session, local(START, 7))
        assert send_due(db.session, local(START, 9), app.config) == {"sent": 1}
        row = db.session.scalar(select(Notification).where(Notification.status == "sent"))
        expected = {"type": "questionnaire", "id": row.id, "url": "/#/questionnaires", "tag": row.key}
    messages = requests.post(f"{push_service}/get-notifications", json={"clientHash": browser["clientHash"]},
                             timeout=5).json()["data"]["messages"]
    assert [json.loads(m) for m in messages] == [expected]          # exactly what was sent, once

    requests.post(f"{push_service}/expire-subscription/{browser['clientHash']}", timeout=5)
    with app.app_context():
        plan_notifications(db.session, local(START + days(3), 7))   # the second baseline reminder (day 3)
        counts = send_due(db.session, local(START + days(3), 9), app.config)
        assert counts["failed"] == 1       # 410 from the only device (the older 18:00 training reminder is stale: skipped)
        assert db.session.scalar(select(PushSubscription).where(PushSubscription.user_id == patient["id"])) is None
