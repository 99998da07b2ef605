"""The training diary: idempotent entries, validation in the patient's time zone, 7-day edits."""
from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, update

import server.services.clock as clock
from server.extensions import db
from server.models import DiaryEntry
from tests.conftest import PASSWORD, ApiClient

DIARY = "/api/v1/patients/me/diary"


def entry(day, **fields):
    return {"client_id": str(uuid.uuid4()), "date": day.isoformat(), "minutes": 20, "rpe": 12, **fields}


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(DiaryEntry))


def test_a_replay_returns_the_stored_entry_and_writes_nothing(contracted, app, today):
    body = entry(today, pain=3, note="Walked by the river")
    first = contracted["p"].post(DIARY, json=body)
    replay = contracted["p"].post(DIARY, json=body)
    assert first.status_code == 201 and replay.status_code == 200
    assert replay.get_json()["id"] == first.get_json()["id"] and count(app) == 1


def test_the_same_id_with_another_body_is_a_409(contracted, app, today):
    body = entry(today)
    contracted["p"].post(DIARY, json=body)
    clash = contracted["p"].post(DIARY, json={**body, "minutes": 25})
    assert clash.status_code == 409 and clash.get_json()["error"] == "client_id_reused"
    assert count(app) == 1


def test_concurrent_replays_store_exactly_one_entry(contracted, app, today):
    body = entry(today)
    phones = [ApiClient(app).login(contracted["patient"]["email"], PASSWORD) for _ in range(6)]
    barrier, statuses = threading.Barrier(len(phones)), []

    def send(phone):
        barrier.wait()
        statuses.append(phone.post(DIARY, json=body).status_code)

    threads = [threading.Thread(target=send, args=(phone,)) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 5 + [201] and count(app) == 1


def test_bad_values_are_422_with_the_field_named(contracted, today):
    for fields, field in [
        ({"rpe": 5}, "rpe"), ({"rpe": 21}, "rpe"), ({"minutes": 0}, "minutes"), ({"minutes": 601}, "minutes"),
        ({"pain": 11}, "pain"), ({"rpe": None}, "rpe"), ({"minutes": None}, "minutes"),
        ({"hard_minutes": 30}, "hard_minutes"), ({"client_id": "not-a-uuid"}, "client_id"),
        ({"date": (today + timedelta(days=1)).isoformat()}, "date"),
        ({"date": (contracted["start"] - timedelta(days=1)).isoformat()}, "date"),
        ({"exercises": [{"item_id": 999, "sets_done": 1, "repetitions_done": 1}]}, "exercises"),
        ({"minutes": None, "rpe": None}, "exercises"),
    ]:
        response = contracted["p"].post(DIARY, json=entry(today, **fields))
        assert response.status_code == 422, (fields, response.get_json())
        assert field in response.get_json()["errors"]["json"], (fields, response.get_json())


def test_boundaries_that_are_accepted(contracted, today):
    for fields in ({"rpe": 6, "minutes": 1}, {"rpe": 20, "minutes": 600}, {"pain": 0}, {"pain": 10},
                   {"hard_minutes": 20}):
        assert contracted["p"].post(DIARY, json=entry(today, **fields)).status_code == 201, fields
    assert contracted["p"].post(DIARY, json=entry(contracted["start"])).status_code == 201


def test_dates_follow_the_patients_time_zone(contracted, monkeypatch, today):
    # 11:00 UTC is 01:00 the next day in Kiritimati (UTC+14) and 01:00 the same day in Honolulu (UTC-10)
    instant = datetime(today.year, today.month, today.day, 11, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(clock, "now", lambda: instant)
    tomorrow = today + timedelta(days=1)
    contracted["p"].patch("/api/v1/patients/me", json={"timezone": "Pacific/Kiritimati"})
    assert contracted["p"].post(DIARY, json=entry(tomorrow)).status_code == 201
    contracted["p"].patch("/api/v1/patients/me", json={"timezone": "Pacific/Honolulu"})
    late = contracted["p"].post(DIARY, json=entry(tomorrow))
    assert late.status_code == 422 and "date" in late.get_json()["errors"]["json"]


def test_general_training_needs_a_contract(care, today):
    response = care["p"].post(DIARY, json=entry(today))
    assert response.status_code == 409 and response.get_json()["error"] == "no_contract"


def test_edit_and_delete_within_7_days_only(contracted, app, today):
    created = contracted["p"].post(DIARY, json=entry(today)).get_json()
    url = f"{DIARY}/{created['id']}"
    edited = contracted["p"].patch(url, json={"minutes": 25, "pain": 2})
    assert edited.status_code == 200 and (edited.get_json()["minutes"], edited.get_json()["pain"]) == (25, 2)
    assert contracted["p"].patch(url, json={"rpe": 30}).status_code == 422
    assert contracted["p"].patch(url, json={"hard_minutes": 26}).status_code == 422
    with app.app_context():
        db.session.execute(update(DiaryEntry).values(created_at=datetime.now(timezone.utc) - timedelta(days=7)))
        db.session.commit()
    assert contracted["p"].patch(url, json={"minutes": 30}).status_code == 409
    assert contracted["p"].delete(url).status_code == 409


def test_a_deleted_entry_is_gone_and_its_replay_is_refused(contracted, today):
    body = entry(today)
    created = contracted["p"].post(DIARY, json=body).get_json()
    assert contracted["p"].delete(f"{DIARY}/{created['id']}").status_code == 204
    assert contracted["p"].get(DIARY).get_json() == []
    replay = contracted["p"].post(DIARY, json=body)
    assert replay.status_code == 409 and replay.get_json()["error"] == "entry_deleted"


def test_the_therapist_reads_but_does_not_write(contracted, today):
    contracted["p"].post(DIARY, json=entry(today, note="Knee a bit sore"))
    read = contracted["t"].get(f"{contracted['base']}/diary")
    assert read.status_code == 200 and read.get_json()[0]["note"] == "Knee a bit sore"
    assert contracted["t"].post(f"{contracted['base']}/diary", json=entry(today)).status_code == 403


def test_diary_list_filters_by_date(contracted, today):
    for days_ago in (0, 3, 10):
        contracted["p"].post(DIARY, json=entry(today - timedelta(days=days_ago)))
    since = (today - timedelta(days=5)).isoformat()
    found = contracted["p"].get(f"{DIARY}?from={since}").get_json()
    assert [e["date"] for e in found] == [today.isoformat(), (today - timedelta(days=3)).isoformat()]


def _program(care) -> list[int]:
    response = care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p1-1a"}]})
    assert response.status_code == 200, response.get_json()
    return [i["item_id"] if "item_id" in i else i["id"] for i in response.get_json()["items"]]


def _tick(day, item_id):
    return {"client_id": str(uuid.uuid4()), "date": day.isoformat(),
            "exercises": [{"item_id": item_id, "sets_done": 1, "repetitions_done": 10}]}


def test_exercise_ticks_need_no_contract_only_a_program(care, today):
    item = _program(care)[0]
    assert care["p"].post(DIARY, json=_tick(today, item)).status_code == 201
    early = care["p"].post(DIARY, json=_tick(today - timedelta(days=1), item))
    assert early.status_code == 422 and early.get_json()["error"] == "before_program"
    assert "date" in early.get_json()["errors"]["json"]


def test_a_tick_counts_on_day_one_even_when_the_contract_starts_tomorrow(care, today):
    from tests.api.conftest import contract_body
    item = _program(care)[0]
    care["t"].put(f"{care['base']}/contract", json=contract_body(today + timedelta(days=1)))
    assert care["p"].post(DIARY, json=_tick(today, item)).status_code == 201
    training = care["p"].post(DIARY, json=entry(today))
    assert training.status_code == 422 and training.get_json()["error"] == "contract_not_started"
