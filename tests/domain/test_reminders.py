"""Questionnaire schedule, windows, quiet hours and retry delays."""
from datetime import date

import pytest

from server.domain.reminders import (
    add_months, in_quiet_hours, reminder_days, retry_delay_seconds, schedule, send_minute, status,
)


@pytest.mark.parametrize("start, months, expected", [
    (date(2026, 1, 15), 3, date(2026, 4, 15)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),     # no 30 February: the month's last day
    (date(2027, 11, 30), 3, date(2028, 2, 29)),     # leap year
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2026, 1, 31), 12, date(2027, 1, 31)),
])
def test_follow_ups_are_calendar_months_after_baseline(start, months, expected):
    assert add_months(start, months) == expected


def test_the_schedule_has_the_protocols_instruments():
    due = {d.timepoint: d for d in schedule(date(2026, 1, 10))}
    assert [d.due_date for d in due.values()] == [date(2026, 1, 10), date(2026, 4, 10), date(2026, 7, 10),
                                                  date(2027, 1, 10)]
    assert "startback" in due["baseline"].instruments and "startback" not in due["3m"].instruments
    assert {"pei", "pgic", "satisfaction"} <= set(due["12m"].instruments)
    assert not {"pei", "pgic", "satisfaction"} & set(due["baseline"].instruments)
    assert all({"nrs", "odi", "eq5d3l", "bipq"} <= set(d.instruments) for d in due.values())
    assert due["3m"].closes_date == date(2026, 5, 8)   # open for 4 weeks


@pytest.mark.parametrize("today, completed, state", [
    (date(2026, 4, 9), False, "upcoming"), (date(2026, 4, 10), False, "open"), (date(2026, 5, 7), False, "open"),
    (date(2026, 5, 8), False, "missed"), (date(2026, 5, 8), True, "completed"), (date(2026, 4, 1), True, "completed"),
])
def test_status_window(today, completed, state):
    assert status(date(2026, 4, 10), date(2026, 5, 8), completed, today) == state


def test_three_reminders_at_due_7_and_14_days():
    assert reminder_days(date(2026, 4, 10)) == [date(2026, 4, 10), date(2026, 4, 17), date(2026, 4, 24)]


@pytest.mark.parametrize("minute, moved", [
    (7 * 60 + 59, 8 * 60),      # morning quiet: when it ends
    (8 * 60, 8 * 60),           # quiet ends at 08:00
    (9 * 60, 9 * 60),
    (20 * 60 + 59, 20 * 60 + 59),
    (21 * 60, 20 * 60 + 59),    # evening quiet: just before it starts, same day
    (23 * 60 + 30, 20 * 60 + 59),
    (0, 8 * 60),
])
def test_default_quiet_hours(minute, moved):
    assert send_minute(minute) == moved
    assert not in_quiet_hours(send_minute(minute))


@pytest.mark.parametrize("start, end, minute, moved", [
    (13 * 60, 14 * 60, 13 * 60 + 30, 14 * 60),   # a quiet period inside the day
    (13 * 60, 14 * 60, 14 * 60, 14 * 60),
    (22 * 60, 22 * 60, 23 * 60, 23 * 60),        # start == end: no quiet hours
])
def test_other_quiet_hours(start, end, minute, moved):
    assert send_minute(minute, start, end) == moved


@pytest.mark.parametrize("attempt, retry_after, delay", [(1, None, 60), (2, None, 120), (4, None, 480),
                                                         (1, 30, 30), (3, 99999, 3600)])
def test_retry_delays(attempt, retry_after, delay):
    assert retry_delay_seconds(attempt, retry_after) == delay


def test_the_baseline_is_open_a_week_with_reminders_on_day_0_3_and_6():
    """Issue 9: baseline at the first visit; the follow-ups keep four weeks and 0/+7/+14."""
    due = schedule(date(2026, 4, 10))
    assert (due[0].timepoint, due[0].due_date, due[0].closes_date) == ("baseline", date(2026, 4, 10), date(2026, 4, 17))
    assert reminder_days(due[0].due_date, "baseline") == [date(2026, 4, 10), date(2026, 4, 13), date(2026, 4, 16)]
    assert (due[1].due_date, due[1].closes_date) == (date(2026, 7, 10), date(2026, 8, 7))
    assert reminder_days(due[1].due_date, "3m") == [date(2026, 7, 10), date(2026, 7, 17), date(2026, 7, 24)]
    assert all("workcare" in d.instruments for d in due[1:]) and "workcare" not in due[0].instruments
