"""Counting the clinic outcomes (server/domain/outcomes.py)."""
from datetime import date

import pytest

from server.domain.outcomes import Change, adherence_band, adherence_distribution, response_rate, summarise

TODAY = date(2026, 11, 26)


def test_summarise_counts_answers_and_judges_only_the_comparable():
    changes = [Change(-20.0, "improved"), Change(-4.0, "unchanged"), Change(None, None), Change(6.0, "worsened")]
    assert summarise(changes, 5) == {"n": 5, "n_change": 3, "mean_change": -6.0, "share_improved": 0.333}


def test_summarise_without_anything_to_compare():
    assert summarise([], 2) == {"n": 2, "n_change": 0, "mean_change": None, "share_improved": None}


def test_pgic_is_judged_without_a_change_value():
    assert summarise([Change(None, "improved"), Change(None, "unchanged")], 2)["share_improved"] == 0.5


@pytest.mark.parametrize("rows, expected", [
    ([], (0, 0, None)),
    ([(date(2026, 11, 1), True), (date(2026, 11, 1), False)], (2, 1, 0.5)),
    ([(date(2026, 12, 1), False)], (0, 0, None)),        # still open: not yet due for the rate
    ([(date(2026, 12, 1), True)], (1, 1, 1.0)),           # answered early counts
    ([(TODAY, False)], (1, 0, 0.0)),                      # closes today: the window is over
])
def test_response_rate(rows, expected):
    found = response_rate(rows, TODAY)
    assert (found["due"], found["answered"], found["rate"]) == expected


@pytest.mark.parametrize("percent, band", [
    (0, "0-24"), (24, "0-24"), (24.9, "0-24"), (25, "25-49"), (49.5, "25-49"), (50, "50-74"), (74.99, "50-74"),
    (75, "75-100"), (100, "75-100"),
])
def test_adherence_bands(percent, band):
    assert adherence_band(percent) == band


def test_adherence_distribution_lists_every_band():
    assert adherence_distribution([10, 80, 90]) == [
        {"range": "0-24", "patients": 1}, {"range": "25-49", "patients": 0}, {"range": "50-74", "patients": 0},
        {"range": "75-100", "patients": 2}]
