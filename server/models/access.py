"""The access log: one row per staff (or system) read or write of a patient's record, and per refused try.

Append-only: the app has no update or delete path (the mapper refuses both), and the
migration adds a database trigger that refuses UPDATE and DELETE on SQLite and PostgreSQL.
The row names the patient by id without a foreign key, so the log outlives the record
when the retention job removes it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, SmallInteger, String, event
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class AccessLog(Base):
    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_patient", "patient_id", "id"),
        Index("ix_access_log_clinic_at", "clinic_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    clinic_id: Mapped[int] = mapped_column(Integer)
    patient_id: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(Integer)          # None: the system (a scheduled job)
    actor_role: Mapped[str] = mapped_column(String(16))            # therapist, admin, supervisor, system
    actor_name: Mapped[str] = mapped_column(String(120))           # as it was then; names change
    kind: Mapped[str] = mapped_column(String(32))                  # diary, program, export, group-adherence, ...
    action: Mapped[str] = mapped_column(String(8))                 # read | write
    assigned: Mapped[bool] = mapped_column(Boolean)                # the reader's own patient (or group member)
    address: Mapped[str | None] = mapped_column(String(45))        # client IP, after the trusted proxies
    # A refused attempt (the server's answer and its error code); None: the access was granted.
    refused_status: Mapped[int | None] = mapped_column(SmallInteger)
    refused_reason: Mapped[str | None] = mapped_column(String(40))


def _refuse(*_args) -> None:
    raise RuntimeError("The access log is append-only.")


event.listen(AccessLog, "before_update", _refuse)
event.listen(AccessLog, "before_delete", _refuse)
