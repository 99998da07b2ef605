"""The patient's data export (GDPR art. 15 and 20): one JSON document with everything held about them.

SECTIONS is the whole document in order; a new kind of data (messages, say) is one more
line there. The FHIR Bundle (questionnaire responses, coded totals, care episodes and visits) is
added as it is served at /fhir.

Every table that refers to the patient is in it (tests/probe/test_export_complete.py walks the
models to prove it), except what LEFT_OUT_TABLES and LEFT_OUT_COLUMNS name, each with its reason.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum

from sqlalchemy.orm import Session

from server.models import User
from server.models.types import utcnow
from server.services.privacy import export_sections as part
from server.services.privacy.export_episode import care_episodes
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
    ("care_episodes", care_episodes),
    ("reminders", part.reminders),
    ("groups", part.groups),
    ("messages", part.messages),
    ("reviews", part.reviews),
    ("access_log", part.access),
)

# What is held about the patient but not exported, and why (the completeness test reads these).
LEFT_OUT_TABLES = {
    "plan_responses": "the day's plan as last served: a cache rebuilt from the contract, program and diary",
    "pacing_blocks": "the stored pacing state, derived from the contract and diary; its decisions are in "
                     "pacing_decisions",
    "training_groups": "refers to people only as staff (supervisor, creator); the patient's groups come in "
                       "`groups` through their membership",
    "group_session_notes": "a staff note on a group's session, not on one patient; it may name other members",
}
LEFT_OUT_COLUMNS = {
    "users.password_hash": "a secret",
    "invitations.code_hash": "a secret (the invitation code's digest)",
    "login_sessions.id": "a secret (the session cookie's value)",
    "push_subscriptions.endpoint": "the device's push address, a secret; its push service's host is shown",
    "push_subscriptions.p256dh": "the device's encryption key",
    "push_subscriptions.auth": "the device's encryption secret",
    "notifications.claim_token": "the scheduler's lease on a reminder being sent, not data about the patient",
    "notifications.claimed_until_ts": "the scheduler's lease on a reminder being sent, not data about the patient",
    "access_log.address": "the staff member's network address: their data, shown to the clinic's admin",
    "diary_entries.body_hash": "a digest of the entry that tells a replayed save from a new one",
    "patients.plan_generation": "a counter that invalidates the plan cache",
}


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
