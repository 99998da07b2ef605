"""Errors a service raises; the API turns each into one JSON error with its status."""
from __future__ import annotations


class ServiceError(Exception):
    status = 400

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None,
                 location: str = "json"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.location = location  # where the field is: json body, query string or path


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


class Invalid(ServiceError):
    status = 422


class Unauthorized(ServiceError):
    status = 401
