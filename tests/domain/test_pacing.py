"""The pacing rules of server/domain/pacing.py, rule by rule and boundary by boundary."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.domain.pacing import Contract, LoggedSession, prescribe, round_half_up, start_minutes_for

START = date(2026, 1, 5)


def day(n: int) -> date:
    return START + timedelta(days=n)


def block(index: int, rpes: list[int], *, bad: set[int] = frozenset(), minutes: int = 60) -> list[LoggedSession]:
    """Sessions spread over a block: one a day from the block's first day, RPEs in order; 60 minutes
    with 20 hard is the full planned dose of every test here unless a test says otherwise."""
    return [LoggedSession(day(14 * index + i), minutes, rpe, bad_day=i in bad, hard_minutes=20)
            for i, rpe in enumerate(rpes)]


def contract(start=20, goal=45, per_week=3, hard_goal=20) -> Contract:
    return Contract(START, start, goal, per_week, hard_goal)


# --- rule 0: start 20 % below capacity -----------------------------------------------

@pytest.mark.parametrize("capable, start", [
    (25, 20), (30, 24), (45, 36), (12, 10), (13, 10), (1, 1), (0, 0), (7, 6), (600, 480),
])
def test_start_is_80_percent_of_capable_rounded_half_up(capable, start):
    assert start_minutes_for(capable) == start


@pytest.mark.parametrize("value, rounded", [(12.5, 13), (7.5, 8), (0.5, 1), (12.49, 12), (13, 13)])
def test_rounding_is_half_up(value, rounded):
    from fractions import Fraction

    assert round_half_up(Fraction(str(value))) == rounded


# --- rule 1: blocks of 14 days ------------------------------------------------------

def test_block_0_is_the_start_minutes_without_hard_minutes():
    plan = prescribe(contract(), [], day(0))
    assert (plan.minutes, plan.hard_minutes, plan.phase) == (20, 0, "build")
    assert "20 %" in plan.reason


def test_the_last_day_of_block_0_still_has_the_start_minutes():
    assert prescribe(contract(), block(0, [11] * 4), day(13)).minutes == 20


def test_the_first_day_of_block_1_judges_block_0():
    assert prescribe(contract(), block(0, [11] * 4), day(14)).minutes == 24


def test_a_session_on_day_14_belongs_to_block_1_not_block_0():
    sessions = block(0, [11] * 3) + [LoggedSession(day(14), 60, 11)]
    plan = prescribe(contract(), sessions, day(28))
    assert plan.minutes == 20 and "1 of 4 done" in plan.reason  # block 0 had three; block 1 had one


def test_sessions_on_or_after_the_day_asked_are_ignored():
    sessions = block(0, [11, 11]) + [LoggedSession(day(14), 20, 11)]
    assert prescribe(contract(), sessions, day(14)).minutes == 20


def test_sessions_before_the_contract_start_are_ignored():
    early = [LoggedSession(START - timedelta(days=d), 20, 11) for d in (1, 2, 3)]
    assert prescribe(contract(), early, day(14)).minutes == 20


def test_a_day_before_the_start_gets_the_start_prescription():
    assert prescribe(contract(), [], START - timedelta(days=3)).minutes == 20


# --- rule 2: enough sessions to judge -----------------------------------------------

def test_bad_day_sessions_do_not_change_the_mean():
    # counted: 13 x 4 (mean 13 -> grow); the bad day at 19 would make it 14.2
    assert prescribe(contract(), block(0, [13, 19, 13, 13, 13], bad={1}), day(14)).minutes == 24


# --- rule 3: build ------------------------------------------------------------------

@pytest.mark.parametrize("rpes, minutes, words", [
    ([14] * 9 + [13], 24, "grow by 20 %"),           # mean 13.9: below somewhat hard
    ([14] * 10, 20, "somewhat hard"),                # mean 14.0: hold
    ([15] * 9 + [14], 20, "somewhat hard"),          # mean 14.9: hold, still "somewhat hard"
    ([15] * 10, 20, "repeat the same for two more weeks"),  # mean 15.0: hard - repeat
    ([17, 18, 19, 19], 20, "felt hard"),
])
def test_build_judgement_boundaries(rpes, minutes, words):
    plan = prescribe(contract(), block(0, rpes), day(14))
    assert plan.minutes == minutes and plan.phase == "build"
    assert words in plan.reason


@pytest.mark.parametrize("start, grown", [(20, 24), (10, 12), (4, 5), (3, 4), (2, 3), (1, 2), (16, 19), (17, 20)])
def test_growth_is_20_percent_rounded_half_up_and_at_least_one_minute(start, grown):
    assert prescribe(contract(start=start), block(0, [11] * 4), day(14)).minutes == grown


def test_growth_is_capped_at_the_goal_when_the_goal_is_under_30():
    plan = prescribe(contract(start=24, goal=25), block(0, [11] * 4), day(14))
    assert (plan.minutes, plan.phase) == (25, "maintain")


def test_growth_is_capped_at_30_minutes():
    plan = prescribe(contract(start=27, goal=60), block(0, [11] * 4), day(14))
    assert (plan.minutes, plan.phase, plan.hard_minutes) == (30, "intervals", 0)


def test_the_judgements_repeat_block_after_block():
    sessions = block(0, [12] * 4) + block(1, [12] * 4) + block(2, [15] * 4) + block(3, [12] * 4)
    assert [prescribe(contract(), sessions, day(14 * b)).minutes for b in range(5)] == [20, 24, 29, 29, 30]


# --- rule 4: intervals ----------------------------------------------------------------

def at_thirty(**kw) -> Contract:
    return contract(start=30, goal=45, **kw)


def test_the_first_good_block_at_30_minutes_starts_10_hard_minutes():
    plan = prescribe(at_thirty(), block(0, [13] * 4), day(14))
    assert (plan.minutes, plan.hard_minutes, plan.phase) == (30, 10, "intervals")
    assert "15-16" in plan.reason


def test_a_mean_of_14_at_30_minutes_does_not_start_intervals():
    plan = prescribe(at_thirty(), block(0, [14] * 4), day(14))
    assert (plan.hard_minutes, plan.phase) == (0, "intervals")
    assert "under 14" in plan.reason


def test_intervals_need_a_judged_block_at_30_minutes():
    # block 0 grows 27 -> 30; only the block after that, done at 30, can start intervals
    sessions = block(0, [11] * 4) + block(1, [11] * 4)
    assert prescribe(contract(start=27), sessions, day(14)).hard_minutes == 0
    assert prescribe(contract(start=27), sessions, day(28)).hard_minutes == 10


@pytest.mark.parametrize("rpes, hard", [
    ([16] * 10, 10),           # mean 16.0: hold (rules v3: grow only below 16)
    ([16] * 9 + [15], 12),     # mean 15.9: grow
    ([16] * 9 + [17], 10),     # mean 16.1: hold
    ([15, 16, 15, 16], 12),
    ([18, 18, 18], 10),
])
def test_interval_judgement_boundaries(rpes, hard):
    sessions = block(0, [13] * 4) + block(1, rpes)
    assert prescribe(at_thirty(), sessions, day(28)).hard_minutes == hard


def test_hard_minutes_grow_20_percent_until_the_goal_then_the_duration_grows_to_the_goal():
    sessions = block(0, [13] * 4) + [s for b in range(1, 9) for s in block(b, [15] * 4)]
    plans = [prescribe(at_thirty(), sessions, day(14 * b)) for b in range(1, 10)]
    assert [(p.minutes, p.hard_minutes) for p in plans] == [
        (30, 10), (30, 12), (30, 14), (30, 17), (30, 20), (36, 20), (43, 20), (45, 20), (45, 20)]
    assert [p.phase for p in plans][4:] == ["build", "build", "build", "maintain", "maintain"]
    assert all("reached your goal" not in p.reason for p in plans[:7])
    assert "reached your goal of 45 minutes, 20 of them hard" in plans[8].reason


def test_hard_minutes_never_exceed_20_whatever_the_hard_goal():
    sessions = block(0, [13] * 4) + [s for b in range(1, 12) for s in block(b, [15] * 4)]
    plan = prescribe(at_thirty(hard_goal=21), sessions, day(14 * 12))
    assert (plan.hard_minutes, plan.minutes, plan.phase) == (20, 45, "maintain")


def test_the_first_interval_block_is_capped_at_the_hard_goal():
    plan = prescribe(at_thirty(hard_goal=6), block(0, [13] * 4), day(14))
    assert (plan.hard_minutes, plan.phase) == (6, "build")   # the hard goal is reached: the duration grows


def test_the_dose_gate_holds_the_intervals_too():
    sessions = block(0, [13] * 4) + block(1, [15])
    plan = prescribe(at_thirty(), sessions, day(28))
    assert plan.hard_minutes == 10 and "1 of 4 done" in plan.reason


# --- rule 5: maintain -------------------------------------------------------------------

def test_no_intervals_wanted_means_the_duration_grows_past_30():
    plan = prescribe(contract(start=30, goal=45, hard_goal=0), block(0, [11] * 4), day(14))
    assert (plan.minutes, plan.hard_minutes, plan.phase) == (36, 0, "build")


def test_a_goal_under_30_never_starts_intervals():
    sessions = [s for b in range(4) for s in block(b, [11] * 4)]
    plan = prescribe(contract(start=20, goal=25, hard_goal=20), sessions, day(56))
    assert (plan.minutes, plan.hard_minutes, plan.phase) == (25, 0, "maintain")


def test_starting_at_the_goal_is_maintain_from_day_one():
    plan = prescribe(contract(start=20, goal=20), [], day(0))
    assert plan.phase == "maintain" and "reached your goal" in plan.reason


def test_maintain_keeps_the_minutes_whatever_the_effort():
    sessions = block(0, [8] * 4) + block(1, [19] * 4)
    assert prescribe(contract(start=25, goal=25), sessions, day(28)).minutes == 25


# --- rule 6: very easy --------------------------------------------------------------------

def test_two_very_easy_sessions_add_10_percent_from_the_next_day():
    sessions = block(0, [9, 9])
    assert prescribe(contract(), sessions, day(1)).minutes == 20   # only one session so far
    plan = prescribe(contract(), sessions, day(2))
    assert plan.minutes == 22 and "very easy" in plan.reason


def test_rpe_10_is_not_very_easy():
    assert prescribe(contract(), block(0, [9, 10]), day(2)).minutes == 20
    assert prescribe(contract(), block(0, [10, 9]), day(2)).minutes == 20


def test_very_easy_happens_once_per_block():
    assert prescribe(contract(), block(0, [8, 8, 8, 8]), day(4)).minutes == 22


def test_very_easy_carries_into_the_next_block_and_can_happen_again_there():
    sessions = block(0, [8] * 4) + block(1, [8, 8])
    assert prescribe(contract(), sessions, day(14)).minutes == 26     # 22, then +20 % at the block edge
    assert prescribe(contract(), sessions, day(14 + 2)).minutes == 29  # another very-easy bump in block 1


def test_very_easy_pairs_do_not_span_blocks():
    sessions = [LoggedSession(day(13), 20, 8), LoggedSession(day(14), 20, 8)]
    assert prescribe(contract(), sessions, day(15)).minutes == 20


def test_very_easy_skips_bad_days():
    assert prescribe(contract(), block(0, [8, 12, 8], bad={1}), day(3)).minutes == 22


def test_very_easy_respects_the_cap():
    assert prescribe(contract(start=24, goal=25), block(0, [8, 8]), day(2)).minutes == 25


def test_very_easy_does_not_apply_outside_build():
    plan = prescribe(contract(start=30, goal=45), block(0, [8, 8]), day(2))
    assert plan.minutes == 30


# --- rule 7: bad day ----------------------------------------------------------------------

@pytest.mark.parametrize("start, half", [(25, 13), (20, 10), (1, 1), (31, 16)])
def test_a_bad_day_halves_the_minutes_half_up(start, half):
    plan = prescribe(contract(start=start, goal=60), [], day(0), bad_day=True)
    assert plan.minutes == half and "half" in plan.reason


def test_a_bad_day_halves_the_hard_minutes_too():
    sessions = block(0, [13] * 4) + block(1, [15] * 4) + block(2, [15] * 4)
    normal = prescribe(at_thirty(), sessions, day(42))
    bad = prescribe(at_thirty(), sessions, day(42), bad_day=True)
    assert (normal.minutes, normal.hard_minutes) == (30, 14)
    assert (bad.minutes, bad.hard_minutes, bad.phase) == (15, 7, "intervals")


# --- rule 8: reasons ----------------------------------------------------------------------

def test_every_rule_gives_its_own_reason():
    reasons = {
        prescribe(contract(), [], day(0)).reason,
        prescribe(contract(), block(0, [11] * 4), day(14)).reason,
        prescribe(contract(), block(0, [14] * 4), day(14)).reason,
        prescribe(contract(), block(0, [15] * 4), day(14)).reason,
        prescribe(contract(), block(0, [11]), day(14)).reason,
        prescribe(contract(start=24, goal=25), block(0, [11] * 4), day(14)).reason,
        prescribe(contract(), block(0, [8, 8]), day(2)).reason,
        prescribe(at_thirty(), block(0, [13] * 4), day(14)).reason,
        prescribe(contract(start=25, goal=25), [], day(0)).reason,
        prescribe(contract(), [], day(0), bad_day=True).reason,
    }
    assert len(reasons) == 10


def test_twelve_weeks_from_a_new_contract():
    """A patient who can walk 25 minutes, aiming at 45 with 20 hard minutes, three times a week."""
    c = Contract(START, start_minutes_for(25), 45, 3, 20)
    weeks = [12, 12, 13, 13, 15, 15, 12, 12, 13, 13, 14, 14]  # mean RPE per block of two weeks...
    sessions = [s for b in range(6) for s in block(b, [weeks[2 * b]] * 3 + [weeks[2 * b + 1]] * 3)]
    plans = [prescribe(c, sessions, day(14 * b)) for b in range(7)]
    assert [(p.minutes, p.hard_minutes, p.phase) for p in plans] == [
        (20, 0, "build"),       # start: 80 % of 25
        (24, 0, "build"),       # mean 12: +20 %
        (29, 0, "build"),       # mean 13: +20 %
        (29, 0, "build"),       # mean 15: repeat two more weeks
        (30, 0, "intervals"),   # mean 12: +20 %, capped at 30
        (30, 10, "intervals"),  # mean 13 at 30 minutes: intervals start
        (30, 12, "intervals"),  # mean 14 <= 16: hard minutes +20 %
    ]


# --- the reasons in both languages ----------------------------------------------------------

def test_every_reason_exists_in_every_language_with_the_same_numbers():
    import re

    from server.domain.pacing_text import TEXTS

    fields = {code: set(re.findall(r"{(\w+)}", text)) for code, text in TEXTS["en"].items()}
    for locale, texts in TEXTS.items():
        assert set(texts) == set(fields), locale
        for code, text in texts.items():
            assert set(re.findall(r"{(\w+)}", text)) == fields[code], (locale, code)


def test_the_reason_speaks_swedish_with_a_decimal_comma():
    plan = prescribe(contract(), block(0, [12, 13, 12, 13, 12]), day(14), locale="sv")
    assert plan.minutes == 24 and plan.reason.startswith("De senaste två veckorna") and "12,4" in plan.reason
    bad = prescribe(contract(), [], day(0), bad_day=True, locale="sv")
    assert bad.reason.startswith("En dålig dag") and "10 av 20 minuter" in bad.reason


# --- rule 2 (issue 9): the dose gate ------------------------------------------------------

def sessions_of(minutes: list[int], rpe: int = 12) -> list[LoggedSession]:
    return [LoggedSession(day(i), m, rpe) for i, m in enumerate(minutes)]


@pytest.mark.parametrize("per_week, needed", [(1, 2), (2, 3), (3, 4), (4, 6), (5, 7), (6, 8), (7, 10)])
def test_the_sessions_needed_are_two_thirds_of_the_fortnight(per_week, needed):
    from server.domain.pacing import sessions_needed

    assert sessions_needed(per_week) == needed


@pytest.mark.parametrize("per_week, minutes, grows, words", [
    (3, [16, 16, 16, 16], True, None),              # 16 x 5 = 80 = 20 x 4: exactly 80 % is done
    (3, [16, 16, 16, 15], False, "3 of 4 done"),    # one session a minute short
    (3, [20, 20, 20], False, "3 of 4 done"),        # one session short
    (3, [20] * 4, True, None),
    (2, [20] * 3, True, None),
    (2, [20] * 2, False, "2 of 3 done"),
    (4, [20] * 6, True, None),
    (4, [20] * 5, False, "5 of 6 done"),
    (3, [20, 20, 20, 10, 10], False, "3 of 4 done"),  # short sessions count in the mean, not the dose
])
def test_the_dose_gate_boundaries(per_week, minutes, grows, words):
    plan = prescribe(contract(per_week=per_week), sessions_of(minutes), day(14))
    assert plan.minutes == (24 if grows else 20)
    if words:
        assert words in plan.reason and f"{per_week} a week" in plan.reason


def test_the_planned_minutes_are_those_at_the_blocks_start_not_after_a_very_easy_bump():
    # two very easy sessions bump 20 -> 22 in the block; 16 minutes is still 80 % of the 20 planned
    sessions = sessions_of([16, 16], rpe=8) + [LoggedSession(day(2 + i), 16, 12) for i in range(2)]
    assert prescribe(contract(), sessions, day(14)).minutes == 26   # 22 +20 % = 26.4 -> 26


def test_the_mean_covers_only_the_done_sessions_not_the_short_ones():
    # four full sessions at 12, two short ones at 19: the mean of the done sessions is 12 -> grow
    # (rules v2 took every counted session: 14.3 -> hold)
    sessions = sessions_of([20] * 4 + [5, 5], rpe=12)
    sessions[-1] = LoggedSession(day(5), 5, 19)
    sessions[-2] = LoggedSession(day(4), 5, 19)
    plan = prescribe(contract(), sessions, day(14))
    assert plan.minutes == 24 and "average effort 12" in plan.reason


def test_bad_days_do_not_count_towards_the_dose():
    plan = prescribe(contract(), block(0, [11] * 4, bad={0}), day(14))
    assert plan.minutes == 20 and "3 of 4 done" in plan.reason


# --- goals past 30 minutes (issue 9) ------------------------------------------------------

def test_goal_45_without_intervals_grows_the_duration_to_45():
    c = contract(start=30, goal=45, hard_goal=0)
    sessions = [s for b in range(3) for s in block(b, [11] * 4)]
    plans = [prescribe(c, sessions, day(14 * b)) for b in range(4)]
    assert [(p.minutes, p.hard_minutes, p.phase) for p in plans] == [
        (30, 0, "build"), (36, 0, "build"), (43, 0, "build"), (45, 0, "maintain")]
    assert "reached your goal of 45 minutes" in plans[3].reason


def test_goal_45_with_intervals_stops_the_duration_at_30_and_grows_the_hard_minutes():
    c = contract(start=27, goal=45, hard_goal=20)
    sessions = [s for b in range(3) for s in block(b, [12] * 4)]
    plans = [prescribe(c, sessions, day(14 * b)) for b in range(4)]
    assert [(p.minutes, p.hard_minutes) for p in plans] == [(27, 0), (30, 0), (30, 10), (30, 12)]
    assert "goal of 45 minutes" in plans[2].reason


def test_a_goal_of_29_with_a_hard_goal_never_starts_intervals():
    plan = prescribe(contract(start=25, goal=29, hard_goal=20), block(0, [11] * 4), day(14))
    assert (plan.minutes, plan.hard_minutes, plan.phase) == (29, 0, "maintain")
    assert "goal of 29 minutes" in plan.reason


@pytest.mark.parametrize("hard_goal, final", [(20, 20), (21, 20), (19, 19)])
def test_hard_goal_20_is_the_most_and_21_is_held_at_20(hard_goal, final):
    sessions = block(0, [13] * 4) + [s for b in range(1, 8) for s in block(b, [15] * 4)]
    plan = prescribe(at_thirty(hard_goal=hard_goal), sessions, day(14 * 8))
    assert (plan.hard_minutes, plan.phase) == (final, "maintain")
    assert "goal of 45 minutes" in plan.reason


def test_every_patient_text_says_the_contracted_sessions_per_week():
    for per_week in (2, 3, 5):
        en = prescribe(contract(per_week=per_week), [], day(0)).reason
        sv = prescribe(contract(per_week=per_week), [], day(0), locale="sv").reason
        assert f"{per_week} times a week" in en and f"{per_week} gånger i veckan" in sv


def test_judge_block_is_the_fold_of_prescribe():
    from server.domain.pacing import initial_state, judge_block, prescription_from

    c = contract()
    blocks = [block(b, [12] * 4) for b in range(3)]
    state = initial_state(c)
    for b in blocks:
        state = judge_block(c, state, b)
    assert prescription_from(c, state) == prescribe(c, [s for b in blocks for s in b], day(42))


def test_within_block_adds_the_very_easy_bump_of_the_current_block():
    from server.domain.pacing import initial_state, judge_block, prescription_from, within_block

    c = contract()
    state = judge_block(c, initial_state(c), block(0, [12] * 4))
    today = within_block(c, state, block(1, [8, 8]))
    assert prescription_from(c, today) == prescribe(c, block(0, [12] * 4) + block(1, [8, 8]), day(16))
    assert today.minutes == 26   # 24, then +10 %


# --- the therapist's timeline: the same rules, block by block --------------------------------

def test_the_timeline_has_one_block_per_14_days_up_to_today():
    from server.domain.pacing_timeline import timeline

    blocks = timeline(contract(), block(0, [11, 11, 11, 11]) + block(1, [14, 14, 14, 14]), day(30))
    assert [(b.index, b.start, b.end) for b in blocks] == [(0, day(0), day(13)), (1, day(14), day(27)),
                                                           (2, day(28), day(41))]
    assert [(b.minutes, b.decision) for b in blocks] == [(20, "grow"), (24, "hold"), (24, "in_progress")]
    assert blocks[0].values == {"mean": "11", "minutes": 24, "goal": 45} and blocks[1].mean_rpe == 14.0


def test_the_timeline_agrees_with_prescribe_on_every_block_start():
    from server.domain.pacing_timeline import timeline

    sessions = (block(0, [11, 11, 11, 11]) + block(1, [12, 9, 9, 12]) + block(2, [15, 15, 16, 15])
                + block(3, [13, 13, 13, 13]) + block(4, [12]))
    for b in timeline(contract(), sessions, day(70)):
        plan = prescribe(contract(), sessions, b.start)
        assert (b.minutes, b.hard_minutes, b.phase) == (plan.minutes, plan.hard_minutes, plan.phase), b.index


def test_the_last_day_of_a_block_is_still_in_progress_and_the_next_day_judges_it():
    from server.domain.pacing_timeline import timeline

    assert timeline(contract(), block(0, [11, 11, 11, 11]), day(13))[-1].decision == "in_progress"
    assert timeline(contract(), block(0, [11, 11, 11, 11]), day(14))[0].decision == "grow"


def test_sessions_count_bad_days_but_the_mean_does_not():
    from server.domain.pacing_timeline import timeline

    first = timeline(contract(), block(0, [12, 18, 12, 12], bad={1}), day(14))[0]
    assert (first.sessions, first.mean_rpe, first.planned_sessions) == (4, 12.0, 6)


def test_before_the_start_there_is_no_timeline():
    from server.domain.pacing_timeline import timeline

    assert timeline(contract(), [], START - timedelta(days=1)) == []
    assert [b.decision for b in timeline(contract(), [], START)] == ["in_progress"]


@pytest.mark.parametrize("blocks_rpes, held", [
    ([[14, 14, 14, 14], [15, 15, 15, 15]], True),        # hold, then repeat
    ([[11], [12, 12]], True),                    # the dose not done twice: the plan is stuck too
    ([[14, 14, 14, 14], [11, 11, 11, 11]], False),       # hold, then grow
    ([[11, 11, 11, 11], [14, 14, 14, 14]], False),       # only the last held
    ([[14, 14, 14, 14]], False),                     # one finished block
    ([[14, 14, 14, 14], [14, 14, 14, 14], [11, 11, 11, 11]], False),   # it grew again since
])
def test_held_twice_needs_the_last_two_finished_blocks_holding(blocks_rpes, held):
    from server.domain.pacing_timeline import held_twice, timeline

    sessions = [s for n, rpes in enumerate(blocks_rpes) for s in block(n, rpes)]
    found = held_twice(timeline(contract(), sessions, day(14 * len(blocks_rpes) + 1)))
    assert (found is not None) is held
    if held:
        assert found.index == len(blocks_rpes) - 1


def test_reaching_the_goal_is_not_a_hold():
    from server.domain.pacing_timeline import held_twice, timeline

    at_goal = contract(start=45, goal=45, hard_goal=0)
    sessions = block(0, [14, 14, 14, 14]) + block(1, [14, 14, 14, 14])
    assert [b.decision for b in timeline(at_goal, sessions, day(29))][:2] == ["goal", "goal"]
    assert held_twice(timeline(at_goal, sessions, day(29))) is None


def test_every_timeline_decision_has_therapist_words_in_every_language():
    import re

    from server.domain.pacing_text import FOR_THERAPIST, TEXTS

    decisions = set(TEXTS["en"]) - {"start", "carried", "carried_hard", "very_easy", "bad_day", "bad_day_hard"} \
        | {"in_progress"}
    assert set(FOR_THERAPIST) == set(TEXTS)
    for language, texts in FOR_THERAPIST.items():
        assert decisions <= set(texts), language
        for code, sentence in texts.items():
            assert set(re.findall(r"{(\w+)}", sentence)) == set(re.findall(r"{(\w+)}", FOR_THERAPIST["en"][code]))
            assert not re.search(r"\byou(r)?\b|\bdu\b|\bdin\b", sentence, re.I), (language, code)   # third person
