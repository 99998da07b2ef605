"""The care episode: opened at the first visit, screened, stratified, visited, discharged."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.domain import episode as rules
from server.models import Assessment, AssessmentResponse, CareEpisode, EpisodeVisit, User
from server.services.clock import now
from server.services.errors import Conflict, Invalid, NotFound


def _latest(db_session: Session, patient_id: int) -> CareEpisode | None:
    return db_session.scalar(select(CareEpisode).where(CareEpisode.patient_id == patient_id)
                             .order_by(CareEpisode.id.desc()).limit(1))


def _open(db_session: Session, patient_id: int) -> CareEpisode:
    episode = _latest(db_session, patient_id)
    if episode is None or episode.discharged_on is not None:
        raise NotFound("no_open_episode")
    return episode


def _startback(db_session: Session, patient_ids: Sequence[int]) -> dict[int, AssessmentResponse]:
    """Each patient's baseline STarT Back response (the stratification of step 1)."""
    rows = db_session.execute(
        select(Assessment.patient_id, AssessmentResponse)
        .join(AssessmentResponse, AssessmentResponse.assessment_id == Assessment.id)
        .where(Assessment.patient_id.in_(patient_ids), Assessment.timepoint == "baseline",
               AssessmentResponse.instrument == "startback", AssessmentResponse.total.is_not(None)))
    return {patient_id: response for patient_id, response in rows}


def _risk(response: AssessmentResponse | None, locale: str) -> dict | None:
    if response is None:
        return None
    profile = rules.risk_profile(response.total, (response.subscales or {}).get("psychosocial"), locale)
    return profile.__dict__ if profile else None


def _as_dict(episode: CareEpisode) -> dict:
    return {
        "id": episode.id, "opened_on": episode.opened_on, "red_flags": list(episode.red_flags or []),
        "red_flag_action": episode.red_flag_action, "red_flag_action_at": episode.red_flag_action_at,
        "program_blocked": rules.program_block(episode.red_flags or [], episode.red_flag_action) is not None
        and episode.discharged_on is None,
        "planned_visits": episode.planned_visits, "visits_done": len(episode.visits),
        "visits": [{"id": v.id, "date": v.day, "kind": v.kind, "note": v.note} for v in episode.visits],
        "discharged_on": episode.discharged_on, "discharge_reason": episode.discharge_reason,
        "referred": episode.referred, "discharge_note": episode.discharge_note,
    }


def view(db_session: Session, patient: User, locale: str) -> dict:
    episode = _latest(db_session, patient.id)
    return {
        "episode": _as_dict(episode) if episode else None,
        "risk": _risk(_startback(db_session, [patient.id]).get(patient.id), locale),
        "checklist": rules.checklist(locale), "visit_kinds": list(rules.VISIT_KINDS),
        "discharge_reasons": list(rules.DISCHARGE_REASONS),
    }


def _check_flags(flags: list[str]) -> None:
    unknown = rules.unknown_flags(flags)
    if unknown:
        raise Invalid("red_flag_unknown", field="red_flags", flags=", ".join(unknown))


def _apply(episode: CareEpisode, body: dict) -> None:
    if "red_flags" in body:
        _check_flags(body["red_flags"])
        added = set(body["red_flags"]) - set(episode.red_flags or [])
        episode.red_flags = list(dict.fromkeys(body["red_flags"]))
        if added and "red_flag_action" not in body:
            # a newly ticked flag needs its own record of what was done
            episode.red_flag_action, episode.red_flag_action_at = None, None
    if "red_flag_action" in body:
        action = (body["red_flag_action"] or "").strip() or None
        episode.red_flag_action, episode.red_flag_action_at = action, now() if action else None
    if "planned_visits" in body:
        episode.planned_visits = body["planned_visits"]


def open_episode(*, db_session: Session, patient: User, actor: User, body: dict, today: date) -> None:
    """Open an episode at the first visit; the first visit is logged with it."""
    current = _latest(db_session, patient.id)
    if current is not None and current.discharged_on is None:
        raise Conflict("episode_open")
    opened = body.get("opened_on") or today
    episode = CareEpisode(patient_id=patient.id, opened_on=opened, opened_by_id=actor.id, red_flags=[])
    _apply(episode, body)
    episode.visits.append(EpisodeVisit(day=opened, kind="first", created_by_id=actor.id))
    db_session.add(episode)
    db_session.commit()


def update(*, db_session: Session, patient: User, body: dict) -> None:
    episode = _open(db_session, patient.id)
    _apply(episode, body)
    db_session.commit()


def add_visit(*, db_session: Session, patient: User, actor: User, body: dict) -> None:
    episode = _open(db_session, patient.id)
    if body["date"] < episode.opened_on:
        raise Invalid("visit_before_episode", field="date")
    episode.visits.append(EpisodeVisit(day=body["date"], kind=body["kind"], note=(body.get("note") or "").strip()
                                       or None, created_by_id=actor.id))
    db_session.commit()


def discharge(*, db_session: Session, patient: User, body: dict) -> None:
    episode = _open(db_session, patient.id)
    if body["date"] < episode.opened_on:
        raise Invalid("discharge_before_episode", field="date")
    episode.discharged_on, episode.discharge_reason = body["date"], body["reason"]
    episode.referred, episode.discharge_note = body["referred"], (body.get("note") or "").strip() or None
    db_session.commit()


def program_block(db_session: Session, patient_id: int) -> dict[str, str] | None:
    """Why the open episode blocks assigning a program (a ticked red flag, nothing recorded)."""
    episode = _latest(db_session, patient_id)
    if episode is None or episode.discharged_on is not None:
        return None
    return rules.program_block(episode.red_flags or [], episode.red_flag_action)


def summaries(db_session: Session, patient_ids: Sequence[int]) -> dict[int, dict]:
    """risk_group, visits_done and visits_planned of each patient's latest episode, for the list."""
    if not patient_ids:
        return {}
    latest = (select(CareEpisode.patient_id, func.max(CareEpisode.id).label("id"))
              .where(CareEpisode.patient_id.in_(patient_ids)).group_by(CareEpisode.patient_id).subquery())
    rows = db_session.execute(
        select(CareEpisode.patient_id, CareEpisode.planned_visits, func.count(EpisodeVisit.id))
        .join(latest, latest.c.id == CareEpisode.id)
        .outerjoin(EpisodeVisit, EpisodeVisit.episode_id == CareEpisode.id)
        .group_by(CareEpisode.patient_id, CareEpisode.planned_visits)).all()
    visits = {pid: (planned, done) for pid, planned, done in rows}
    risk = _startback(db_session, patient_ids)
    return {pid: {"risk_group": rules.risk_group(risk[pid].total) if pid in risk else None,
                  "visits_done": visits.get(pid, (None, 0))[1], "visits_planned": visits.get(pid, (None, None))[0]}
            for pid in patient_ids}


latest = _latest   # the patient's newest episode, open or discharged (the CRPE tool reads it too)
