"""Assigning the program: Part 1 first, Part 2 levels with their history, suggestions."""
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from server.extensions import db
from server.models import ProgramItem

import pytest

P1 = [{"exercise_id": "p1-1a"}, {"exercise_id": "p1-2b", "repetitions": 8}]


def test_part1_program_uses_content_defaults_and_daily_schedule(care):
    response = care["t"].put(f"{care['base']}/program", json={"items": P1})
    assert response.status_code == 200
    items = {i["exercise_id"]: i for i in response.get_json()["items"]}
    assert items["p1-1a"]["schedule"] == "daily" and items["p1-1a"]["hold_seconds"] == 10
    assert items["p1-2b"]["repetitions"] == 8 and items["p1-2b"]["illustration_url"].endswith("p1-2b.svg")
    assert care["p"].get("/api/v1/patients/me/program").get_json()["items"] == response.get_json()["items"]


def test_part2_needs_the_part1_competence_recorded_first(care):
    refused = care["t"].put(f"{care['base']}/program", json={"items": [*P1, {"exercise_id": "p2-bridge-a"}]})
    assert refused.status_code == 409 and refused.get_json()["error"] == "part1_not_reached"
    assert "del 1" in refused.get_json()["message"]   # the therapist's account is in Swedish
    assert care["t"].get(f"{care['base']}/program").get_json()["items"] == []   # nothing half-written
    recorded = care["t"].post(f"{care['base']}/program/part1-competence", json={"achieved": True, "note": "Good control"})
    assert recorded.status_code == 200 and recorded.get_json()["part1_competent"]
    accepted = care["t"].put(f"{care['base']}/program", json={"items": [*P1, {"exercise_id": "p2-bridge-a"}]})
    assert accepted.status_code == 200
    body = accepted.get_json()
    assert body["part2_weekdays"] == [1, 4] and body["part2_weeks"] == 12 and body["part2_start_date"]
    assert [i["schedule"] for i in body["items"] if i["part"] == "2"] == ["training-days"]


def test_program_input_errors_name_the_problem(care):
    care["t"].post(f"{care['base']}/program/part1-competence", json={"achieved": True})
    for items, words in [
        ([{"exercise_id": "p9-nope"}], "övningen 'p9-nope' finns inte"),
        ([{"exercise_id": "p2-bridge-a"}, {"exercise_id": "p2-bridge-b"}], "en nivå per familj"),
        ([{"exercise_id": "general-training"}], "träningskontraktet"),
        ([{"exercise_id": "p1-1a"}, {"exercise_id": "p1-1a"}], "två gånger"),
    ]:
        response = care["t"].put(f"{care['base']}/program", json={"items": items})
        assert response.status_code == 422 and words in response.get_json()["message"], response.get_json()
        assert "items" in response.get_json()["errors"]["json"]
    bad_days = care["t"].put(f"{care['base']}/program", json={"items": P1, "part2_weekdays": [1, 1]})
    assert bad_days.status_code == 422 and "part2_weekdays" in bad_days.get_json()["errors"]["json"]


def test_level_changes_keep_who_when_and_why(care):
    care["t"].post(f"{care['base']}/program/part1-competence", json={"achieved": True})
    care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p2-bridge-a", "repetitions": 12}]})
    moved = care["t"].post(f"{care['base']}/program/levels",
                           json={"family": "bridge", "level": "B", "reason": "Easy at full dosage"})
    assert moved.status_code == 200
    body = moved.get_json()
    # issue 17 seen 7: the new level's own dose from the library (bridge B: 3 x 8 each side), not A's 12
    assert [(i["exercise_id"], i["sets"], i["repetitions"], i["each_side"]) for i in body["items"]] == [
        ("p2-bridge-b", 3, 8, True)]
    latest = body["level_history"][0]
    assert (latest["from_level"], latest["to_level"], latest["reason"]) == ("A", "B", "Easy at full dosage")
    assert latest["changed_by_id"] == care["therapist"]["id"] and latest["changed_at"]
    again = care["t"].post(f"{care['base']}/program/levels", json={"family": "bridge", "level": "B", "reason": "x"})
    assert again.status_code == 409
    missing = care["t"].post(f"{care['base']}/program/levels", json={"family": "squat", "level": "B", "reason": "x"})
    assert missing.status_code == 404
    via_put = care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p2-bridge-a"}],
                                                             "reason": "Flare-up"})
    assert via_put.get_json()["level_history"][0]["reason"] == "Flare-up"
    assert len(via_put.get_json()["level_history"]) == 3   # A (first assignment), A->B, B->A


