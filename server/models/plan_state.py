"""What the plan keeps so it need not recompute: pacing state per contract block, and the day's plan response.

Both are caches of pure functions of other tables (the rules in server/domain/pacing.py and
server/services/training/plan.py); deleting every row of either table is always safe.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base


class PacingBlock(Base):
    """The pacing state at the start of one block of one contract version, as the rules `rules` left it.

    Valid while no diary entry before `block_start` changes: a diary write, edit or delete for day D
    deletes the patient's rows with block_start > D (server/services/training/plan_state.py)."""

    __tablename__ = "pacing_blocks"
    __table_args__ = (Index("ix_pacing_blocks_patient_start", "patient_id", "block_start"),)

    contract_id: Mapped[int] = mapped_column(ForeignKey("training_contracts.id", ondelete="CASCADE"),
                                             primary_key=True)
    rules: Mapped[str] = mapped_column(String(16), primary_key=True)   # a digest of the rules' source
    block: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"))
    block_start: Mapped[date] = mapped_column(Date)
    state: Mapped[dict] = mapped_column(JSON)


class PlanResponse(Base):
    """The serialized day's plan of one patient, valid while the patient's plan generation is unchanged."""

    __tablename__ = "plan_responses"

    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.user_id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    bad_day: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(16))   # code and content the response was built from
    body: Mapped[str] = mapped_column(Text)
