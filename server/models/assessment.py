"""Outcome questionnaires: the scheduled assessments and their scored responses."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("patient_id", "timepoint", name="uq_assessments_timepoint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    timepoint: Mapped[str] = mapped_column(String(16))
    due_date: Mapped[date] = mapped_column(Date, index=True)
    closes_date: Mapped[date] = mapped_column(Date)
    instruments: Mapped[list[str]] = mapped_column(JSON)
    draft: Mapped[dict | None] = mapped_column(JSON)   # answers in progress, kept on the server, never the phone
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AssessmentResponse(Base):
    __tablename__ = "assessment_responses"
    __table_args__ = (UniqueConstraint("assessment_id", "instrument", name="uq_assessment_responses_instrument"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[str] = mapped_column(String(32))
    answers: Mapped[dict] = mapped_column(JSON)
    value_set: Mapped[str | None] = mapped_column(String(16))
    total: Mapped[float | None] = mapped_column(Float)
    band: Mapped[str | None] = mapped_column(String(32))
    subscales: Mapped[dict] = mapped_column(JSON)
    complete: Mapped[bool] = mapped_column(Boolean)
    # the wording the patient was given: {"source", "version"} of a clinic pack, or {"source": "own wording"}
    wording: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
