"""A patient's exercise program: what is assigned, with which dosage and schedule, and its history."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from server.db import Base
from server.models.contract import weekday_mask
from server.models.types import UTCDateTime, utcnow


class ProgramSettings(Base):
    """The Part 2 calendar: which weekdays, from when, for how many weeks."""

    __tablename__ = "program_settings"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), primary_key=True)
    part2_start_date: Mapped[date | None] = mapped_column(Date)
    part2_weekdays: Mapped[list[int]] = mapped_column(JSON, default=lambda: [1, 4])
    part2_weeks: Mapped[int] = mapped_column(Integer, default=12)
    note: Mapped[str | None] = mapped_column(String(1000))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ProgramItem(Base):
    """One assigned exercise. Changing it ends this row and starts a new one, so diaries keep their meaning."""

    __tablename__ = "program_items"
    __table_args__ = (Index("ix_program_items_patient_active", "patient_id", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(64))
    content_version: Mapped[int] = mapped_column(Integer)
    part: Mapped[str] = mapped_column(String(16))
    family: Mapped[str] = mapped_column(String(64))
    level: Mapped[str | None] = mapped_column(String(1))
    sets: Mapped[int] = mapped_column(Integer)
    repetitions: Mapped[int] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    each_side: Mapped[bool] = mapped_column(Boolean)
    schedule: Mapped[str] = mapped_column(String(16))
    # ISO weekdays (Monday = 1) chosen for this patient; None: the schedule's own days. The mask
    # (bit n = weekday n) follows them so the reminder planner can select in portable SQL.
    weekdays: Mapped[list[int] | None] = mapped_column(JSON)
    weekdays_mask: Mapped[int | None] = mapped_column(Integer)
    assigned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @validates("weekdays")
    def _mask_days(self, _key, days: list[int] | None) -> list[int] | None:
        self.weekdays_mask = weekday_mask(days) if days else None
        return days


class LevelChange(Base):
    """A Part 2 (or range-of-movement) family moved between levels: who, when and why."""

    __tablename__ = "level_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(64))
    from_level: Mapped[str | None] = mapped_column(String(1))
    to_level: Mapped[str | None] = mapped_column(String(1))
    reason: Mapped[str] = mapped_column(String(500))
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LevelObservation(Base):
    """The group physiotherapist's observation: this exercise is performed satisfactorily at its
    level, ready for the next (seed 002 lines 3400-3409). It prompts the responsible therapist."""

    __tablename__ = "level_observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("program_items.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("training_groups.id", ondelete="SET NULL"))
    level: Mapped[str] = mapped_column(String(1))
    note: Mapped[str | None] = mapped_column(String(500))
    observed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
