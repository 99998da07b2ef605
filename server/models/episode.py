"""The care episode of a patient: screening, risk profile (from the baseline), visits, discharge."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class CareEpisode(Base):
    __tablename__ = "care_episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    red_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # the screening is complete once every red flag was answered (an empty list is "none of these")
    screened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    screened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    considerations: Mapped[list[str]] = mapped_column(JSON, default=list)
    red_flag_action: Mapped[str | None] = mapped_column(Text)   # a free-text note: it clears nothing
    red_flag_action_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    planned_visits: Mapped[int | None] = mapped_column(Integer)
    discharged_on: Mapped[date | None] = mapped_column(Date)
    discharge_reason: Mapped[str | None] = mapped_column(String(32))
    referred: Mapped[bool | None] = mapped_column(Boolean)
    discharge_note: Mapped[str | None] = mapped_column(Text)
    discharged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())   # when the discharge was recorded
    # STarT Back from the paper form (when the app may not ask it: no validated wording installed)
    startback_total: Mapped[int | None] = mapped_column(Integer)
    startback_psychosocial: Mapped[int | None] = mapped_column(Integer)
    startback_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    startback_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    visits: Mapped[list["EpisodeVisit"]] = relationship(order_by="EpisodeVisit.day, EpisodeVisit.id",
                                                        cascade="all, delete-orphan", lazy="selectin")


class EpisodeVisit(Base):
    __tablename__ = "episode_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("care_episodes.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RedFlagRecord(Base):
    """One tick of a red flag and its outcome: ruled out (examined, care goes on) or referred (to whom)."""
    __tablename__ = "red_flag_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("care_episodes.id", ondelete="CASCADE"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    flag: Mapped[str] = mapped_column(String(32))
    ticked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ticked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CareResume(Base):
    """The therapist resumed paused care after a referral: who, when and why."""
    __tablename__ = "care_resumes"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("care_episodes.id", ondelete="CASCADE"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text)
    resumed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resumed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
