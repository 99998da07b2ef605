"""Range of movement safely: the "worse" answers of each ROM exercise, for the review queue and Today.

The rules are server/domain/rom_safety.py; this module reads the answers however they arrived (the
tick or the guided session: both are diary entries) and the day the therapist last looked (the
latest handled `rom_worse` review item).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.domain import program as program_rules, rom_safety as rules
from server.models import ProgramItem, ReviewHandled
from server.services.training import program

REASON = "rom_worse"


def reviewed_through(db_session: Session, patient_ids: list[int]) -> dict[int, date]:
    """patient id -> the `since` of their latest handled `rom_worse` item (answers to then are seen)."""
    if not patient_ids:
        return {}
    rows = db_session.execute(select(ReviewHandled.patient_id, func.max(ReviewHandled.since)).where(
        ReviewHandled.patient_id.in_(patient_ids), ReviewHandled.reason == REASON).group_by(ReviewHandled.patient_id))
    return dict(rows.all())


def _answers(logs: Sequence[program_rules.ExerciseLog]) -> list[rules.Answer]:
    return [rules.Answer(log.day, log.response) for log in logs]


def review(items: Sequence[ProgramItem], logs: dict, reviewed: date | None) -> tuple[date, dict] | None:
    """(since, detail) of the `rom_worse` review item, naming each exercise and its latest answers."""
    rom = {i.id: i for i in items if i.part == "rom"}
    found = rules.review({i: _answers(logs.get(i, [])) for i in rom}, reviewed)
    if found is None:
        return None
    since, worse = found
    exercises = []
    for item_id in worse:
        answered = rules.unseen(_answers(logs.get(item_id, [])), reviewed)
        exercises.append({
            "item_id": item_id, "exercise_id": rom[item_id].exercise_id, "family": rom[item_id].family,
            "level": rom[item_id].level, "held": rules.held(answered, None),
            "answers": [{"date": a.day, "response": a.response} for a in answered[-rules.SHOWN_ANSWERS:]]})
    return since, {"exercises": exercises}


def held_items(db_session: Session, patient_id: int, items: Sequence[ProgramItem]) -> set[int]:
    """The ROM items off Today: two "worse" in a row since the therapist last looked."""
    rom = [i.id for i in items if i.part == "rom"]
    if not rom:
        return set()
    logs = program.exercise_logs(db_session, rom)
    reviewed = reviewed_through(db_session, [patient_id]).get(patient_id)
    return {i for i in rom if rules.held(_answers(logs.get(i, [])), reviewed)}
