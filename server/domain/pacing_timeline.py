"""The therapist's pacing timeline: the same rules as `server.domain.pacing`, block by block.

Each 14-day block from the contract's start shows the dose it started with, what was logged in it
(every session, the counted ones, the done ones and the mean effort over the done ones, so the
reason can be checked by eye: rules v3, issue 17) and the decision taken at its end (source lines
are those of the rules in pacing.py, l.4255-4300 of ../shared/seeds/002_b767a39d856ccad1.txt); `held_twice` finds a dose held two blocks in a row
(l.4272 repeats a hard block once).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from server.domain.pacing import (
    BLOCK_DAYS, Contract, LoggedSession, PacingState, block_start, initial_state, is_done, judge_block, phase_of,
)


# Decisions that left the dose where it was although the goal is not reached: the plan is stuck.
HOLDING = frozenset({"dose", "dose_hard", "hold", "repeat", "intervals_wait", "intervals_hold", "lengthen_hold"})
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
    mean_rpe: float | None      # of the done sessions (the mean the rules judge)
    sessions: int               # every logged session, bad days included
    planned_sessions: int
    counted_sessions: int       # the sessions that were not on a bad day
    done_sessions: int          # of them, done: 80 % of the block-start minutes (and hard minutes)


def _block(contract: Contract, index: int, state: PacingState, decision: str, values: dict,
           inside: Sequence[LoggedSession]) -> Block:
    counted = [s for s in inside if not s.bad_day]
    done = [s for s in counted if is_done(s, state)]
    mean = round(sum(s.rpe for s in done) / len(done), 1) if done else None
    start = block_start(contract, index)
    return Block(index, start, start + timedelta(days=BLOCK_DAYS - 1), phase_of(contract, state), state.minutes,
                 state.hard, decision, values, mean, len(inside), 2 * contract.sessions_per_week, len(counted),
                 len(done))


def timeline(contract: Contract, sessions: Sequence[LoggedSession], today: date) -> list[Block]:
    """Every block from the contract's start to the one holding `today`, judged by exactly the rules
    `prescribe` applies (rules 1-6); the dose shown is the block's dose at its start."""
    if today < contract.start_date:
        return []
    sessions = sorted((s for s in sessions if contract.start_date <= s.day <= today), key=lambda s: s.day)
    current = max(0, (today - contract.start_date).days // BLOCK_DAYS)
    state, blocks = initial_state(contract), []
    for index in range(current + 1):
        first, following = block_start(contract, index), block_start(contract, index + 1)
        inside = [s for s in sessions if first <= s.day < following]
        judged = judge_block(contract, state, inside) if index < current else state
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
