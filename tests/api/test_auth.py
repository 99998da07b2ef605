"""Signing in and out, CSRF, rate limits and invitations."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from server.extensions import db
from server.models import Invitation
from server.models.types import utcnow
from tests.conftest import PASSWORD, ApiClient


def test_login_returns_the_user_and_a_csrf_token(client, make):
    therapist = make.staff("therapist")
    response = client.post("/api/v1/auth/login", json={"email": therapist["email"].upper(), "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert body["role"] == "therapist" and body["csrf_token"]
    assert "password" not in body and "password_hash" not in body
    assert response.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_secure_httponly_and_lax(client, make):
    therapist = make.staff("therapist")
    response = client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_and_unknown_email_get_the_same_401(client, make):
    therapist = make.staff("therapist")
    wrong = client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": "not the password"})
    unknown = client.post("/api/v1/auth/login", json={"email": "nobody@example.org", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["message"] == unknown.get_json()["message"]


def test_deactivated_staff_cannot_sign_in(client, make, app):
    admin = make.staff("admin")
    therapist = make.staff("therapist", clinic_id=admin["clinic_id"])
    client.login(admin["email"], PASSWORD)
    assert client.patch(f"/api/v1/staff/{therapist['id']}", json={"active": False}).status_code == 200
    other = ApiClient(app)
    assert other.post("/api/v1/auth/login", json={"email": therapist["email"], "password": PASSWORD}).status_code == 401


def test_me_needs_a_session(client, make):
    assert client.get("/api/v1/me").status_code == 401
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    me = client.get("/api/v1/me").get_json()
    assert me["email"] == therapist["email"] and me["clinic"]["id"] == therapist["clinic_id"]


def test_logout_ends_the_session_on_the_server(client, make, app):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    stolen = ApiClient(app)  # a copy of the cookie, taken before logout
    stolen.http._cookies = dict(client.http._cookies)
    assert stolen.get("/api/v1/me").status_code == 200
    assert client.logout().status_code == 204
    assert client.get("/api/v1/me").status_code == 401
    assert stolen.get("/api/v1/me").status_code == 401  # the old cookie no longer works


def test_writes_with_a_cookie_need_the_csrf_header(client, make):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    body = {"name": "Anna", "email": "anna@example.org"}
    missing = client.post("/api/v1/patients", json=body, headers={"X-CSRF-Token": ""})
    wrong = client.post("/api/v1/patients", json=body, headers={"X-CSRF-Token": "forged"})
    assert missing.status_code == wrong.status_code == 403
    assert missing.get_json()["error"] == "csrf"
    assert client.post("/api/v1/patients", json=body).status_code == 201


def test_writes_must_be_json(client, make):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    response = client.http.post("/api/v1/patients", data="name=Anna", content_type="application/x-www-form-urlencoded",
                                headers={"X-CSRF-Token": client.csrf})
    assert response.status_code == 415


def test_malformed_json_is_a_400(client):
    response = client.http.post("/api/v1/auth/login", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["code"] == 400


def test_wrong_types_are_422_with_the_field_named(client):
    response = client.post("/api/v1/auth/login", json={"email": 5, "password": ["x"]})
    assert response.status_code == 422
    fields = response.get_json()["errors"]["json"]
    assert set(fields) == {"email", "password"}


def test_unknown_fields_are_refused(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@b.se", "password": "x", "role": "admin"})
    assert response.status_code == 422 and "role" in response.get_json()["errors"]["json"]


def test_login_is_rate_limited_per_account(client, make, app):
    therapist = make.staff("therapist")
    for _ in range(5):
        assert client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": "wrong-password"}).status_code == 401
    blocked = client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": PASSWORD})
    assert blocked.status_code == 429
    assert blocked.get_json()["code"] == 429 and "Retry-After" in blocked.headers
    # another account from the same address is not blocked by this account's limit
    other = make.staff("therapist")
    assert client.post("/api/v1/auth/login", json={"email": other["email"], "password": PASSWORD}).status_code == 200


def test_successful_logins_do_not_use_up_the_account_limit(client, make):
    therapist = make.staff("therapist")
    for _ in range(7):
        assert client.post("/api/v1/auth/login", json={"email": therapist["email"], "password": PASSWORD}).status_code == 200


def test_login_is_rate_limited_per_address(client):
    statuses = [client.post("/api/v1/auth/login", json={"email": f"u{i}@example.org", "password": "x" * 10}).status_code
                for i in range(21)]
    assert statuses[:20] == [401] * 20 and statuses[20] == 429


def test_password_change_signs_out_other_devices(client, make, app):
    therapist = make.staff("therapist")
    phone = ApiClient(app).login(therapist["email"], PASSWORD)
    client.login(therapist["email"], PASSWORD)
    weak = client.post("/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": "short"})
    assert weak.status_code == 422 and "new_password" in weak.get_json()["errors"]["json"]
    wrong = client.post("/api/v1/auth/password", json={"current_password": "nope-nope-nope", "new_password": "a new long passphrase"})
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["errors"]["json"]
    ok = client.post("/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": "a new long passphrase"})
    assert ok.status_code == 204
    assert client.get("/api/v1/me").status_code == 200
    assert phone.get("/api/v1/me").status_code == 401


# --- invitations ----------------------------------------------------------------------

def _invite(make):
    therapist = make.staff("therapist")
    return make.patient(therapist, activate=False)


def test_a_patient_sets_a_password_with_the_code_and_is_signed_in(client, make):
    patient = _invite(make)
    response = client.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"].lower(), "password": PASSWORD})
    assert response.status_code == 200 and response.get_json()["role"] == "patient"
    assert client.get("/api/v1/patients/me").get_json()["status"] == "active"


def test_an_invitation_works_only_once(client, make):
    patient = _invite(make)
    first = client.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"], "password": PASSWORD})
    second = client.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"], "password": "another passphrase"})
    assert first.status_code == 200
    assert second.status_code == 409 and second.get_json()["error"] == "invite_used"
    assert second.get_json()["errors"]["json"]["code"]


def test_an_expired_invitation_is_refused_and_nothing_changes(client, make, app):
    patient = _invite(make)
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    response = client.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"], "password": PASSWORD})
    assert response.status_code == 409 and response.get_json()["error"] == "invite_expired"
    login = client.post("/api/v1/auth/login", json={"email": patient["email"], "password": PASSWORD})
    assert login.status_code == 401


def test_an_unknown_invitation_is_a_404(client):
    response = client.post("/api/v1/auth/accept-invite", json={"code": "AAAA-BBBB-CCCC", "password": PASSWORD})
    assert response.status_code == 404 and "code" in response.get_json()["errors"]["json"]


def test_a_weak_password_leaves_the_invitation_usable(client, make):
    patient = _invite(make)
    weak = client.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"], "password": "short"})
    assert weak.status_code == 422 and "password" in weak.get_json()["errors"]["json"]
    ok = client.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"], "password": PASSWORD})
    assert ok.status_code == 200


def test_a_new_invitation_replaces_the_old_one(client, make, app):
    therapist = make.staff("therapist")
    patient = make.patient(therapist, activate=False)
    client.login(therapist["email"], PASSWORD)
    fresh = client.post(f"/api/v1/patients/{patient['id']}/invite")
    assert fresh.status_code == 201
    patient_phone = ApiClient(app)
    old = patient_phone.post("/api/v1/auth/accept-invite", json={"code": patient["invite_code"], "password": PASSWORD})
    assert old.status_code == 409 and old.get_json()["error"] == "invite_replaced"
    new = patient_phone.post("/api/v1/auth/accept-invite", json={"code": fresh.get_json()["invite_code"], "password": PASSWORD})
    assert new.status_code == 200


def test_a_new_code_for_an_activated_patient_signs_out_their_devices(client, make, app):
    """Forgotten password or a lost phone: the therapist's new code sets a new password."""
    therapist = make.staff("therapist")
    patient = make.patient(therapist)
    old_phone = ApiClient(app).login(patient["email"], PASSWORD)
    assert old_phone.get("/api/v1/me").status_code == 200
    client.login(therapist["email"], PASSWORD)
    fresh = client.post(f"/api/v1/patients/{patient['id']}/invite")
    assert fresh.status_code == 201
    assert old_phone.get("/api/v1/me").status_code == 401          # signed out at once
    new_phone = ApiClient(app)
    accepted = new_phone.post("/api/v1/auth/accept-invite",
                              json={"code": fresh.get_json()["invite_code"], "password": "a-brand-new-secret"})
    assert accepted.status_code == 200 and new_phone.get("/api/v1/me").status_code == 200
    assert ApiClient(app).post("/api/v1/auth/login", json={"email": patient["email"], "password": PASSWORD}).status_code == 401


def test_an_invitation_carries_a_link_with_the_code_in_the_fragment_and_a_qr_code(client, make, app):
    therapist = make.staff("therapist")
    client.login(therapist["email"], PASSWORD)
    body = client.post("/api/v1/patients", json={"name": "Qa Qr", "email": "qr@example.org", "locale": "sv"}).get_json()
    code = body["invite_code"].replace("-", "")
    assert body["invite_url"] == f"http://localhost/#/invite?code={code}"   # the request's own root
    assert body["invite_qr_svg"].startswith("<svg") and "<path" in body["invite_qr_svg"]
    app.config["PUBLIC_URL"] = "https://app.betterback.example"
    try:
        again = client.post(f"/api/v1/patients/{body['id']}/invite").get_json()
    finally:
        app.config["PUBLIC_URL"] = None
    assert again["invite_url"].startswith("https://app.betterback.example/#/invite?code=")
    assert "?" not in again["invite_url"].split("#")[0]                     # nothing a server would log
