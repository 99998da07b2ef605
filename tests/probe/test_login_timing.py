"""Issue 21, findings 4 and 7: a sign-in's cost tells nothing about the address, and no refusal holds a worker.

4. A wrong password took 220 ms for an address with accounts in two clinics against 117-130 ms otherwise
   (every matching account was verified), and changing the second account's password reset the first
   account's guess counter. Now: exactly one Argon2 verification per attempt whatever matches, and the
   counters are the address's.
7. Past 20 failures an hour the login slept 2 s on a worker thread (48 of them stalled a bystander for
   3.4 s). Now such an attempt is refused at once with 429, Retry-After and a message saying when.
"""
from __future__ import annotations

import time

import pytest

from server import security
from server.error_codes import text, wait_words
from server.extensions import db
from server.models import User
from tests.conftest import PASSWORD, ApiClient

LOGIN = "/api/v1/auth/login"
WRONG = "wrong password!"


def _login(app, email, password, address="203.0.113.9", **extra):
    return ApiClient(app).post(LOGIN, json={"email": email, "password": password, **extra},
                               environ_base={"REMOTE_ADDR": address})


class _CountingHasher:
    """The tests' Argon2 hasher, counting each verification (PasswordHasher's own attributes are read-only)."""

    def __init__(self, real):
        self.real, self.calls = real, []

    def verify(self, password_hash, password):
        self.calls.append(password_hash)
        return self.real.verify(password_hash, password)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def verifications(monkeypatch):
    counting = _CountingHasher(security._hasher)
    monkeypatch.setattr(security, "_hasher", counting)
    return counting.calls


def _two_clinics(app, make, email="eva@example.org"):
    first = make.patient(make.staff("therapist"), email=email)
    second = make.patient(make.staff("therapist"), email=email)
    assert first["clinic_id"] != second["clinic_id"]
    return first, second


@pytest.mark.parametrize("accounts", [0, 1, 2, 3])
@pytest.mark.parametrize("password", [WRONG, PASSWORD])
def test_one_verification_per_attempt_whatever_the_address_matches(app, make, verifications, accounts, password):
    for _ in range(accounts):
        make.patient(make.staff("therapist"), email="eva@example.org")
    verifications.clear()
    reply = _login(app, "Eva@Example.org", password)
    assert len(verifications) == 1, reply.get_json()
    assert reply.status_code == (200 if accounts and password == PASSWORD else 401)


def test_one_verification_when_the_clinic_is_named_or_the_account_cannot_sign_in(app, make, verifications):
    first, second = _two_clinics(app, make)
    with app.app_context():
        db.session.get(User, first["id"]).active = False
        db.session.commit()
    for extra in ({}, {"clinic": first["clinic_id"]}, {"clinic": second["clinic_id"]}, {"clinic": 999999}):
        verifications.clear()
        _login(app, "eva@example.org", WRONG, **extra)
        assert len(verifications) == 1, extra
    # the inactive oldest account is passed over: the active one in the other clinic signs in
    assert _login(app, "eva@example.org", PASSWORD).get_json()["id"] == second["id"]


def test_an_invitation_not_yet_accepted_is_passed_over_with_one_verification(app, make, verifications):
    waiting = make.patient(make.staff("therapist"), email="eva@example.org", activate=False)
    ready = make.patient(make.staff("therapist"), email="eva@example.org")
    assert waiting["id"] < ready["id"]
    verifications.clear()
    assert _login(app, "eva@example.org", PASSWORD).get_json()["id"] == ready["id"]
    assert len(verifications) == 1


def test_the_guess_counter_is_the_addresss_across_both_clinics(app, make):
    first, second = _two_clinics(app, make)
    for clinic in (first["clinic_id"], first["clinic_id"], second["clinic_id"], second["clinic_id"], None):
        extra = {"clinic": clinic} if clinic else {}
        assert _login(app, "eva@example.org", WRONG, **extra).status_code == 401
    assert _login(app, "EVA@example.org", PASSWORD, clinic=second["clinic_id"]).status_code == 429
    assert _login(app, "eva@example.org", PASSWORD).status_code == 429


