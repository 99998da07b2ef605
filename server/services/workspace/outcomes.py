"""Clinic outcomes for its admin and therapists: every patient of the clinic, as numbers only, none of them
resting on fewer than 5 patients (server/domain/outcomes.py), so no access-log row: no patient is shown."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.domain import adherence, outcomes as rules, proms, wording
from server.domain.reminders import TIMEPOINTS
from server.models import Assessment, AssessmentResponse, PatientProfile, User
from server.services.proms import assessments
from server.services.workspace import caseload_data

ORDER = {point: n for n, point in enumerate(TIMEPOINTS)}


def _clinic_patients(db_session: Session, clinic_id: int) -> list[int]:
    return list(db_session.scalars(select(User.id).join(PatientProfile, PatientProfile.user_id == User.id)
                                   .where(User.clinic_id == clinic_id)))


def _score(response: AssessmentResponse) -> proms.Score:
    return proms.Score(response.total, response.subscales, response.band, response.complete)


def _instruments(db_session: Session, ids: list[int]) -> list[dict]:
    rows = db_session.execute(select(Assessment.patient_id, Assessment.timepoint, AssessmentResponse).join(
        AssessmentResponse, AssessmentResponse.assessment_id == Assessment.id).where(Assessment.patient_id.in_(ids)))
    baseline, later = {}, defaultdict(list)
    for patient_id, point, response in rows:
        if point == "baseline":
            baseline[(patient_id, response.instrument)] = response
        later[(response.instrument, point)].append((patient_id, response))
    result = []
    for (instrument, point), answers in sorted(later.items(), key=lambda kv: (kv[0][0], ORDER[kv[0][1]])):
        changes = [_change(instrument, baseline.get((pid, instrument)), r) for pid, r in answers
                   if point != "baseline"]
        demo = sum(1 for _pid, r in answers if wording.label(r.wording))
        result.append({"instrument": instrument, "timepoint": point, **rules.summarise(changes, len(answers)),
                       "demo_wording": demo, "label": wording.DEMO_LABEL if demo else None})
    return result


def _not_collected(db_session: Session, ids: list[int]) -> list[dict]:
    """Per instrument and time point: how many completed questionnaires left it out for want of a pack."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for missing in assessments.not_collected(db_session, ids).values():
        for item in missing:
            counts[(item["instrument"], item["timepoint"])] += 1
    # a count of patients like any other: fewer than MIN_CELL is not shown
    return [rules.suppress({"instrument": instrument, "timepoint": point, "patients": n, "reason": wording.MISSING_REASON,
                            "label": wording.MISSING_LABEL, "help": wording.README_PATH}, ("patients",), {})
            for (instrument, point), n in sorted(counts.items(), key=lambda kv: (kv[0][0], ORDER[kv[0][1]]))]


def _change(instrument: str, first: AssessmentResponse | None, response: AssessmentResponse) -> rules.Change:
    empty = proms.Score(None, {}, None, False)
    judged = proms.important_change(instrument, _score(first) if first else empty, _score(response))
    value = response.total - first.total if first and first.total is not None and response.total is not None \
        else None
    return rules.Change(value, judged)


def _response_rates(db_session: Session, ids: list[int], today: date) -> list[dict]:
    rows = defaultdict(list)
    for point, closes, completed in db_session.execute(select(
            Assessment.timepoint, Assessment.closes_date, Assessment.completed_at).where(Assessment.patient_id.in_(ids))):
        rows[point].append((closes, completed is not None))
    return [{"timepoint": point, **rules.response_rate(rows.get(point, []), today)} for point in TIMEPOINTS]


def _adherence(db_session: Session, ids: list[int], today: date) -> list[dict]:
    contracts = caseload_data.contracts(db_session, ids)
    facts = caseload_data.diary_facts(db_session, list(contracts), {i: c.start_date for i, c in contracts.items()}) \
        if contracts else {}
    percents = []
    for patient_id, contract in contracts.items():
        weeks = [w for w in adherence.weekly_summaries(contract.start_date, contract.sessions_per_week,
                                                       facts.get(patient_id, []), today)
                 if w.start + timedelta(days=7) <= today]    # finished weeks only
        if weeks:
            percents.append(sum(w.adherence_percent for w in weeks) / len(weeks))
    return rules.adherence_distribution(percents)


def clinic_outcomes(db_session: Session, viewer: User, today: date) -> dict:
    ids = _clinic_patients(db_session, viewer.clinic_id)
    return {"min_cell": rules.MIN_CELL, "instruments": _instruments(db_session, ids),
            "response_rate": _response_rates(db_session, ids, today), "adherence": _adherence(db_session, ids, today),
            "not_collected": _not_collected(db_session, ids)}


COLUMNS = ["section", "instrument", "timepoint", "n", "n_change", "mean_change", "share_improved", "due",
           "answered", "rate", "range", "patients", "demo_wording", "label", "reason", "help"]


COUNTS = {"n", "n_change", "due", "answered", "patients"}


def as_csv(summary: dict) -> str:
    """The same numbers as the JSON, one table: a `section` column says which part a row belongs to. A hidden
    count reads "<5", a hidden figure "suppressed" (an empty cell is a figure there is no data for)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    below = f"<{summary['min_cell']}"
    for section in ("instruments", "response_rate", "adherence", "not_collected"):
        for row in summary[section]:
            hidden = {name: below if name in COUNTS else "suppressed" for name in row["suppressed"]}
            writer.writerow({"section": section, **row, **hidden})
    return out.getvalue()
