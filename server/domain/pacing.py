"""RPE-based pacing of general training: the BetterBack "pacing model", rules v3 (issue 17).

Source: the BetterBack training program, "General training - getting in shape",
Schröder et al., BMJ Open 2018 (NCT03147300), supplementary file 8; line numbers are
those of ../shared/seeds/002_b767a39d856ccad1.txt.

| rule | what it says | source lines |
|------|--------------|--------------|
| 0 | start at about 20 % below what the patient can do now: start = 0.8 x capable; a revised contract may carry the pacing state over instead (contracts.revise) | 4264-4265, 4296 |
| 1 | blocks of 14 days from the contract's start date; block 0 gets the start minutes (and any carried hard minutes) | 4270-4272, 4298 |
| 2 | done: a counted (not bad-day) session is done when minutes x 5 >= planned x 4 and, once intervals have started, hard minutes x 5 >= planned hard x 4 (planned = at the block's start). Dose gate: a block is judged only when ceil(4 x sessions_per_week / 3) sessions are done, else hold ("3 of 4 done"). The block's mean RPE is over the done sessions only | 4264-4274 (the prescribed session), 4294 |
| 3 | build: mean < 14 ("below somewhat hard") adds 20 %, capped at the build cap; 14 or more holds; 15 or more: "repeat two more weeks". The build cap is 30 while intervals are wanted (hard goal > 0 and goal >= 30) and the hard minutes are below their goal, else the goal itself | 4270-4274, 4276 |
| 4 | intervals: at 30 minutes the first judged block with mean < 14 starts 10-minute intervals at RPE 15-16; then each judged block with mean < 16 adds 20 % to the hard minutes, capped at the hard goal and at 20; 16 or more holds | 4276-4280 |
| 5 | lengthen: once the hard minutes reach their goal, a goal past 30 grows the duration again, +20 % per judged block with mean < 16, up to the goal, the hard minutes kept (phase "build") | 4276-4280, 4298-4300 ("until I reach my goal") |
| 6 | maintain once the goal minutes (and the hard goal, when intervals are wanted) are reached | 4298-4300 |
| 7 | very easy: two adjacent counted sessions of the block at RPE <= 9, both done, add a little (10 %), once per block, build phase only | 4264-4268 |
| 8 | a bad day: half of today's plan. A bad-day session counts as a session done (adherence), and is never judged for progression | 4282-4284 |
| 9 | every prescription says in plain words which rule gave it | (the app shows it) |

Choices where the protocol is silent (README.md, "Pacing", gives the reasons):
- +20 % and "a little" (10 %) round half up and add at least one minute.
- Done is 80 % of the block-start minutes and hard minutes; ceil(4/3 x sessions per week) done
  sessions are needed (2/week -> 3, 3/week -> 4); a short walk is not the prescribed session and
  never moves the mean.
- Hard minutes grow below a mean of 16 (intervals are done at 15-16, l.4278) and never exceed 20
  (10 of the 30 minutes stay easy); the first interval block is 10 hard minutes, at most the hard goal.
- Past 30 with intervals, the duration grows again once the hard goal is reached, so every goal can be.
- A mean from 14 up to 15 holds with its own reason; every reason names the contract's goal and its
  sessions per week (l.4294 contracts 3; the therapist may choose 1-7).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from server.domain.pacing_text import render

BLOCK_DAYS = 14
SESSION_CAP = 30           # minutes at which intensity, not duration, grows (line 4276)
GROW_BELOW = 14            # "below somewhat hard" (line 4270)
REPEAT_FROM = 15           # "level 15 or more ... same training for an additional 2 weeks" (4272)
HARD_HOLD_FROM = 16        # intervals are done at 15-16 (line 4278): a mean of 16 or more holds them
VERY_EASY = 9              # "very easy (at level 9 or below)" (line 4266)
FIRST_INTERVAL = 10        # "10 minute intervals" (line 4278)
HARD_MAX = 20              # of the 30 minutes, 10 stay easy (warm-up and cool-down)
GROWTH = Fraction(1, 5)    # 20 %
NUDGE = Fraction(1, 10)    # "increase slightly": 10 %


@dataclass(frozen=True)
class Contract:
    start_date: date
    start_minutes: int
    goal_minutes: int
    sessions_per_week: int = 3
    goal_hard_minutes: int = 0       # intervals are an option (l.4276), not the default
    start_hard_minutes: int = 0      # carried over from the previous version (rule 0)
    carried_over: bool = False       # block 0 continues the previous version's pacing


@dataclass(frozen=True)
class LoggedSession:
    day: date
    minutes: int
    rpe: int
    bad_day: bool = False
    hard_minutes: int = 0


@dataclass(frozen=True)
class Prescription:
    minutes: int
    hard_minutes: int
    phase: str   # "build" | "intervals" | "maintain"
    reason: str


def round_half_up(value: Fraction | int) -> int:
    return math.floor(Fraction(value) + Fraction(1, 2))


def start_minutes_for(capable_minutes: int) -> int:
    """Rule 0: 20 % below what the patient can do now."""
    return round_half_up(Fraction(capable_minutes) * Fraction(4, 5))


def _grow(value: int, fraction: Fraction, cap: int) -> int:
    return min(cap, max(value + 1, round_half_up(value * (1 + fraction))))


@dataclass(frozen=True)
class PacingState:
    """Where the pacing stands at a block's start: a pure value, so it can be stored and reused."""
    minutes: int
    hard: int = 0
    reason: tuple[str, dict] = ("start", {})   # a code of pacing_text.TEXTS and its numbers


