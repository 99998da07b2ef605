from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.domain.retention import DEFAULT_YEARS
from server.models.types import UTCDateTime, utcnow


class Clinic(Base):
    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # How long a closed patient's record is kept (Swedish law: at least 10 years).
    retention_years: Mapped[int] = mapped_column(Integer, default=DEFAULT_YEARS, server_default=str(DEFAULT_YEARS))
