"""gunicorn's access log with every control character escaped.

gunicorn logs the decoded path (%(U)s): a request for /x%0A127.0.0.1 "GET /admin" 200 would
otherwise write a second, forged line. Used by scripts/run (--logger-class).
"""
from __future__ import annotations

import re

from gunicorn.glogging import Logger

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def escape(value):
    if not isinstance(value, str):
        return value
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


class SafeLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return {key: escape(value) for key, value in super().atoms(resp, req, environ, request_time).items()}