def test_unchanged_items_keep_their_ids(care):
    first = care["t"].put(f"{care['base']}/program", json={"items": P1}).get_json()["items"]
    second = care["t"].put(f"{care['base']}/program", json={"items": [P1[0], {"exercise_id": "p1-2b", "repetitions": 9}]}
                           ).get_json()["items"]
    assert first[0]["item_id"] == second[0]["item_id"] and first[1]["item_id"] != second[1]["item_id"]


def test_withdrawing_part1_with_part2_assigned_is_refused(care):
    care["t"].post(f"{care['base']}/program/part1-competence", json={"achieved": True})
    care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p2-squat-a"}]})
    response = care["t"].post(f"{care['base']}/program/part1-competence", json={"achieved": False})
    assert response.status_code == 409


def test_four_easy_full_sessions_suggest_the_next_level(care, today, app):
    care["t"].post(f"{care['base']}/program/part1-competence", json={"achieved": True})
    items = care["t"].put(f"{care['base']}/program", json={"items": [{"exercise_id": "p2-bridge-a", "sets": 3,
                                                                      "repetitions": 10}]}).get_json()["items"]
    item_id = items[0]["item_id"]
    with app.app_context():   # assigned two weeks ago: ticks count from the assignment day on
        db.session.execute(update(ProgramItem).where(ProgramItem.id == item_id).values(
            assigned_at=datetime.now(timezone.utc) - timedelta(days=14)))
        db.session.commit()
    for n, rpe in enumerate([12, 11, 10, 11]):   # every third day: days -12 .. -3
        care["p"].post("/api/v1/patients/me/diary", json={
            "client_id": str(uuid.uuid4()), "date": (today - timedelta(days=12 - 3 * n)).isoformat(),
            "exercises": [{"item_id": item_id, "sets_done": 3, "repetitions_done": 10, "rpe": rpe}]})
    assert care["t"].get(f"{care['base']}/program").get_json()["level_suggestions"] == []   # 12 is among the last four
    care["p"].post("/api/v1/patients/me/diary", json={
        "client_id": str(uuid.uuid4()), "date": today.isoformat(),
        "exercises": [{"item_id": item_id, "sets_done": 3, "repetitions_done": 10, "rpe": 9}]})
    suggestions = care["t"].get(f"{care['base']}/program").get_json()["level_suggestions"]
    assert suggestions == [{"item_id": item_id, "family": "bridge", "from_level": "A", "to_level": "B",
                            "basis": "effort",
                            "message": "four or more logs at full dosage with little effort over at least 10 days: "
                                       "check that level A is done satisfactorily, then consider level B"}]


