"""The care episode: opened at the first visit, screened, stratified, visited, discharged."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.domain import care_pause
from server.domain import episode as rules
from server.models import CareEpisode, CareResume, EpisodeVisit, RedFlagRecord, User
from server.services.episode import startback
from server.services.clock import now
from server.services.episode import care
from server.services.errors import Conflict, Invalid, NotFound

_latest = care.latest_episode


def _open(db_session: Session, patient_id: int) -> CareEpisode:
    episode = _latest(db_session, patient_id)
    if episode is None or episode.discharged_on is not None:
        raise NotFound("no_open_episode")
    return episode


def _risk(result: startback.Result | None, locale: str) -> dict | None:
    if result is None:
        return None
    profile = rules.risk_profile(result.total, result.psychosocial, locale)
    return {**profile.__dict__, "source": result.source} if profile else None


def _names(db_session: Session, ids: set[int | None]) -> dict[int, str]:
    ids.discard(None)
    return dict(db_session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}


def _history(db_session: Session, episode: CareEpisode, locale: str) -> list[dict]:
    """Every tick of a red flag with its outcome, who and when: the screening's history."""
    found = care.records(db_session, episode.id)
    names = _names(db_session, {r.ticked_by_id for r in found} | {r.outcome_by_id for r in found})
    return [{"id": r.id, "flag": r.flag, "label": rules.flag_label(r.flag, locale), "ticked_at": r.ticked_at,
             "ticked_by": names.get(r.ticked_by_id), "outcome": r.outcome, "note": r.note, "outcome_at": r.outcome_at,
             "outcome_by": names.get(r.outcome_by_id)} for r in found]


def _resumes(db_session: Session, episode: CareEpisode) -> list[dict]:
    found = list(db_session.scalars(select(CareResume).where(CareResume.episode_id == episode.id)
                                    .order_by(CareResume.resumed_at)))
    names = _names(db_session, {r.resumed_by_id for r in found})
    return [{"note": r.note, "resumed_at": r.resumed_at, "resumed_by": names.get(r.resumed_by_id)} for r in found]


def _as_dict(db_session: Session, episode: CareEpisode, locale: str) -> dict:
    pause = care.pause_of_episode(db_session, episode)
    return {
        "id": episode.id, "opened_on": episode.opened_on, "red_flags": list(episode.red_flags or []),
        "screened": episode.screened_at is not None, "screened_at": episode.screened_at,
        "considerations": list(episode.considerations or []),
        "red_flag_action": episode.red_flag_action, "red_flag_action_at": episode.red_flag_action_at,
        "flag_history": _history(db_session, episode, locale), "resumes": _resumes(db_session, episode),
        "paused": {"reason": pause.reason, "since": pause.since, "flags": list(pause.flags)} if pause else None,
        "planned_visits": episode.planned_visits, "visits_done": len(episode.visits),
        "visits": [{"id": v.id, "date": v.day, "kind": v.kind, "note": v.note} for v in episode.visits],
        "discharged_on": episode.discharged_on, "discharge_reason": episode.discharge_reason,
        "referred": episode.referred, "discharge_note": episode.discharge_note,
    }


def view(db_session: Session, patient: User, locale: str) -> dict:
    episode = _latest(db_session, patient.id)
    return {
        "episode": _as_dict(db_session, episode, locale) if episode else None,
        "risk": _risk(startback.results(db_session, [patient.id]).get(patient.id), locale),
        "checklist": rules.checklist(locale),
        "considerations_checklist": rules.checklist(locale, rules.CONSIDERATIONS), "visit_kinds": list(rules.VISIT_KINDS),
        "discharge_reasons": list(rules.DISCHARGE_REASONS),
    }


def _check_flags(flags: list[str]) -> None:
    unknown = rules.unknown_flags(flags)
    if unknown:
        raise Invalid("red_flag_unknown", field="red_flags", flags=", ".join(unknown))


def _both(flags: list[str]) -> dict[str, str]:
    return {loc: rules.flag_names(flags, loc) for loc in ("en", "sv")}