def wants_intervals(contract: Contract) -> bool:
    return contract.goal_hard_minutes > 0 and contract.goal_minutes >= SESSION_CAP


def hard_goal(contract: Contract) -> int:
    return min(contract.goal_hard_minutes, HARD_MAX) if wants_intervals(contract) else 0


def _build_cap(contract: Contract, state: PacingState) -> int:
    """Rules 3 and 5: 30 minutes until the hard minutes reach their goal, else the goal itself."""
    return SESSION_CAP if state.hard < hard_goal(contract) else contract.goal_minutes


def phase_of(contract: Contract, state: PacingState) -> str:
    if state.minutes >= SESSION_CAP and state.hard < hard_goal(contract):
        return "intervals"
    return "build" if state.minutes < contract.goal_minutes else "maintain"


def _fmt(mean: Fraction) -> str:
    return f"{float(mean):.1f}".rstrip("0").rstrip(".")


def sessions_needed(sessions_per_week: int) -> int:
    """Rule 2: two thirds of a fortnight's planned sessions, ceil(4 x per week / 3)."""
    return -(-4 * sessions_per_week // 3)


def is_done(session: LoggedSession, planned: PacingState) -> bool:
    """Rule 2: 80 % of the block-start minutes and, once intervals have started, of its hard minutes."""
    return session.minutes * 5 >= planned.minutes * 4 and session.hard_minutes * 5 >= planned.hard * 4


def _goal_values(contract: Contract) -> dict:
    return {"goal": contract.goal_minutes, "hard_goal": hard_goal(contract)}


def _dose_reason(contract: Contract, planned: PacingState, done: int, bad_days: int) -> tuple[str, dict]:
    values = {"done": done, "needed": sessions_needed(contract.sessions_per_week),
              "per_week": contract.sessions_per_week, "planned": planned.minutes, "bad_days": bad_days}
    return ("dose_hard", {**values, "hard": planned.hard}) if planned.hard else ("dose", values)


def _judge(contract: Contract, state: PacingState, counted: Sequence[LoggedSession], planned: PacingState,
           bad_days: int) -> PacingState:
    """Rules 2-6: the decision at the start of a block about the block before it."""
    phase = phase_of(contract, state)
    if phase == "maintain":
        return replace(state, reason=_maintain_reason(contract, state))
    done = [s for s in counted if is_done(s, planned)]
    if len(done) < sessions_needed(contract.sessions_per_week):
        return replace(state, reason=_dose_reason(contract, planned, len(done), bad_days))
    mean = Fraction(sum(s.rpe for s in done), len(done))
    if phase == "intervals":
        return _judge_intervals(contract, state, mean)
    if state.hard:
        return _judge_lengthen(contract, state, mean)
    return _judge_build(contract, state, mean)


def _judge_build(contract: Contract, state: PacingState, mean: Fraction) -> PacingState:
    said = _fmt(mean)
    if mean < GROW_BELOW:
        grown = _grow(state.minutes, GROWTH, _build_cap(contract, state))
        code = "grow_goal" if grown >= contract.goal_minutes else "grow"
        return replace(state, minutes=grown,
                       reason=(code, {"mean": said, "minutes": grown, "goal": contract.goal_minutes}))
    if mean >= REPEAT_FROM:
        return replace(state, reason=("repeat", {"mean": said}))
    return replace(state, reason=("hold", {"mean": said}))


def _judge_lengthen(contract: Contract, state: PacingState, mean: Fraction) -> PacingState:
    """Rule 5: past 30 with intervals, the hard goal reached: the duration grows again towards the goal."""
    values = {"mean": _fmt(mean), "hard": state.hard, **_goal_values(contract)}
    if mean < HARD_HOLD_FROM:
        grown = _grow(state.minutes, GROWTH, contract.goal_minutes)
        code = "lengthen_goal" if grown >= contract.goal_minutes else "lengthen"
        return replace(state, minutes=grown, reason=(code, {**values, "minutes": grown}))
    return replace(state, reason=("lengthen_hold", {**values, "minutes": state.minutes}))


def _judge_intervals(contract: Contract, state: PacingState, mean: Fraction) -> PacingState:
    values = {"mean": _fmt(mean), "minutes": state.minutes, **_goal_values(contract)}
    if not state.hard:
        if mean < GROW_BELOW:
            hard = min(FIRST_INTERVAL, hard_goal(contract), state.minutes)
            return replace(state, hard=hard, reason=("intervals_start", {**values, "hard": hard}))
        return replace(state, reason=("intervals_wait", values))
    if mean < HARD_HOLD_FROM:
        hard = _grow(state.hard, GROWTH, min(hard_goal(contract), state.minutes))
        return replace(state, hard=hard, reason=("intervals_grow", {**values, "hard": hard}))
    return replace(state, reason=("intervals_hold", {**values, "hard": state.hard}))


def _maintain_reason(contract: Contract, state: PacingState) -> tuple[str, dict]:
    if state.hard:
        return "goal_hard", {"minutes": state.minutes, "hard": state.hard, "goal": contract.goal_minutes}
    return "goal", {"minutes": state.minutes, "goal": contract.goal_minutes}


def _nudge(contract: Contract, state: PacingState, counted: Sequence[LoggedSession]) -> PacingState:
    """Rule 7: two adjacent very easy counted sessions, both done, add 10 %, once per block."""
    if phase_of(contract, state) != "build":
        return state
    for previous, session in zip(counted, counted[1:]):
        if all(s.rpe <= VERY_EASY and is_done(s, state) for s in (previous, session)):
            grown = _grow(state.minutes, NUDGE, _build_cap(contract, state))
            return replace(state, minutes=grown,
                           reason=("very_easy", {"first": previous.rpe, "second": session.rpe, "minutes": grown}))
    return state


def initial_state(contract: Contract) -> PacingState:
    """Block 0: the start minutes and any carried hard minutes (rules 0 and 1)."""
    values = {"minutes": contract.start_minutes, "per_week": contract.sessions_per_week}
    if contract.carried_over:
        values = {**values, "hard": contract.start_hard_minutes, **_goal_values(contract)}
        reason = ("carried_hard" if contract.start_hard_minutes else "carried", values)
    else:
        reason = ("start", values)
    state = PacingState(minutes=contract.start_minutes, hard=contract.start_hard_minutes, reason=reason)
    if phase_of(contract, state) == "maintain":
        state = replace(state, reason=_maintain_reason(contract, state))
    return state


def carried_start(contract: Contract, state: PacingState) -> tuple[int, int]:
    """Rule 0 for a revision: the minutes and hard minutes a revised contract starts from, given the
    previous version's state. The goal caps the minutes; hard minutes stay only where intervals are wanted."""
    minutes = min(state.minutes, contract.goal_minutes)
    return minutes, min(state.hard, hard_goal(contract), minutes)


def _counted(sessions: Iterable[LoggedSession]) -> list[LoggedSession]:
    return sorted((s for s in sessions if not s.bad_day), key=lambda s: s.day)


def judge_block(contract: Contract, state: PacingState, block_sessions: Iterable[LoggedSession]) -> PacingState:
    """The state at the start of the next block, from the state at this block's start and this
    block's sessions (all of them; bad days are left out here). Pure: same inputs, same answer,
    so a finished block's result can be stored and reused."""
    block_sessions = list(block_sessions)
    counted = _counted(block_sessions)
    bad_days = len(block_sessions) - len(counted)
    return _judge(contract, _nudge(contract, state, counted), counted, state, bad_days)


def within_block(contract: Contract, state: PacingState, sessions_so_far: Iterable[LoggedSession]) -> PacingState:
    """Today's state inside the current block: the block's start state plus the very-easy bump
    (rule 7) from the sessions logged so far in it (bad days are left out here)."""
    return _nudge(contract, state, _counted(sessions_so_far))


def _in(sessions: Sequence[LoggedSession], days: Sequence[date], first: date,
        last_exclusive: date) -> Sequence[LoggedSession]:
    """The sessions of [first, last_exclusive), found by bisection in the day-sorted list."""
    return sessions[bisect_left(days, first):bisect_left(days, last_exclusive)]


def block_start(contract: Contract, index: int) -> date:
    return contract.start_date + timedelta(days=BLOCK_DAYS * index)


def block_index(contract: Contract, on: date) -> int:
    return max(0, (on - contract.start_date).days // BLOCK_DAYS)


block_of = block_index


def _before(contract: Contract, sessions: Iterable[LoggedSession], on: date) -> tuple[list, list]:
    """The sessions from the contract's start up to (not including) `on`, day-sorted, and their days."""
    kept = sorted((s for s in sessions if contract.start_date <= s.day < on), key=lambda s: s.day)
    return kept, [s.day for s in kept]


def replay(contract: Contract, state: PacingState, block: int, sessions: Iterable[LoggedSession],
           on: date) -> list[tuple[int, PacingState]]:
    """From the state at the start of `block`, the states at the start of every later block up to the one
    `on` falls in: [(block, state), ...]. Each depends only on the sessions before its block's start, so a
    kept state stays right until a diary entry before that day changes. `sessions` must hold every session
    from the start of `block` (earlier ones are not looked at)."""
    kept, days = _before(contract, sessions, on)
    states = []
    for index in range(block + 1, block_index(contract, on) + 1):
        state = judge_block(contract, state, _in(kept, days, block_start(contract, index - 1),
                                                 block_start(contract, index)))
        states.append((index, state))
    return states


def state_on(contract: Contract, sessions: Iterable[LoggedSession], on: date) -> PacingState:
    """The pacing state on the day `on`, from the sessions logged before it (the fold of judge_block)."""
    sessions = list(sessions)
    states = replay(contract, initial_state(contract), 0, sessions, on)
    return _today(contract, states[-1][1] if states else initial_state(contract), sessions, on)


def _today(contract: Contract, state: PacingState, sessions: Iterable[LoggedSession], on: date) -> PacingState:
    kept, days = _before(contract, sessions, on)
    return within_block(contract, state, _in(kept, days, block_start(contract, block_index(contract, on)), on))


def prescribe(contract: Contract, sessions: Iterable[LoggedSession], on: date, bad_day: bool = False, *,
              locale: str = "en") -> Prescription:
    """The general-training prescription for the day `on`, from the sessions logged before it;
    its reason in the patient's language (pacing_text)."""
    return prescription_from(contract, state_on(contract, sessions, on), bad_day, locale=locale)


def prescribe_in_block(contract: Contract, state: PacingState, sessions: Iterable[LoggedSession], on: date,
                       bad_day: bool = False, *, locale: str = "en") -> Prescription:
    """The prescription for `on` from the state at the start of its block and the sessions of that block
    so far (rule 7 within the block, rule 8 for a bad day): the stored path (plan_state.py)."""
    return prescription_from(contract, _today(contract, state, sessions, on), bad_day, locale=locale)


def prescription_from(contract: Contract, state: PacingState, bad_day: bool = False, *,
                      locale: str = "en") -> Prescription:
    """Today's prescription from the current state; a bad day halves both numbers (rule 8)."""
    phase = phase_of(contract, state)
    if not bad_day:
        return Prescription(state.minutes, state.hard, phase, render(*state.reason, locale))
    minutes = round_half_up(Fraction(state.minutes, 2))
    hard = round_half_up(Fraction(state.hard, 2))
    code = "bad_day_hard" if state.hard else "bad_day"
    return Prescription(minutes, hard, phase,
                        render(code, {"minutes": minutes, "planned": state.minutes, "hard": hard}, locale))


def state_to_json(state: PacingState) -> dict:
    """A state as JSON-ready values, whatever fields the rules keep in it."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(state).items()}


def state_from_json(data: dict) -> PacingState:
    return PacingState(**{key: tuple(value) if isinstance(value, list) else value for key, value in data.items()})
