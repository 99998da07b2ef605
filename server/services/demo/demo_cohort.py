"""A colleague's earlier patients, past their 3-month questionnaires, so that the demo clinic's outcomes rest
on enough patients to be shown (a figure resting on fewer than 5 is hidden: server/domain/outcomes.py).

They belong to a second therapist, so the demo therapist's caseload, review queue and inbox stay as they
are; the clinic admin sees them in the patient list. No one knows their passwords, nor the colleague's.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from server.models import Clinic
from server.services.accounts.accounts import create_staff
from server.services.demo.demo_caseload import BASELINE_ANSWERS, THREE_MONTH_ANSWERS, Case, _answer, _patient
from server.services.proms import assessments

COLLEAGUE = ("kim.kollega@demo.betterback.se", "Kim Kollega")
# name, language, then each ODI item and NRS back pain at baseline and at 3 months: most improve, one does not
COHORT = (
    ("Birgitta Ahlström", "sv", (3, 7), (1, 2)),
    ("Mats Lundgren", "sv", (2, 6), (1, 3)),
    ("Sofia Karlsson", "sv", (2, 5), (2, 5)),
    ("David Okafor", "en", (3, 8), (2, 4)),
    ("Helena Åberg", "sv", (2, 6), (1, 1)),
)


def _answers(template: dict, odi: int, back: int) -> dict:
    return {**template, "odi": {f"odi{i}": odi for i in range(1, 11)}, "nrs": {**template["nrs"], "back": back}}


def seed_cohort(*, db_session: Session, clinic: Clinic, today: date, packs: dict) -> None:
    """Five patients of Kim Kollega with baseline and 3-month answers, started about four months ago
    (answered in the wording `packs` make available, as the rest of the demo)."""
    email, name = COLLEAGUE
    colleague, _password = create_staff(db_session=db_session, clinic=clinic, email=email, name=name,
                                        role="therapist")
    for n, (patient_name, locale, before, after) in enumerate(COHORT):
        address = f"{patient_name.split()[0].lower()}.kohort@demo.betterback.se"
        patient = _patient(db_session, colleague, Case(address, patient_name, locale), today - timedelta(days=125 + 3 * n))
        assessments.ensure_schedule(db_session, patient.id, baseline=today - timedelta(days=115 + 3 * n))
        _answer(db_session, patient, "baseline", _answers(BASELINE_ANSWERS, *before), packs)
        _answer(db_session, patient, "3m", _answers(THREE_MONTH_ANSWERS, *after), packs)
