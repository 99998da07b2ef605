"""Who needs the therapist's attention: the flags on the patient list."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.domain import adherence
from server.models import Assessment, PatientProfile
from server.services import diary
from server.services.program import active_items, level_suggestions

PAIN_WINDOW_DAYS = 28


def _missed(db_session: Session, ids: list[int], today: date) -> set[int]:
    return set(db_session.scalars(select(Assessment.patient_id).where(
        Assessment.patient_id.in_(ids), Assessment.completed_at.is_(None), Assessment.closes_date <= today)))


def care_flags(db_session: Session, profiles: list[PatientProfile], today: date) -> dict[int, list[str]]:
    """patient id -> flags: no_diary_7_days, high_rpe, pain_rising, questionnaire_missed, level_suggestion."""
    ids = [p.user_id for p in profiles]
    if not ids:
        return {}
    last, missed = diary.last_days(db_session, ids), _missed(db_session, ids, today)
    found: dict[int, list[str]] = {}
    for profile in profiles:
        since = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
        facts = diary.facts(db_session, profile.user_id, since)
        flags = [f for f in adherence.flags(attendance=[], last_diary_day=last.get(profile.user_id),
                                            diary_since=(profile.activated_at or profile.created_at).date(),
                                            facts=facts, today=today)]
        if adherence.pain_trend(adherence.weekly_summaries(since, 1, facts, today)) == "rising":
            flags.append("pain_rising")
        if profile.user_id in missed:
            flags.append("questionnaire_missed")
        if level_suggestions(db_session, active_items(db_session, profile.user_id)):
            flags.append("level_suggestion")
        found[profile.user_id] = flags
    return found


