"""Web push: devices, reminder preferences and the outbox of notifications."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.domain.reminders import QUIET_END, QUIET_START
from server.models.types import UTCDateTime, utcnow


class PushSubscription(Base):
    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(Text, unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReminderPreference(Base):
    """A patient's choices; without a row every kind is on with the default quiet hours."""

    __tablename__ = "reminder_preferences"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), primary_key=True)
    training: Mapped[bool] = mapped_column(Boolean, default=True)
    part1: Mapped[bool] = mapped_column(Boolean, default=True)
    group: Mapped[bool] = mapped_column(Boolean, default=True)
    questionnaire: Mapped[bool] = mapped_column(Boolean, default=True)
    quiet_start: Mapped[int] = mapped_column(Integer, default=QUIET_START)   # minutes after local midnight
    quiet_end: Mapped[int] = mapped_column(Integer, default=QUIET_END)
    # The patient's own time of day per kind, minutes after local midnight; NULL keeps the default
    # (training: the contract's reminder time; Part 1 and questionnaires: 09:00).
    training_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    part1_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    questionnaire_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Notification(Base):
    """One reminder to one person, planned once: UNIQUE(user, key) makes a second plan a no-op."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "key", name="uq_notifications_key"),
        Index("ix_notifications_due", "status", "next_attempt_ts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(64))          # what it is about: a contract, group or assessment id
    key: Mapped[str] = mapped_column(String(120))         # kind:ref:local date
    scheduled_ts: Mapped[int] = mapped_column(BigInteger)  # UTC epoch seconds
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sending|sent|skipped|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_ts: Mapped[int] = mapped_column(BigInteger)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until_ts: Mapped[int | None] = mapped_column(BigInteger)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_status: Mapped[int | None] = mapped_column(Integer)   # the push service's HTTP status, nothing else
