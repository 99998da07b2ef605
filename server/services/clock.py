"""The only place that reads the clock: local dates in a person's own time zone."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo


def now() -> datetime:
    return datetime.now(timezone.utc)


def local_today(tz_name: str, at: datetime | None = None) -> date:
    return (at or now()).astimezone(ZoneInfo(tz_name)).date()
