"""The limiter runs only on the routes that carry a limit (server/api/auth.py RATE_LIMITED): that set
must name every route decorated with a limit, and those routes must still be limited."""
from flask_limiter.util import get_qualified_name

from server.api.auth import RATE_LIMITED
from server.extensions import limiter


def test_every_route_with_a_limit_is_in_the_set_the_limiter_checks(app):
    decorated = {endpoint for endpoint, view in app.view_functions.items()
                 if get_qualified_name(view) in limiter._marked_for_limiting}
    assert decorated == RATE_LIMITED


def test_accepting_invitations_is_still_limited_per_address(client):
    statuses = [client.post("/api/v1/auth/accept-invite", json={"code": f"WRONG{i:04d}X", "password": "x" * 12}
                            ).status_code for i in range(21)]
    assert 429 in statuses and statuses.index(429) == 20, statuses
