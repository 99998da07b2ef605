"""Plan reminders into the outbox with set-based SQL: one INSERT ... SELECT per kind, time zone and day.

A reminder is planned for a local day at a local minute (shifted out of the patient's quiet
hours by the same rule as server.domain.reminders.send_minute); UNIQUE(user_id, key) makes a
repeated plan a no-op, so running this every few minutes, or in two processes, is safe.
Training, exercise (part1) and group reminders are not planned for a patient whose care is paused
(server/domain/care_pause.py, asked once per pass); questionnaire reminders are.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, case, cast, exists, func, literal, or_, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from server.domain import reminders
from server.domain.program import is_session_day
from server.models import (
    Assessment, Notification, PatientProfile, ProgramItem, PushSubscription, ReminderPreference, TrainingContract,
    TrainingGroup, User,
)
from server.models.group import GroupMember
from server.services.episode import care

GRACE_SECONDS = 3600      # a reminder up to an hour late is still planned (e.g. after a restart)
HORIZON_SECONDS = 24 * 3600   # plan what falls due in the next day; the pass runs every 10 minutes
DAYS_AHEAD = 2            # local days to look at: today and tomorrow, in each time zone


def local_midnight_ts(day: date, zone: str) -> int:
    """UTC epoch of local midnight, using the day's offset at noon (DST changes happen at night)."""
    offset = datetime.combine(day, time(12), ZoneInfo(zone)).utcoffset()
    return int((datetime.combine(day, time(0), timezone.utc) - offset).timestamp())


def _shifted(minute, quiet_start, quiet_end):
    """SQL twin of reminders.send_minute."""
    return case(
        (quiet_start == quiet_end, minute),
        (and_(quiet_start > quiet_end, minute >= quiet_start), quiet_start - 1),
        (and_(quiet_start > quiet_end, minute < quiet_end), quiet_end),
        (and_(quiet_start < quiet_end, minute >= quiet_start, minute < quiet_end), quiet_end),
        else_=minute,
    )


def _patients(zone: str, kind: str, paused: frozenset[int] = frozenset()):
    """Active patients of a zone with a device, their quiet hours, and this kind switched on (not those in
    `paused`). The preferences row is outer-joined, so a planner may read the patient's own time from it."""
    prefs = ReminderPreference
    enabled = func.coalesce(getattr(prefs, kind), true())
    quiet_start = func.coalesce(prefs.quiet_start, reminders.QUIET_START)
    quiet_end = func.coalesce(prefs.quiet_end, reminders.QUIET_END)
    query = (select(User.id.label("user_id"))
             .join(PatientProfile, PatientProfile.user_id == User.id)
             .outerjoin(prefs, prefs.patient_id == User.id)
             .where(User.timezone == zone, User.active.is_(True), enabled,
                    exists().where(PushSubscription.user_id == User.id)))
    if paused:
        query = query.where(User.id.not_in(sorted(paused)))
    return query, quiet_start, quiet_end


def _insert(db_session: Session, query, columns) -> int:
    dialect = db_session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Notification)
    statement = (insert.from_select(columns, query).on_conflict_do_nothing(index_elements=["user_id", "key"])
                 .returning(literal(1)))
    if dialect == "postgresql":   # count in the database instead of sending every new row back
        return db_session.scalar(select(func.count()).select_from(statement.cte("added")))
    return len(db_session.execute(statement).all())


def _plan(db_session, query, quiet, *, kind, ref, minute, day, zone, now_ts) -> int:
    scheduled = literal(local_midnight_ts(day, zone)) + _shifted(minute, *quiet) * 60
    key = literal(f"{kind}:") + ref + literal(f":{day.isoformat()}")
    query = query.add_columns(literal(kind), ref, key, scheduled, literal("pending"), literal(0), scheduled)
    query = query.where(scheduled >= now_ts - GRACE_SECONDS, scheduled < now_ts + HORIZON_SECONDS)
    columns = ["user_id", "kind", "ref", "key", "scheduled_ts", "status", "attempts", "next_attempt_ts"]
    return _insert(db_session, query, columns)


