"""The clinic admin manages the clinic's staff."""
from tests.conftest import PASSWORD, ApiClient


def test_an_admin_adds_a_therapist_who_can_sign_in_with_the_one_time_password(client, make, app):
    admin = make.staff("admin")
    client.login(admin["email"], PASSWORD)
    response = client.post("/api/v1/staff", json={"email": "new.therapist@example.org", "name": "Nils", "role": "therapist"})
    assert response.status_code == 201
    secret = response.get_json()["one_time_password"]
    ApiClient(app).login("new.therapist@example.org", secret)
    names = [m["name"] for m in client.get("/api/v1/staff").get_json()]
    assert "Nils" in names


def test_staff_roles_only(client, make):
    admin = make.staff("admin")
    client.login(admin["email"], PASSWORD)
    response = client.post("/api/v1/staff", json={"email": "p@example.org", "name": "P", "role": "patient"})
    assert response.status_code == 422 and "role" in response.get_json()["errors"]["json"]


def test_an_admin_cannot_touch_another_clinics_staff(client, make):
    admin = make.staff("admin")
    elsewhere = make.staff("therapist")
    client.login(admin["email"], PASSWORD)
    assert client.patch(f"/api/v1/staff/{elsewhere['id']}", json={"name": "X"}).status_code == 404
    assert elsewhere["email"] not in [m["email"] for m in client.get("/api/v1/staff").get_json()]


def test_an_admin_cannot_lock_themselves_out(client, make):
    admin = make.staff("admin")
    client.login(admin["email"], PASSWORD)
    assert client.patch(f"/api/v1/staff/{admin['id']}", json={"active": False}).status_code == 409
    assert client.patch(f"/api/v1/staff/{admin['id']}", json={"role": "therapist"}).status_code == 409


def test_deactivating_signs_the_member_out_everywhere(client, make, app):
    admin = make.staff("admin")
    therapist = make.staff("therapist", clinic_id=admin["clinic_id"])
    phone = ApiClient(app).login(therapist["email"], PASSWORD)
    client.login(admin["email"], PASSWORD)
    client.patch(f"/api/v1/staff/{therapist['id']}", json={"active": False})
    assert phone.get("/api/v1/me").status_code == 401


def test_care_staff_see_who_can_supervise_a_group(client, make):
    therapist = make.staff("therapist")
    supervisor = make.staff("supervisor", clinic_id=therapist["clinic_id"])
    make.staff("supervisor")                                   # another clinic's
    client.login(therapist["email"], PASSWORD)
    found = client.get("/api/v1/staff/supervisors").get_json()
    assert [(p["id"], p["role"]) for p in found] == [(supervisor["id"], "supervisor"), (therapist["id"], "therapist")]
