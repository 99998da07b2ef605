"""The care episode in the patient's data export: every episode, its red flags and what was done
about them, the STarT Back answers and risk profile, the visits and the discharge.

The rows are dumped column by column, so a column added to the episode or its visits comes along
without a change here. On top of the raw values, each `<who>_by_id` gets the person's name and
role beside it, and codes get their words in the patient's language: red flags from the
screening checklist (server/domain/episode.py), visit kinds and discharge reasons from the app's
own strings (pwa/app/i18n), so the export says what the staff screens say.
"""
from __future__ import annotations

import json
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.config import REPO_ROOT
from server.domain import episode as rules
from server.models import Assessment, AssessmentResponse, CareEpisode, CareResume, CrpeAssessment, RedFlagRecord, User
from server.services.episode import crpe, episodes

LOCALES = ("sv", "en")
APP_STRINGS = REPO_ROOT / "pwa" / "app" / "i18n"


@cache
def app_strings(locale: str) -> dict[str, str]:
    """The app's own strings in one language (pwa/app/i18n), read once."""
    return json.loads((APP_STRINGS / f"{locale}.json").read_text(encoding="utf-8"))


def _locale(patient: User) -> str:
    return patient.locale if patient.locale in LOCALES else "en"


def _columns(row, *skip: str) -> dict:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}


def _with_people(db_session: Session, data: dict) -> dict:
    """`opened_by_id: 7` -> also `opened_by: {id, name, role}` (who did it, as the record shows)."""
    for key in [k for k in data if k.endswith("_by_id")]:
        person = db_session.get(User, data[key]) if data[key] is not None else None
        data[key[:-3]] = {"id": person.id, "name": person.name, "role": person.role} if person else None
    return data


def _flag_labels(flags, locale: str) -> dict[str, str]:
    """The words of each ticked flag; `flags` is a list of codes (or of objects with a `code`), or a
    mapping keyed by code, so a richer record of each flag still gets its words."""
    codes = [f.get("code") if isinstance(f, dict) else f for f in (flags or [])]
    return {code: rules.RED_FLAGS[code][locale] for code in codes if isinstance(code, str) and code in rules.RED_FLAGS}


def _visit(db_session: Session, visit, locale: str) -> dict:
    data = _with_people(db_session, _columns(visit, "episode_id"))
    data["kind_label"] = app_strings(locale).get(f"episode.kind_{visit.kind}", visit.kind)
    return data


def _flag_record(db_session: Session, record: RedFlagRecord, locale: str) -> dict:
    """One tick of a red flag and its outcome (ruled out or referred, with the note), with words."""
    data = _with_people(db_session, _columns(record, "episode_id", "patient_id"))
    data["flag_label"] = _flag_labels([record.flag], locale).get(record.flag, record.flag)
    outcome = record.outcome
    data["outcome_label"] = app_strings(locale).get(f"episode.outcome_{outcome}", outcome) if outcome else None
    return data


def _crpe(db_session: Session, assessment: CrpeAssessment) -> dict:
    """The physiotherapist's CRPE assessment (first or final) with its two scores (server/domain/crpe.py)."""
    data = _with_people(db_session, _columns(assessment, "episode_id", "patient_id"))
    data.update({f"{part}_score": value for part, value in crpe.scores(assessment).items()})
    return data


def _episode(db_session: Session, episode: CareEpisode, locale: str) -> dict:
    data = _with_people(db_session, _columns(episode, "patient_id"))
    data["red_flag_labels"] = _flag_labels(episode.red_flags, locale)
    reason = episode.discharge_reason
    data["discharge_reason_label"] = app_strings(locale).get(f"episode.reason_{reason}", reason) if reason else None
    data["visits"] = [_visit(db_session, v, locale) for v in episode.visits]
    data["red_flag_records"] = [_flag_record(db_session, r, locale) for r in db_session.scalars(
        select(RedFlagRecord).where(RedFlagRecord.episode_id == episode.id).order_by(RedFlagRecord.id))]
    data["crpe"] = [_crpe(db_session, a) for a in db_session.scalars(
        select(CrpeAssessment).where(CrpeAssessment.episode_id == episode.id).order_by(CrpeAssessment.id))]
    data["resumes"] = [_with_people(db_session, _columns(r, "episode_id", "patient_id")) for r in db_session.scalars(
        select(CareResume).where(CareResume.episode_id == episode.id).order_by(CareResume.id))]
    return data


def _startback(db_session: Session, patient: User, locale: str) -> dict | None:
    """The baseline STarT Back: the answers, the scores and the risk profile the therapist sees."""
    response = db_session.scalar(
        select(AssessmentResponse).join(Assessment, Assessment.id == AssessmentResponse.assessment_id)
        .where(Assessment.patient_id == patient.id, Assessment.timepoint == "baseline",
               AssessmentResponse.instrument == "startback"))
    if response is None:
        return None
    return {"answered_at": response.created_at, "answers": response.answers, "total": response.total,
            "subscales": response.subscales, "band": response.band,
            "risk": episodes.view(db_session, patient, locale)["risk"]}


def care_episodes(db_session: Session, patient: User) -> dict:
    locale = _locale(patient)
    rows = db_session.scalars(select(CareEpisode).where(CareEpisode.patient_id == patient.id)
                              .order_by(CareEpisode.opened_on, CareEpisode.id))
    return {"episodes": [_episode(db_session, e, locale) for e in rows],
            "startback": _startback(db_session, patient, locale)}
