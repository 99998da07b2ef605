"""The therapist's caseload: where each patient is, how training goes, and what needs a look.

Source: ../shared/seeds/002_b767a39d856ccad1.txt - Part 1 daily, then Part 2 "twice a week for
12 weeks" (3392-3393) once the Part 1 competence is recorded (3376-3377); the contract's sessions
per week (4292); effort 11-14 while building and 15-16 only in intervals (4270-4278).
The issue sets the review reasons; where the protocol is silent we chose (also in README.md):
- Stage: "none" without an active program; "part1" until the Part 2 start date; "part2" week n
  of its weeks (12) from that date; "maintenance" after the last Part 2 week.
- Sessions over 2 weeks: general-training diary sessions of the last 14 days (today included)
  against the contract's training days in those days (from the contract's start).
- Effort trend: the mean RPE of the counted sessions of the last 14 days against the 14 days
  before; a change of 1 point or more is rising/falling, less is steady (as the pain trend).
- "RPE 15+ on the last sessions": the two latest counted sessions at 15 or more - hard, which
  outside intervals is above the 11-14 the protocol asks for (4265, 4270-4272).
- A flag's "since" is the first day of its current unbroken run (looked up at most LOOKBACK_DAYS
  back), so it stays the same day after day and a new occurrence gets a new date.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from fractions import Fraction

from server.domain.adherence import DiaryFact

PART2_WEEKS = 12
WINDOW_DAYS = 14
TREND_STEP = 1
HIGH_RPE = 15
LOOKBACK_DAYS = 90
REASONS = ("pacing_hold_twice", "level_suggestion", "level_observed", "no_diary_7d", "rpe_high", "pain_rising",
           "questionnaire_missed", "red_flag", "unanswered_message", "rom_worse")
# Where each flag's evidence is in the app (hash routes of the staff screens).
EVIDENCE = {
    "pacing_hold_twice": "pacing", "level_suggestion": "program", "level_observed": "program", "no_diary_7d": "diary",
    "rpe_high": "diary", "pain_rising": "overview", "questionnaire_missed": "scores", "red_flag": "episode",
    "unanswered_message": "messages", "rom_worse": "program",
}


def evidence(patient_id: int, reason: str) -> str:
    return f"#/patients/{patient_id}/{EVIDENCE[reason]}"


def stage(*, has_program: bool, part2_start: date | None, part2_weeks: int, today: date) -> dict:
    """{"phase", "week", "weeks"}: the patient's place in the program on `today`."""
    if not has_program:
        return {"phase": "none", "week": None, "weeks": part2_weeks}
    if part2_start is None or today < part2_start:
        return {"phase": "part1", "week": None, "weeks": part2_weeks}
    week = (today - part2_start).days // 7 + 1
    if week > part2_weeks:
        return {"phase": "maintenance", "week": None, "weeks": part2_weeks}
    return {"phase": "part2", "week": week, "weeks": part2_weeks}


def contracted_sessions(*, start: date, training_days: Sequence[int], today: date) -> int:
    """The contract's training days among the last 14 days (today included), none before its start."""
    first = max(start, today - timedelta(days=WINDOW_DAYS - 1))
    return sum(1 for n in range((today - first).days + 1) if (first + timedelta(days=n)).isoweekday() in training_days)


def sessions_done(facts: Sequence[DiaryFact], today: date) -> int:
    """General-training sessions logged in the last 14 days (a bad day counts: the patient trained)."""
    first = today - timedelta(days=WINDOW_DAYS - 1)
    return sum(1 for f in facts if f.minutes and first <= f.day <= today)


def _mean(values: Sequence[int]) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def _counted_rpe(facts: Sequence[DiaryFact], first: date, last: date) -> list[int]:
    return [f.rpe for f in facts if first <= f.day <= last and f.rpe is not None and not f.bad_day]


def rpe_trend(facts: Sequence[DiaryFact], today: date) -> str | None:
    """"rising" / "falling" / "steady" comparing the last 14 days with the 14 before; None without both."""
    recent = _mean(_counted_rpe(facts, today - timedelta(days=WINDOW_DAYS - 1), today))
    before = _mean(_counted_rpe(facts, today - timedelta(days=2 * WINDOW_DAYS - 1),
                                today - timedelta(days=WINDOW_DAYS)))
    if recent is None or before is None:
        return None
    return steady_name(_direction(recent - before))


def _direction(change: Fraction | float) -> str:
    if change >= TREND_STEP:
        return "rising"
    if change <= -TREND_STEP:
        return "falling"
    return "stable"


def steady_name(trend: str | None) -> str | None:
    """The staff API says "steady" where server.domain.adherence says "stable"."""
    return "steady" if trend == "stable" else trend


def rpe_high(facts: Sequence[DiaryFact], today: date) -> bool:
    """The two latest counted sessions up to `today` both at RPE 15 or more."""
    counted = sorted((f for f in facts if f.day <= today and f.rpe is not None and not f.bad_day and f.minutes),
                     key=lambda f: f.day)
    return len(counted) >= 2 and all(f.rpe >= HIGH_RPE for f in counted[-2:])


def onset(holds: Callable[[date], bool], today: date, lookback: int = LOOKBACK_DAYS) -> date | None:
    """The first day of the unbroken run of days, ending today, on which `holds` is true; None if not today."""
    if not holds(today):
        return None
    first = today
    for _ in range(lookback):
        earlier = first - timedelta(days=1)
        if not holds(earlier):
            break
        first = earlier
    return first


def next_questionnaire(assessments: Sequence[tuple[str, date, str]]) -> dict | None:
    """From (timepoint, due date, status) rows: the open one; else the latest missed; else the next upcoming.
    A missed one stays shown until the next opens, so the column never reads as if all is well."""
    for wanted, pick in (("open", min), ("missed", max), ("upcoming", min)):
        rows = [row for row in assessments if row[2] == wanted]
        if rows:
            timepoint, due, status = pick(rows, key=lambda row: row[1])
            return {"timepoint": timepoint, "due_date": due, "status": status}
    return None


def item_id(patient_id: int, reason: str, since: date) -> int:
    """A stable id for a review item: the same patient, reason and onset give the same id, every time.
    52 bits, so JavaScript numbers hold it exactly."""
    digest = hashlib.sha256(f"{patient_id}:{reason}:{since.isoformat()}".encode()).hexdigest()
    return int(digest[:13], 16)
