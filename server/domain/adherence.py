"""Adherence: weekly diary summaries against the contract and who needs a word.

Source: the training contract ("I will train 3 times/week", line 4292 of
../shared/seeds/002_b767a39d856ccad1.txt), the training diary (4301), the group training
6 weeks x 2/week supervised by a physiotherapist who gives feedback (3393-3396), and the
Borg anchors (15 = hard, 4278). The issue sets the flags: two missed group sessions
running, no diary for 7 days, mean RPE 15 or more.

Choices (also in README.md):
- Weeks run in 7-day steps from the contract's start date, so week 1 is the contract's
  first week; a session on a bad day counts as done (the patient trained, at half).
- Adherence is done / planned, capped at 100 % (extra sessions do not make up for others).
- Mean RPE for the flag covers the counted general-training sessions of the last 14 days.
- Pain trend compares the mean pain of the last two weeks with data against the two weeks
  before them: 1 point or more is rising/falling, less is stable.
- Group attendance is judged over the sessions held before today: a session without a mark for
  the member is "unrecorded", never "present", so it cannot make a member look on track; fewer
  than half of the recorded sessions attended is "low attendance" (the group is the supervised
  part of the program, 3393-3396). Today's session is not judged until the day is over.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

HIGH_RPE = 15
LOW_ATTENDANCE_PERCENT = 50
NO_DIARY_DAYS = 7
RPE_WINDOW_DAYS = 14
PAIN_STEP = 1


@dataclass(frozen=True)
class DiaryFact:
    day: date
    minutes: int | None = None      # general training minutes, None for an exercise-only entry
    rpe: int | None = None
    pain: int | None = None
    bad_day: bool = False
    hard_minutes: int | None = None


@dataclass(frozen=True)
class Week:
    start: date
    planned: int
    done: int
    adherence_percent: int
    minutes: int
    mean_rpe: float | None
    mean_pain: float | None
    hard_minutes: int = 0


def _mean(values: Sequence[int]) -> float | None:
    return round(float(Fraction(sum(values), len(values))), 1) if values else None


def weekly_summaries(start: date, sessions_per_week: int, facts: Sequence[DiaryFact], today: date) -> list[Week]:
    """One summary per week from the contract start up to the week holding `today`."""
    weeks = []
    first = start
    while first <= today:
        end = first + timedelta(days=7)
        inside = [f for f in facts if first <= f.day < end]
        training = [f for f in inside if f.minutes]
        done = len(training)
        weeks.append(Week(
            start=first, planned=sessions_per_week, done=done,
            adherence_percent=min(100, round(100 * done / sessions_per_week)) if sessions_per_week else 0,
            minutes=sum(f.minutes for f in training),
            mean_rpe=_mean([f.rpe for f in training if f.rpe is not None and not f.bad_day]),
            mean_pain=_mean([f.pain for f in inside if f.pain is not None]),
            hard_minutes=sum(f.hard_minutes or 0 for f in training),
        ))
        first = end
    return weeks


def pain_trend(weeks: Sequence[Week]) -> str | None:
    """"rising", "falling" or "stable" over the last four weeks with pain logged; None without data."""
    means = [w.mean_pain for w in weeks if w.mean_pain is not None][-4:]
    if len(means) < 4:
        return None
    change = (means[2] + means[3]) / 2 - (means[0] + means[1]) / 2
    if change >= PAIN_STEP:
        return "rising"
    if change <= -PAIN_STEP:
        return "falling"
    return "stable"


def recent_mean_rpe(facts: Sequence[DiaryFact], today: date) -> float | None:
    since = today - timedelta(days=RPE_WINDOW_DAYS)
    return _mean([f.rpe for f in facts if since < f.day <= today and f.rpe is not None and not f.bad_day])


def flags(*, attendance: Sequence[bool], last_diary_day: date | None, diary_since: date, facts: Sequence[DiaryFact],
          today: date) -> list[str]:
    """Why a member needs a word: missed_two_in_a_row, no_diary_7_days, high_rpe."""
    found = []
    if len(attendance) >= 2 and not attendance[-1] and not attendance[-2]:
        found.append("missed_two_in_a_row")
    reference = last_diary_day or diary_since
    if (today - reference).days >= NO_DIARY_DAYS:
        found.append("no_diary_7_days")
    mean = recent_mean_rpe(facts, today)
    if mean is not None and mean >= HIGH_RPE:
        found.append("high_rpe")
    return found


def attendance_flags(marks: Sequence[bool | None]) -> list[str]:
    """From the member's marks at the sessions held before today, oldest first (None: not recorded):
    attendance_unrecorded, low_attendance, missed_two_in_a_row."""
    found = []
    if any(mark is None for mark in marks):
        found.append("attendance_unrecorded")
    recorded = [mark for mark in marks if mark is not None]
    if recorded and 100 * sum(recorded) < LOW_ATTENDANCE_PERCENT * len(recorded):
        found.append("low_attendance")
    if len(recorded) >= 2 and not recorded[-1] and not recorded[-2]:
        found.append("missed_two_in_a_row")
    return found
