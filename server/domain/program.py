"""The exercise program: schedules, the Part 1 prerequisite, level suggestions, bad-day dosage.

Source: BetterBack training program, supplementary file 8 of Schröder et al., BMJ Open
2018 (../shared/seeds/002_b767a39d856ccad1.txt):
- Part 1 is a daily home program (lines 3372-3374); "the therapist assesses when basic
  competencies in program 1 are achieved before progressing to program 2" (3376-3377,
  and 3405-3406: the prerequisite for upgrading).
- Part 2: "twice a week for 12 weeks" (3392-3393), levels "successively progressing from
  stages A through to C" (3410-3411). Group training 6 weeks x 2/week (3393-3394, Figure 4).
- Stretches "before and after exercise" (4210-4212, 4225-4227), so they follow the Part 2 days
  and, since issue 9, the general-training days of the contract too.
- A bad day: "work out half of what you planned" (4282).

Choices where the protocol is silent (also in README.md):
- A Part 2 level suggestion (issue 17) needs an unbroken run of logs at full dosage (sets and
  repetitions) with effort 11 ("fairly light") or lower: at least four of them, spread over at
  least 10 days (first to last, both counted), so four ticks on one day are not enough. A log
  below full dosage, or rated above 11, starts the run again; a log without effort (the question
  is optional), an exercise skipped or not started, and a bad day's log (half the repetitions, as
  told: never judged for progression) say nothing either way. Or the group
  physiotherapist, who supervises the training and gives "help to upgrade exercises" (lines
  3400-3402), records "performed satisfactorily, ready for the next level". Either only prompts
  the responsible therapist (lines 3405-3409: the follow-up stays theirs), the therapist decides.
- Range of movement (issue 9) progresses by symptom response, not effort (centralisation,
  lines 3309-3315, 3385-3389): each log asks whether back and leg felt better, the same or
  worse afterwards. A suggestion needs an unbroken run of "better" or "same" answers (a "worse"
  or an unanswered log breaks it) spanning at least 14 days with at least four logs; an exercise
  skipped or not started in a guided session is no log of it.
- On a bad day the exercises keep their sets and hold times and halve the repetitions
  (rounded half up, at least one).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

LEVELS = ("A", "B", "C")
PART2_WEEKS = 12
PART2_DAYS_PER_WEEK = 2
SUGGEST_AFTER = 4
SUGGEST_MAX_RPE = 11
SUGGEST_SPAN_DAYS = 10
DAILY, TRAINING_DAYS = "daily", "training-days"


def default_schedule(part: str) -> str:
    """Part 1 and range of movement daily at home; Part 2 and stretches on the Part 2 days."""
    return DAILY if part in ("1", "rom") else TRAINING_DAYS


def part2_allowed(part1_competent: bool, parts: Sequence[str]) -> str | None:
    """Why Part 2 cannot be assigned yet, or None when it can."""
    if "2" in parts and not part1_competent:
        return ("Part 2 can be assigned once you have recorded that the patient has reached the "
                "basic competencies of Part 1 (posture and basic muscle control).")
    return None


def part2_period(start: date, weeks: int = PART2_WEEKS) -> tuple[date, date]:
    """First day and the day after the last day of the Part 2 period."""
    return start, start + timedelta(weeks=weeks)


def is_due(schedule: str, day: date, *, part2_start: date | None, part2_weekdays: Sequence[int],
           part2_weeks: int = PART2_WEEKS, weekdays: Sequence[int] | None = None) -> bool:
    """Whether an exercise with this schedule is due on `day` (ISO weekdays, Monday = 1).
    `weekdays` are the item's own days chosen by the therapist: a daily item is then due on those
    days only, a Part 2 item on those days (instead of the Part 2 days) within the Part 2 period."""
    if schedule == DAILY:
        return weekdays is None or day.isoweekday() in weekdays
    if part2_start is None:
        return False
    first, end = part2_period(part2_start, part2_weeks)
    return first <= day < end and day.isoweekday() in (weekdays or part2_weekdays)


def item_due(part: str, schedule: str, day: date, *, part2_start: date | None, part2_weekdays: Sequence[int],
             part2_weeks: int = PART2_WEEKS, general_training_day: bool = False,
             weekdays: Sequence[int] | None = None) -> bool:
    """Whether a program item is due on `day`: its schedule, and for a stretch also every
    general-training day of the contract ("before and after exercise", lines 4210-4212)."""
    if part == "stretch" and schedule == TRAINING_DAYS and general_training_day:
        return True
    return is_due(schedule, day, part2_start=part2_start, part2_weekdays=part2_weekdays, part2_weeks=part2_weeks,
                  weekdays=weekdays)


SYMPTOM_RESPONSES = ("better", "same", "worse")
ROM_RUN_DAYS = 14
# What a log says of one exercise: done (the sets and repetitions counted, maybe fewer than
# prescribed), skipped by the patient's own choice, or not started in a guided session.
DONE, SKIPPED, NOT_STARTED = "done", "skipped", "not_started"
OUTCOMES = (DONE, SKIPPED, NOT_STARTED)


@dataclass(frozen=True)
class ExerciseLog:
    day: date
    sets: int
    repetitions: int
    rpe: int | None
    response: str | None = None   # range of movement: "better" | "same" | "worse"
    outcome: str = DONE
    bad_day: bool = False


def next_level(level: str | None) -> str | None:
    if level not in LEVELS or level == LEVELS[-1]:
        return None
    return LEVELS[LEVELS.index(level) + 1]


def _span_days(logs: Sequence[ExerciseLog]) -> int:
    """Days from the first to the last log, both counted."""
    return (logs[-1].day - logs[0].day).days + 1


def suggest_next_level(level: str | None, sets: int, repetitions: int, logs: Sequence[ExerciseLog]) -> str | None:
    """The level to suggest after a run of at least four easy logs at full dosage over 10 days or more."""
    upcoming = next_level(level)
    if upcoming is None:
        return None
    run: list[ExerciseLog] = []
    for log in sorted((log for log in logs if log.outcome == DONE and not log.bad_day), key=lambda log: log.day):
        full = log.sets >= sets and log.repetitions >= repetitions
        if not full or (log.rpe is not None and log.rpe > SUGGEST_MAX_RPE):
            run = []
        elif log.rpe is not None:
            run.append(log)
    if len(run) < SUGGEST_AFTER or _span_days(run) < SUGGEST_SPAN_DAYS:
        return None
    return upcoming


def suggest_part2_level(level: str | None, sets: int, repetitions: int, logs: Sequence[ExerciseLog],
                        observed: bool = False) -> tuple[str, str] | None:
    """(level, basis): the group physiotherapist's observation of this level first, else the effort run."""
    upcoming = next_level(level)
    if upcoming is not None and observed:
        return upcoming, "observation"
    by_effort = suggest_next_level(level, sets, repetitions, logs)
    return (by_effort, "effort") if by_effort else None


