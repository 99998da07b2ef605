"""Supervised group training: 6 weeks x 2 sessions a week by default, with attendance."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from server.db import Base
from server.models.contract import weekday_mask
from server.models.types import UTCDateTime, utcnow


class TrainingGroup(Base):
    __tablename__ = "training_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    start_date: Mapped[date] = mapped_column(Date)
    weeks: Mapped[int] = mapped_column(Integer)
    sessions_per_week: Mapped[int] = mapped_column(Integer)
    weekdays: Mapped[list[int]] = mapped_column(JSON)
    session_time: Mapped[time] = mapped_column(Time)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # In step with weekdays and session_time, for the set-based reminder planner.
    weekdays_mask: Mapped[int] = mapped_column(Integer)
    session_minute: Mapped[int] = mapped_column(Integer)

    @validates("weekdays")
    def _mask_days(self, _key, days: list[int]) -> list[int]:
        self.weekdays_mask = weekday_mask(days)
        return days

    @validates("session_time")
    def _minute(self, _key, value: time) -> time:
        self.session_minute = value.hour * 60 + value.minute
        return value


class GroupMember(Base):
    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("training_groups.id", ondelete="CASCADE"), primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GroupAttendance(Base):
    __tablename__ = "group_attendance"
    __table_args__ = (UniqueConstraint("group_id", "patient_id", "session_date", name="uq_group_attendance_session"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("training_groups.id", ondelete="CASCADE"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"))
    session_date: Mapped[date] = mapped_column(Date)
    present: Mapped[bool] = mapped_column(Boolean)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GroupSessionNote(Base):
    """The supervisor's short note on one session (who came is in GroupAttendance)."""

    __tablename__ = "group_session_notes"
    __table_args__ = (UniqueConstraint("group_id", "session_date", name="uq_group_session_notes_session"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("training_groups.id", ondelete="CASCADE"), index=True)
    session_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
