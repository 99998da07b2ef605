"""The training contract, as on the protocol's form; every revision is a new version."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Time, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, validates

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class TrainingContract(Base):
    __tablename__ = "training_contracts"
    __table_args__ = (UniqueConstraint("patient_id", "version", name="uq_training_contracts_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    training_form: Mapped[str] = mapped_column(String(32))
    training_form_other: Mapped[str | None] = mapped_column(String(100))
    sessions_per_week: Mapped[int] = mapped_column(Integer)
    capable_minutes: Mapped[int] = mapped_column(Integer)
    start_minutes: Mapped[int] = mapped_column(Integer)
    # Block 0's hard minutes, and whether block 0 continues the previous version's pacing (a revision
    # that kept the capable minutes) rather than starting at 80 % of them (issue 17).
    start_hard_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    goal_minutes: Mapped[int] = mapped_column(Integer)
    goal_hard_minutes: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    training_days: Mapped[list[int]] = mapped_column(JSON)
    reminder_time: Mapped[time] = mapped_column(Time)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Kept in step with training_days and reminder_time so the reminder planner can select
    # due patients in portable set-based SQL (bit n = ISO weekday n; minutes after midnight).
    training_days_mask: Mapped[int] = mapped_column(Integer)
    reminder_minute: Mapped[int] = mapped_column(Integer)

    @validates("training_days")
    def _mask_days(self, _key, days: list[int]) -> list[int]:
        self.training_days_mask = weekday_mask(days)
        return days

    @validates("reminder_time")
    def _minute(self, _key, value: time) -> time:
        self.reminder_minute = value.hour * 60 + value.minute
        return value


def weekday_mask(days: list[int]) -> int:
    return sum(1 << day for day in set(days))
