"""Checks a process makes before it serves requests or sends reminders, each failing with one line.

A web worker or the scheduler that starts without its database would answer every login with a 500;
one whose login limits live in memory while other workers keep their own would let each worker's
share of guesses through. Both are refused here, naming the setting and the fix. The commands that
create and migrate the database (`betterback db ...`) do not run these checks.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from server.config import ConfigError
from server.migrate import alembic_config

CONNECT_TIMEOUT_SECONDS = 5


def gunicorn_workers() -> int:
    """How many worker processes serve this app: gunicorn's own reading of its command line, its
    GUNICORN_CMD_ARGS, WEB_CONCURRENCY and config file, when running under gunicorn; else WEB_CONCURRENCY."""
    if "gunicorn.arbiter" in sys.modules and "gunicorn" in sys.argv[0]:   # the gunicorn command, not embedded
        from gunicorn.app.wsgiapp import WSGIApplication

        return int(WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg.workers)
    raw = os.environ.get("WEB_CONCURRENCY", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


def check_rate_limit_storage(storage_uri: str, workers: int, *, enabled: bool = True) -> None:
    """memory:// counts per process: with several workers each keeps its own, multiplying the limits.
    (With the limits switched off, BETTERBACK_RATELIMIT=false for load and browser tests, nothing is counted.)"""
    if enabled and workers > 1 and storage_uri.startswith("memory://"):
        raise ConfigError(f"RATELIMIT_STORAGE_URI is memory://, which each of the {workers} workers counts on "
                          f"its own (the login limits would allow {workers} times as many guesses): set a "
                          "redis:// URL, or run one worker (gunicorn --workers 1 --threads 8)")


def _connect_problem(error: SQLAlchemyError) -> str:
    lines = str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__]
    return lines[0][:200]


def check_database(database_url: str) -> None:
    """The database answers and is migrated to this release's head; never creates anything."""
    url = make_url(database_url)
    upgrade = "run `betterback db upgrade`"
    if url.get_backend_name() == "sqlite" and not Path(url.database).is_file():
        raise ConfigError(f"DATABASE_URL: there is no database file at {url.database}: {upgrade}")
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if url.get_backend_name() == "postgresql" else {}
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as error:
        raise ConfigError(f"DATABASE_URL: cannot open the database ({_connect_problem(error)}): start or create "
                          f"it, or correct DATABASE_URL, then {upgrade}") from None
    finally:
        engine.dispose()
    wanted = set(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())
    if not current:
        raise ConfigError(f"DATABASE_URL: the database has no tables yet: {upgrade}")
    if current != wanted:
        raise ConfigError(f"DATABASE_URL: the database is at migration {', '.join(sorted(current))}, this "
                          f"release needs {', '.join(sorted(wanted))}: {upgrade}")


def check_serving(config, *, workers: int) -> None:
    """Everything a web worker needs before its first request."""
    check_rate_limit_storage(config["RATELIMIT_STORAGE_URI"], workers,
                             enabled=config.get("RATELIMIT_ENABLED", True))
    check_database(config["DATABASE_URL"])