def _screen(db_session: Session, episode: CareEpisode, actor: User, flags: list[str]) -> None:
    """Answer the checklist: each newly ticked flag is a new record awaiting its outcome; a flag can be
    unticked only once it has an outcome (free text or an untick never clears a flag)."""
    _check_flags(flags)
    wanted = list(dict.fromkeys(flags))
    history = [care.as_rule(r) for r in care.records(db_session, episode.id)]
    stuck = [f for f in episode.red_flags or [] if f not in wanted and care_pause.needs_outcome(history, f)]
    if stuck:
        raise Conflict("red_flag_outcome_required", field="red_flags", flags=_both(stuck))
    stamp = now()
    for flag in (f for f in wanted if f not in (episode.red_flags or [])):
        db_session.add(RedFlagRecord(episode_id=episode.id, patient_id=episode.patient_id, flag=flag, ticked_at=stamp,
                                     ticked_by_id=actor.id))
    episode.red_flags = wanted
    episode.screened_at, episode.screened_by_id = stamp, actor.id


def _apply(db_session: Session, episode: CareEpisode, actor: User, body: dict) -> None:
    if "red_flags" in body:
        _screen(db_session, episode, actor, body["red_flags"])
    if "considerations" in body:
        episode.considerations = list(dict.fromkeys(body["considerations"]))
    if "red_flag_action" in body:   # a note beside the screening: it clears nothing
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
    episode = CareEpisode(patient_id=patient.id, opened_on=opened, opened_by_id=actor.id, red_flags=[],
                          considerations=[])
    db_session.add(episode)
    db_session.flush()   # the id its red-flag records refer to
    _apply(db_session, episode, actor, body)
    episode.visits.append(EpisodeVisit(day=opened, kind="first", created_by_id=actor.id))
    db_session.commit()


def update(*, db_session: Session, patient: User, actor: User, body: dict) -> None:
    episode = _open(db_session, patient.id)
    _apply(db_session, episode, actor, body)
    db_session.commit()


def record_outcome(*, db_session: Session, patient: User, actor: User, flag: str, body: dict) -> None:
    """The outcome of a ticked flag's latest tick: ruled out after examination, or referred (to whom)."""
    if flag not in rules.RED_FLAGS:
        raise NotFound("red_flag_unknown", field="flag", location="path", flags=flag)
    episode = _latest(db_session, patient.id)
    record = next((r for r in reversed(care.records(db_session, episode.id)) if r.flag == flag), None) \
        if episode else None
    if record is None or flag not in (episode.red_flags or []):
        raise NotFound("red_flag_not_ticked", field="flag", location="path")
    if record.outcome is not None:
        raise Conflict("red_flag_outcome_recorded", field="flag", location="path")
    note = (body.get("note") or "").strip() or None
    if body["outcome"] == "referred" and note is None:
        raise Invalid("referral_needs_recipient", field="note")
    record.outcome, record.note, record.outcome_at, record.outcome_by_id = body["outcome"], note, now(), actor.id
    db_session.commit()


def resume(*, db_session: Session, patient: User, actor: User, note: str) -> None:
    """The therapist resumes care paused by a referral (a flag still awaiting its outcome cannot be)."""
    episode = _latest(db_session, patient.id)
    pause = care.pause_of_episode(db_session, episode)
    if pause is None:
        raise Conflict("care_not_paused")
    if pause.reason == "red_flag":
        raise Conflict("red_flag_outcome_required", field="red_flags", flags=_both(list(pause.flags)))
    text = note.strip()
    if not text:
        raise Invalid("resume_needs_note", field="note")
    db_session.add(CareResume(episode_id=episode.id, patient_id=patient.id, note=text, resumed_by_id=actor.id,
                              resumed_at=now()))
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
    episode.discharged_at = now()
    db_session.commit()


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
    risk = startback.results(db_session, patient_ids)
    return {pid: {"risk_group": rules.risk_group(risk[pid].total) if pid in risk else None,
                  "visits_done": visits.get(pid, (None, 0))[1], "visits_planned": visits.get(pid, (None, None))[0]}
            for pid in patient_ids}


latest = _latest   # the patient's newest episode, open or discharged (the CRPE tool reads it too)
