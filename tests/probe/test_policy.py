"""Probe finding 8: each rule is one decision (admin and diary figures; who may change group members)."""
from tests.api.test_groups import team  # noqa: F401 (a fixture)
from tests.conftest import PASSWORD, ApiClient


def test_the_clinic_admin_sees_neither_diaries_nor_adherence_per_member(team, make):  # noqa: F811
    admin = make.staff("admin", clinic_id=team["therapist"]["clinic_id"])
    a = ApiClient(team["app"]).login(admin["email"], PASSWORD)
    patient = make.patient(team["therapist"])
    assert a.get(f"/api/v1/patients/{patient['id']}/diary").status_code in (403, 404)
    refused = a.get(f"/api/v1/groups/{team['group']['id']}/adherence")
    assert refused.status_code == 403 and refused.get_json()["error"] == "forbidden_role"
    assert a.get(f"/api/v1/groups/{team['group']['id']}").status_code == 200     # the group itself: yes


def test_a_therapist_who_does_not_treat_a_patient_can_neither_add_nor_remove_them(team, make):  # noqa: F811
    patient = make.patient(team["therapist"])
    group = f"/api/v1/groups/{team['group']['id']}"
    assert team["t"].post(f"{group}/members", json={"patient_id": patient["id"]}).status_code == 201
    colleague = make.staff("therapist", clinic_id=team["therapist"]["clinic_id"])
    c = ApiClient(team["app"]).login(colleague["email"], PASSWORD)
    assert c.post(f"{group}/members", json={"patient_id": patient["id"]}).status_code == 404
    removed = c.delete(f"{group}/members/{patient['id']}")
    assert removed.status_code == 404
    members = team["t"].get(group).get_json()["members"]
    assert patient["id"] in [m["id"] for m in members]                            # still there
    assert team["t"].delete(f"{group}/members/{patient['id']}").status_code == 204
