"""The group physiotherapist's level observations: "performed satisfactorily, ready for the next level".

Seed 002 lines 3398-3409: in the group the patient gets "help to upgrade exercises if necessary",
while "the follow-up of the patient is still the responsibility of the therapist who first assessed"
them. So the supervisor records the observation here and the responsible therapist sees it as a
level suggestion (program) and in the review queue (reason `level_observed`); the therapist decides.
An observation belongs to the program item at its level: a level change starts a new item, so it ends.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.content.model import Library
from server.domain import program as rules
from server.models import GroupMember, LevelObservation, ProgramItem, TrainingGroup, User
from server.services.clock import now
from server.services.privacy.records import require_writable
from server.services.errors import Invalid, NotFound


def open_for(db_session: Session, items: Sequence[ProgramItem]) -> dict[int, dict]:
    """item id -> its latest observation at the item's current level, for these (active) items."""
    levels = {i.id: i.level for i in items if i.part == "2"}
    if not levels:
        return {}
    rows = db_session.execute(
        select(LevelObservation, User.name).join(User, User.id == LevelObservation.observed_by_id)
        .where(LevelObservation.item_id.in_(levels)).order_by(LevelObservation.observed_at, LevelObservation.id))
    found = {}
    for observation, name in rows:
        if observation.level == levels[observation.item_id]:
            found[observation.item_id] = {"observed_at": observation.observed_at, "observed_by": name,
                                          "note": observation.note, "group_id": observation.group_id}
    return found


def _part2_item(db_session: Session, patient_id: int, item_id: int) -> ProgramItem:
    item = db_session.get(ProgramItem, item_id)
    if item is None or item.patient_id != patient_id or item.ended_at is not None:
        raise NotFound("observation_item_not_found", field="item_id")
    if item.part != "2":
        raise Invalid("observation_not_part2", field="item_id")
    if rules.next_level(item.level) is None:
        raise Invalid("observation_top_level", field="item_id", level=item.level)
    return item


def record(*, db_session: Session, group: TrainingGroup, actor: User, patient_id: int, item_id: int,
           note: str | None) -> dict:
    """Record that this member performs this Part 2 exercise satisfactorily at its level."""
    if db_session.get(GroupMember, (group.id, patient_id)) is None:
        raise NotFound("patient_not_found")
    require_writable(db_session.get(User, patient_id).patient, location="path")
    item = _part2_item(db_session, patient_id, item_id)
    stamp = now()
    db_session.add(LevelObservation(patient_id=patient_id, item_id=item.id, group_id=group.id, level=item.level,
                                    note=note, observed_by_id=actor.id, observed_at=stamp))
    db_session.commit()
    return {"patient_id": patient_id, "item_id": item.id, "family": item.family, "level": item.level,
            "next_level": rules.next_level(item.level), "note": note, "observed_by": actor.name,
            "observed_at": stamp}


def member_levels(db_session: Session, group: TrainingGroup, library: Library, locale: str) -> list[dict]:
    """Each member's Part 2 exercises with their level and any open observation, for the gym view."""
    members = db_session.execute(select(User.id, User.name).join(GroupMember, GroupMember.patient_id == User.id)
                                 .where(GroupMember.group_id == group.id).order_by(User.name)).all()
    items = list(db_session.scalars(select(ProgramItem).where(
        ProgramItem.patient_id.in_([m.id for m in members]), ProgramItem.part == "2",
        ProgramItem.ended_at.is_(None)).order_by(ProgramItem.id))) if members else []
    observed = open_for(db_session, items)
    exercises = library.exercises.get(locale) or library.exercises["en"]
    rows = []
    for member in members:
        mine = [i for i in items if i.patient_id == member.id]
        rows.append({"patient_id": member.id, "name": member.name, "items": [{
            "item_id": i.id, "exercise_id": i.exercise_id, "family": i.family, "level": i.level,
            "title": exercises[i.exercise_id].title if i.exercise_id in exercises else i.exercise_id,
            "next_level": rules.next_level(i.level), "observation": observed.get(i.id)} for i in mine]})
    return rows