def suggest_rom_level(level: str | None, logs: Sequence[ExerciseLog]) -> str | None:
    """The range-of-movement level to suggest after two weeks of "better" or "same"."""
    upcoming = next_level(level)
    if upcoming is None:
        return None
    run: list[ExerciseLog] = []
    for log in sorted((log for log in logs if log.outcome == DONE), key=lambda log: log.day):
        run = run + [log] if log.response in ("better", "same") else []
    if len(run) < SUGGEST_AFTER or _span_days(run) < ROM_RUN_DAYS:
        return None
    return upcoming


def symptom_trend(logs: Sequence[ExerciseLog], limit: int = 10) -> list[tuple[date, str]]:
    """The latest answered symptom responses, oldest first, for the therapist."""
    answered = sorted((log for log in logs if log.response), key=lambda log: log.day)
    return [(log.day, log.response) for log in answered[-limit:]]


def bad_day_repetitions(repetitions: int) -> int:
    return max(1, math.floor(Fraction(repetitions, 2) + Fraction(1, 2)))


def session_dates(start: date, weeks: int, weekdays: Sequence[int]) -> list[date]:
    """Every session of a group: on its weekdays, for `weeks` weeks from the start date."""
    end = start + timedelta(weeks=weeks)
    days = (end - start).days
    return [start + timedelta(days=n) for n in range(days) if (start + timedelta(days=n)).isoweekday() in weekdays]


def is_session_day(day: date, start: date, weeks: int, weekdays: Sequence[int]) -> bool:
    """Whether a group meets on `day`: the same as `day in session_dates(...)`, without the list."""
    return start <= day < start + timedelta(weeks=weeks) and day.isoweekday() in weekdays
