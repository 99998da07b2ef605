"""The physiotherapist's CRPE tool: one first and one final assessment per care episode."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.models.types import UTCDateTime, utcnow


class CrpeAssessment(Base):
    __tablename__ = "crpe_assessments"
    __table_args__ = (UniqueConstraint("episode_id", "which"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("care_episodes.id", ondelete="CASCADE"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), index=True)
    which: Mapped[str] = mapped_column(String(8))                       # first | final
    assessed_on: Mapped[date] = mapped_column(Date)
    form_version: Mapped[int] = mapped_column(Integer)                  # content/crpe/form.yaml's version
    impairment: Mapped[dict] = mapped_column(JSON, default=dict)        # item key -> grade 0-4
    activity: Mapped[dict] = mapped_column(JSON, default=dict)
    subgroup: Mapped[str | None] = mapped_column(String(40))
    icd10: Mapped[list] = mapped_column(JSON, default=list)
    # the final assessment only
    part1_applied: Mapped[bool | None] = mapped_column(Boolean)
    part2_applied: Mapped[bool | None] = mapped_column(Boolean)
    treatments: Mapped[list] = mapped_column(JSON, default=list)        # treatment item keys
    treatment_other: Mapped[dict] = mapped_column(JSON, default=dict)   # group -> the "other" in words
    effect: Mapped[str | None] = mapped_column(String(16))
    visits: Mapped[int | None] = mapped_column(Integer)                 # None: counted from the visit log
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
