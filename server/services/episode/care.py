"""Whether a patient's care is paused (server/domain/care_pause.py decides) and the guards that ask it.

Every path that shows or changes treatment asks here: the day's plan, the reminder planner and
sender, program, level, contract and group-membership writes. The diary and the questionnaires
never do: nothing the patient logs is lost, and follow-ups are collected after a referral too.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timezone

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from server.domain import care_pause as rules
from server.models import CareEpisode, CareResume, ProgramItem, RedFlagRecord, TrainingContract
from server.services.clock import local_today
from server.services.errors import Conflict


def latest_episode(db_session: Session, patient_id: int) -> CareEpisode | None:
    return db_session.scalar(select(CareEpisode).where(CareEpisode.patient_id == patient_id)
                             .order_by(CareEpisode.id.desc()).limit(1))


def records(db_session: Session, episode_id: int) -> list[RedFlagRecord]:
    return list(db_session.scalars(select(RedFlagRecord).where(RedFlagRecord.episode_id == episode_id)
                                   .order_by(RedFlagRecord.ticked_at, RedFlagRecord.id)))


def as_rule(record: RedFlagRecord) -> rules.FlagRecord:
    return rules.FlagRecord(record.flag, record.ticked_at, record.outcome, record.outcome_at)


def _discharged_referred_at(episode: CareEpisode) -> datetime | None:
    if episode.discharged_on is None or not episode.referred:
        return None
    return episode.discharged_at or datetime.combine(episode.discharged_on, time(0), timezone.utc)


def _latest_resume(db_session: Session, episode_id: int) -> datetime | None:
    return db_session.scalar(select(func.max(CareResume.resumed_at)).where(CareResume.episode_id == episode_id))


def pause_of_episode(db_session: Session, episode: CareEpisode | None) -> rules.Pause | None:
    if episode is None:
        return None
    return rules.pause([as_rule(r) for r in records(db_session, episode.id)],
                       resumed_at=_latest_resume(db_session, episode.id),
                       discharged_referred_at=_discharged_referred_at(episode))


def pause_of(db_session: Session, patient_id: int) -> rules.Pause | None:
    """Why this patient's care is paused, or None (the latest care episode decides)."""
    return pause_of_episode(db_session, latest_episode(db_session, patient_id))


def paused_ids(db_session: Session, patient_ids: Iterable[int] | None = None) -> set[int]:
    """The patients whose care is paused: the rule run on the few latest episodes that have a flag record
    or a referral at discharge (every other episode cannot pause)."""
    latest = select(func.max(CareEpisode.id)).group_by(CareEpisode.patient_id)
    query = select(CareEpisode).where(CareEpisode.id.in_(latest), or_(
        CareEpisode.referred.is_(True), exists().where(RedFlagRecord.episode_id == CareEpisode.id)))
    if patient_ids is not None:
        query = query.where(CareEpisode.patient_id.in_(list(patient_ids)))
    return {e.patient_id for e in db_session.scalars(query) if pause_of_episode(db_session, e) is not None}


def for_patient(pause: rules.Pause | None, zone: str) -> dict | None:
    """What the patient's plan says: the reason as a code (the app words it; never the flag) and the day."""
    if pause is None:
        return None
    return {"reason": pause.reason, "since": local_today(zone, pause.since)}


def require_not_paused(db_session: Session, patient_id: int) -> None:
    """409 care_paused for a change of program, level, contract or group while care is paused."""
    if pause_of(db_session, patient_id) is not None:
        raise Conflict("care_paused")


def require_screening(db_session: Session, patient_id: int) -> None:
    """409 screening_required for a first program or contract without a completed screening."""
    treated = db_session.scalar(select(
        exists().where(ProgramItem.patient_id == patient_id) | exists().where(TrainingContract.patient_id == patient_id)))
    episode = latest_episode(db_session, patient_id)
    if rules.screening_missing(treated_before=bool(treated), screened=episode is not None and episode.screened_at
                               is not None, episode_open=episode is not None and episode.discharged_on is None):
        raise Conflict("screening_required")


def require_may_treat(db_session: Session, patient_id: int) -> None:
    """Both guards of a treatment change: paused care first, then the first treatment's screening."""
    require_not_paused(db_session, patient_id)
    require_screening(db_session, patient_id)
