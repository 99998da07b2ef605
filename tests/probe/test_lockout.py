"""Probe finding 7 (and 11's Retry-After): a stranger cannot lock a patient out; guessing stays expensive;
and (issue 21, finding 7) no refusal holds a worker."""
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


def test_many_sources_pace_the_address_and_the_owner_still_gets_in(app, make):
    """Past the threshold one attempt per LOGIN_SLOW_SECONDS is taken; a sooner one is refused at once
    (no sleeping worker, issue 21 finding 7), and the owner gets in once the next attempt is due."""
    patient = make.patient(make.staff("therapist"))
    app.config.update(LOGIN_SLOW_AFTER="6 per hour", LOGIN_SLOW_SECONDS=1)
    try:
        for n in range(6):
            assert _login(ApiClient(app), patient["email"], "wrong password!", f"203.0.113.{n}").status_code == 401
        assert _login(ApiClient(app), patient["email"], "wrong password!", "203.0.113.99").status_code == 401
        started = time.monotonic()
        refused = _login(ApiClient(app), patient["email"], PASSWORD, "198.51.100.20")
        assert time.monotonic() - started < 0.5                              # refused, not held
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
        time.sleep(1.1)
        assert _login(ApiClient(app), patient["email"], PASSWORD, "198.51.100.20").status_code == 200
    finally:
        app.config.update(LOGIN_SLOW_AFTER="20 per hour", LOGIN_SLOW_SECONDS=2)


def test_a_new_password_does_not_start_the_guess_counters_afresh(app, make):
    """The counters are the address's: a password change (here by a new invitation) gives a guesser no new
    budget; the owner behind the guesser's shared address is told when to try again."""
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
    accepted = ApiClient(app).post("/api/v1/auth/accept-invite", json={"code": code, "password": "a brand new password"},
                                   environ_base={"REMOTE_ADDR": shared})
    assert accepted.status_code == 200, accepted.get_json()
    again = _login(ApiClient(app), patient["email"], "a brand new password", shared)
    assert again.status_code == 429 and 1 <= int(again.headers["Retry-After"]) <= 60
    assert _login(ApiClient(app), patient["email"], "a brand new password", "198.51.100.20").status_code == 200


def test_a_successful_login_carries_no_retry_after(app, make):
    therapist = make.staff("therapist")
    response = _login(ApiClient(app), therapist["email"], PASSWORD, "198.51.100.7")
    assert response.status_code == 200 and "Retry-After" not in response.headers
