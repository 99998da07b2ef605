"""Failed sign-ins: expensive for a guesser, never a lock a stranger can put on someone's account,
and never a worker held waiting.

The counters belong to the address (the normalised e-mail), whatever accounts it has in whichever
clinics, so a guesser gets one budget per address:
- Per address *and* source (LOGIN_RATE_LIMIT_ACCOUNT, 5/min and 30/hour): a guesser is refused
  with 429, but only at their own source; the owner elsewhere signs in as usual.
- Per address from everywhere (LOGIN_SLOW_AFTER, 20/hour): past it, the address takes one attempt
  per LOGIN_SLOW_SECONDS from everywhere. An attempt sooner is refused at once, before any password
  is checked, with 429 and Retry-After (the seconds until the next one is taken): a paced path
  rather than a wall, so a guesser with many sources gets few tries an hour while the owner still
  gets in, and no request sleeps on a worker thread.
- No password change starts them afresh: a change on one account at the address must not give a
  guesser of the other a new budget. They run out with their windows (the 429 says when).
"""
from __future__ import annotations

import hashlib
import math
import time

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse, parse_many
from werkzeug.exceptions import TooManyRequests

from server.domain.accounts import normalise_email
from server.extensions import limiter


def _keys(email: str) -> tuple[str, str]:
    address = hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]
    return f"{address}|{get_remote_address()}", address


def _refuse(item: RateLimitItem, namespace: str, key: str) -> None:
    reset = limiter.limiter.get_window_stats(item, namespace, key).reset_time
    raise TooManyRequests(retry_after=max(1, math.ceil(reset - time.time())))


def _pace() -> RateLimitItem:
    return parse(f"1 per {max(1, round(current_app.config['LOGIN_SLOW_SECONDS']))} second")


def check(email: str) -> None:
    """Before checking a password: 429 when this source used up its tries on this address, or when
    the address is under attack from many sources and its next attempt is not due yet."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    per_source, address = _keys(email)
    strategy = limiter.limiter
    for item in parse_many(current_app.config["LOGIN_RATE_LIMIT_ACCOUNT"]):
        if not strategy.test(item, "login-fail-source", per_source):
            _refuse(item, "login-fail-source", per_source)
    if not strategy.test(parse(current_app.config["LOGIN_SLOW_AFTER"]), "login-fail-address", address):
        if not strategy.hit(_pace(), "login-pace", address):
            _refuse(_pace(), "login-pace", address)


def failed(email: str) -> None:
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    per_source, address = _keys(email)
    for item in parse_many(current_app.config["LOGIN_RATE_LIMIT_ACCOUNT"]):
        limiter.limiter.hit(item, "login-fail-source", per_source)
    limiter.limiter.hit(parse(current_app.config["LOGIN_SLOW_AFTER"]), "login-fail-address", address)
