"""What a patient sees: the program with its history, the day's plan, and progress."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from server.content.model import Library
from server.domain import adherence
from server.domain import program as rules
from server.models import (
    DiaryEntry, DiaryExercise, GroupMember, LevelChange, PatientProfile, ProgramItem, ProgramSettings,
    TrainingContract, TrainingGroup, User,
)
from server.services.episode import care
from server.services.training import contracts, diary, plan_state, rom_safety
from server.services.training.program import active_items, default_settings, level_suggestions, settings_for, symptom_trends


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
        "stop_advice": exercise.stop_advice if exercise else None,
    }


def program(db_session: Session, patient: User, library: Library, locale: str) -> dict:
    items = active_items(db_session, patient.id)
    settings = settings_for(db_session, patient.id)
    profile = patient.patient
    history = db_session.scalars(select(LevelChange).where(LevelChange.patient_id == patient.id)
                                 .order_by(LevelChange.changed_at.desc(), LevelChange.id.desc()))
    trends = symptom_trends(db_session, items)
    held = rom_safety.held_items(db_session, patient.id, items)
    part2_end = (rules.part2_period(settings.part2_start_date, settings.part2_weeks)[1]
                 if settings.part2_start_date else None)
    return {
        "part1_competent": profile.part1_competent_at is not None,
        "part1_competent_at": profile.part1_competent_at, "part1_note": profile.part1_note,
        "part2_start_date": settings.part2_start_date, "part2_end_date": part2_end,
        "part2_weekdays": settings.part2_weekdays, "part2_weeks": settings.part2_weeks, "note": settings.note,
        "items": [{**_item(i, library, locale), "symptom_trend": trends.get(i.id, []), "held": i.id in held}
                  for i in items],
        "level_history": [{"family": c.family, "from_level": c.from_level, "to_level": c.to_level,
                           "reason": c.reason, "changed_by_id": c.changed_by_id, "changed_at": c.changed_at}
                          for c in history],
        "level_suggestions": level_suggestions(db_session, items),
    }


def _prescription(db_session: Session, patient: User, contract, day: date, bad_day: bool, locale: str) -> dict | None:
    if contract is None:
        return None
    plan = plan_state.prescription(db_session, patient.id, patient.patient.plan_generation, contract, day, bad_day,
                                   locale)
    return {"minutes": plan.minutes, "hard_minutes": plan.hard_minutes, "phase": plan.phase, "reason": plan.reason,
            "training_form": contract.training_form, "training_form_other": contract.training_form_other}


def _settings_contract_grouped(db_session: Session, patient_id: int):
    """One statement: the Part 2 calendar, the current contract version, and whether they are in any group."""
    newer = aliased(TrainingContract)
    row = db_session.execute(
        select(ProgramSettings, TrainingContract,
               exists().where(GroupMember.patient_id == PatientProfile.user_id).label("grouped"))
        .select_from(PatientProfile)
        .outerjoin(ProgramSettings, ProgramSettings.patient_id == PatientProfile.user_id)
        .outerjoin(TrainingContract, and_(
            TrainingContract.patient_id == PatientProfile.user_id,
            ~exists().where(newer.patient_id == TrainingContract.patient_id, newer.version > TrainingContract.version)))
        .where(PatientProfile.user_id == patient_id)).one()
    settings = row[0] or default_settings(patient_id)
    return settings, row[1], row[2]


def _items_done(db_session: Session, patient_id: int, day: date) -> list[tuple]:
    """One statement: the active items, each with whether the diary of `day` ticks it off (an exercise
    logged as skipped or not started is still to do)."""
    done = exists().where(DiaryExercise.item_id == ProgramItem.id, DiaryEntry.id == DiaryExercise.entry_id,
                          DiaryExercise.outcome == "done", DiaryEntry.day == day, DiaryEntry.deleted_at.is_(None))
    return list(db_session.execute(select(ProgramItem, done.label("done")).where(
        ProgramItem.patient_id == patient_id, ProgramItem.ended_at.is_(None)).order_by(ProgramItem.id)).all())


def _group_sessions(db_session: Session, patient_id: int, day: date) -> list[dict]:
    groups = db_session.scalars(select(TrainingGroup).join(GroupMember, GroupMember.group_id == TrainingGroup.id)
                                .where(GroupMember.patient_id == patient_id))
    return [{"group_id": g.id, "name": g.name, "time": g.session_time} for g in groups
            if rules.is_session_day(day, g.start_date, g.weeks, g.weekdays)]


def day_plan(db_session: Session, patient: User, library: Library, locale: str, day: date, bad_day: bool) -> dict:
    """The day's plan: settings, contract and group membership in one statement, items with their
    done flags in another, then the pacing (plan_state) and, for group members only, their groups.
    While care is paused (server/domain/care_pause.py) it says why and since when, and prescribes nothing."""
    pause = care.for_patient(care.pause_of(db_session, patient.id), patient.timezone)
    if pause is not None:
        return {"date": day, "bad_day": bad_day, "training_day": False, "contract": None, "paused": pause,
                "general_training": None, "exercises": [], "group_sessions": []}
    settings, contract, grouped = _settings_contract_grouped(db_session, patient.id)
    training_day = bool(contract and day.isoweekday() in contract.training_days and day >= contract.start_date)
    due = [(i, done) for i, done in _items_done(db_session, patient.id, day) if rules.item_due(
        i.part, i.schedule, day, part2_start=settings.part2_start_date, part2_weekdays=settings.part2_weekdays,
        part2_weeks=settings.part2_weeks, general_training_day=training_day, weekdays=i.weekdays)]
    held = rom_safety.held_items(db_session, patient.id, [i for i, _done in due])
    return {
        "date": day, "bad_day": bad_day, "paused": None,
        "training_day": training_day,
        "contract": {"version": contract.version, "accepted": contract.accepted_at is not None} if contract else None,
        "general_training": _prescription(db_session, patient, contract, day, bad_day, locale),
        "exercises": [{**_item(i, library, locale, bad_day=bad_day), "done": bool(done)} for i, done in due
                      if i.id not in held],
        "held_exercises": [{k: _item(i, library, locale)[k] for k in ("item_id", "exercise_id", "title", "stop_advice")}
                           for i, _done in due if i.id in held],
        "group_sessions": _group_sessions(db_session, patient.id, day) if grouped else [],
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
        "prescription": None if care.pause_of(db_session, patient.id) else _prescription(
            db_session, patient, contract, today, False, locale),
        "totals": {"sessions": sum(w.done for w in weeks), "minutes": sum(w.minutes for w in weeks)},
    }
