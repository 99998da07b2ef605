"""How long a closed patient's record is kept before the removal job may delete it.

The protocol (seed 002) is silent on retention. Swedish law sets the floor: a patient
record is kept at least ten years after the last entry (Patientdatalagen 2008:355,
3 kap. 17 §). Closing the account is the record's last entry, so ten years from the
closing date is at least ten years from the last entry. A clinic may choose longer,
never shorter.

For the same reason closing must stay the last entry: a record that took a write after
it would be kept less than ten years from that write. So a closed record is read-only,
for everyone and through every route (`writable`).
"""
from __future__ import annotations

from datetime import date, datetime

MIN_YEARS = 10
MAX_YEARS = 100
DEFAULT_YEARS = MIN_YEARS


def writable(closed_at: datetime | None) -> bool:
    """Whether a patient's record may still be changed: until it is closed, never after."""
    return closed_at is None


def years_problem(years: int) -> str | None:
    """Why a clinic's retention setting is refused, or None when it is lawful."""
    if years < MIN_YEARS:
        return f"Swedish patient records are kept at least {MIN_YEARS} years."
    if years > MAX_YEARS:
        return f"At most {MAX_YEARS} years."
    return None


def keep_until(closed_on: date, years: int) -> date:
    """The last day the record must still exist: the closing date `years` later.

    A record closed on 29 February is kept until 1 March (the later day), never 28 February.
    """
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:   # 29 February in a year without one
        return date(closed_on.year + years, 3, 1)


def removable(closed_on: date, years: int, today: date) -> bool:
    """True from the day after `keep_until`: the record has then existed the whole period."""
    return today > keep_until(closed_on, years)
