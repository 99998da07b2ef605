"""Adherence summaries and flags."""
from datetime import date, timedelta

import pytest

from server.domain.adherence import DiaryFact, Week, flags, pain_trend, recent_mean_rpe, weekly_summaries

START = date(2026, 3, 2)


def d(n):
    return START + timedelta(days=n)


def test_weekly_summary_counts_sessions_against_the_contract():
    facts = [DiaryFact(d(0), 20, 12, 4), DiaryFact(d(2), 20, 14, 3), DiaryFact(d(4), 10, 16, 6, bad_day=True),
             DiaryFact(d(5), None, None, 5),                     # exercises only: not a training session
             DiaryFact(d(8), 25, 13)]
    weeks = weekly_summaries(START, 3, facts, today=d(9))
    assert [w.start for w in weeks] == [d(0), d(7)]
    first, second = weeks
    assert (first.planned, first.done, first.adherence_percent, first.minutes) == (3, 3, 100, 50)
    assert first.mean_rpe == 13.0          # the bad day's 16 is left out
    assert first.mean_pain == 4.5          # pain from every entry: 4, 3, 6, 5
    assert (second.done, second.adherence_percent, second.mean_rpe, second.mean_pain) == (1, 33, 13.0, None)


def test_adherence_is_capped_at_100_percent():
    facts = [DiaryFact(d(i), 20, 12) for i in range(5)]
    assert weekly_summaries(START, 3, facts, today=d(6))[0].adherence_percent == 100


def week(pain):
    return Week(START, 3, 0, 0, 0, None, pain)


@pytest.mark.parametrize("pains, trend", [
    ([3, 3, 4, 4], "rising"),       # +1.0
    ([3, 3, 3.5, 4], "stable"),     # +0.75
    ([5, 5, 4, 4], "falling"),      # -1.0
    ([5, 5, 4.5, 4], "stable"),     # -0.75
    ([3, 3, 4], None),              # not enough weeks with pain
    ([3, None, 3, 4, 4], "rising"), # weeks without pain are skipped
])
def test_pain_trend(pains, trend):
    assert pain_trend([week(p) for p in pains]) == trend


def test_recent_mean_rpe_covers_the_last_14_days_without_bad_days():
    facts = [DiaryFact(d(0), 20, 19), DiaryFact(d(10), 20, 14), DiaryFact(d(12), 20, 16),
             DiaryFact(d(13), 20, 20, bad_day=True)]
    assert recent_mean_rpe(facts, today=d(14)) == 15.0   # day 0 is outside (14 days back is excluded)


@pytest.mark.parametrize("attendance, missed", [
    ([True, False, False], True), ([False, True, False], False), ([False], False), ([], False),
])
def test_missed_two_group_sessions_running(attendance, missed):
    found = flags(attendance=attendance, last_diary_day=d(10), diary_since=START, facts=[], today=d(10))
    assert ("missed_two_in_a_row" in found) is missed


@pytest.mark.parametrize("last, today, flagged", [(d(3), d(9), False), (d(3), d(10), True), (None, d(6), False),
                                                  (None, d(7), True)])
def test_no_diary_for_7_days(last, today, flagged):
    found = flags(attendance=[], last_diary_day=last, diary_since=START, facts=[], today=today)
    assert ("no_diary_7_days" in found) is flagged


@pytest.mark.parametrize("rpes, flagged", [([15, 15], True), ([15, 14], False), ([16, 14], True)])
def test_high_rpe(rpes, flagged):
    facts = [DiaryFact(d(i), 20, r) for i, r in enumerate(rpes)]
    found = flags(attendance=[], last_diary_day=d(2), diary_since=START, facts=facts, today=d(3))
    assert ("high_rpe" in found) is flagged


@pytest.mark.parametrize("marks, expected", [
    ([], []),
    ([True, True, True], []),
    ([True, None, True], ["attendance_unrecorded"]),
    # the member: one session recorded (absent), five without a mark
    ([False, None, None, None, None, None], ["attendance_unrecorded", "low_attendance"]),
    ([True, False], []),                                    # half is not under half
    ([True, False, False], ["low_attendance", "missed_two_in_a_row"]),
    ([False, None, False], ["attendance_unrecorded", "low_attendance", "missed_two_in_a_row"]),
    ([True, True, False, False], ["missed_two_in_a_row"]),
    ([None, None], ["attendance_unrecorded"]),
])
def test_attendance_flags_never_read_unrecorded_sessions_as_attended(marks, expected):
    from server.domain.adherence import attendance_flags

    assert attendance_flags(marks) == expected


def test_weekly_hard_minutes_add_up_the_training_sessions():
    facts = [DiaryFact(d(0), 30, 15, hard_minutes=10), DiaryFact(d(2), 30, 12), DiaryFact(d(3), None, None, 2),
             DiaryFact(d(8), 30, 15, hard_minutes=12)]
    weeks = weekly_summaries(START, 3, facts, d(9))
    assert [w.hard_minutes for w in weeks] == [10, 12]
