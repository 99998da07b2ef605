"""Group training: creating groups, members, attendance, and the adherence review."""
import uuid
from datetime import timedelta

import pytest

from tests.api.conftest import contract_body
from tests.conftest import PASSWORD, ApiClient


@pytest.fixture
def team(app, make, today):
    therapist = make.staff("therapist")
    supervisor = make.staff("supervisor", clinic_id=therapist["clinic_id"])
    t = ApiClient(app).login(therapist["email"], PASSWORD)
    s = ApiClient(app).login(supervisor["email"], PASSWORD)
    start = today - timedelta(days=20)
    weekdays = [start.isoweekday(), (start + timedelta(days=2)).isoweekday()]
    group = t.post("/api/v1/groups", json={"name": "Tisdagsgruppen", "start_date": start.isoformat(),
                                           "weekdays": weekdays, "time": "17:30", "supervisor_id": supervisor["id"]})
    assert group.status_code == 201, group.get_json()
    return {"therapist": therapist, "supervisor": supervisor, "t": t, "s": s, "group": group.get_json(),
            "start": start, "make": make, "app": app}


def test_a_group_has_6_weeks_of_2_sessions_by_default(team):
    group = team["group"]
    assert (group["weeks"], group["sessions_per_week"], len(group["session_dates"])) == (6, 2, 12)
    assert group["time"] == "17:30"


def test_group_input_is_checked(team, make, today):
    t = team["t"]
    base = {"name": "G", "start_date": today.isoformat(), "time": "17:00"}
    mismatch = t.post("/api/v1/groups", json={**base, "weekdays": [2], "supervisor_id": team["supervisor"]["id"]})
    assert mismatch.status_code == 422 and "weekdays" in mismatch.get_json()["errors"]["json"]
    patient = make.patient(team["therapist"])
    not_staff = t.post("/api/v1/groups", json={**base, "weekdays": [2, 4], "supervisor_id": patient["id"]})
    assert not_staff.status_code == 422 and "supervisor_id" in not_staff.get_json()["errors"]["json"]


def test_a_supervisor_sees_only_their_groups_and_no_patient_records(team, make, app, today):
    other_supervisor = make.staff("supervisor", clinic_id=team["therapist"]["clinic_id"])
    team["t"].post("/api/v1/groups", json={"name": "Other", "start_date": today.isoformat(), "weekdays": [1, 3],
                                           "time": "09:00", "supervisor_id": other_supervisor["id"]})
    assert [g["name"] for g in team["s"].get("/api/v1/groups").get_json()] == ["Tisdagsgruppen"]
    assert len(team["t"].get("/api/v1/groups").get_json()) == 2
    patient = make.patient(team["therapist"])
    team["t"].post(f"/api/v1/groups/{team['group']['id']}/members", json={"patient_id": patient["id"]})
    assert team["s"].get(f"/api/v1/patients/{patient['id']}/diary").status_code == 403
    assert team["s"].get(f"/api/v1/patients/{patient['id']}").status_code == 403


def test_members_are_the_therapists_own_patients(team, make):
    gid = team["group"]["id"]
    mine = make.patient(team["therapist"])
    theirs = make.patient(make.staff("therapist", clinic_id=team["therapist"]["clinic_id"]))
    added = team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": mine["id"]})
    assert added.status_code == 201 and [m["id"] for m in added.get_json()["members"]] == [mine["id"]]
    assert team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": mine["id"]}).status_code == 409
    assert team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": theirs["id"]}).status_code == 404
    assert team["t"].delete(f"/api/v1/groups/{gid}/members/{mine['id']}").status_code == 204
    assert team["t"].delete(f"/api/v1/groups/{gid}/members/{mine['id']}").status_code == 404


def test_attendance_only_on_session_dates_up_to_today(team, make, today):
    gid, start = team["group"]["id"], team["start"]
    patient = make.patient(team["therapist"])
    team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": patient["id"]})
    body = {"attendance": [{"patient_id": patient["id"], "present": True}]}
    ok = team["s"].put(f"/api/v1/groups/{gid}/attendance/{start.isoformat()}", json=body)
    assert ok.status_code == 200 and ok.get_json()["attendance"] == body["attendance"]
    changed = team["s"].put(f"/api/v1/groups/{gid}/attendance/{start.isoformat()}",
                            json={"attendance": [{"patient_id": patient["id"], "present": False}]})
    assert changed.get_json()["attendance"][0]["present"] is False
    no_session = team["s"].put(f"/api/v1/groups/{gid}/attendance/{(start + timedelta(days=1)).isoformat()}", json=body)
    assert no_session.status_code == 422 and "date" in no_session.get_json()["errors"]["path"]
    future = [d for d in team["group"]["session_dates"] if d > today.isoformat()][0]
    assert team["s"].put(f"/api/v1/groups/{gid}/attendance/{future}", json=body).status_code == 422
    stranger = make.patient(team["therapist"])
    not_member = team["s"].put(f"/api/v1/groups/{gid}/attendance/{start.isoformat()}",
                               json={"attendance": [{"patient_id": stranger["id"], "present": True}]})
    assert not_member.status_code == 422


