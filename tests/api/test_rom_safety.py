"""Issue 16: a range-of-movement exercise that makes the back worse raises the review queue, shows its own
stop-and-call advice, and after two "worse" in a row leaves Today until the therapist looks."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from server.extensions import db
from server.models import ProgramItem

ME = "/api/v1/patients/me"


@pytest.fixture
def rom(care, app):
    """rom-extension-b (daily) and Part 1 exercise 1a, assigned ten days ago."""
    items = care["t"].put(f"{care['base']}/program", json={"items": [
        {"exercise_id": "rom-extension-b"}, {"exercise_id": "p1-1a"}]}).get_json()["items"]
    with app.app_context():
        db.session.execute(update(ProgramItem).where(ProgramItem.id.in_([i["item_id"] for i in items])).values(
            assigned_at=datetime.now(timezone.utc) - timedelta(days=10)))
        db.session.commit()
    care["rom"] = next(i["item_id"] for i in items if i["part"] == "rom")
    return care


def tick(care, today, days_ago: int, response: str | None, **extra):
    """A tick of the ROM exercise with its answer (the guided session sends the same entry)."""
    posted = care["p"].post(f"{ME}/diary", json={
        "client_id": str(uuid.uuid4()), "date": (today - timedelta(days=days_ago)).isoformat(), **extra,
        "exercises": [{"item_id": care["rom"], "sets_done": 2, "repetitions_done": 10,
                       "symptom_response": response}]})
    assert posted.status_code == 201, posted.get_json()


def rom_items(care) -> list[dict]:
    return [i for i in care["t"].get("/api/v1/review-queue").get_json()["items"] if i["reason"] == "rom_worse"]


def today_ids(care, today) -> list[int]:
    return [e["item_id"] for e in care["p"].get(f"{ME}/plan?date={today.isoformat()}").get_json()["exercises"]]


def test_the_plan_carries_the_exercises_own_stop_advice(rom, today):
    plan = rom["p"].get(f"{ME}/plan?date={today.isoformat()}&locale=sv").get_json()
    item = next(e for e in plan["exercises"] if e["item_id"] == rom["rom"])
    assert item["stop_advice"].startswith("Om ryggen eller benet känns sämre") and "fysioterapeut" in item["stop_advice"]
    assert next(e for e in plan["exercises"] if e["part"] == "1")["stop_advice"] is None
    assert plan["held_exercises"] == []


def test_one_worse_answer_raises_a_review_item_naming_the_exercise_and_answers(rom, today):
    tick(rom, today, 3, "same")
    assert rom_items(rom) == []
    tick(rom, today, 2, "worse")
    (item,) = rom_items(rom)
    assert item["since"] == (today - timedelta(days=2)).isoformat() and item["action"].endswith("/program")
    (exercise,) = item["detail"]["exercises"]
    assert exercise["exercise_id"] == "rom-extension-b" and exercise["held"] is False
    assert [a["response"] for a in exercise["answers"]] == ["same", "worse"]
    assert rom["rom"] in today_ids(rom, today)          # one "worse": still on Today
    flags = next(p for p in rom["t"].get("/api/v1/patients").get_json() if p["id"] == rom["patient"]["id"])["flags"]
    assert "rom_worse" in [f["code"] for f in flags]


def test_two_worse_in_a_row_take_it_off_today_until_the_therapist_looks(rom, today):
    tick(rom, today, 2, "worse")
    tick(rom, today, 1, "worse", pain=8)
    assert rom["rom"] not in today_ids(rom, today)
    plan = rom["p"].get(f"{ME}/plan?date={today.isoformat()}&locale=en").get_json()
    (held,) = plan["held_exercises"]
    assert held["exercise_id"] == "rom-extension-b" and "contact your physiotherapist" in held["stop_advice"]
    assert [e["part"] for e in plan["exercises"]] == ["1"]         # the rest of the program stays
    (item,) = rom_items(rom)
    assert item["since"] == (today - timedelta(days=1)).isoformat() and item["detail"]["exercises"][0]["held"]
    program = {i["item_id"]: i for i in rom["t"].get(f"{rom['base']}/program").get_json()["items"]}
    assert program[rom["rom"]]["held"] is True and [i["held"] for i in program.values()].count(True) == 1
    assert rom["t"].post(f"/api/v1/review-queue/{item['id']}/handled").status_code == 200
    assert rom["rom"] in today_ids(rom, today) and rom_items(rom) == []   # looked at: back on Today
    assert not any(i["held"] for i in rom["t"].get(f"{rom['base']}/program").get_json()["items"])
    tick(rom, today, 0, "worse")                        # one new "worse": a new item, still on Today
    (again,) = rom_items(rom)
    assert again["id"] != item["id"] and rom["rom"] in today_ids(rom, today)


def test_a_level_change_puts_the_family_back_on_today(rom, today):
    tick(rom, today, 2, "worse")
    tick(rom, today, 1, "worse")
    assert rom["rom"] not in today_ids(rom, today)
    changed = rom["t"].post(f"{rom['base']}/program/levels", json={"family": "rom-extension", "level": "A",
                                                                         "reason": "worse twice: back to A"})
    assert changed.status_code in (200, 201), changed.get_json()
    plan = rom["p"].get(f"{ME}/plan?date={today.isoformat()}").get_json()
    assert "rom-extension-a" in [e["exercise_id"] for e in plan["exercises"]] and plan["held_exercises"] == []


def test_unanswered_or_better_answers_raise_nothing(rom, today):
    tick(rom, today, 3, None)
    tick(rom, today, 2, "better")
    tick(rom, today, 1, "same")
    assert rom_items(rom) == [] and rom["rom"] in today_ids(rom, today)
