"""Push subscriptions and reminder choices through the API."""
import base64

import pytest

from tests.jobs.conftest import AUTH, KEY

SUB = {"endpoint": "https://push.example.org/abc", "keys": {"p256dh": KEY, "auth": AUTH}}


def test_the_public_key_is_a_p256_point(care):
    key = care["p"].get("/api/v1/push/vapid-public-key").get_json()["key"]
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(raw) == 65 and raw[0] == 4


def test_several_devices_and_unsubscribing(care):
    assert care["p"].post("/api/v1/push/subscriptions", json=SUB).status_code == 201
    other = {**SUB, "endpoint": "https://push.example.org/def"}
    assert care["p"].post("/api/v1/push/subscriptions", json=other).status_code == 201
    assert care["p"].post("/api/v1/push/subscriptions", json=SUB).status_code == 201   # the same device again
    assert care["t"].request("DELETE", "/api/v1/push/subscriptions", json={"endpoint": SUB["endpoint"]}
                             ).status_code == 404   # not the therapist's device
    assert care["p"].request("DELETE", "/api/v1/push/subscriptions", json={"endpoint": SUB["endpoint"]}
                             ).status_code == 204


@pytest.mark.parametrize("body, field", [
    ({**SUB, "endpoint": "http://push.example.org/abc"}, "endpoint"),
    ({**SUB, "endpoint": "not a url"}, "endpoint"),
    ({**SUB, "keys": {"p256dh": "short", "auth": AUTH}}, "keys"),
    ({**SUB, "keys": {"p256dh": KEY, "auth": KEY}}, "keys"),
    ({"endpoint": SUB["endpoint"]}, "keys"),
])
def test_malformed_subscriptions_are_refused(care, body, field):
    response = care["p"].post("/api/v1/push/subscriptions", json=body)
    assert response.status_code == 422 and field in response.get_json()["errors"]["json"]


def test_reminder_choices(care):
    defaults = care["p"].get("/api/v1/patients/me/reminders").get_json()
    assert defaults == {"kinds": {"training": True, "part1": True, "group": True, "questionnaire": True},
                        "quiet_start": "21:00", "quiet_end": "08:00",
                        "times": {"training": None, "part1": None, "questionnaire": None},
                        "default_times": {"training": None, "part1": "09:00", "questionnaire": "09:00"}}
    changed = care["p"].put("/api/v1/patients/me/reminders", json={"kinds": {"part1": False}, "quiet_start": "22:00"})
    assert changed.get_json()["kinds"]["part1"] is False and changed.get_json()["quiet_start"] == "22:00"
    assert care["p"].put("/api/v1/patients/me/reminders", json={"quiet_end": "8 am"}).status_code == 422
    timed = care["p"].put("/api/v1/patients/me/reminders", json={"times": {"part1": "07:30"}}).get_json()
    assert timed["times"]["part1"] == "07:30" and timed["kinds"]["part1"] is False   # the rest kept
    bad = care["p"].put("/api/v1/patients/me/reminders", json={"times": {"group": "10:00"}})
    assert bad.status_code == 422 and "times" in bad.get_json()["errors"]["json"]     # groups follow the session
    back = care["p"].put("/api/v1/patients/me/reminders", json={"times": {"part1": None}}).get_json()
    assert back["times"]["part1"] is None
    assert care["t"].get(f"{care['base']}/reminders").status_code == 403
