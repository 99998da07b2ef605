"""RPE-based pacing of general training: the BetterBack "pacing model".

Source: the BetterBack training program, "General training - getting in shape",
Schröder et al., BMJ Open 2018 (NCT03147300), supplementary file 8; line numbers are
those of ../shared/seeds/002_b767a39d856ccad1.txt.

| rule | what it says | source lines |
|------|--------------|--------------|
| 0 | start at about 20 % below what the patient can do now: start = 0.8 x capable | 4264-4265, 4294 |
| 1 | blocks of 14 days from the contract's start date; block 0 gets start minutes, no hard minutes | 4270-4272, 4295 |
| 2 | dose gate: a block is judged only when at least ceil(4 x sessions_per_week / 3) of its counted sessions reached 80 % of the minutes prescribed at the block's start (minutes x 5 >= planned x 4); otherwise hold ("3 of 4 done"). The mean RPE is over all counted sessions | 4264-4274 (progression assumes the planned training was done), 4292-4294 |
| 3 | build: mean < 14 ("below somewhat hard") adds 20 %, capped at the build cap; 14 or more holds; 15 or more: "repeat two more weeks". The build cap is 30 when intervals are wanted (hard goal > 0 and goal >= 30), else the goal itself, even past 30 | 4270-4273, 4276-4277 |
| 4 | intervals (wanted only when hard goal > 0 and goal >= 30): at 30 minutes the first judged block with mean < 14 starts 10-minute intervals at RPE 15-16; then each judged block with mean <= 16 adds 20 % to the hard minutes, capped at the hard goal and at 20 (10 of the 30 minutes stay easy) | 4277-4280 |
| 5 | maintain once the goal is reached: the goal minutes (no intervals), or 30 minutes with the hard-minute goal (intervals) | 4295-4296 ("until I reach my goal") |
| 6 | very easy (two latest counted sessions of the block at RPE <= 9): add a little (10 %), once per block | 4265-4267 |
| 7 | a bad day: half of today's plan; bad-day sessions are never judged | 4282-4283 |
| 8 | every prescription says in plain words which rule gave it | (the app shows it) |

Choices where the protocol is silent (also in README.md):
- "Increase by 20 %" and "a little" (10 %) round half up to whole minutes and add at least one minute.
- The dose gate (revised in issue 9): l.4264-4274 grow the dose on the assumption that the
  planned sessions were done. "Done" is 80 % of the planned minutes, and the number needed is
  ceil(4/3 x sessions per week) in the 14 days: two thirds of the fortnight's planned sessions
  (2/week -> 3, 3/week -> 4, 4/week -> 6). The mean RPE still counts every non-bad-day session.
- Hard minutes never exceed 20 (HARD_MAX): 10 of the 30 minutes stay easy for warming up and
  cooling down; the contract API refuses a larger hard goal.
- Every reason names the contract's real goal; the reasons that speak of frequency say its sessions per week (l.4294 contracts 3 a
  week; the therapist may choose 1-7, and the patient reads the chosen number).
- The first interval block is 10 hard minutes, but never more than the hard-minute goal or
  the session itself.
- A mean from 14 up to (not including) 15 holds with its own reason ("somewhat hard"); the
  protocol names the two ends only (below 14 grow, 15 or more repeat).
- The very-easy bump needs two counted sessions inside the current block, and happens at
  most once per block; it applies from the day after the second of them.
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
SESSION_CAP = 30           # minutes at which intensity, not duration, grows (line 4277)
GROW_BELOW = 14            # "below somewhat hard" (line 4270)
REPEAT_FROM = 15           # "level 15 or more ... same training for an additional 2 weeks" (4272)
INTERVAL_MAX_MEAN = 16     # intervals are done at 15-16 (line 4278)
VERY_EASY = 9              # "very easy (at level 9 or below)" (line 4266)
FIRST_INTERVAL = 10        # "10 minute intervals" (line 4278)
HARD_MAX = 20              # of the 30 minutes, 10 stay easy (warm-up and cool-down)
DOSE_DONE = Fraction(4, 5)  # a session counts as done at 80 % of the planned minutes
GROWTH = Fraction(1, 5)    # 20 %
NUDGE = Fraction(1, 10)    # "increase slightly": 10 %


@dataclass(frozen=True)
class Contract:
    start_date: date
    start_minutes: int
    goal_minutes: int
    sessions_per_week: int = 3
    goal_hard_minutes: int = 20


@dataclass(frozen=True)
class LoggedSession:
    day: date
    minutes: int
    rpe: int
    bad_day: bool = False


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
    intervals: bool = False
    reason: tuple[str, dict] = ("start", {})   # a code of pacing_text.TEXTS and its numbers


_State = PacingState   # the old private name


def _wants_intervals(contract: Contract) -> bool:
    return contract.goal_hard_minutes > 0 and contract.goal_minutes >= SESSION_CAP


def _build_cap(contract: Contract) -> int:
    """Rule 3: 30 minutes when intervals take over, else the goal itself (even past 30)."""
    return SESSION_CAP if _wants_intervals(contract) else contract.goal_minutes


def _hard_goal(contract: Contract) -> int:
    return min(contract.goal_hard_minutes, HARD_MAX)


def phase_of(contract: Contract, state: PacingState) -> str:
    if state.minutes < _build_cap(contract):
        return "build"
    if not _wants_intervals(contract) or state.hard >= _hard_goal(contract):
        return "maintain"
    return "intervals"


def _fmt(mean: Fraction) -> str:
    return f"{float(mean):.1f}".rstrip("0").rstrip(".")


def sessions_needed(sessions_per_week: int) -> int:
    """Rule 2: two thirds of a fortnight's planned sessions, ceil(4 x per week / 3)."""
    return -(-4 * sessions_per_week // 3)


def _done(session: LoggedSession, planned: int) -> bool:
    return session.minutes * 5 >= planned * 4


def _dose_gate(contract: Contract, planned: int, counted: Sequence[LoggedSession]) -> tuple[str, dict] | None:
    """The hold reason when too few sessions reached 80 % of the planned minutes, else None."""
    needed = sessions_needed(contract.sessions_per_week)
    done = sum(1 for s in counted if _done(s, planned))
    if done >= needed:
        return None
    return "dose", {"done": done, "needed": needed, "per_week": contract.sessions_per_week, "planned": planned}


def _judge(contract: Contract, state: PacingState, counted: Sequence[LoggedSession],
           planned: int) -> PacingState:
    """Rules 2-5: the decision at the start of a block about the block before it."""
    phase = phase_of(contract, state)
    if phase == "maintain":
        return replace(state, reason=_maintain_reason(contract, state))
    gate = _dose_gate(contract, planned, counted)
    if gate:
        return replace(state, reason=gate)
    mean = Fraction(sum(s.rpe for s in counted), len(counted))
    said = _fmt(mean)
    if phase == "build":
        return _judge_build(contract, state, mean, said)
    return _judge_intervals(contract, state, mean, said)


def _judge_build(contract: Contract, state: PacingState, mean: Fraction, said: str) -> PacingState:
    if mean < GROW_BELOW:
        grown = _grow(state.minutes, GROWTH, _build_cap(contract))
        code = "grow_goal" if grown >= contract.goal_minutes else "grow"
        return replace(state, minutes=grown,
                       reason=(code, {"mean": said, "minutes": grown, "goal": contract.goal_minutes}))
    if mean >= REPEAT_FROM:
        return replace(state, reason=("repeat", {"mean": said}))
    return replace(state, reason=("hold", {"mean": said}))


def _judge_intervals(contract: Contract, state: PacingState, mean: Fraction, said: str) -> PacingState:
    if not state.intervals:
        if mean < GROW_BELOW:
            hard = min(FIRST_INTERVAL, _hard_goal(contract), state.minutes)
            return replace(state, hard=hard, intervals=True,
                           reason=("intervals_start", {"minutes": state.minutes, "mean": said, "hard": hard,
                                                       "goal": contract.goal_minutes}))
        return replace(state, reason=("intervals_wait", {"minutes": state.minutes, "mean": said}))
    if mean <= INTERVAL_MAX_MEAN:
        hard = _grow(state.hard, GROWTH, min(_hard_goal(contract), state.minutes))
        return replace(state, hard=hard, reason=("intervals_grow", {"mean": said, "hard": hard}))
    return replace(state, reason=("intervals_hold", {"mean": said, "hard": state.hard}))


def _maintain_reason(contract: Contract, state: PacingState) -> tuple[str, dict]:
    if state.hard and state.hard >= _hard_goal(contract):
        return "goal_hard", {"minutes": state.minutes, "hard": state.hard, "goal": contract.goal_minutes}
    return "goal", {"minutes": state.minutes, "goal": contract.goal_minutes}


def _nudge(contract: Contract, state: PacingState, block_sessions: Iterable[LoggedSession]) -> PacingState:
    """Rule 6: two very easy counted sessions in a row within the block add 10 %, once per block."""
    previous = None
    for session in block_sessions:
        if previous is not None and previous.rpe <= VERY_EASY and session.rpe <= VERY_EASY \
                and phase_of(contract, state) == "build":
            grown = _grow(state.minutes, NUDGE, _build_cap(contract))
            return replace(state, minutes=grown,
                           reason=("very_easy", {"first": previous.rpe, "second": session.rpe, "minutes": grown}))
        previous = session
    return state


def initial_state(contract: Contract) -> PacingState:
    """Block 0: the start minutes, no hard minutes (rule 1)."""
    state = PacingState(minutes=contract.start_minutes,
                        reason=("start", {"minutes": contract.start_minutes, "per_week": contract.sessions_per_week}))
    if phase_of(contract, state) == "maintain":
        state = replace(state, reason=_maintain_reason(contract, state))
    return state


def _counted(sessions: Iterable[LoggedSession]) -> list[LoggedSession]:
    return sorted((s for s in sessions if not s.bad_day), key=lambda s: s.day)


def judge_block(contract: Contract, state: PacingState, block_sessions: Iterable[LoggedSession]) -> PacingState:
    """The state at the start of the next block, from the state at this block's start and this
    block's sessions (all of them; bad days are left out here). Pure: same inputs, same answer,
    so a finished block's result can be stored and reused."""
    counted = _counted(block_sessions)
    planned = state.minutes   # the minutes prescribed at the block's start (rule 2)
    return _judge(contract, _nudge(contract, state, counted), counted, planned)


def within_block(contract: Contract, state: PacingState, sessions_so_far: Iterable[LoggedSession]) -> PacingState:
    """Today's state inside the current block: the block's start state plus the very-easy bump
    (rule 6) from the sessions logged so far in it (bad days are left out here)."""
    return _nudge(contract, state, _counted(sessions_so_far))


def _counted_in(counted: Sequence[LoggedSession], days: Sequence[date], first: date,
                last_exclusive: date) -> Sequence[LoggedSession]:
    """The counted sessions of [first, last_exclusive), found by bisection in the day-sorted list."""
    return counted[bisect_left(days, first):bisect_left(days, last_exclusive)]


def block_start(contract: Contract, index: int) -> date:
    return contract.start_date + timedelta(days=BLOCK_DAYS * index)


_block_start = block_start


def block_index(contract: Contract, on: date) -> int:
    return max(0, (on - contract.start_date).days // BLOCK_DAYS)


def prescribe(contract: Contract, sessions: Iterable[LoggedSession], on: date, bad_day: bool = False, *,
              locale: str = "en") -> Prescription:
    """The general-training prescription for the day `on`, from the sessions logged before it;
    its reason in the patient's language (pacing_text)."""
    counted = _counted(s for s in sessions if contract.start_date <= s.day < on)
    days = [s.day for s in counted]
    current = block_index(contract, on)
    state = initial_state(contract)
    for block in range(1, current + 1):
        state = judge_block(contract, state,
                            _counted_in(counted, days, block_start(contract, block - 1), block_start(contract, block)))
    state = within_block(contract, state, _counted_in(counted, days, block_start(contract, current), on))
    return prescription_from(contract, state, bad_day, locale=locale)


def prescription_from(contract: Contract, state: PacingState, bad_day: bool = False, *,
                      locale: str = "en") -> Prescription:
    """Today's prescription from the current state; a bad day halves both numbers (rule 7)."""
    phase = phase_of(contract, state)
    if not bad_day:
        return Prescription(state.minutes, state.hard, phase, render(*state.reason, locale))
    minutes = round_half_up(Fraction(state.minutes, 2))
    hard = round_half_up(Fraction(state.hard, 2))
    code = "bad_day_hard" if state.hard else "bad_day"
    return Prescription(minutes, hard, phase,
                        render(code, {"minutes": minutes, "planned": state.minutes, "hard": hard}, locale))


# --- the stored path (server/services/training/plan_state.py): the same rules, resumed from a kept block -------

block_of = block_index


def replay(contract: Contract, state: PacingState, block: int, sessions: Iterable[LoggedSession],
           on: date) -> list[tuple[int, PacingState]]:
    """From the state at the start of `block`, the states at the start of every later block up to the one
    `on` falls in: [(block, state), ...]. Each depends only on the sessions before its block's start, so a
    kept state stays right until a diary entry before that day changes. `sessions` must hold every session
    from the start of `block` (earlier ones are not looked at). The same fold as prescribe()."""
    counted = _counted(s for s in sessions if contract.start_date <= s.day < on)
    days = [s.day for s in counted]
    states = []
    for index in range(block + 1, block_index(contract, on) + 1):
        state = judge_block(contract, state,
                            _counted_in(counted, days, block_start(contract, index - 1), block_start(contract, index)))
        states.append((index, state))
    return states


def prescribe_in_block(contract: Contract, state: PacingState, sessions: Iterable[LoggedSession], on: date,
                       bad_day: bool = False, *, locale: str = "en") -> Prescription:
    """The prescription for `on` from the state at the start of its block and the sessions of that block
    so far (rule 6 within the block, rule 7 for a bad day)."""
    counted = _counted(s for s in sessions if contract.start_date <= s.day < on)
    days = [s.day for s in counted]
    state = within_block(contract, state, _counted_in(counted, days, block_start(contract, block_index(contract, on)), on))
    return prescription_from(contract, state, bad_day, locale=locale)


def state_to_json(state: PacingState) -> dict:
    """A state as JSON-ready values, whatever fields the rules keep in it."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(state).items()}


def state_from_json(data: dict) -> PacingState:
    return PacingState(**{key: tuple(value) if isinstance(value, list) else value for key, value in data.items()})
