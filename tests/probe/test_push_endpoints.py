"""Probe finding 5: push endpoints only on the known push services, and they stay with their account."""
import base64
import os

import pytest

from server.push.endpoints import endpoint_allowed
from tests.conftest import PASSWORD, ApiClient
from tests.jobs.conftest import AUTH, KEY

DEFAULT = ("fcm.googleapis.com", "*.push.apple.com", "*.push.services.mozilla.com")


@pytest.mark.parametrize("url, allowed", [
    ("https://fcm.googleapis.com/fcm/send/abc", True),
    ("https://web.push.apple.com/QGz", True),
    ("https://updates.push.services.mozilla.com/wpush/v2/x", True),
    ("https://fcm.googleapis.com:443/fcm/send/abc", True),
    ("https://fcm.googleapis.com:8443/fcm/send/abc", False),     # another port
    ("http://fcm.googleapis.com/fcm/send/abc", False),           # not https
    ("https://10.0.0.1/x", False),
    ("https://169.254.169.254/latest/meta-data", False),
    ("http://localhost:6379/", False),
    ("https://push.apple.com.evil.example/x", False),
    ("https://evilpush.apple.com/x", False),                     # not a subdomain
    ("https://user@fcm.googleapis.com/x", False),
    ("https://[::1]/x", False),
    ("not a url", False),
])
def test_only_https_on_known_push_services(url, allowed):
    assert endpoint_allowed(url, DEFAULT) is allowed


def test_a_plain_http_test_service_needs_its_own_entry():
    assert endpoint_allowed("http://localhost:8990/push/1", ("http://localhost:8990",))
    assert not endpoint_allowed("http://localhost:8991/push/1", ("http://localhost:8990",))
    assert not endpoint_allowed("https://localhost:8990/push/1", ("http://localhost:8990",))


@pytest.mark.parametrize("endpoint", ["https://10.0.0.1/x", "https://169.254.169.254/latest",
                                      "http://localhost:6379/", "https://example.com/push"])
def test_the_api_refuses_endpoints_inside_the_network(care, endpoint):
    response = care["p"].post("/api/v1/push/subscriptions", json={"endpoint": endpoint,
                                                                  "keys": {"p256dh": KEY, "auth": AUTH}})
    assert response.status_code == 422 and "endpoint" in response.get_json()["errors"]["json"]


def test_another_account_cannot_take_over_a_device(app, care, make):
    owner = care["p"]
    endpoint = "https://fcm.googleapis.com/fcm/send/owner-device"
    assert owner.post("/api/v1/push/subscriptions", json={"endpoint": endpoint,
                                                          "keys": {"p256dh": KEY, "auth": AUTH}}).status_code == 201
    stranger_account = make.patient(care["therapist"])
    stranger = ApiClient(app).login(stranger_account["email"], PASSWORD)
    own_auth = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
    taken = stranger.post("/api/v1/push/subscriptions", json={"endpoint": endpoint,
                                                              "keys": {"p256dh": KEY, "auth": own_auth}})
    assert taken.status_code == 409 and taken.get_json()["error"] == "endpoint_taken"
    assert owner.request("DELETE", "/api/v1/push/subscriptions", json={"endpoint": endpoint}).status_code == 204


def test_the_same_browser_subscription_follows_whoever_signs_in_on_it(app, care, make):
    body = {"endpoint": "https://fcm.googleapis.com/fcm/send/shared-tablet", "keys": {"p256dh": KEY, "auth": AUTH}}
    assert care["p"].post("/api/v1/push/subscriptions", json=body).status_code == 201
    other_account = make.patient(care["therapist"])
    other = ApiClient(app).login(other_account["email"], PASSWORD)
    assert other.post("/api/v1/push/subscriptions", json=body).status_code == 201
    assert other.request("DELETE", "/api/v1/push/subscriptions", json={"endpoint": body["endpoint"]}).status_code == 204


def test_the_scheduler_never_posts_to_an_endpoint_off_the_list(app, make):
    """A device stored before the allow-list (or since taken off it) gets nothing, not a request."""
    from datetime import datetime, timezone

    from server.extensions import db
    from server.jobs.send import send_due
    from server.models import Notification, PushSubscription, ReminderPreference

    patient = make.patient(make.staff("therapist"))
    at = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
    with app.app_context():
        db.session.add(ReminderPreference(patient_id=patient["id"], training=True, part1=True, group=True,
                                          questionnaire=True, quiet_start=0, quiet_end=0))
        db.session.add(PushSubscription(user_id=patient["id"], endpoint="https://169.254.169.254/latest",
                                        p256dh=KEY, auth=AUTH))
        stamp = int(at.timestamp()) - 60
        db.session.add(Notification(user_id=patient["id"], kind="training", ref="1", key="training:1:x",
                                    scheduled_ts=stamp, next_attempt_ts=stamp, status="pending", attempts=0))
        db.session.commit()
        calls = []
        counts = send_due(db.session, at, app.config, send=lambda **kw: calls.append(kw))
    assert calls == [] and counts == {"skipped": 1}
