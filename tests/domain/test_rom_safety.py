"""Range of movement safely (server/domain/rom_safety.py): a table at every boundary."""
from datetime import date, timedelta

import pytest

from server.domain import rom_safety
from server.domain.rom_safety import Answer

D = date(2026, 3, 2)


def answers(*responses: str | None) -> list[Answer]:
    return [Answer(D + timedelta(days=n), r) for n, r in enumerate(responses)]


@pytest.mark.parametrize("responses, reviewed_through, is_held", [
    ((), None, False),
    (("worse",), None, False),                                  # one "worse": in the queue, still on Today
    (("worse", "worse"), None, True),                           # two in a row: off Today
    (("worse", "same", "worse"), None, False),                  # not in a row
    (("worse", None, "worse"), None, True),                     # an unanswered log does not break the run
    (("worse", "worse", "better"), None, False),                # the last two decide
    (("better", "worse", "worse", "worse"), None, True),
    (("worse", "worse"), D + timedelta(days=1), False),         # the therapist looked: back on Today
    (("worse", "worse", "worse"), D + timedelta(days=1), False),   # one new "worse" after looking is not two
    (("worse", "worse", "worse", "worse"), D + timedelta(days=1), True),
    (("worse", "worse"), D, False),                             # looked after the first: only one unseen
])
def test_held(responses, reviewed_through, is_held):
    assert rom_safety.held(answers(*responses), reviewed_through) is is_held


@pytest.mark.parametrize("per_item, reviewed_through, expected", [
    ({1: answers("better", "same")}, None, None),
    ({1: answers("worse")}, None, (D, [1])),
    ({1: answers("worse", "better", "same")}, None, (D, [1])),          # stays until the therapist looks
    ({1: answers("worse", "worse"), 2: answers("same")}, None, (D + timedelta(days=1), [1])),
    ({1: answers("worse"), 2: answers("same", "same", "worse")}, None, (D + timedelta(days=2), [1, 2])),
    ({1: answers("worse", "worse")}, D + timedelta(days=1), None),      # handled: gone
    ({1: answers("worse", "worse", "worse")}, D + timedelta(days=1), (D + timedelta(days=2), [1])),   # new item
    ({1: answers(None, None)}, None, None),
])
def test_review(per_item, reviewed_through, expected):
    assert rom_safety.review(per_item, reviewed_through) == expected
