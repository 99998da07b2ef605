"""The one rule that pauses care (server/domain/care_pause.py): a table at every boundary."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from server.domain.care_pause import FlagRecord, Pause, needs_outcome, pause, screening_missing

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def tick(flag: str, hours: float, outcome: str | None = None, outcome_hours: float | None = None) -> FlagRecord:
    return FlagRecord(flag, at(hours), outcome, at(outcome_hours) if outcome_hours is not None else None)


@pytest.mark.parametrize("records, resumed, discharged, expected", [
    # nothing ticked, nothing referred: care goes on
    ([], None, None, None),
    # a ticked flag without an outcome pauses from the tick
    ([tick("trauma", 0)], None, None, Pause("red_flag", at(0), ("trauma",))),
    # ruled out after examination: care goes on, no resume needed
    ([tick("trauma", 0, "ruled_out", 2)], None, None, None),
    # referred: paused from the referral until a resume after it
    ([tick("trauma", 0, "referred", 2)], None, None, Pause("referred", at(2), ("trauma",))),
    ([tick("trauma", 0, "referred", 2)], at(3), None, None),
    ([tick("trauma", 0, "referred", 2)], at(2), None, None),          # a resume at the very moment counts
    ([tick("trauma", 0, "referred", 2)], at(1), None, Pause("referred", at(2), ("trauma",))),   # resumed earlier
    # a resume never lifts a flag still awaiting its outcome
    ([tick("trauma", 0, "referred", 1), tick("infection", 2)], at(3), None, Pause("red_flag", at(2), ("infection",))),
    # an unresolved flag wins over a referral; since = the earliest unresolved tick
    ([tick("malignancy", 0, "referred", 1), tick("infection", 4), tick("trauma", 3)], None, None,
     Pause("red_flag", at(3), ("infection", "trauma"))),
    # the latest tick of a flag decides: ruled out, then ticked again, pauses again
    ([tick("trauma", 0, "ruled_out", 1), tick("trauma", 5)], None, None, Pause("red_flag", at(5), ("trauma",))),
    ([tick("trauma", 0, "referred", 1), tick("trauma", 5, "ruled_out", 6)], None, None, None),
    # discharged with a referral: paused from then, until a resume after it
    ([], None, at(10), Pause("referred", at(10), ())),
    ([], at(11), at(10), None),
    ([], at(9), at(10), Pause("referred", at(10), ())),
    ([tick("trauma", 0, "ruled_out", 1)], None, at(10), Pause("referred", at(10), ())),
    # a referral and a referred discharge: since the earlier of the two
    ([tick("trauma", 0, "referred", 2)], None, at(10), Pause("referred", at(2), ("trauma",))),
])
def test_pause(records, resumed, discharged, expected):
    assert pause(records, resumed_at=resumed, discharged_referred_at=discharged) == expected


@pytest.mark.parametrize("records, flag, expected", [
    ([], "trauma", False),
    ([tick("trauma", 0)], "trauma", True),
    ([tick("trauma", 0)], "infection", False),
    ([tick("trauma", 0, "ruled_out", 1)], "trauma", False),
    ([tick("trauma", 0, "referred", 1)], "trauma", False),
    ([tick("trauma", 0, "ruled_out", 1), tick("trauma", 2)], "trauma", True),
])
def test_a_flag_needs_an_outcome_before_it_is_unticked(records, flag, expected):
    assert needs_outcome(records, flag) is expected


@pytest.mark.parametrize("treated_before, screened, episode_open, missing", [
    (False, False, False, True),    # no episode at all
    (False, False, True, True),     # opened, the checklist not answered
    (False, True, False, True),     # screened, but the episode is discharged
    (False, True, True, False),     # screened in an open episode ("none of these" counts)
    (True, False, False, False),    # already treated: the pause rule judges from here on
])
def test_the_first_treatment_needs_a_screening(treated_before, screened, episode_open, missing):
    assert screening_missing(treated_before=treated_before, screened=screened, episode_open=episode_open) is missing