def test_the_other_accounts_password_change_does_not_reset_the_counter(app, make):
    first, second = _two_clinics(app, make)
    for _ in range(5):
        assert _login(app, "eva@example.org", WRONG).status_code == 401
    assert _login(app, "eva@example.org", PASSWORD).status_code == 429
    owner = ApiClient(app)
    signed_in = owner.post(LOGIN, json={"email": "eva@example.org", "password": PASSWORD,
                                        "clinic": second["clinic_id"]}, environ_base={"REMOTE_ADDR": "198.51.100.20"})
    assert signed_in.status_code == 200
    owner.csrf = signed_in.get_json()["csrf_token"]
    changed = owner.post("/api/v1/auth/password", json={"current_password": PASSWORD,
                                                        "new_password": "a different long password"},
                         environ_base={"REMOTE_ADDR": "198.51.100.20"})
    assert changed.status_code == 204
    assert _login(app, "eva@example.org", PASSWORD).status_code == 429      # the guesser's source: still refused


@pytest.fixture
def paced(app):
    app.config.update(LOGIN_SLOW_AFTER="3 per hour", LOGIN_SLOW_SECONDS=30)
    yield
    app.config.update(LOGIN_SLOW_AFTER="20 per hour", LOGIN_SLOW_SECONDS=2)


def test_a_paced_attempt_is_refused_at_once_and_nothing_sleeps(app, make, paced, monkeypatch, verifications):
    patient = make.patient(make.staff("therapist"))
    for n in range(4):   # three fill the hour's budget; the fourth is the address's one paced attempt
        assert _login(app, patient["email"], WRONG, f"203.0.113.{n}").status_code == 401
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    verifications.clear()
    started = time.monotonic()
    replies = [_login(app, patient["email"], PASSWORD, f"198.51.100.{n}") for n in range(10)]
    assert [r.status_code for r in replies] == [429] * 10
    assert time.monotonic() - started < 2 and slept == [] and verifications == []   # no password was even checked
    assert all(25 <= int(r.headers["Retry-After"]) <= 30 for r in replies)


def test_the_refusal_says_when_in_the_callers_language(app, make, paced):
    patient = make.patient(make.staff("therapist"))
    for n in range(4):
        _login(app, patient["email"], WRONG, f"203.0.113.{n}")
    for language, words in (("sv", "Försök igen om {} sekunder."), ("en", "Try again in {} seconds.")):
        reply = ApiClient(app).post(LOGIN, json={"email": patient["email"], "password": PASSWORD},
                                    headers={"Accept-Language": language})
        assert reply.status_code == 429 and reply.get_json()["error"] == "rate_limited"
        assert reply.get_json()["message"].endswith(words.format(reply.headers["Retry-After"]))


def test_the_per_source_refusal_says_the_same_as_its_header(app, make):
    patient = make.patient(make.staff("therapist"))
    for _ in range(5):
        _login(app, patient["email"], WRONG)
    reply = _login(app, patient["email"], WRONG)
    seconds = int(reply.headers["Retry-After"])
    assert reply.status_code == 429 and 1 <= seconds <= 60
    expected = f"{seconds} second{'s' if seconds != 1 else ''}" if seconds < 60 else "1 minute"
    assert reply.get_json()["message"] == f"Too many attempts. Try again in {expected}."


def test_the_per_client_address_refusal_says_when_too(app):
    """The limiter's own 429 (20 sign-ins a minute from one client address) gets the same message and header."""
    client = ApiClient(app)
    replies = [client.post(LOGIN, json={"email": f"u{n}@example.org", "password": WRONG}) for n in range(21)]
    refused = replies[-1]
    seconds = int(refused.headers["Retry-After"])
    assert refused.status_code == 429 and 1 <= seconds <= 60
    assert refused.get_json()["message"] == text("rate_limited", "en", wait=wait_words(seconds))


@pytest.mark.parametrize(("seconds", "en", "sv"), [
    (1, "1 second", "1 sekund"), (2, "2 seconds", "2 sekunder"), (59, "59 seconds", "59 sekunder"),
    (60, "1 minute", "1 minut"), (61, "2 minutes", "2 minuter"), (3600, "60 minutes", "60 minuter"),
])
def test_wait_words_at_every_boundary(seconds, en, sv):
    assert wait_words(seconds) == {"en": en, "sv": sv}
