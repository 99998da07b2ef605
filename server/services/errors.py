"""Errors a service raises; the API turns each into one JSON error with its status.

The first argument is a code of `server/error_codes.py`; keyword arguments other than
`field` and `location` fill in the catalogue text, which is given in the caller's language.
"""
from __future__ import annotations

from server.error_codes import CODES, text


class ServiceError(Exception):
    status = 400

    def __init__(self, code: str, *, field: str | None = None, location: str = "json", status: int | None = None,
                 **params):
        if code not in CODES:
            raise ValueError(f"error code {code!r} is not in the catalogue")
        self.code = code
        self.field = field
        self.location = location  # where the field is: json body, query string or path
        self.params = params
        if status is not None:
            self.status = status
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English text (logs, the command line)."""
        return text(self.code, "en", **self.params)


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


class Invalid(ServiceError):
    status = 422


class Unauthorized(ServiceError):
    status = 401


def fail(status: int, code: str, **kwargs):
    """Raise the error `code` with this status (for views and request hooks)."""
    raise ServiceError(code, status=status, **kwargs)
