"""The physiotherapist's CRPE tool: the first and the final assessment of the care episode."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.content.crpe import CrpeForm
from server.domain import crpe as rules
from server.models import CrpeAssessment, User
from server.services.episode.episodes import latest
from server.services.errors import Conflict, Invalid

FIELDS = ("impairment", "activity", "subgroup", "icd10", *rules.FINAL_ONLY)
PARTS = ("impairment", "activity")


def _number(value) -> float | None:
    return None if value is None else float(value)


def _exact(row: CrpeAssessment) -> dict:
    """The two scores (rule 2 of server/domain/crpe.py) as the rule gives them: Decimals, two places."""
    return {part: rules.score(getattr(row, part) or {}) for part in PARTS}


def scores(row: CrpeAssessment) -> dict[str, float | None]:
    """The impairment and activity scores of one assessment, as JSON numbers."""
    return {part: _number(value) for part, value in _exact(row).items()}


def as_dict(row: CrpeAssessment, form: CrpeForm, recorded_by: str) -> dict:
    kva = {t["key"]: t["kva"] for t in form.render("en")["treatments"]}
    return {
        "which": row.which, "assessed_on": row.assessed_on, "form_version": row.form_version,
        **{name: getattr(row, name) for name in FIELDS},
        **{f"{part}_score": value for part, value in scores(row).items()},
        "treatment_kva": list(dict.fromkeys(kva[k] for k in row.treatments or [] if kva.get(k))),
        "recorded_by": recorded_by, "recorded_at": row.recorded_at,
    }


def _rows(db_session: Session, episode_id: int) -> dict[str, tuple[CrpeAssessment, str]]:
    found = db_session.execute(select(CrpeAssessment, User.name)
                               .join(User, User.id == CrpeAssessment.recorded_by_id)
                               .where(CrpeAssessment.episode_id == episode_id))
    return {row.which: (row, name) for row, name in found}


def view(db_session: Session, patient: User, form: CrpeForm) -> dict:
    """Both assessments of the newest episode (None where not recorded), their change and the visits."""
    episode = latest(db_session, patient.id)
    rows = _rows(db_session, episode.id) if episode else {}
    shown = {which: as_dict(rows[which][0], form, rows[which][1]) if which in rows else None for which in rules.WHICH}
    first, final = (_exact(rows[which][0]) if which in rows else {} for which in rules.WHICH)
    change = {part: _number(rules.change(first.get(part), final.get(part))) for part in PARTS}
    logged = len(episode.visits) if episode else 0
    corrected = shown["final"]["visits"] if shown["final"] else None
    return {**shown, "change": change, "visits_logged": logged,
            "visits_total": logged if corrected is None else corrected}


def record(*, db_session: Session, patient: User, actor: User, which: str, body: dict, form: CrpeForm,
           today: date) -> None:
    """Store the first or final assessment (a later save replaces it; who and when are kept)."""
    episode = latest(db_session, patient.id)
    if episode is None:
        raise Conflict("crpe_no_episode")
    rows = _rows(db_session, episode.id)
    if which == "final" and "first" not in rows:
        raise Conflict("crpe_first_missing")
    problems = rules.problems(form.keys, which, body)
    if problems:
        raise Invalid(problems[0].code, field=problems[0].field, **problems[0].values)
    assessed_on = body.get("assessed_on") or today
    if assessed_on > today:
        raise Invalid("date_in_future", field="assessed_on")
    if assessed_on < episode.opened_on:
        raise Invalid("crpe_before_episode", field="assessed_on", date=episode.opened_on.isoformat())
    row = rows[which][0] if which in rows else CrpeAssessment(episode_id=episode.id, patient_id=patient.id, which=which)
    row.assessed_on, row.form_version, row.recorded_by_id = assessed_on, form.version, actor.id
    for name in FIELDS:
        value = body.get(name)
        setattr(row, name, list(dict.fromkeys(value)) if isinstance(value, list) else value)
    for name, empty in (("impairment", {}), ("activity", {}), ("icd10", []), ("treatments", []), ("treatment_other", {})):
        if getattr(row, name) is None:
            setattr(row, name, empty)
    db_session.add(row)
    db_session.commit()