def _training(db_session, zone, day, now_ts, paused=frozenset()) -> int:
    base, *quiet = _patients(zone, "training", paused)
    newer = aliased(TrainingContract)
    query = (base.join(TrainingContract, TrainingContract.patient_id == User.id)
             .where(~exists().where(newer.patient_id == TrainingContract.patient_id,
                                    newer.version > TrainingContract.version),   # the current version only
                    TrainingContract.accepted_at.is_not(None), TrainingContract.start_date <= day,
                    TrainingContract.training_days_mask.op("&")(1 << day.isoweekday()) != 0))
    return _plan(db_session, query, quiet, kind="training", ref=cast(TrainingContract.id, String),
                 minute=func.coalesce(ReminderPreference.training_minute, TrainingContract.reminder_minute),
                 day=day, zone=zone, now_ts=now_ts)


def _part1(db_session, zone, day, now_ts, paused=frozenset()) -> int:
    base, *quiet = _patients(zone, "part1", paused)
    query = base.where(exists().where(
        ProgramItem.patient_id == User.id, ProgramItem.part == "1", ProgramItem.ended_at.is_(None),
        or_(ProgramItem.weekdays_mask.is_(None), ProgramItem.weekdays_mask.op("&")(1 << day.isoweekday()) != 0)))
    return _plan(db_session, query, quiet, kind="part1", ref=cast(User.id, String),
                 minute=func.coalesce(ReminderPreference.part1_minute, reminders.DAYTIME_MINUTE),
                 day=day, zone=zone, now_ts=now_ts)


def _group(db_session, zone, day, now_ts, paused=frozenset()) -> int:
    candidates = db_session.scalars(select(TrainingGroup).where(
        TrainingGroup.start_date <= day, TrainingGroup.start_date > day - timedelta(weeks=53)))
    meeting = [g.id for g in candidates if is_session_day(day, g.start_date, g.weeks, g.weekdays)]
    if not meeting:
        return 0
    base, *quiet = _patients(zone, "group", paused)
    query = (base.join(GroupMember, GroupMember.patient_id == User.id)
             .join(TrainingGroup, TrainingGroup.id == GroupMember.group_id)
             .where(TrainingGroup.id.in_(meeting)))
    minute = func.max(TrainingGroup.session_minute - reminders.GROUP_LEAD_MINUTES, 0) \
        if db_session.get_bind().dialect.name == "sqlite" else \
        func.greatest(TrainingGroup.session_minute - reminders.GROUP_LEAD_MINUTES, 0)
    return _plan(db_session, query, quiet, kind="group", ref=cast(TrainingGroup.id, String),
                 minute=minute, day=day, zone=zone, now_ts=now_ts)


def _questionnaire(db_session, zone, day, now_ts, paused=frozenset()) -> int:   # asked after a pause too
    base, *quiet = _patients(zone, "questionnaire")
    def due_on(point_is_baseline: bool):
        offsets = reminders.BASELINE_REMINDER_OFFSETS if point_is_baseline else reminders.REMINDER_OFFSETS
        return Assessment.due_date.in_([day - timedelta(days=n) for n in offsets])
    is_baseline = Assessment.timepoint == "baseline"
    query = base.join(Assessment, Assessment.patient_id == User.id).where(
        Assessment.completed_at.is_(None),
        or_(and_(is_baseline, due_on(True)), and_(~is_baseline, due_on(False))))
    return _plan(db_session, query, quiet, kind="questionnaire", ref=cast(Assessment.id, String),
                 minute=func.coalesce(ReminderPreference.questionnaire_minute, reminders.DAYTIME_MINUTE),
                 day=day, zone=zone, now_ts=now_ts)


PLANNERS = (_training, _part1, _group, _questionnaire)


def _zones(db_session: Session) -> Iterable[str]:
    return db_session.scalars(select(User.timezone).where(User.role == "patient").distinct())


def plan_notifications(db_session: Session, now: datetime) -> int:
    """Plan the reminders of the next 24 hours in every patient time zone; returns rows added."""
    now_ts, added = int(now.timestamp()), 0
    paused = frozenset(care.paused_ids(db_session))
    for zone in list(_zones(db_session)):
        today = now.astimezone(ZoneInfo(zone)).date()
        for day in (today + timedelta(days=n) for n in range(DAYS_AHEAD)):
            for planner in PLANNERS:
                added += planner(db_session, zone, day, now_ts, paused)
    db_session.commit()
    return added
