"""What a patient sees: the program with its history, the day's plan, and progress."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.content.model import Library
from server.domain import adherence, pacing
from server.domain import program as rules
from server.models import DiaryEntry, DiaryExercise, GroupMember, LevelChange, TrainingGroup, User
from server.services import contracts, diary
from server.services.program import active_items, level_suggestions, settings_for


def _item(item, library: Library, locale: str, *, bad_day: bool = False) -> dict:
    exercise = library.exercises[locale].get(item.exercise_id)
    repetitions = rules.bad_day_repetitions(item.repetitions) if bad_day else item.repetitions
    return {
        "item_id": item.id, "exercise_id": item.exercise_id, "content_version": item.content_version,
        "title": exercise.title if exercise else item.exercise_id, "summary": exercise.summary if exercise else "",
        "illustration": exercise.illustration if exercise else None, "part": item.part, "family": item.family,
        "level": item.level, "code": exercise.code if exercise else None, "sets": item.sets,
        "repetitions": repetitions, "hold_seconds": item.hold_seconds, "each_side": item.each_side,
        "schedule": item.schedule, "weekdays": item.weekdays, "assigned_at": item.assigned_at,
    }


def program(db_session: Session, patient: User, library: Library, locale: str) -> dict:
    items = active_items(db_session, patient.id)
    settings = settings_for(db_session, patient.id)
    profile = patient.patient
    history = db_session.scalars(select(LevelChange).where(LevelChange.patient_id == patient.id)
                                 .order_by(LevelChange.changed_at.desc(), LevelChange.id.desc()))
    part2_end = (rules.part2_period(settings.part2_start_date, settings.part2_weeks)[1]
                 if settings.part2_start_date else None)
    return {
        "part1_competent": profile.part1_competent_at is not None,
        "part1_competent_at": profile.part1_competent_at, "part1_note": profile.part1_note,
        "part2_start_date": settings.part2_start_date, "part2_end_date": part2_end,
        "part2_weekdays": settings.part2_weekdays, "part2_weeks": settings.part2_weeks, "note": settings.note,
        "items": [_item(i, library, locale) for i in items],
        "level_history": [{"family": c.family, "from_level": c.from_level, "to_level": c.to_level,
                           "reason": c.reason, "changed_by_id": c.changed_by_id, "changed_at": c.changed_at}
                          for c in history],
        "level_suggestions": level_suggestions(db_session, items),
    }


def _prescription(db_session: Session, patient_id: int, contract, day: date, bad_day: bool,
                  locale: str) -> dict | None:
    if contract is None:
        return None
    sessions = diary.training_sessions(db_session, patient_id, contract.start_date)
    plan = pacing.prescribe(contracts.as_pacing(contract), sessions, day, bad_day=bad_day, locale=locale)
    return {"minutes": plan.minutes, "hard_minutes": plan.hard_minutes, "phase": plan.phase, "reason": plan.reason,
            "training_form": contract.training_form, "training_form_other": contract.training_form_other}


def _done_items(db_session: Session, patient_id: int, day: date) -> set[int]:
    return set(db_session.scalars(
        select(DiaryExercise.item_id).join(DiaryEntry, DiaryEntry.id == DiaryExercise.entry_id)
        .where(DiaryEntry.patient_id == patient_id, DiaryEntry.day == day, DiaryEntry.deleted_at.is_(None))))


def _group_sessions(db_session: Session, patient_id: int, day: date) -> list[dict]:
    groups = db_session.scalars(select(TrainingGroup).join(GroupMember, GroupMember.group_id == TrainingGroup.id)
                                .where(GroupMember.patient_id == patient_id))
    return [{"group_id": g.id, "name": g.name, "time": g.session_time} for g in groups
            if rules.is_session_day(day, g.start_date, g.weeks, g.weekdays)]


def day_plan(db_session: Session, patient: User, library: Library, locale: str, day: date, bad_day: bool) -> dict:
    settings = settings_for(db_session, patient.id)
    due = [i for i in active_items(db_session, patient.id) if rules.is_due(
        i.schedule, day, part2_start=settings.part2_start_date, part2_weekdays=settings.part2_weekdays,
        part2_weeks=settings.part2_weeks, weekdays=i.weekdays)]
    done = _done_items(db_session, patient.id, day) if due else set()
    contract = contracts.current(db_session, patient.id)
    return {
        "date": day, "bad_day": bad_day,
        "training_day": bool(contract and day.isoweekday() in contract.training_days and day >= contract.start_date),
        "contract": {"version": contract.version, "accepted": contract.accepted_at is not None} if contract else None,
        "general_training": _prescription(db_session, patient.id, contract, day, bad_day, locale),
        "exercises": [{**_item(i, library, locale, bad_day=bad_day), "done": i.id in done} for i in due],
        "group_sessions": _group_sessions(db_session, patient.id, day),
    }


def progress(db_session: Session, patient: User, today: date, locale: str) -> dict:
    contract = contracts.current(db_session, patient.id)
    if contract is None:
        return {"contract": None, "weeks": [], "pain_trend": None, "prescription": None,
                "totals": {"sessions": 0, "minutes": 0}}
    facts = diary.facts(db_session, patient.id, contract.start_date)
    weeks = adherence.weekly_summaries(contract.start_date, contract.sessions_per_week, facts, today)
    return {
        "contract": contracts.as_dict(contract),
        "weeks": [w.__dict__ for w in weeks],
        "pain_trend": adherence.pain_trend(weeks),
        "prescription": _prescription(db_session, patient.id, contract, today, False, locale),
        "totals": {"sessions": sum(w.done for w in weeks), "minutes": sum(w.minutes for w in weeks)},
    }
