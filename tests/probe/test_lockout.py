"""Probe finding 7 (and 11's Retry-After): a stranger cannot lock a patient out; guessing stays expensive."""
import time

from tests.conftest import PASSWORD, ApiClient

LOGIN = "/api/v1/auth/login"


def _login(client, email, password, address):
    return client.post(LOGIN, json={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address})


def test_wrong_passwords_from_a_stranger_do_not_lock_out_the_owner(app, make):
    patient = make.patient(make.staff("therapist"))
    stranger = ApiClient(app)
    statuses = [_login(stranger, patient["email"], "wrong password!", "203.0.113.9").status_code for _ in range(7)]
    assert statuses == [401] * 5 + [429] * 2                       # the guesser is stopped...
    owner = _login(ApiClient(app), patient["email"], PASSWORD, "198.51.100.20")
    assert owner.status_code == 200                                # ...the owner is not


def test_many_sources_make_every_try_slower_but_the_owner_still_gets_in(app, make):
    patient = make.patient(make.staff("therapist"))
    app.config.update(LOGIN_SLOW_AFTER="6 per hour", LOGIN_SLOW_SECONDS=0.4)
    try:
        for n in range(6):
            _login(ApiClient(app), patient["email"], "wrong password!", f"203.0.113.{n}")
        started = time.monotonic()
        owner = _login(ApiClient(app), patient["email"], PASSWORD, "198.51.100.20")
        assert owner.status_code == 200 and time.monotonic() - started >= 0.4
    finally:
        app.config.update(LOGIN_SLOW_AFTER="20 per hour", LOGIN_SLOW_SECONDS=2.0)


def test_a_new_invitation_unlocks_the_account_at_a_shared_address(app, make):
    therapist = make.staff("therapist")
    patient = make.patient(therapist)
    shared = "192.0.2.50"                                           # the same NAT as the guesser
    for _ in range(5):
        _login(ApiClient(app), patient["email"], "wrong password!", shared)
    assert _login(ApiClient(app), patient["email"], PASSWORD, shared).status_code == 429
    t = ApiClient(app).login(therapist["email"], PASSWORD)
    from server.extensions import db
    from server.models import PatientProfile

    with app.app_context():                                         # a password reset by a new invitation
        db.session.get(PatientProfile, patient["id"]).activated_at = None
        db.session.commit()
    code = t.post(f"/api/v1/patients/{patient['id']}/invite").get_json()["invite_code"]
    phone = ApiClient(app)
    accepted = phone.post("/api/v1/auth/accept-invite", json={"code": code, "password": "a brand new password"},
                          environ_base={"REMOTE_ADDR": shared})
    assert accepted.status_code == 200, accepted.get_json()
    assert _login(ApiClient(app), patient["email"], "a brand new password", shared).status_code == 200


def test_a_successful_login_carries_no_retry_after(app, make):
    therapist = make.staff("therapist")
    response = _login(ApiClient(app), therapist["email"], PASSWORD, "198.51.100.7")
    assert response.status_code == 200 and "Retry-After" not in response.headers
