"""The caseload rules of server/domain/caseload.py, boundary by boundary."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.domain.adherence import DiaryFact
from server.domain.caseload import (
    contracted_sessions, evidence, item_id, next_questionnaire, onset, rpe_high, rpe_trend, sessions_done, stage,
)

TODAY = date(2026, 11, 26)   # a Thursday


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize("has_program, part2_start, expected", [
    (False, None, ("none", None)),
    (False, ago(10), ("none", None)),           # no active program: nothing to be in
    (True, None, ("part1", None)),
    (True, TODAY + timedelta(days=1), ("part1", None)),   # Part 2 starts tomorrow
    (True, TODAY, ("part2", 1)),
    (True, ago(6), ("part2", 1)),
    (True, ago(7), ("part2", 2)),
    (True, ago(83), ("part2", 12)),             # the last day of week 12
    (True, ago(84), ("maintenance", None)),     # the day after the 12 weeks
])
def test_stage(has_program, part2_start, expected):
    found = stage(has_program=has_program, part2_start=part2_start, part2_weeks=12, today=TODAY)
    assert (found["phase"], found["week"], found["weeks"]) == (*expected, 12)


def test_a_longer_part2_counts_its_own_weeks():
    assert stage(has_program=True, part2_start=ago(84), part2_weeks=16, today=TODAY) == {
        "phase": "part2", "week": 13, "weeks": 16}


@pytest.mark.parametrize("start, days, expected", [
    (ago(100), [1, 3, 5], 6),     # two whole weeks: 6 training days
    (ago(100), [4], 2),           # Thursdays: today and a week ago
    (ago(13), [4], 2),            # the window's first day is a Thursday too
    (ago(5), [1, 3, 5], 2),       # started on Friday: Monday and Wednesday since (today is Thursday)
    (TODAY, [4], 1),
    (TODAY + timedelta(days=1), [4], 0),   # not started yet
])
def test_contracted_sessions_are_the_contract_days_in_the_last_14(start, days, expected):
    assert contracted_sessions(start=start, training_days=days, today=TODAY) == expected


def test_sessions_done_counts_general_training_of_the_last_14_days_bad_days_included():
    facts = [DiaryFact(ago(14), 20, 12), DiaryFact(ago(13), 20, 12), DiaryFact(ago(5), 10, 12, bad_day=True),
             DiaryFact(ago(2), None, None, pain=3), DiaryFact(TODAY, 30, 13)]
    assert sessions_done(facts, TODAY) == 3


def _rpe(pairs):
    return [DiaryFact(ago(n), 20, rpe) for n, rpe in pairs]


@pytest.mark.parametrize("pairs, trend", [
    ([(20, 12), (3, 13)], "rising"),          # exactly 1 point
    ([(20, 12), (18, 12), (3, 13), (2, 12)], "steady"),    # half a point
    ([(20, 14), (3, 13)], "falling"),
    ([(27, 12), (13, 12)], "steady"),         # the windows' edges: day 27 and day 13
    ([(28, 12), (3, 14)], None),              # day 28 is outside both windows
    ([(3, 14)], None),                        # nothing to compare with
])
def test_rpe_trend(pairs, trend):
    assert rpe_trend(_rpe(pairs), TODAY) == trend


def test_rpe_trend_leaves_bad_days_out():
    facts = _rpe([(20, 12), (3, 12)]) + [DiaryFact(ago(2), 10, 18, bad_day=True)]
    assert rpe_trend(facts, TODAY) == "steady"


@pytest.mark.parametrize("pairs, high", [
    ([(5, 15), (2, 15)], True),
    ([(5, 16), (2, 14)], False),
    ([(5, 14), (2, 17)], False),
    ([(2, 18)], False),                       # one session is not "the last sessions"
    ([(9, 15), (5, 15), (2, 12)], False),     # the latest was fine
])
def test_rpe_high_needs_the_two_latest_sessions_at_15_or_more(pairs, high):
    assert rpe_high(_rpe(pairs), TODAY) is high


def test_rpe_high_skips_bad_days_and_exercise_only_entries():
    facts = _rpe([(5, 15), (2, 15)]) + [DiaryFact(ago(1), 10, 11, bad_day=True), DiaryFact(TODAY, None, None, 3)]
    assert rpe_high(facts, TODAY) is True


def test_onset_is_the_first_day_of_the_current_run():
    held = {ago(n) for n in (0, 1, 2, 5)}
    assert onset(lambda d: d in held, TODAY) == ago(2)
    assert onset(lambda d: d in held, ago(3)) is None
    assert onset(lambda d: True, TODAY, lookback=10) == ago(10)


@pytest.mark.parametrize("rows, expected", [
    ([], None),
    ([("baseline", ago(100), "completed"), ("3m", ago(10), "open"), ("6m", ago(-80), "upcoming")],
     ("3m", "open")),
    ([("baseline", ago(100), "missed"), ("3m", ago(-10), "upcoming")], ("baseline", "missed")),
    ([("baseline", ago(200), "missed"), ("3m", ago(100), "missed"), ("6m", ago(-10), "upcoming")], ("3m", "missed")),
    ([("baseline", ago(100), "completed"), ("3m", ago(-10), "upcoming"), ("6m", ago(-100), "upcoming")],
     ("3m", "upcoming")),
    ([("baseline", ago(100), "completed")], None),
])
def test_next_questionnaire_open_then_missed_then_upcoming(rows, expected):
    found = next_questionnaire(rows)
    assert (found["timepoint"], found["status"]) == expected if expected else found is None


def test_item_ids_are_stable_and_fit_javascript_numbers():
    first = item_id(12, "rpe_high", ago(3))
    assert first == item_id(12, "rpe_high", ago(3)) and 0 < first < 2 ** 53
    assert len({first, item_id(12, "rpe_high", ago(4)), item_id(13, "rpe_high", ago(3)),
                item_id(12, "pain_rising", ago(3))}) == 4


def test_evidence_routes():
    assert evidence(7, "no_diary_7d") == "#/patients/7/diary"
    assert evidence(7, "pacing_hold_twice") == "#/patients/7/pacing"
    assert evidence(7, "unanswered_message") == "#/patients/7/messages"
