"""The training diary: one entry per session, identified by the phone's own UUID."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class DiaryEntry(Base):
    __tablename__ = "diary_entries"
    __table_args__ = (
        UniqueConstraint("patient_id", "client_id", name="uq_diary_entries_client_id"),
        Index("ix_diary_patient_day", "patient_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(36))
    body_hash: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int | None] = mapped_column(Integer)
    hard_minutes: Mapped[int | None] = mapped_column(Integer)
    rpe: Mapped[int | None] = mapped_column(Integer)
    pain: Mapped[int | None] = mapped_column(Integer)
    bad_day: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    exercises: Mapped[list[DiaryExercise]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="DiaryExercise.id")


class DiaryExercise(Base):
    """An assigned exercise in a session: what was done of it (sets and repetitions, or skipped, or not
    started), and how hard it felt."""

    __tablename__ = "diary_exercises"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("diary_entries.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("program_items.id"), index=True)
    sets_done: Mapped[int] = mapped_column(Integer)
    repetitions_done: Mapped[int] = mapped_column(Integer)
    rpe: Mapped[int | None] = mapped_column(Integer)
    # range-of-movement exercises: how back and leg felt afterwards, "better" | "same" | "worse"
    symptom_response: Mapped[str | None] = mapped_column(String(8))
    # "done" | "skipped" (the patient's choice) | "not_started" (a guided session moved past it)
    outcome: Mapped[str] = mapped_column(String(12), default="done", server_default="done")
    # the guided session: the repetitions (or holds) counted in each set, e.g. [10, 3]; None for a tick
    set_repetitions: Mapped[list[int] | None] = mapped_column(JSON)
