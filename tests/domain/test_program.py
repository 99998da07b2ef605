"""Program rules: schedules, the Part 1 prerequisite, level suggestions, bad days, group dates."""
from datetime import date, timedelta

import pytest

from server.domain.program import (
    ExerciseLog, bad_day_repetitions, default_schedule, is_due, part2_allowed, session_dates, suggest_next_level,
)

MON = date(2026, 3, 2)


@pytest.mark.parametrize("part, schedule", [("1", "daily"), ("rom", "daily"), ("2", "training-days"),
                                            ("stretch", "training-days")])
def test_default_schedules(part, schedule):
    assert default_schedule(part) == schedule


def test_part2_needs_part1_competence():
    assert part2_allowed(False, ["1", "2"]) and "Part 1" in part2_allowed(False, ["2"])
    assert part2_allowed(True, ["2"]) is None
    assert part2_allowed(False, ["1", "rom", "stretch"]) is None


@pytest.mark.parametrize("offset, due", [
    (-7, False),       # a Monday before the period
    (0, True),         # first Monday
    (1, False),        # Tuesday is not a Part 2 day
    (3, True),         # Thursday
    (7 * 12 - 4, True),   # the last Thursday of week 12
    (7 * 12, False),   # the Monday after 12 weeks
])
def test_part2_exercises_are_due_on_their_weekdays_for_12_weeks(offset, due):
    day = MON + timedelta(days=offset)
    assert is_due("training-days", day, part2_start=MON, part2_weekdays=[1, 4]) is due


@pytest.mark.parametrize("schedule, offset, weekdays, due", [
    ("daily", 0, [1, 3, 5], True),            # Monday chosen
    ("daily", 1, [1, 3, 5], False),           # Tuesday not chosen
    ("daily", 1, None, True),                 # no choice: every day
    ("training-days", 1, [2, 5], True),       # the item's own Tuesday instead of the Part 2 days
    ("training-days", 0, [2, 5], False),      # a Part 2 Monday, not one of the item's days
    ("training-days", 7 * 12 + 1, [2], False),   # still only within the 12 weeks
    ("training-days", -6, [2], False),        # not before the period either
])
def test_an_items_own_weekdays_replace_its_schedules_days(schedule, offset, weekdays, due):
    day = MON + timedelta(days=offset)
    assert is_due(schedule, day, part2_start=MON, part2_weekdays=[1, 4], weekdays=weekdays) is due


def test_daily_exercises_are_always_due_and_part2_needs_a_start():
    assert is_due("daily", MON + timedelta(days=100), part2_start=None, part2_weekdays=[])
    assert not is_due("training-days", MON, part2_start=None, part2_weekdays=[1])


def logs(*rows, every=3):
    """Logs every `every` days from MON (four every 3 days span days 0..9: 10 days)."""
    return [ExerciseLog(MON + timedelta(days=every * i), s, r, rpe) for i, (s, r, rpe) in enumerate(rows)]


@pytest.mark.parametrize("rows, level, suggested", [
    ([(3, 10, 11)] * 4, "A", "B"),
    ([(3, 10, 11)] * 4, "B", "C"),
    ([(3, 10, 11)] * 4, "C", None),                      # no level above C
    ([(3, 10, 11)] * 3, "A", None),                      # only three sessions
    ([(3, 10, 12)] + [(3, 10, 11)] * 4, "A", "B"),       # an older, harder fifth session does not count
    ([(3, 10, 11)] * 3 + [(3, 10, 12)], "A", None),      # effort 12 in the latest
    ([(3, 10, 11)] * 3 + [(2, 10, 8)], "A", None),       # one set short
    ([(3, 10, 11)] * 3 + [(3, 9, 8)], "A", None),        # one repetition short
    ([(3, 10, 11)] * 4 + [(3, 10, None)], "A", "B"),     # effort not given: says nothing either way
    ([(3, 10, 11)] * 3 + [(3, 10, None)], "A", None),    # ... so three rated logs are still three
    ([(4, 12, 6)] * 4, "A", "B"),                        # more than prescribed is full dosage
])
def test_level_suggestions(rows, level, suggested):
    assert suggest_next_level(level, 3, 10, logs(*rows)) == suggested


@pytest.mark.parametrize("every, count, rpe, suggested", [
    (0, 4, 8, None),     # issue 17 seen 7: four ticks on the same day
    (3, 4, 11, "B"),     # days 0, 3, 6, 9: spread over 10 days
    (2, 5, 11, None),    # days 0..8: five logs within 9 days
    (3, 4, 12, None),    # effort 12 on every log
    (3, 6, 12, None),
    (2, 6, 9, "B"),      # days 0..10: 11 days
])
def test_part2_suggestion_needs_four_easy_logs_over_ten_days(every, count, rpe, suggested):
    assert suggest_next_level("A", 3, 10, logs(*[(3, 10, rpe)] * count, every=every)) == suggested


def test_four_logs_within_nine_days_then_one_more_day():
    within = [ExerciseLog(MON + timedelta(days=d), 3, 10, 10) for d in (0, 2, 5, 8)]
    assert suggest_next_level("A", 3, 10, within) is None
    spread = within[:3] + [ExerciseLog(MON + timedelta(days=9), 3, 10, 10)]
    assert suggest_next_level("A", 3, 10, spread) == "B"