def test_range_of_movement_asks_better_same_or_worse_and_suggests_only_after_two_weeks(care, today, app):
    """Issue 9: no effort-based suggestion for range of movement; symptom response over two weeks."""
    items = care["t"].put(f"{care['base']}/program", json={"items": [
        {"exercise_id": "rom-extension-a"}, {"exercise_id": "p1-1a"}]}).get_json()["items"]
    with app.app_context():   # assigned three weeks ago: ticks count from the assignment day on
        db.session.execute(update(ProgramItem).where(ProgramItem.id.in_([i["item_id"] for i in items])).values(
            assigned_at=datetime.now(timezone.utc) - timedelta(days=21)))
        db.session.commit()
    rom = next(i["item_id"] for i in items if i["part"] == "rom")
    part1 = next(i["item_id"] for i in items if i["part"] == "1")

    def log(days_ago, response, item=rom, rpe=7):
        return care["p"].post("/api/v1/patients/me/diary", json={
            "client_id": str(uuid.uuid4()), "date": (today - timedelta(days=days_ago)).isoformat(),
            "exercises": [{"item_id": item, "sets_done": 1, "repetitions_done": 10, "rpe": rpe,
                           "symptom_response": response}]})

    wrong = log(0, "better", item=part1)
    assert wrong.status_code == 422 and "exercises" in str(wrong.get_json())
    assert log(0, "fine").status_code == 422
    for days_ago in (12, 9, 6, 3):      # four very easy logs, 10 days: no suggestion by effort or symptoms
        assert log(days_ago, "better").status_code == 201
    program = care["t"].get(f"{care['base']}/program").get_json()
    assert program["level_suggestions"] == []
    trend = next(i for i in program["items"] if i["item_id"] == rom)["symptom_trend"]
    assert [t["response"] for t in trend] == ["better"] * 4
    assert log(0, "same").status_code == 201     # day 13 of the run: 13 days, still not two weeks
    assert care["t"].get(f"{care['base']}/program").get_json()["level_suggestions"] == []
    assert log(13, "same").status_code == 201    # the run now spans 14 days
    suggestions = care["t"].get(f"{care['base']}/program").get_json()["level_suggestions"]
    assert [(s["family"], s["to_level"], s["basis"]) for s in suggestions] == [("rom-extension", "B", "symptoms")]
    entries = care["p"].get("/api/v1/patients/me/diary").get_json()
    stored = [e["exercises"][0]["symptom_response"] for e in entries]
    assert "same" in stored and "better" in stored


def test_per_patient_dose_and_weekdays_are_kept_and_the_plan_uses_them(care, today):
    monday = today - timedelta(days=today.isoweekday() - 1)
    items = [{"exercise_id": "p1-1a", "sets": 2, "repetitions": 6, "hold_seconds": 20, "each_side": True,
              "weekdays": [5, 1]}, {"exercise_id": "p1-2a"}]
    saved = care["t"].put(f"{care['base']}/program", json={"items": items})
    assert saved.status_code == 200, saved.get_json()
    first = next(i for i in saved.get_json()["items"] if i["exercise_id"] == "p1-1a")
    assert (first["sets"], first["repetitions"], first["hold_seconds"], first["each_side"], first["weekdays"]) == (
        2, 6, 20, True, [1, 5])
    assert next(i for i in saved.get_json()["items"] if i["exercise_id"] == "p1-2a")["weekdays"] is None
    on_monday = care["p"].get(f"/api/v1/patients/me/plan?date={monday.isoformat()}").get_json()["exercises"]
    on_tuesday = care["p"].get(f"/api/v1/patients/me/plan?date={(monday + timedelta(days=1)).isoformat()}").get_json()
    assert [e["exercise_id"] for e in on_monday] == ["p1-1a", "p1-2a"]
    assert [e["exercise_id"] for e in on_tuesday["exercises"]] == ["p1-2a"]
    assert on_monday[0]["repetitions"] == 6 and on_monday[0]["hold_seconds"] == 20
    # Changing only the days starts a new item (the diary keeps what the old one meant).
    again = care["t"].put(f"{care['base']}/program", json={"items": [{**items[0], "weekdays": [2]}, items[1]]})
    assert next(i for i in again.get_json()["items"] if i["exercise_id"] == "p1-1a")["item_id"] != first["item_id"]


@pytest.mark.parametrize("item, field_words", [
    ({"exercise_id": "p1-1a", "weekdays": [0]}, "weekdays"),
    ({"exercise_id": "p1-1a", "weekdays": [8]}, "weekdays"),
    ({"exercise_id": "p1-1a", "weekdays": [1, 1]}, "weekdays"),
    ({"exercise_id": "p1-1a", "weekdays": []}, "weekdays"),
    ({"exercise_id": "p1-1a", "sets": 0}, "sets"),
    ({"exercise_id": "p1-1a", "repetitions": 201}, "repetitions"),
    ({"exercise_id": "p1-1a", "hold_seconds": 0}, "hold_seconds"),
    ({"exercise_id": "p1-1a", "each_side": "sometimes"}, "each_side"),
])
def test_dose_and_weekdays_are_validated(care, item, field_words):
    response = care["t"].put(f"{care['base']}/program", json={"items": [item]})
    assert response.status_code == 422
    assert field_words in str(response.get_json()["errors"]["json"]["items"])
    assert care["t"].get(f"{care['base']}/program").get_json()["items"] == []
