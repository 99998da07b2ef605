"""One JSON error shape for the whole API: {code, status, message, errors?, error?}.

flask-smorest answers every HTTPException in this shape (see BetterBackApi below);
service errors and CSRF failures join it, and unexpected errors become a plain 500.
"""
from __future__ import annotations

import logging
import traceback

from flask import Flask, jsonify
from flask_smorest import Api
from flask_wtf.csrf import CSRFError
from werkzeug.http import HTTP_STATUS_CODES

from server.services.errors import ServiceError

log = logging.getLogger(__name__)


def error_body(status: int, message: str, *, field: str | None = None, code: str | None = None,
               location: str = "json") -> dict:
    body = {"code": status, "status": HTTP_STATUS_CODES.get(status, "Error"), "message": message}
    if field:
        body["errors"] = {location: {field: [message]}}
    if code:
        body["error"] = code
    return body


class BetterBackApi(Api):
    """flask-smorest's error payload, always with a message and the exception's own headers (Allow, ...)."""

    def handle_http_exception(self, error):
        payload, status, headers = super().handle_http_exception(error)
        payload.setdefault("message", error.description or payload["status"])
        merged = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        merged.update(headers or {})
        return payload, status, merged


def register(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        body = error_body(error.status, error.message, field=error.field, code=error.code, location=error.location)
        return jsonify(body), error.status

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):
        message = "Missing or invalid CSRF token: send the token from GET /api/v1/me as X-CSRF-Token."
        return jsonify(error_body(403, message, code="csrf")), 403

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # Exception messages can carry request data (SQL parameters, bodies): log the type and frames only.
        log.error("unhandled %s\n%s", type(error).__name__, "".join(traceback.format_tb(error.__traceback__)))
        return jsonify(error_body(500, "Something went wrong on our side. Please try again.")), 500
