"""The day's plan is kept per patient and day, and every write that changes it makes the kept one unused."""
import uuid
from datetime import timedelta

from sqlalchemy import func, select

from server.extensions import db
from server.models import PlanResponse
from tests.api.conftest import contract_body
from tests.conftest import PASSWORD, ApiClient

PLAN = "/api/v1/patients/me/plan"


def plan(client, day, path=PLAN, **query):
    params = "&".join(f"{k}={v}" for k, v in {"date": day.isoformat(), "locale": "en", **query}.items())
    response = client.get(f"{path}?{params}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(PlanResponse))


def test_the_second_request_is_answered_from_the_kept_response(app, contracted, today):
    first = contracted["p"].get(f"{PLAN}?date={today}&locale=en")
    assert stored(app) == 1
    with app.app_context():
        body = db.session.scalar(select(PlanResponse.body))
    second = contracted["p"].get(f"{PLAN}?date={today}&locale=en")
    assert second.get_data(as_text=True) == body == first.get_data(as_text=True)
    assert second.headers["Cache-Control"] == "no-store" and second.mimetype == "application/json"


def test_a_program_change_shows_in_the_plan_of_the_same_day(contracted, today):
    t, base, p = contracted["t"], contracted["base"], contracted["p"]
    t.put(f"{base}/program", json={"items": [{"exercise_id": "p1-1a"}]})
    assert [e["exercise_id"] for e in plan(p, today)["exercises"]] == ["p1-1a"]
    t.put(f"{base}/program", json={"items": [{"exercise_id": "p1-1a"}, {"exercise_id": "p1-2a"}]})
    assert [e["exercise_id"] for e in plan(p, today)["exercises"]] == ["p1-1a", "p1-2a"]


def test_a_diary_edit_and_delete_show_in_the_next_fortnights_plan(contracted):
    p, start = contracted["p"], contracted["start"]
    ids = [p.post("/api/v1/patients/me/diary", json={"client_id": str(uuid.uuid4()), "minutes": 20, "rpe": 11,
                                                       "date": (start + timedelta(days=d)).isoformat()}
                  ).get_json()["id"] for d in (0, 2, 4, 6)]
    assert plan(p, start + timedelta(days=14))["general_training"]["minutes"] == 24   # grew: mean 11
    for entry in ids[:3]:
        p.patch(f"/api/v1/patients/me/diary/{entry}", json={"rpe": 17, "minutes": 20})
    assert plan(p, start + timedelta(days=14))["general_training"]["minutes"] == 20   # mean 15.5: repeat
    assert p.delete(f"/api/v1/patients/me/diary/{ids[3]}").status_code == 204
    assert "3 of 4 done" in plan(p, start + timedelta(days=14))["general_training"]["reason"]   # the dose gate


def test_a_contract_revision_shows_in_the_plan_of_the_same_day(contracted, today):
    p = contracted["p"]
    assert plan(p, today)["general_training"]["minutes"] == 20
    contracted["t"].put(f"{contracted['base']}/contract", json=contract_body(today, capable_minutes=30))
    assert plan(p, today)["general_training"]["minutes"] == 24
    assert plan(p, today)["contract"] == {"version": 2, "accepted": False}


def test_joining_a_group_and_a_changed_group_day_show_in_the_plan(app, make, contracted, today):
    supervisor = make.staff("supervisor", clinic_id=contracted["therapist"]["clinic_id"])
    t, p = contracted["t"], contracted["p"]
    group = t.post("/api/v1/groups", json={"name": "Kvällsgruppen", "start_date": today.isoformat(),
                                           "weekdays": [today.isoweekday(), (today + timedelta(days=2)).isoweekday()],
                                           "time": "17:30", "supervisor_id": supervisor["id"]}).get_json()
    assert plan(p, today)["group_sessions"] == []
    t.post(f"/api/v1/groups/{group['id']}/members", json={"patient_id": contracted["patient"]["id"]})
    assert [s["name"] for s in plan(p, today)["group_sessions"]] == ["Kvällsgruppen"]
    t.patch(f"/api/v1/groups/{group['id']}", json={"time": "08:15"})
    assert plan(p, today)["group_sessions"][0]["time"] == "08:15"
    t.delete(f"/api/v1/groups/{group['id']}/members/{contracted['patient']['id']}")
    assert plan(p, today)["group_sessions"] == []


def test_the_therapist_reads_the_same_plan_and_the_cache_can_be_turned_off(app, contracted, today, monkeypatch):
    mine = plan(contracted["p"], today)
    assert plan(contracted["t"], today, path=f"{contracted['base']}/plan") == mine
    monkeypatch.setitem(app.config, "PLAN_CACHE", False)
    with app.app_context():
        db.session.execute(PlanResponse.__table__.delete())
        db.session.commit()
    assert plan(contracted["p"], today) == mine and stored(app) == 0


def test_a_new_sign_in_sees_the_same_kept_plan(app, contracted, today):
    first = plan(contracted["p"], today)
    other_phone = ApiClient(app).login(contracted["patient"]["email"], PASSWORD)
    assert plan(other_phone, today) == first and stored(app) == 1


def test_a_write_through_another_worker_shows_in_the_plan_this_worker_kept_in_memory(
        app, backend, contracted, tmp_path):
    """Two app instances on one database stand in for two gunicorn workers (or hosts): the first keeps
    the plan in its memory; a diary entry logged through the second must show in the first's next answer."""
    from tests.conftest import make_test_app

    p, start = contracted["p"], contracted["start"]
    day = start + timedelta(days=14)
    first = plan(p, day)
    assert first["general_training"]["minutes"] == 20   # 20 % below the 25 minutes they can do
    with app.app_context():   # the shared table's copy goes: only this worker's memory could still answer
        db.session.execute(PlanResponse.__table__.delete())
        db.session.commit()
    assert plan(p, day) == first   # answered from memory
    other = make_test_app(backend, tmp_path)
    phone = ApiClient(other).login(contracted["patient"]["email"], PASSWORD)
    for d in (0, 2, 4, 6):
        response = phone.post("/api/v1/patients/me/diary", json={
            "client_id": str(uuid.uuid4()), "minutes": 20, "rpe": 11, "date": (start + timedelta(days=d)).isoformat()})
        assert response.status_code == 201, response.get_json()
    assert plan(p, day)["general_training"]["minutes"] == 24   # the fortnight's four easy sessions: +20 %
    with other.app_context():
        db.engine.dispose()


def test_a_worker_keeps_at_most_its_configured_number_of_plans():
    from server.services.training.plan_cache import Recent

    recent = Recent(2)
    recent.put(("a",), "1")
    recent.put(("b",), "2")
    assert recent.get(("a",)) == "1"   # "a" is now the most recent
    recent.put(("c",), "3")
    assert (recent.get(("a",)), recent.get(("b",)), recent.get(("c",))) == ("1", None, "3")
    none = Recent(0)
    none.put(("a",), "1")
    assert none.get(("a",)) is None