def test_the_adherence_review_flags_who_needs_a_word(team, app, today):
    gid, start, make = team["group"]["id"], team["start"], team["make"]
    steady, absent, struggling = (make.patient(team["therapist"], screened=True) for _ in range(3))
    for person in (steady, absent, struggling):
        team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": person["id"]})
        team["t"].put(f"/api/v1/patients/{person['id']}/contract", json=contract_body(start))
    held = [d for d in team["group"]["session_dates"] if d <= today.isoformat()]
    for day in held:
        team["s"].put(f"/api/v1/groups/{gid}/attendance/{day}", json={"attendance": [
            {"patient_id": steady["id"], "present": True}, {"patient_id": absent["id"], "present": False},
            {"patient_id": struggling["id"], "present": True}]})
    for person, rpe, days_ago in ((steady, 12, [1, 3, 5]), (struggling, 16, [1, 2, 4])):
        phone = ApiClient(app).login(person["email"], PASSWORD)
        for n in days_ago:
            phone.post("/api/v1/patients/me/diary", json={"client_id": str(uuid.uuid4()),
                                                         "date": (today - timedelta(days=n)).isoformat(),
                                                         "minutes": 20, "rpe": rpe})
    review = team["s"].get(f"/api/v1/groups/{gid}/adherence").get_json()
    rows = {r["patient_id"]: r for r in review["members"]}
    assert rows[steady["id"]]["flags"] == [] and rows[steady["id"]]["attended"] == len(held)
    assert set(rows[absent["id"]]["flags"]) == {"low_attendance", "missed_two_in_a_row", "no_diary_7_days"}
    assert rows[struggling["id"]]["flags"] == ["high_rpe"] and rows[struggling["id"]]["mean_rpe_14_days"] == 16.0
    assert rows[steady["id"]]["diary_sessions"] == 3 and rows[steady["id"]]["planned_sessions"] >= 6
    assert sorted(review["needs_a_word"]) == sorted([absent["id"], struggling["id"]])
    assert "note" not in rows[steady["id"]] and "pain" not in str(rows[steady["id"]])


def test_unrecorded_sessions_never_read_as_on_track(team, today):
    """The issue's case: one session recorded (absent), the others held without a mark."""
    gid, make = team["group"]["id"], team["make"]
    member = make.patient(team["therapist"])
    team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": member["id"]})
    held = [d for d in team["group"]["session_dates"] if d < today.isoformat()]
    assert len(held) >= 3
    team["s"].put(f"/api/v1/groups/{gid}/attendance/{held[0]}",
                  json={"attendance": [{"patient_id": member["id"], "present": False}]})
    review = team["s"].get(f"/api/v1/groups/{gid}/adherence").get_json()
    row = review["members"][0]
    assert row["attendance_percent"] == 0 and row["unrecorded"] == len(held) - 1
    assert {"attendance_unrecorded", "low_attendance"} <= set(row["flags"])
    assert review["needs_a_word"] == [member["id"]]
    assert review["unrecorded_sessions"] == held[1:]


def test_sessions_list_today_first_with_recorded_and_the_note(team, today):
    gid, make = team["group"]["id"], team["make"]
    member = make.patient(team["therapist"])
    team["t"].post(f"/api/v1/groups/{gid}/members", json={"patient_id": member["id"]})
    held = [d for d in team["group"]["session_dates"] if d <= today.isoformat()]
    saved = team["s"].put(f"/api/v1/groups/{gid}/attendance/{held[0]}", json={
        "attendance": [{"patient_id": member["id"], "present": True}], "note": "  Warm-up outdoors.  "})
    assert saved.status_code == 200 and saved.get_json()["note"] == "Warm-up outdoors."
    sessions = team["s"].get(f"/api/v1/groups/{gid}/sessions").get_json()
    now = today.isoformat()
    expected = ([now] if now in held else []) + sorted((d for d in held if d != now), reverse=True)
    assert [s["date"] for s in sessions] == expected
    first = next(s for s in sessions if s["date"] == held[0])
    assert first["recorded"] is True and first["present"] == 1 and first["note"] == "Warm-up outdoors."
    assert all(s["recorded"] is False for s in sessions if s["date"] != held[0])
    # Leaving the note out keeps it; an empty note removes it.
    team["s"].put(f"/api/v1/groups/{gid}/attendance/{held[0]}",
                  json={"attendance": [{"patient_id": member["id"], "present": False}]})
    assert team["s"].get(f"/api/v1/groups/{gid}/attendance/{held[0]}").get_json()["note"] == "Warm-up outdoors."
    team["s"].put(f"/api/v1/groups/{gid}/attendance/{held[0]}", json={"attendance": [], "note": ""})
    assert team["s"].get(f"/api/v1/groups/{gid}/attendance/{held[0]}").get_json()["note"] is None
    too_long = team["s"].put(f"/api/v1/groups/{gid}/attendance/{held[0]}", json={"attendance": [], "note": "x" * 1001})
    assert too_long.status_code == 422 and "note" in too_long.get_json()["errors"]["json"]
