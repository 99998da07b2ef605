"""STarT Back from the paper form (server/domain/startback.py): every boundary."""
import pytest

from server.domain import startback
from server.domain.episode import risk_group
from server.domain.startback import Result


@pytest.mark.parametrize("total, psychosocial, problem", [
    (0, 0, None), (9, 5, None), (4, 0, None), (5, 5, None), (3, 3, None),
    (5, 0, "startback_inconsistent"),        # items 1-4 give at most 4
    (2, 3, "startback_inconsistent"),        # the subscale is part of the total
    (10, 5, "startback_out_of_range"), (-1, 0, "startback_out_of_range"), (9, 6, "startback_out_of_range"),
    (0, -1, "startback_out_of_range"),
])
def test_check_paper(total, psychosocial, problem):
    assert startback.check_paper(total, psychosocial) == problem


@pytest.mark.parametrize("total, group", [(0, "low"), (3, "low"), (4, "medium-high"), (9, "medium-high")])
def test_the_pathway_groups_the_paper_total_as_the_protocol_says(total, group):
    assert risk_group(total) == group


@pytest.mark.parametrize("paper, from_app, expected", [
    (None, None, None),
    (Result(5, 4, "paper"), None, Result(5, 4, "paper")),
    (None, Result(2, 1, "app"), Result(2, 1, "app")),
    (Result(5, 4, "paper"), Result(2, 1, "app"), Result(5, 4, "paper")),
])
def test_the_paper_result_is_the_one_used(paper, from_app, expected):
    assert startback.chosen(paper, from_app) == expected
