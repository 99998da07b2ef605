"""The reminder scheduler: exactly one such process per installation, never inside web workers."""
from __future__ import annotations

import logging
import signal
from collections.abc import Callable

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from server.extensions import db
from server.jobs.plan import plan_notifications
from server.jobs.retention import remove_expired
from server.jobs.send import send_due
from server.services.clock import now

log = logging.getLogger(__name__)

# The declarative list of periodic jobs: (name, seconds between runs, function of (session, now, config)).
JOBS: tuple[tuple[str, int, Callable], ...] = (
    ("plan-reminders", 600, lambda session, at, _config: plan_notifications(session, at)),
    ("send-reminders", 20, lambda session, at, config: send_due(session, at, config)),
    # Closed records past the clinic's retention period; hourly is plenty, and a second run finds nothing.
    ("remove-expired-records", 3600, lambda session, at, _config: remove_expired(session, at)),
)


def _runner(app: Flask, name: str, job: Callable) -> Callable[[], None]:
    def run() -> None:
        with app.app_context():
            try:
                result = job(db.session, now(), app.config)
                log.info("%s: %s", name, result)
            except Exception as error:  # keep the scheduler alive; the next run tries again
                db.session.rollback()
                log.error("%s failed: %s", name, type(error).__name__)

    return run


def run_scheduler(app: Flask) -> None:
    scheduler = BlockingScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})
    for name, seconds, job in JOBS:
        scheduler.add_job(_runner(app, name, job), "interval", seconds=seconds, id=name, next_run_time=now())
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("scheduler started: %s", ", ".join(name for name, _, _ in JOBS))
    scheduler.start()
