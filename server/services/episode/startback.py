"""STarT Back in the episode: the therapist's paper-form record, and the result the pathway uses."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.domain import startback as rules
from server.models import Assessment, AssessmentResponse, CareEpisode, User
from server.services.clock import now
from server.services.errors import Invalid, NotFound


def record_paper(*, db_session: Session, patient: User, actor: User, total: int, psychosocial: int) -> None:
    """Record the paper form's total and psychosocial score in the open episode (a new record replaces it)."""
    episode = db_session.scalar(select(CareEpisode).where(CareEpisode.patient_id == patient.id)
                                .order_by(CareEpisode.id.desc()).limit(1))
    if episode is None or episode.discharged_on is not None:
        raise NotFound("no_open_episode")
    problem = rules.check_paper(total, psychosocial)
    if problem:
        raise Invalid(problem, field="psychosocial" if problem == "startback_inconsistent" else "total")
    episode.startback_total, episode.startback_psychosocial = total, psychosocial
    episode.startback_recorded_at, episode.startback_recorded_by_id = now(), actor.id
    db_session.commit()


def _paper(db_session: Session, patient_ids: Sequence[int]) -> dict[int, rules.Result]:
    latest = (select(func.max(CareEpisode.id)).where(CareEpisode.patient_id.in_(patient_ids))
              .group_by(CareEpisode.patient_id))
    rows = db_session.execute(select(CareEpisode.patient_id, CareEpisode.startback_total,
                                     CareEpisode.startback_psychosocial)
                              .where(CareEpisode.id.in_(latest), CareEpisode.startback_total.is_not(None)))
    return {pid: rules.Result(total, psychosocial, "paper") for pid, total, psychosocial in rows}


def _app(db_session: Session, patient_ids: Sequence[int]) -> dict[int, rules.Result]:
    rows = db_session.execute(
        select(Assessment.patient_id, AssessmentResponse.total, AssessmentResponse.subscales)
        .join(AssessmentResponse, AssessmentResponse.assessment_id == Assessment.id)
        .where(Assessment.patient_id.in_(patient_ids), Assessment.timepoint == "baseline",
               AssessmentResponse.instrument == "startback", AssessmentResponse.total.is_not(None)))
    return {pid: rules.Result(int(total), int((sub or {}).get("psychosocial", 0)), "app") for pid, total, sub in rows}


def results(db_session: Session, patient_ids: Sequence[int]) -> dict[int, rules.Result]:
    """Each patient's STarT Back result for the pathway: the paper record, else the app's baseline."""
    if not patient_ids:
        return {}
    paper, app = _paper(db_session, patient_ids), _app(db_session, patient_ids)
    return {pid: found for pid in patient_ids if (found := rules.chosen(paper.get(pid), app.get(pid)))}
