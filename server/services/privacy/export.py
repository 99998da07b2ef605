"""The patient's data export (GDPR art. 15 and 20): one JSON document with everything held about them.

SECTIONS is the whole document in order; a new kind of data (messages, say) is one more
line there. The FHIR Bundle of questionnaire responses is added as it is served at /fhir.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum

from sqlalchemy.orm import Session

from server.models import User
from server.models.types import utcnow
from server.services.privacy import export_sections as part
from server.services.proms.exports import fhir_bundle

FORMAT = "betterback-patient-export/1"

SECTIONS: tuple[tuple[str, Callable[[Session, User], object]], ...] = (
    ("profile", part.profile),
    ("account", part.account),
    ("program", part.program),
    ("contracts", part.contract_versions),
    ("diary", part.diary_entries),
    ("pacing_decisions", part.pacing_decisions),
    ("assessments", part.assessments),
    ("reminders", part.reminders),
    ("groups", part.groups),
    ("messages", part.messages),
    ("access_log", part.access),
)


def plain(value):
    """Dates as ISO 8601 strings all the way down, so the document is plain JSON."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def patient_export(db_session: Session, patient: User, base_url: str) -> dict:
    document = {"format": FORMAT, "generated_at": utcnow(), "patient_id": patient.id}
    for name, build in SECTIONS:
        document[name] = build(db_session, patient)
    document["fhir"] = fhir_bundle(db_session, patient, base_url)
    return plain(document)
