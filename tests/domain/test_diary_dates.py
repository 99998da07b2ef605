"""The dates a diary entry may carry: exercise ticks follow the program, training the contract."""
from datetime import date, timedelta

import pytest

from server.domain.diary_dates import date_problem

TODAY = date(2026, 11, 29)
DAY = timedelta(days=1)


@pytest.mark.parametrize("day, general, contract_start, program_start, expected", [
    (TODAY, False, None, TODAY, None),                      # a day-one tick without any contract
    (TODAY, False, TODAY + DAY, TODAY, None),               # contract starts tomorrow: ticks still count
    (TODAY - DAY, False, None, TODAY, "before_program"),    # before the program was assigned
    (TODAY - DAY, False, None, TODAY - DAY, None),          # on the assignment day
    (TODAY + DAY, False, None, TODAY, "date_in_future"),
    (TODAY, True, None, TODAY, "no_contract"),              # general training needs a contract
    (TODAY, True, TODAY + DAY, None, "before_contract"),
    (TODAY, True, TODAY, None, None),                       # on the contract's start date
    (TODAY - DAY, True, TODAY - DAY, None, None),
    (TODAY + DAY, True, TODAY, None, "date_in_future"),
])
def test_date_problem_at_each_boundary(day, general, contract_start, program_start, expected):
    assert date_problem(day=day, today=TODAY, general=general, contract_start=contract_start,
                        program_start=program_start) == expected
