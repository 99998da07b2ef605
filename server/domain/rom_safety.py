"""Range of movement safely: what a "worse" answer after a range-of-movement exercise sets off.

Source: ../shared/seeds/002_b767a39d856ccad1.txt l.3309-3315 - range-of-movement exercises are
chosen for movement directions that reduce or centralise the pain; a direction that makes it
worse (spreads it further down the leg) is the one to stop, and each exercise's own text says
"stop and contact your physiotherapist" (its `stop_advice`, shown to the patient). After each
ROM exercise the patient answers "how did your back and leg feel afterwards: better / same / worse"
(the tick and the guided session alike, through the same diary entry).

Rules (issue 16):
- Every "worse" answer the therapist has not yet looked at puts the patient in the review queue
  (`rom_worse`), naming the exercise and its answers; its `since` is the day of the latest such
  "worse", so a later one is a new item.
- Two "worse" answers in a row for one exercise (its last two answers) take that exercise off
  Today until the therapist looks: marking the review item handled, or changing the level (a new
  level is a new program item with no answers yet).

Choices where the protocol is silent (also in README.md):
- "In a row" counts answered logs only: a log without an answer neither breaks nor extends the run.
- "The therapist has looked" is a handled `rom_worse` item: answers on or before its `since` day
  count as seen (so the answers of the day it was handled are seen too). After that, two new
  "worse" answers are needed to take the exercise off again, and one raises a new review item.
Pure: no Flask, no database, no clock.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

WORSE = "worse"
HOLD_AFTER = 2          # "worse" answers in a row that take the exercise off Today
SHOWN_ANSWERS = 5       # the latest answers named in the review item


@dataclass(frozen=True)
class Answer:
    day: date
    response: str | None     # "better" | "same" | "worse" | None (not asked)


def unseen(answers: Sequence[Answer], reviewed_through: date | None) -> list[Answer]:
    """The answered logs after the therapist last looked, in the order given (oldest first)."""
    return [a for a in answers if a.response and (reviewed_through is None or a.day > reviewed_through)]


def held(answers: Sequence[Answer], reviewed_through: date | None) -> bool:
    """True when the exercise's last HOLD_AFTER unseen answers are all "worse": off Today."""
    recent = unseen(answers, reviewed_through)[-HOLD_AFTER:]
    return len(recent) == HOLD_AFTER and all(a.response == WORSE for a in recent)


def review(per_item: Mapping[int, Sequence[Answer]], reviewed_through: date | None) -> tuple[date, list[int]] | None:
    """(since, the items with an unseen "worse") or None: since is the day of the latest unseen "worse"."""
    worse = {item: [a.day for a in unseen(answers, reviewed_through) if a.response == WORSE]
             for item, answers in per_item.items()}
    items = sorted(item for item, days in worse.items() if days)
    if not items:
        return None
    return max(max(worse[item]) for item in items), items
