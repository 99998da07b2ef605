"""Failed sign-ins: expensive for a guesser, never a lock a stranger can put on someone's account.

- Per account *and* source address (LOGIN_RATE_LIMIT_ACCOUNT, 5/min and 30/hour): a guesser is
  refused with 429, but only at their own address; the owner elsewhere signs in as usual.
- Per account from everywhere (LOGIN_SLOW_AFTER, 20/hour): past it every attempt on that
  account waits LOGIN_SLOW_SECONDS first, a slower path rather than a wall, so a guesser with
  many addresses gets few tries an hour while the owner still gets in.
- The counters are keyed with a digest of the account's password hashes, so a new password
  (a password reset, or accepting a new invitation) starts them afresh: the owner is unlocked.
"""
from __future__ import annotations

import hashlib
import time

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse, parse_many
from werkzeug.exceptions import TooManyRequests

from server.extensions import limiter


def _keys(email: str, password_epoch: str) -> tuple[str, str]:
    account = hashlib.sha256(f"{email.strip().lower()}|{password_epoch}".encode()).hexdigest()[:32]
    return f"{account}|{get_remote_address()}", account


def check(email: str, password_epoch: str) -> None:
    """Before checking a password: 429 when this source used up its tries on this account; a pause
    when the account is under attack from many sources."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    per_source, account = _keys(email, password_epoch)
    strategy = limiter.limiter
    for item in parse_many(current_app.config["LOGIN_RATE_LIMIT_ACCOUNT"]):
        if not strategy.test(item, "login-fail-source", per_source):
            reset = strategy.get_window_stats(item, "login-fail-source", per_source).reset_time
            raise TooManyRequests(retry_after=max(1, int(reset - time.time())))
    if not strategy.test(parse(current_app.config["LOGIN_SLOW_AFTER"]), "login-fail-account", account):
        time.sleep(current_app.config["LOGIN_SLOW_SECONDS"])


def failed(email: str, password_epoch: str) -> None:
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    per_source, account = _keys(email, password_epoch)
    for item in parse_many(current_app.config["LOGIN_RATE_LIMIT_ACCOUNT"]):
        limiter.limiter.hit(item, "login-fail-source", per_source)
    limiter.limiter.hit(parse(current_app.config["LOGIN_SLOW_AFTER"]), "login-fail-account", account)
