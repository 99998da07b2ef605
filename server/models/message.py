"""Messages between a patient and their therapist, and the review-queue items a therapist handled."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class Message(Base):
    """One message in a patient's thread. The thread is the patient's: it stays when the therapist changes."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_patient_created", "patient_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sender_role: Mapped[str] = mapped_column(String(16))   # "patient" | "therapist"
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReviewHandled(Base):
    """A review-queue item marked handled: the item is (patient, reason, since), so a new occurrence
    (a later `since`) comes back to the queue."""

    __tablename__ = "review_handled"
    __table_args__ = (UniqueConstraint("patient_id", "reason", "since", name="uq_review_handled_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    since: Mapped[date] = mapped_column(Date)
    handled_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
