"""RPE-based pacing of general training: the BetterBack "pacing model".

Source: the BetterBack training program, "General training - getting in shape",
Schröder et al., BMJ Open 2018 (NCT03147300), supplementary file 8; line numbers are
those of ../shared/seeds/002_b767a39d856ccad1.txt.

| rule | what it says | source lines |
|------|--------------|--------------|
| 0 | start at about 20 % below what the patient can do now: start = 0.8 x capable | 4264-4265, 4294 |
| 1 | blocks of 14 days from the contract's start date; block 0 gets start minutes, no hard minutes | 4270-4272, 4295 |
| 2 | at each later block's start the block before is judged on the mean RPE of its counted sessions; fewer counted sessions than sessions per week: hold | 4270-4272 (and 4292 "3 times/week") |
| 3 | build (minutes < min(goal, 30)): mean < 14 ("below somewhat hard") adds 20 %, capped; 14 or more holds; 15 or more: "repeat two more weeks" | 4270-4273 |
| 4 | at 30+ minutes, the first judged block with mean < 14 starts 10-minute intervals at RPE 15-16; then each judged block with mean <= 16 adds 20 % to the hard minutes, capped | 4277-4280 |
| 5 | maintain once the goal is reached (or intervals are not wanted) | 4295-4296 ("until I reach my goal") |
| 6 | very easy (two latest counted sessions of the block at RPE <= 9): add a little (10 %), once per block | 4265-4267 |
| 7 | a bad day: half of today's plan; bad-day sessions are never judged | 4282-4283 |
| 8 | every prescription says in plain words which rule gave it | (the app shows it) |

Choices where the protocol is silent (also in README.md):
- "Increase by 20 %" and "a little" (10 %) round half up to whole minutes and add at least one minute.
- Only RPE and the number of sessions are judged, not how many minutes were logged: the
  protocol paces by perceived exertion, and a short session that felt hard still says "hold".
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
from dataclasses import dataclass, replace
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
class _State:
    minutes: int
    hard: int = 0
    intervals: bool = False
    reason: tuple[str, dict] = ("start", {})   # a code of pacing_text.TEXTS and its numbers


def _build_cap(contract: Contract) -> int:
    return min(contract.goal_minutes, SESSION_CAP)


def _wants_intervals(contract: Contract) -> bool:
    return contract.goal_hard_minutes > 0 and contract.goal_minutes >= SESSION_CAP


def _phase(contract: Contract, state: _State) -> str:
    if state.minutes < _build_cap(contract):
        return "build"
    if not _wants_intervals(contract) or state.hard >= contract.goal_hard_minutes:
        return "maintain"
    return "intervals"


def _fmt(mean: Fraction) -> str:
    return f"{float(mean):.1f}".rstrip("0").rstrip(".")


def _judge(contract: Contract, state: _State, counted: Sequence[LoggedSession]) -> _State:
    """Rules 2-5: the decision at the start of a block about the block before it."""
    phase = _phase(contract, state)
    if phase == "maintain":
        return replace(state, reason=_maintain_reason(contract, state))
    if len(counted) < contract.sessions_per_week:
        return replace(state, reason=("too_few", {"count": len(counted), "needed": contract.sessions_per_week}))
    mean = Fraction(sum(s.rpe for s in counted), len(counted))
    said = _fmt(mean)
    if phase == "build":
        if mean < GROW_BELOW:
            grown = _grow(state.minutes, GROWTH, _build_cap(contract))
            return replace(state, minutes=grown, reason=("grow", {"mean": said, "minutes": grown}))
        if mean >= REPEAT_FROM:
            return replace(state, reason=("repeat", {"mean": said}))
        return replace(state, reason=("hold", {"mean": said}))
    if not state.intervals:
        if mean < GROW_BELOW:
            hard = min(FIRST_INTERVAL, contract.goal_hard_minutes, state.minutes)
            return replace(state, hard=hard, intervals=True,
                           reason=("intervals_start", {"minutes": state.minutes, "mean": said, "hard": hard}))
        return replace(state, reason=("intervals_wait", {"minutes": state.minutes, "mean": said}))
    if mean <= INTERVAL_MAX_MEAN:
        hard = _grow(state.hard, GROWTH, min(contract.goal_hard_minutes, state.minutes))
        return replace(state, hard=hard, reason=("intervals_grow", {"mean": said, "hard": hard}))
    return replace(state, reason=("intervals_hold", {"mean": said, "hard": state.hard}))


def _maintain_reason(contract: Contract, state: _State) -> tuple[str, dict]:
    if state.hard and state.hard >= contract.goal_hard_minutes:
        return "goal_hard", {"minutes": state.minutes, "hard": state.hard}
    return "goal", {"minutes": state.minutes}


def _nudge(contract: Contract, state: _State, block_sessions: Iterable[LoggedSession]) -> _State:
    """Rule 6: two very easy counted sessions in a row within the block add 10 %, once per block."""
    previous = None
    for session in block_sessions:
        if previous is not None and previous.rpe <= VERY_EASY and session.rpe <= VERY_EASY \
                and _phase(contract, state) == "build":
            grown = _grow(state.minutes, NUDGE, _build_cap(contract))
            return replace(state, minutes=grown,
                           reason=("very_easy", {"first": previous.rpe, "second": session.rpe, "minutes": grown}))
        previous = session
    return state


def _counted_in(counted: Sequence[LoggedSession], days: Sequence[date], first: date,
                last_exclusive: date) -> Sequence[LoggedSession]:
    """The counted sessions of [first, last_exclusive), found by bisection in the day-sorted list."""
    return counted[bisect_left(days, first):bisect_left(days, last_exclusive)]


def _block_start(contract: Contract, index: int) -> date:
    return contract.start_date + timedelta(days=BLOCK_DAYS * index)


def prescribe(contract: Contract, sessions: Iterable[LoggedSession], on: date, bad_day: bool = False, *,
              locale: str = "en") -> Prescription:
    """The general-training prescription for the day `on`, from the sessions logged before it;
    its reason in the patient's language (pacing_text)."""
    counted = sorted((s for s in sessions if contract.start_date <= s.day < on and not s.bad_day),
                     key=lambda s: s.day)
    days = [s.day for s in counted]
    current = max(0, (on - contract.start_date).days // BLOCK_DAYS)
    state = _State(minutes=contract.start_minutes, reason=("start", {"minutes": contract.start_minutes}))
    if _phase(contract, state) == "maintain":
        state = replace(state, reason=_maintain_reason(contract, state))
    for block in range(1, current + 1):
        in_block = _counted_in(counted, days, _block_start(contract, block - 1), _block_start(contract, block))
        state = _nudge(contract, state, in_block)
        state = _judge(contract, state, in_block)
    state = _nudge(contract, state, _counted_in(counted, days, _block_start(contract, current), on))
    phase = _phase(contract, state)
    if not bad_day:
        return Prescription(state.minutes, state.hard, phase, render(*state.reason, locale))
    minutes = round_half_up(Fraction(state.minutes, 2))
    hard = round_half_up(Fraction(state.hard, 2))
    code = "bad_day_hard" if state.hard else "bad_day"
    return Prescription(minutes, hard, phase,
                        render(code, {"minutes": minutes, "planned": state.minutes, "hard": hard}, locale))


# Decisions that left the dose where it was although the goal is not reached: the plan is stuck.
HOLDING = frozenset({"too_few", "dose", "hold", "repeat", "intervals_wait", "intervals_hold"})
IN_PROGRESS = "in_progress"


@dataclass(frozen=True)
class Block:
    """One 14-day block as the therapist reviews it: the dose it started with, what was logged in it,
    and the decision taken at its end (IN_PROGRESS for the block holding today)."""
    index: int
    start: date
    end: date                   # the block's last day
    phase: str
    minutes: int
    hard_minutes: int
    decision: str
    values: dict                # the numbers of the decision, for pacing_text.render_for_therapist
    mean_rpe: float | None      # of the counted (not bad-day) sessions
    sessions: int               # every logged session, bad days included
    planned_sessions: int


def _block(contract: Contract, index: int, state: _State, decision: str, values: dict,
           inside: Sequence[LoggedSession]) -> Block:
    counted = [s for s in inside if not s.bad_day]
    mean = round(sum(s.rpe for s in counted) / len(counted), 1) if counted else None
    start = _block_start(contract, index)
    return Block(index, start, start + timedelta(days=BLOCK_DAYS - 1), _phase(contract, state), state.minutes,
                 state.hard, decision, values, mean, len(inside), 2 * contract.sessions_per_week)


def _judge_block(contract: Contract, state: _State, block_sessions: Sequence[LoggedSession]) -> _State:
    """The state at the next block's start: exactly the steps `prescribe` takes for one finished block."""
    counted = sorted((s for s in block_sessions if not s.bad_day), key=lambda s: s.day)
    return _judge(contract, _nudge(contract, state, counted), counted)


def _initial_state(contract: Contract) -> _State:
    """As `prescribe` starts: the start minutes, or the goal already reached."""
    state = _State(minutes=contract.start_minutes, reason=("start", {"minutes": contract.start_minutes}))
    return replace(state, reason=_maintain_reason(contract, state)) if _phase(contract, state) == "maintain" \
        else state


def timeline(contract: Contract, sessions: Sequence[LoggedSession], today: date) -> list[Block]:
    """Every block from the contract's start to the one holding `today`, judged by exactly the rules
    `prescribe` applies (rules 1-6); the dose shown is the block's dose at its start."""
    if today < contract.start_date:
        return []
    sessions = sorted((s for s in sessions if contract.start_date <= s.day <= today), key=lambda s: s.day)
    current = max(0, (today - contract.start_date).days // BLOCK_DAYS)
    state, blocks = _initial_state(contract), []
    for index in range(current + 1):
        first, following = _block_start(contract, index), _block_start(contract, index + 1)
        inside = [s for s in sessions if first <= s.day < following]
        judged = _judge_block(contract, state, inside) if index < current else state
        decision, values = judged.reason if index < current else (IN_PROGRESS, {})
        blocks.append(_block(contract, index, state, decision, values, inside))
        state = judged
    return blocks


def held_twice(blocks: Sequence[Block]) -> Block | None:
    """The second of the last two finished blocks when both ended holding the dose (HOLDING), else None.
    The protocol repeats a hard block once ("two more weeks", line 4272); a second hold in a row is
    where a physiotherapist looks again at the contract or the patient."""
    finished = [b for b in blocks if b.decision != IN_PROGRESS]
    if len(finished) >= 2 and finished[-1].decision in HOLDING and finished[-2].decision in HOLDING:
        return finished[-1]
    return None
