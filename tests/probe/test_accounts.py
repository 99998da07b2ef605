"""Probe finding 6: creating an account never tells another clinic that an address is in use."""
from tests.conftest import PASSWORD, ApiClient


def _new_patient(client, email):
    return client.post("/api/v1/patients", json={"name": "Eva Ek", "email": email, "locale": "sv",
                                                 "timezone": "Europe/Stockholm"})


def test_another_clinic_can_register_the_same_address_without_learning_it_exists(app, make):
    here = make.staff("therapist")
    make.patient(here, email="eva@example.org")
    elsewhere = make.staff("therapist")                     # another clinic
    assert elsewhere["clinic_id"] != here["clinic_id"]
    t = ApiClient(app).login(elsewhere["email"], PASSWORD)
    known = _new_patient(t, "eva@example.org")
    unknown = _new_patient(t, "someone-new@example.org")
    assert known.status_code == unknown.status_code == 201
    assert set(known.get_json()) == set(unknown.get_json())


def test_another_clinic_can_add_staff_with_an_address_in_use_elsewhere(app, make):
    make.staff("therapist", email="anna@example.org")
    admin = make.staff("admin")
    a = ApiClient(app).login(admin["email"], PASSWORD)
    created = a.post("/api/v1/staff", json={"email": "anna@example.org", "name": "Anna", "role": "therapist"})
    assert created.status_code == 201, created.get_json()


def test_within_a_clinic_an_address_is_still_one_account(app, make):
    therapist = make.staff("therapist")
    make.patient(therapist, email="eva@example.org")
    t = ApiClient(app).login(therapist["email"], PASSWORD)
    again = _new_patient(t, "eva@example.org")
    assert again.status_code == 409 and again.get_json()["error"] == "email_taken"


def test_an_address_in_two_clinics_signs_in_to_its_oldest_account_or_the_clinic_it_names(app, make):
    """One password verification per attempt (issue 21, finding 4): the password no longer picks the account."""
    from server.extensions import db
    from server.models import User
    from server.security import hash_password

    first = make.patient(make.staff("therapist"), email="eva@example.org")
    second = make.patient(make.staff("therapist"), email="eva@example.org")
    with app.app_context():
        db.session.get(User, second["id"]).password_hash = hash_password("another long password")
        db.session.commit()
    assert ApiClient(app).login("eva@example.org", PASSWORD).user["id"] == first["id"]
    unnamed = ApiClient(app).post("/api/v1/auth/login", json={"email": "eva@example.org",
                                                               "password": "another long password"})
    assert unnamed.status_code == 401 and unnamed.get_json()["error"] == "login_failed"
    named = ApiClient(app).post("/api/v1/auth/login", json={"email": "eva@example.org", "clinic": second["clinic_id"],
                                                             "password": "another long password"})
    assert named.status_code == 200 and named.get_json()["id"] == second["id"]
    wrong_clinic = ApiClient(app).post("/api/v1/auth/login", json={"email": "eva@example.org", "password": PASSWORD,
                                                                    "clinic": second["clinic_id"]})
    assert wrong_clinic.status_code == 401
