"""Pure rules: the kind of an access-log row, and how long a closed record is kept."""
from datetime import date, datetime, timezone

import pytest

from server.domain.access import action_of, kind_of
from server.domain.retention import MIN_YEARS, keep_until, removable, writable, years_problem

P = "/api/v1/patients/<patient_ref:patient_id>"
G = "/api/v1/groups/<int:group_id>"


@pytest.mark.parametrize("rule, kind", [
    (P, "record"),
    (f"{P}/diary", "diary"),
    (f"{P}/diary/<int:entry_id>", "diary"),
    (f"{P}/program/levels", "program"),
    (f"{P}/assessments/<int:assessment_id>/draft", "assessments"),
    (f"{P}/export", "export"),
    (f"{P}/access-log", "access-log"),
    (f"{G}/adherence", "group-adherence"),
    (f"{G}/attendance/<isodate:day>", "group-attendance"),
    (G, "group-members"),            # the group itself names its members
    (f"{G}/sessions", "group-attendance"),
    (f"{G}/members", None),          # adding and removing: logged by the view, one patient at a time
    ("/api/v1/patients", None),
    ("/api/v1/exercises", None),
])
def test_kind_of_a_route(rule, kind):
    assert kind_of(rule) == kind


@pytest.mark.parametrize("rule, method, kind", [
    (G, "PATCH", None),              # renaming the group writes nobody's record
    (G, "head", "group-members"),
    (f"{G}/attendance/<isodate:day>", "PUT", "group-attendance"),
    (P, "PATCH", "record"),
])
def test_kind_of_a_route_by_method(rule, method, kind):
    assert kind_of(rule, method) == kind


@pytest.mark.parametrize("method, action", [("GET", "read"), ("HEAD", "read"), ("POST", "write"),
                                            ("PUT", "write"), ("PATCH", "write"), ("DELETE", "write"),
                                            ("OPTIONS", None), ("options", None)])
def test_action_of_a_method(method, action):
    assert action_of(method) == action


@pytest.mark.parametrize("years, refused", [(0, True), (9, True), (MIN_YEARS, False), (25, False), (100, False),
                                            (101, True)])
def test_retention_below_ten_years_is_refused(years, refused):
    assert (years_problem(years) is not None) == refused


@pytest.mark.parametrize("closed, years, until", [
    (date(2026, 11, 29), 10, date(2036, 11, 29)),
    (date(2024, 2, 29), 10, date(2034, 3, 1)),     # no 29 February in 2034: the later day
    (date(2024, 2, 29), 12, date(2036, 2, 29)),
    (date(2026, 12, 31), 15, date(2041, 12, 31)),
])
def test_keep_until_is_the_closing_day_years_later(closed, years, until):
    assert keep_until(closed, years) == until


@pytest.mark.parametrize("today, allowed", [
    (date(2036, 11, 28), False), (date(2036, 11, 29), False), (date(2036, 11, 30), True)])
def test_removable_only_after_the_last_kept_day(today, allowed):
    assert removable(date(2026, 11, 29), 10, today) is allowed


@pytest.mark.parametrize("closed_at, open_", [
    (None, True),                                                     # never closed: writable
    (datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc), False),       # closed today
    (datetime(2016, 12, 1, tzinfo=timezone.utc), False),              # closed long ago, still kept
])
def test_a_record_is_writable_until_it_is_closed(closed_at, open_):
    assert writable(closed_at) is open_
