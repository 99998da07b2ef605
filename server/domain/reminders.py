"""When outcome questionnaires fall due and when reminders may be sent.

Sources: the BetterBack protocol, "Patient reported outcome measures" and Table 2
(../shared/seeds/002_b767a39d856ccad1.txt ~986; ../shared/design/proms.md "When each is
asked"): baseline, 3, 6 and 12 months; the trial reached 80 % follow-up "after up to 3
reminders". The issue sets the window (open 4 weeks from the due date; reminders on the
due date, +7 and +14 days; then missed) and the default quiet hours (21:00-08:00 local).

Issue 9: the baseline is due the day the patient is created (the first visit, before any
treatment; l.986-990 collect baseline at inclusion), open 7 days with reminders on day 0, 3
and 6; follow-ups stay at 3, 6 and 12 months after the baseline's due date, open 4 weeks.

Choices (also in README.md):
- Follow-ups fall on the same day of the month as baseline, 3, 6 and 12 calendar months on
  (the 31st becomes the month's last day).
- Questionnaire and Part 1 reminders go out at 09:00 local, a group reminder two hours
  before the session, a training reminder at the contract's reminder time - unless the patient
  chose their own time for that kind (TIMED_KINDS); a group reminder stays tied to its session.
- A reminder that falls inside the quiet hours moves, on the same local day, out of them:
  one in the evening part goes out just before the quiet hours start, one in the morning
  part when they end. So a reminder never arrives at night and never on another day.
- Retries after 429/5xx: 1, 2, 4, 8, 16 minutes (a Retry-After header wins), at most 5.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

TIMEPOINTS = ("baseline", "3m", "6m", "12m")
MONTHS = {"baseline": 0, "3m": 3, "6m": 6, "12m": 12}
INSTRUMENTS = {
    "baseline": ("nrs", "odi", "eq5d3l", "bipq", "startback"),
    "3m": ("nrs", "odi", "eq5d3l", "bipq", "pei", "pgic", "satisfaction", "workcare"),
    "6m": ("nrs", "odi", "eq5d3l", "bipq", "pei", "pgic", "satisfaction", "workcare"),
    "12m": ("nrs", "odi", "eq5d3l", "bipq", "pei", "pgic", "satisfaction", "workcare"),
}
OPEN_DAYS = 28
REMINDER_OFFSETS = (0, 7, 14)
BASELINE_OPEN_DAYS = 7
BASELINE_REMINDER_OFFSETS = (0, 3, 6)
QUIET_START, QUIET_END = 21 * 60, 8 * 60       # minutes after local midnight
DAYTIME_MINUTE = 9 * 60
GROUP_LEAD_MINUTES = 120
MAX_ATTEMPTS = 5
KINDS = ("training", "part1", "group", "questionnaire")
TIMED_KINDS = ("training", "part1", "questionnaire")   # the kinds whose time of day the patient may choose


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    timepoint: str
    due_date: date
    closes_date: date          # the first day it is no longer open
    instruments: tuple[str, ...]


def schedule(baseline: date) -> list[Due]:
    """The four assessments of a patient first seen on `baseline`."""
    result = []
    for point in TIMEPOINTS:
        due = add_months(baseline, MONTHS[point])
        open_days = BASELINE_OPEN_DAYS if point == "baseline" else OPEN_DAYS
        result.append(Due(point, due, due + timedelta(days=open_days), INSTRUMENTS[point]))
    return result


def status(due_date: date, closes_date: date, completed: bool, today: date) -> str:
    if completed:
        return "completed"
    if today < due_date:
        return "upcoming"
    return "open" if today < closes_date else "missed"


def reminder_offsets(timepoint: str) -> tuple[int, ...]:
    return BASELINE_REMINDER_OFFSETS if timepoint == "baseline" else REMINDER_OFFSETS


def reminder_days(due_date: date, timepoint: str = "3m") -> list[date]:
    return [due_date + timedelta(days=n) for n in reminder_offsets(timepoint)]


def in_quiet_hours(minute: int, quiet_start: int = QUIET_START, quiet_end: int = QUIET_END) -> bool:
    if quiet_start == quiet_end:
        return False
    if quiet_start > quiet_end:                       # wraps midnight, e.g. 21:00-08:00
        return minute >= quiet_start or minute < quiet_end
    return quiet_start <= minute < quiet_end


def send_minute(minute: int, quiet_start: int = QUIET_START, quiet_end: int = QUIET_END) -> int:
    """The minute of the same local day at which a reminder planned for `minute` goes out."""
    if not in_quiet_hours(minute, quiet_start, quiet_end):
        return minute
    if quiet_start > quiet_end and minute >= quiet_start:
        return quiet_start - 1                        # evening: just before the quiet hours
    return quiet_end                                  # morning, or a daytime quiet period: when it ends


def retry_delay_seconds(attempt: int, retry_after: int | None = None) -> int:
    """Wait before attempt number `attempt` + 1 (attempt counts from 1)."""
    if retry_after is not None and retry_after > 0:
        return min(retry_after, 3600)
    return 60 * 2 ** (attempt - 1)
