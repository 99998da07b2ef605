"""The rows the caseload needs, for a whole list of patients at once: one statement per kind of row.

Each loader takes the patient ids and returns {patient id: rows}; no loader runs per patient, so the
therapist's list and review queue cost the same dozen statements for 5 patients or 500.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from server.content.model import LEVELLED_PARTS
from server.domain import program as rules, reminders
from server.domain.adherence import DiaryFact
from server.models import (
    Assessment, CareEpisode, DiaryEntry, GroupMember, Message, ProgramItem, ProgramSettings, RedFlagRecord, ReviewHandled,
    TrainingContract, User,
)
from server.services.training import program


def contracts(db_session: Session, ids: list[int]) -> dict[int, TrainingContract]:
    """The current (highest) version of each patient's contract."""
    newer = aliased(TrainingContract)
    rows = db_session.scalars(select(TrainingContract).where(
        TrainingContract.patient_id.in_(ids),
        ~select(newer.id).where(newer.patient_id == TrainingContract.patient_id,
                                newer.version > TrainingContract.version).exists()))
    return {c.patient_id: c for c in rows}


def diary_facts(db_session: Session, ids: list[int], since: dict[int, date]) -> dict[int, list[DiaryFact]]:
    """Diary facts from each patient's own first day of interest (columns only, no ORM objects)."""
    if not ids:
        return {}
    rows = db_session.execute(select(DiaryEntry.patient_id, DiaryEntry.day, DiaryEntry.minutes, DiaryEntry.rpe,
                                     DiaryEntry.pain, DiaryEntry.bad_day, DiaryEntry.hard_minutes).where(
        DiaryEntry.patient_id.in_(ids), DiaryEntry.deleted_at.is_(None), DiaryEntry.day >= min(since.values())))
    found: dict[int, list[DiaryFact]] = defaultdict(list)
    for patient_id, day, *rest in rows:
        if day >= since[patient_id]:
            found[patient_id].append(DiaryFact(day, *rest))
    for facts in found.values():
        facts.sort(key=lambda f: f.day)
    return found


def settings(db_session: Session, ids: list[int]) -> dict[int, ProgramSettings]:
    return {s.patient_id: s for s in db_session.scalars(select(ProgramSettings).where(
        ProgramSettings.patient_id.in_(ids)))}


def active_items(db_session: Session, ids: list[int]) -> dict[int, list[ProgramItem]]:
    found: dict[int, list[ProgramItem]] = defaultdict(list)
    for item in db_session.scalars(select(ProgramItem).where(ProgramItem.patient_id.in_(ids),
                                                             ProgramItem.ended_at.is_(None)).order_by(ProgramItem.id)):
        found[item.patient_id].append(item)
    return found


def exercise_logs(db_session: Session, items: list[ProgramItem]) -> dict[int, list[rules.ExerciseLog]]:
    """item id -> its logs, for the levelled items only (the level suggestion reads them)."""
    levelled = [i.id for i in items if i.part in LEVELLED_PARTS]
    return program.exercise_logs(db_session, levelled) if levelled else {}


def assessments(db_session: Session, ids: list[int], today: date) -> dict[int, list[tuple]]:
    """patient id -> (timepoint, due date, status, closes date, assessment id) of each assessment."""
    found: dict[int, list[tuple]] = defaultdict(list)
    for a in db_session.scalars(select(Assessment).where(Assessment.patient_id.in_(ids))):
        status = reminders.status(a.due_date, a.closes_date, a.completed_at is not None, today)
        found[a.patient_id].append((a.timepoint, a.due_date, status, a.closes_date, a.id))
    return found


def group_ids(db_session: Session, ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for patient_id, group_id in db_session.execute(select(GroupMember.patient_id, GroupMember.group_id).where(
            GroupMember.patient_id.in_(ids)).order_by(GroupMember.group_id)):
        found[patient_id].append(group_id)
    return found


def unread_from_patients(db_session: Session, ids: list[int]) -> dict[int, int]:
    return dict(db_session.execute(select(Message.patient_id, func.count()).where(
        Message.patient_id.in_(ids), Message.sender_role == "patient", Message.read_at.is_(None))
        .group_by(Message.patient_id)).all())


def unanswered(db_session: Session, ids: list[int], zone: str) -> dict[int, dict]:
    """patient id -> {"since", "count", "message_id"}: the patient's messages after the therapist's last
    reply (all of them when the therapist never wrote)."""
    reply = aliased(Message)
    later_reply = select(reply.id).where(reply.patient_id == Message.patient_id, reply.sender_role == "therapist",
                                         reply.created_at > Message.created_at).exists()
    rows = db_session.execute(select(Message.patient_id, func.min(Message.created_at), func.count(),
                                     func.min(Message.id)).where(
        Message.patient_id.in_(ids), Message.sender_role == "patient", ~later_reply).group_by(Message.patient_id))
    return {pid: {"since": _local_day(first, zone), "count": count, "message_id": first_id}
            for pid, first, count, first_id in rows}


def _local_day(moment: datetime, zone: str) -> date:
    if moment.tzinfo is None:   # SQLite aggregates lose the column type's conversion
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(ZoneInfo(zone)).date()


def handled(db_session: Session, ids: list[int]) -> set[tuple[int, str, date]]:
    rows = db_session.execute(select(ReviewHandled.patient_id, ReviewHandled.reason, ReviewHandled.since).where(
        ReviewHandled.patient_id.in_(ids)))
    return {(pid, reason, since) for pid, reason, since in rows}


def considerations(db_session: Session, ids: list[int]) -> dict[int, list[str]]:
    """Patient id -> the considerations of the latest care episode (pregnancy, ...): shown, never blocking."""
    if not ids:
        return {}
    latest = select(func.max(CareEpisode.id)).where(CareEpisode.patient_id.in_(ids)).group_by(CareEpisode.patient_id)
    rows = db_session.execute(select(CareEpisode.patient_id, CareEpisode.considerations).where(CareEpisode.id.in_(latest)))
    return {patient_id: list(found) for patient_id, found in rows if found}


def red_flags(db_session: Session, ids: list[int], zone: str = "UTC") -> dict[int, dict]:
    """Patient id -> {"since", "detail"} of a latest care episode with a ticked red flag awaiting its
    outcome (care is paused until then, server/domain/care_pause.py). The detail names each flag, who
    ticked it and when; `since` is the earliest such tick, so a flag ticked later is a new queue item."""
    if not ids:
        return {}
    latest = select(func.max(CareEpisode.id)).where(CareEpisode.patient_id.in_(ids)).group_by(CareEpisode.patient_id)
    rows = db_session.execute(
        select(RedFlagRecord.patient_id, RedFlagRecord.flag, RedFlagRecord.ticked_at, User.name)
        .join(User, User.id == RedFlagRecord.ticked_by_id)
        .where(RedFlagRecord.episode_id.in_(latest), RedFlagRecord.outcome.is_(None))
        .order_by(RedFlagRecord.ticked_at, RedFlagRecord.id))
    found: dict[int, dict] = {}
    for patient_id, flag, ticked_at, name in rows:
        entry = found.setdefault(patient_id, {"since": _local_day(ticked_at, zone), "detail": {"flags": []}})
        entry["detail"]["flags"].append({"flag": flag, "recorded_by": name, "recorded_at": ticked_at})
    return found