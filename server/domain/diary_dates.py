"""Which dates a diary entry may carry (pure: no database, no clock).

Seed 002 lines 4301-4303 (the training diary): the physiotherapist fills in the exercises and the
patient crosses them off when done - the exercise part of the diary belongs to the program, not to
the training contract. The contract (seed 002 lines ~4290-4297: "I will begin with ... minutes")
sets the general training, so only entries with `minutes` are tied to it.

Decision where the protocol is silent: an exercise tick is accepted from the day its program item
was assigned (in the patient's time zone), a general-training session from the contract's start
date; no date is accepted after the patient's today.
"""
from __future__ import annotations

from datetime import date


def date_problem(*, day: date, today: date, general: bool, contract_start: date | None,
                 program_start: date | None) -> str | None:
    """None when the date is acceptable, else a stable error code naming why not."""
    if day > today:
        return "date_in_future"
    if general:
        if contract_start is None:
            return "no_contract"
        if day < contract_start:
            return "before_contract"
    elif program_start is not None and day < program_start:
        return "before_program"
    return None
