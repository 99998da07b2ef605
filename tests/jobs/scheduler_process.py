"""One reminder scheduler as its own process (run by test_two_schedulers.py): sends until nothing is due.

python -m tests.jobs.scheduler_process DATABASE_URL INSTANCE_PATH SECONDS PUSH_HOST
"""
import sys
import time

from server.extensions import db
from server.jobs import send as send_module
from server.jobs.send import send_due
from server.models import Notification
from server.services.clock import now
from tests.conftest import make_test_app

LEASE, BATCH, PARALLEL = 3, 12, 4   # a claim of 12 at 4 at a time outlives its 3 s lease: renewal must hold


def main(url: str, instance: str, seconds: float, push_host: str) -> None:
    send_module.LEASE_SECONDS, send_module.BATCH = LEASE, BATCH   # the same bounds for any version of the sender
    app = make_test_app(url, instance, REMINDER_LEASE_SECONDS=LEASE, REMINDER_BATCH=BATCH,
                        REMINDER_PARALLEL=PARALLEL, PUSH_HOSTS=(push_host,))
    deadline = time.monotonic() + seconds
    with app.app_context():
        while time.monotonic() < deadline:
            counts = send_due(db.session, now(), app.config)
            open_rows = db.session.query(Notification).filter(
                Notification.status.in_(("pending", "sending"))).count()
            db.session.rollback()
            if not open_rows:
                return
            if not counts:
                time.sleep(0.2)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4])