def test_skipped_and_not_started_are_no_logs():
    from server.domain.program import NOT_STARTED, SKIPPED

    easy = logs(*[(3, 10, 10)] * 4)
    gaps = [ExerciseLog(MON + timedelta(days=10), 0, 0, None, outcome=SKIPPED),
            ExerciseLog(MON + timedelta(days=11), 0, 0, None, outcome=NOT_STARTED)]
    assert suggest_next_level("A", 3, 10, easy + gaps) == "B"
    assert suggest_next_level("A", 3, 10, easy[:3] + gaps) is None


def test_a_bad_days_half_dose_says_nothing_either_way():
    easy = logs(*[(3, 10, 10)] * 4)
    halved = ExerciseLog(MON + timedelta(days=10), 3, 5, 9, bad_day=True)
    assert suggest_next_level("A", 3, 10, easy + [halved]) == "B"
    assert suggest_next_level("A", 3, 10, easy[:3] + [halved]) is None   # nor does it count for


@pytest.mark.parametrize("level, observed, rows, expected", [
    ("A", True, [], ("B", "observation")),                     # the group physiotherapist's word is enough
    ("B", True, [(3, 10, 15)] * 4, ("C", "observation")),      # whatever the effort
    ("C", True, [], None),                                     # no level above C
    ("A", False, [(3, 10, 11)] * 4, ("B", "effort")),
    ("A", False, [(3, 10, 12)] * 4, None),
])
def test_part2_suggestion_by_observation_or_effort(level, observed, rows, expected):
    from server.domain.program import suggest_part2_level

    assert suggest_part2_level(level, 3, 10, logs(*rows), observed=observed) == expected


@pytest.mark.parametrize("reps, half", [(10, 5), (9, 5), (8, 4), (1, 1), (2, 1), (3, 2)])
def test_bad_day_halves_repetitions_half_up(reps, half):
    assert bad_day_repetitions(reps) == half


def test_group_sessions_6_weeks_twice_a_week():
    dates = session_dates(MON, 6, [2, 4])
    assert len(dates) == 12 and dates[0] == MON + timedelta(days=1) and dates[-1] == MON + timedelta(days=38)
    assert all(d.isoweekday() in (2, 4) for d in dates)


def test_is_session_day_agrees_with_the_list_of_dates():
    from server.domain.program import is_session_day

    dates = set(session_dates(MON, 6, [2, 4]))
    for offset in range(-3, 50):
        day = MON + timedelta(days=offset)
        assert is_session_day(day, MON, 6, [2, 4]) is (day in dates), day


# --- issue 9: stretches before and after general training too (lines 4210-4212) -------------

@pytest.mark.parametrize("part, general_day, due", [
    ("stretch", True, True),     # a general-training day outside the Part 2 days
    ("stretch", False, False),
    ("2", True, False),          # Part 2 keeps its own days
])
def test_stretches_are_due_on_general_training_days(part, general_day, due):
    from server.domain.program import TRAINING_DAYS, item_due

    monday = date(2026, 1, 5)
    assert item_due(part, TRAINING_DAYS, monday, part2_start=None, part2_weekdays=[2, 4],
                    general_training_day=general_day) is due


# --- issue 9: range of movement progresses by symptom response -----------------------------

def rom_logs(responses: list, every: int = 3) -> list:
    from server.domain.program import ExerciseLog

    start = date(2026, 1, 5)
    return [ExerciseLog(start + timedelta(days=every * n), 1, 10, 7, r) for n, r in enumerate(responses)]


@pytest.mark.parametrize("responses, every, suggested", [
    (["better"] * 5, 3, None),                       # days 0..12: 13 days, not yet two weeks
    (["better"] * 6, 3, "B"),                        # days 0..15: 16 days
    (["same", "better", "same", "same", "better"], 3, None),  # 13 days
    (["better", "same", "same", "better", "better"], 4, "B"),  # every 4 days: 0..16
    (["better"] * 3, 7, None),                       # 15 days but only three logs
    (["better"] * 4 + ["worse"] + ["better"] * 3, 3, None),  # a "worse" starts the run again
    (["worse"] + ["same"] * 6, 3, "B"),              # the run after it spans 16 days
    (["better"] * 3 + [None] + ["better"] * 3, 3, None),     # an unanswered log breaks the run
])
def test_rom_suggestion_needs_two_weeks_of_better_or_same(responses, every, suggested):
    from server.domain.program import suggest_rom_level

    assert suggest_rom_level("A", rom_logs(responses, every)) == suggested


def test_rom_at_the_top_level_gets_no_suggestion():
    from server.domain.program import suggest_rom_level

    assert suggest_rom_level("C", rom_logs(["better"] * 8)) is None


def test_easy_effort_alone_never_suggests_a_rom_level():
    from server.domain.program import suggest_rom_level

    assert suggest_rom_level("A", rom_logs([None] * 8)) is None   # RPE 7 in every log, no symptom answer
