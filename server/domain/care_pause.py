"""When care stops: the one rule that says whether a patient's treatment is paused, and why.

Source: the BetterBack model of care, ../shared/seeds/002_b767a39d856ccad1.txt:
- Red flags on the assessment form: "malignancy, unexplained weight loss, trauma, osteoporosis,
  infection, inflammatory disease, spinal cord compression symptoms, drug use" (2626-2628).
- "it is very important to exclude the few red flag cases that require acute medical or specialist
  referral for the investigation and treatment of tumors, infections, inflammatory diseases, more
  severe back pathology and neurological conditions" (3281-3290).
- Recommendation 1: "A thorough screening of red flags is essential to rule out serious pathology"
  before treatment is individualised (2341-2415).

Choices where the protocol is silent (also in README.md):
- Treatment is paused while any red flag ticked in the latest care episode has no outcome yet
  ("unresolved": the patient must be examined first), and while a flag's outcome is a referral, until
  the therapist resumes care explicitly after that referral. A flag ruled out after examination does
  not pause. Free text never clears a flag: only a structured outcome does.
- An episode discharged with a referral to a specialist pauses treatment too (the patient's exercises
  and training prescription are for benign back pain), until the therapist resumes it.
- What pauses: the day's exercises, the general-training prescription and group sessions, their
  reminders, and every change of program, level, contract or group. What goes on: the diary (nothing
  the patient logs is lost) and the outcome questionnaires (follow-ups are collected after discharge too).
- `since` is the moment the earliest of the reasons still in force began.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

OUTCOMES = ("ruled_out", "referred")
REASONS = ("red_flag", "referred")   # red_flag: a flag awaits examination; referred: sent on, not resumed


@dataclass(frozen=True)
class FlagRecord:
    """One tick of a red flag and what came of it (outcome None until the therapist records one)."""
    flag: str
    ticked_at: datetime
    outcome: str | None = None
    outcome_at: datetime | None = None


@dataclass(frozen=True)
class Pause:
    reason: str            # one of REASONS
    since: datetime
    flags: tuple[str, ...]  # the flags behind it (for staff only; the patient sees the reason in plain words)


def latest_records(records: Sequence[FlagRecord]) -> list[FlagRecord]:
    """Each flag's latest tick (a later tick is a new record that needs its own outcome)."""
    latest: dict[str, FlagRecord] = {}
    for record in sorted(records, key=lambda r: r.ticked_at):
        latest[record.flag] = record
    return list(latest.values())


def pause(records: Sequence[FlagRecord], *, resumed_at: datetime | None = None,
          discharged_referred_at: datetime | None = None) -> Pause | None:
    """Whether the care of the latest episode is paused: its flag records, the latest explicit resume
    and, for an episode discharged with a referral, when that was recorded. None when care goes on."""
    latest = latest_records(records)
    unresolved = [r for r in latest if r.outcome is None]
    if unresolved:
        return Pause("red_flag", min(r.ticked_at for r in unresolved), tuple(sorted(r.flag for r in unresolved)))

    def after_resume(moment: datetime | None) -> bool:
        return moment is not None and (resumed_at is None or moment > resumed_at)

    referred = [r for r in latest if r.outcome == "referred" and after_resume(r.outcome_at)]
    moments = [r.outcome_at for r in referred]
    if after_resume(discharged_referred_at):
        moments.append(discharged_referred_at)
    if moments:
        return Pause("referred", min(moments), tuple(sorted(r.flag for r in referred)))
    return None


def needs_outcome(records: Sequence[FlagRecord], flag: str) -> bool:
    """True when the flag's latest tick has no outcome yet (it cannot be unticked before it has one)."""
    return any(r.flag == flag and r.outcome is None for r in latest_records(records))


def screening_missing(*, treated_before: bool, screened: bool, episode_open: bool) -> bool:
    """The first program or contract needs a completed screening in an open episode: every red flag
    answered yes or no, where an explicit "none of these" (an empty list) is an answer (Recommendation
    1, 2341-2415). A patient already treated is judged by `pause` instead."""
    return not treated_before and not (screened and episode_open)
