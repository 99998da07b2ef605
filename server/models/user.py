"""Accounts: staff (admin, therapist, supervisor) and patients share one table."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base
from server.domain.roles import ROLES
from server.models.clinic import Clinic
from server.models.types import UTCDateTime, utcnow

_ROLE_CHECK = "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")"


class User(UserMixin, Base):
    __tablename__ = "users"
    # An address is unique within a clinic only: each care provider keeps its own record of a
    # person, and no clinic learns from a refusal that an address has an account elsewhere.
    __table_args__ = (CheckConstraint(_ROLE_CHECK, name="role"),
                      UniqueConstraint("clinic_id", "email", name="uq_users_clinic_id_email"))

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Stockholm")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    clinic: Mapped[Clinic] = relationship(lazy="joined")
    patient: Mapped[PatientProfile | None] = relationship(
        back_populates="user", foreign_keys="PatientProfile.user_id", uselist=False
    )

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive accounts cannot log in
        return bool(self.active)


class PatientProfile(Base):
    """What makes a user a patient: the therapist responsible for their care."""

    __tablename__ = "patients"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The Part 1 prerequisite for Part 2: recorded by the therapist, with who and when.
    part1_competent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    part1_competent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    part1_note: Mapped[str | None] = mapped_column(String(500))
    # A closed account: no sign-in, no reminders; the record is kept for the clinic's retention period.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Bumped by every write that changes the patient's day plan (server/services/training/plan_state.py); the
    # stored plan responses and pacing blocks of an older generation are never used.
    plan_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    user: Mapped[User] = relationship(back_populates="patient", foreign_keys=[user_id])
    therapist: Mapped[User | None] = relationship(foreign_keys=[therapist_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
