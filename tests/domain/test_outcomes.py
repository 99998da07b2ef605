"""Counting the clinic outcomes (server/domain/outcomes.py)."""
from datetime import date

import pytest

from server.domain import outcomes
from server.domain.outcomes import Change, adherence_band, adherence_distribution, response_rate, summarise

TODAY = date(2026, 11, 26)
PAST = date(2026, 11, 1)


@pytest.fixture
def counting_only(monkeypatch):
    """The counting rules on their own, with the small-cell rule off (tested below on its own)."""
    monkeypatch.setattr(outcomes, "MIN_CELL", 1)


def test_summarise_counts_answers_and_judges_only_the_comparable(counting_only):
    changes = [Change(-20.0, "improved"), Change(-4.0, "unchanged"), Change(None, None), Change(6.0, "worsened")]
    assert summarise(changes, 5) == {"n": 5, "n_change": 3, "mean_change": -6.0, "share_improved": 0.333,
                                     "suppressed": []}


def test_summarise_without_anything_to_compare(counting_only):
    assert summarise([], 2) == {"n": 2, "n_change": 0, "mean_change": None, "share_improved": None,
                                "suppressed": []}


def test_pgic_is_judged_without_a_change_value(counting_only):
    assert summarise([Change(None, "improved"), Change(None, "unchanged")], 2)["share_improved"] == 0.5


@pytest.mark.parametrize("rows, expected", [
    ([], (0, 0, None)),
    ([(date(2026, 11, 1), True), (date(2026, 11, 1), False)], (2, 1, 0.5)),
    ([(date(2026, 12, 1), False)], (0, 0, None)),        # still open: not yet due for the rate
    ([(date(2026, 12, 1), True)], (1, 1, 1.0)),           # answered early counts
    ([(TODAY, False)], (1, 0, 0.0)),                      # closes today: the window is over
])
def test_response_rate(rows, expected, counting_only):
    found = response_rate(rows, TODAY)
    assert (found["due"], found["answered"], found["rate"]) == expected


# --- small cells: nothing rests on fewer than 5 patients ------------------------------------------

@pytest.mark.parametrize("count, hidden", [(0, False), (1, True), (4, True), (5, False), (6, False)])
def test_a_count_of_one_to_four_patients_is_hidden(count, hidden):
    assert outcomes.small(count) is hidden


def improved(n: int) -> list[Change]:
    return [Change(-10.0, "improved")] * n


ALL = ["n", "n_change", "mean_change", "share_improved"]


@pytest.mark.parametrize("changes, answered, shown, hidden", [
    (improved(1), 1, (None, None, None, None), ALL),              # n = 1: one patient's own change
    (improved(4), 4, (None, None, None, None), ALL),
    (improved(4), 5, (5, None, None, None), ALL[1:]),
    (improved(5), 5, (5, 5, -10.0, 1.0), []),
    (improved(4) + [Change(None, "unchanged")], 6, (6, 5, None, 0.8), ["mean_change"]),  # a mean of 4 values
    ([], 3, (None, 0, None, None), ["n"]),                           # a baseline row: no change to show
    ([], 0, (0, 0, None, None), []),
])
def test_an_instrument_cell_under_five_patients_is_suppressed(changes, answered, shown, hidden):
    found = summarise(changes, answered)
    assert (tuple(found[k] for k in ALL), found["suppressed"]) == (shown, hidden)


@pytest.mark.parametrize("due, answered, shown", [
    (4, 4, (None, None, None, ["due", "answered", "rate"])),
    (4, 0, (None, 0, None, ["due", "rate"])),
    (5, 0, (5, 0, 0.0, [])),
    (5, 1, (5, None, None, ["answered", "rate"])),     # 20 % of 5 would give the count back
    (9, 4, (9, None, None, ["answered", "rate"])),
    (9, 5, (9, 5, 0.556, [])),
    (5, 5, (5, 5, 1.0, [])),
])
def test_a_response_rate_under_five_patients_is_suppressed(due, answered, shown):
    rows = [(PAST, True)] * answered + [(PAST, False)] * (due - answered)
    found = response_rate(rows, TODAY)
    assert (found["due"], found["answered"], found["rate"], found["suppressed"]) == shown


@pytest.mark.parametrize("percent, band", [
    (0, "0-24"), (24, "0-24"), (24.9, "0-24"), (25, "25-49"), (49.5, "25-49"), (50, "50-74"), (74.99, "50-74"),
    (75, "75-100"), (100, "75-100"),
])
def test_adherence_bands(percent, band):
    assert adherence_band(percent) == band


def test_adherence_distribution_lists_every_band(counting_only):
    assert adherence_distribution([10, 80, 90]) == [
        {"range": "0-24", "patients": 1, "suppressed": []}, {"range": "25-49", "patients": 0, "suppressed": []},
        {"range": "50-74", "patients": 0, "suppressed": []}, {"range": "75-100", "patients": 2, "suppressed": []}]


def test_an_adherence_band_of_one_to_four_patients_is_suppressed():
    assert [(b["patients"], b["suppressed"]) for b in adherence_distribution([10] + [60] * 5 + [90] * 4)] == [
        (None, ["patients"]), (0, []), (5, []), (None, ["patients"])]
