"""Messages between a patient and their therapist: the thread, unread counts, the inbox, push prompts."""
from sqlalchemy import select

from server.extensions import db
from server.models import Notification
from tests.conftest import PASSWORD, ApiClient


def _device(client: ApiClient, n: int = 1) -> None:
    import base64

    key = base64.urlsafe_b64encode(b"\x04" + b"k" * 64).rstrip(b"=").decode()
    auth = base64.urlsafe_b64encode(b"a" * 16).rstrip(b"=").decode()
    response = client.post("/api/v1/push/subscriptions", json={
        "endpoint": f"https://push.example.org/{client.user['id']}/{n}", "keys": {"p256dh": key, "auth": auth}})
    assert response.status_code in (200, 201), response.get_json()


def test_a_thread_newest_last_with_unread_counts_and_reading_marks_read(care):
    t, p, base = care["t"], care["p"], care["base"]
    first = p.post("/api/v1/patients/me/messages", json={"body": "Does the bridge hurt a little on purpose?"})
    assert first.status_code == 201
    assert first.get_json()["sender"] == "patient" and first.get_json()["read_at"] is None
    p.post("/api/v1/patients/me/messages", json={"body": "Second question."})
    assert t.get("/api/v1/me").get_json()["unread_messages"] == 2
    inbox = t.get("/api/v1/messages/inbox").get_json()
    assert len(inbox) == 1 and inbox[0]["last_at"]
    assert {k: inbox[0][k] for k in ("patient_id", "patient_name", "unread")} == {
        "patient_id": care["patient"]["id"], "patient_name": care["patient"]["name"], "unread": 2}
    thread = t.get(f"{base}/messages").get_json()
    assert [m["body"] for m in thread["messages"]] == ["Does the bridge hurt a little on purpose?", "Second question."]
    assert thread["unread"] == 2 and thread["messages"][0]["sender_name"] == care["patient"]["name"]
    assert all(m["read_at"] for m in thread["messages"])
    assert t.get("/api/v1/me").get_json()["unread_messages"] == 0
    assert t.get(f"{base}/messages").get_json()["unread"] == 0
    reply = t.post(f"{base}/messages", json={"body": "A little, yes: stop if it is sharp."})
    assert reply.status_code == 201 and reply.get_json()["sender"] == "therapist"
    assert p.get("/api/v1/me").get_json()["unread_messages"] == 1
    mine = p.get("/api/v1/patients/me/messages").get_json()
    assert [m["sender"] for m in mine["messages"]] == ["patient", "patient", "therapist"] and mine["unread"] == 1
    # The patient reading does not mark their own messages, nor does the therapist's reading mark theirs.
    assert p.get("/api/v1/me").get_json()["unread_messages"] == 0


def test_message_bodies_are_checked(care):
    p = care["p"]
    for body, words in (("", "Length"), ("   ", "Write a message"), ("x" * 2001, "Length"),
                        ("bell \x07 here", "U+0007")):
        response = p.post("/api/v1/patients/me/messages", json={"body": body})
        assert response.status_code == 422, body
        assert "body" in response.get_json()["errors"]["json"]
    assert p.post("/api/v1/patients/me/messages", json={"body": "Line one\nline two\twith a tab"}).status_code == 201
    assert p.post("/api/v1/patients/me/messages", json={"body": "x" * 2000}).status_code == 201
    assert p.post("/api/v1/patients/me/messages", json={"text": "wrong field"}).status_code == 422
    assert len(p.get("/api/v1/patients/me/messages").get_json()["messages"]) == 2   # nothing half-written


def test_supervisors_admins_and_other_therapists_get_404(care, make, app):
    clinic = care["therapist"]["clinic_id"]
    care["p"].post("/api/v1/patients/me/messages", json={"body": "Hello"})
    outsiders = [make.staff("therapist", clinic_id=clinic), make.staff("supervisor", clinic_id=clinic),
                 make.staff("admin", clinic_id=clinic), make.staff("therapist")]   # the last: another clinic
    for person in outsiders:
        client = ApiClient(app).login(person["email"], PASSWORD)
        assert client.get(f"{care['base']}/messages").status_code == 404, person["role"]
        assert client.post(f"{care['base']}/messages", json={"body": "Hi"}).status_code == 404, person["role"]
    other_patient = ApiClient(app).login(make.patient(care["therapist"])["email"], PASSWORD)
    assert other_patient.get(f"{care['base']}/messages").status_code == 404
    assert len(care["t"].get(f"{care['base']}/messages").get_json()["messages"]) == 1


def test_a_new_message_queues_a_push_prompt_without_its_text(care, app):
    _device(care["t"])
    _device(care["p"], 2)
    care["p"].post("/api/v1/patients/me/messages", json={"body": "My back is worse since Monday"})
    care["t"].post(f"{care['base']}/messages", json={"body": "Call me tomorrow"})
    with app.app_context():
        rows = list(db.session.scalars(select(Notification).order_by(Notification.id)))
        assert [(r.user_id, r.kind, r.ref) for r in rows] == [
            (care["therapist"]["id"], "message", str(care["patient"]["id"])),
            (care["patient"]["id"], "message", str(care["patient"]["id"]))]
        assert all("worse" not in r.key and "Call" not in r.key for r in rows)


def test_no_device_no_prompt(care, app):
    care["p"].post("/api/v1/patients/me/messages", json={"body": "Hello"})
    with app.app_context():
        assert db.session.scalars(select(Notification)).all() == []


def test_the_thread_stays_with_the_patient_when_the_therapist_changes(care, make, app):
    care["p"].post("/api/v1/patients/me/messages", json={"body": "Before the move"})
    successor = make.staff("therapist", clinic_id=care["therapist"]["clinic_id"])
    assert care["t"].post(f"{care['base']}/transfer", json={"therapist_id": successor["id"]}).status_code == 200
    new = ApiClient(app).login(successor["email"], PASSWORD)
    assert [m["body"] for m in new.get(f"{care['base']}/messages").get_json()["messages"]] == ["Before the move"]
    assert care["t"].get(f"{care['base']}/messages").status_code == 404
    assert care["t"].get("/api/v1/messages/inbox").get_json() == []
