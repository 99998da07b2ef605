"""The one guard every write to a patient's record passes: a closed record is read and kept, never changed.

Routes with the patient in the URL ask it in their access policy (server/permissions.py), before the
view runs; routes that name the patient elsewhere (a group's members and attendance) ask it in their
service, before anything is written. The rule itself is `server.domain.retention.writable`.
"""
from __future__ import annotations

from server.domain import retention
from server.models import PatientProfile
from server.services.errors import Conflict


def require_writable(profile: PatientProfile | None, *, field: str | None = None, location: str = "json") -> None:
    """409 account_closed (naming the field that pointed at the patient) when the record is closed."""
    if profile is not None and not retention.writable(profile.closed_at):
        raise Conflict("account_closed", field=field, location=location)
