"""One JSON error shape for everything the server answers with an error status:

    {"code": 404, "status": "Not Found", "error": "patient_not_found", "message": "...",
     "errors": {"json": {"field": ["..."]}}}   # errors only when fields are at fault

`error` is a stable code from server/error_codes.py; `message` and the field messages are in
the caller's language (the account's locale when signed in, else Accept-Language, else English).
"""
from __future__ import annotations

import logging
import math
import time
import traceback

from flask import Flask, g, jsonify, request
from flask_limiter.errors import RateLimitExceeded
from flask_smorest import Api
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from server.domain.roles import negotiate_locale
from server.error_codes import text, wait_words
from server.field_messages import translate_tree
from server.schemas.common import CONTROL_MESSAGE, DATE_MAX, DATE_MIN, DATE_RANGE_MESSAGE
from server.schemas.errors import ErrorSchema
from server.services.errors import ServiceError

log = logging.getLogger(__name__)

# The code of an HTTP error that no service named more precisely.
STATUS_CODES = {400: "bad_request", 401: "sign_in_required", 403: "forbidden_role", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large", 414: "uri_too_long",
                415: "unsupported_media_type", 422: "invalid_input", 429: "rate_limited", 500: "server_error"}


def request_locale() -> str:
    """The signed-in account's language, else the browser's (sv or en), else English."""
    try:
        from flask_login import current_user

        if current_user and current_user.is_authenticated:
            return current_user.locale
    except Exception:  # noqa: BLE001 - a broken session must not turn an error into a 500
        pass
    return negotiate_locale(request.headers.get("Accept-Language"))


def error_body(status: int, code: str, *, field: str | None = None, location: str = "json",
               errors: dict | None = None, **params) -> dict:
    locale = request_locale()
    message = text(code, locale, **params)
    body = {"code": status, "status": HTTP_STATUS_CODES.get(status, "Error"), "error": code, "message": message}
    if field:
        body["errors"] = {location: {field: [message]}}
    if errors:
        body["errors"] = translate_tree(errors, locale)
    return body


def _leaves(tree) -> list[str]:
    if isinstance(tree, dict):
        return [leaf for value in tree.values() for leaf in _leaves(value)]
    if isinstance(tree, list):
        return [leaf for value in tree for leaf in _leaves(value)]
    return [str(tree)]


def _specific_422(errors: dict) -> tuple[str, dict]:
    """A more telling code than invalid_input when every field fails for the same known reason."""
    leaves = set(_leaves(errors))
    if leaves == {DATE_RANGE_MESSAGE}:
        return "date_out_of_range", {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
    if leaves == {CONTROL_MESSAGE}:
        return "control_characters", {}
    return "invalid_input", {}


def _retry_seconds(error: HTTPException) -> int:
    """Seconds until a refused request would be taken: the refusal's own count (the login limits), else
    the end of the breached limit's window (the limiter's per-source limits)."""
    from server.extensions import limiter

    seconds = getattr(error, "retry_after", None)
    if not isinstance(seconds, (int, float)):
        current = limiter.current_limit if isinstance(error, RateLimitExceeded) else None
        seconds = current.reset_at - time.time() if current else 60
    return max(1, math.ceil(seconds))


class BetterBackApi(Api):
    """Every HTTPException (routing 404/405, 413, marshmallow's 422, rate limits) in the one shape."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        payload, status, headers = super().handle_http_exception(error)
        code = STATUS_CODES.get(status, "http_error")
        params = {}
        if status == 422 and payload.get("errors"):
            code, params = _specific_422(payload["errors"])
        if status == 429:
            g.retry_after = _retry_seconds(error)   # the header says the same (server/app.py)
            params = {"wait": wait_words(g.retry_after)}
        body = error_body(status, code, errors=payload.get("errors"), **params)
        merged = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        merged.update(headers or {})
        return body, status, merged


def register(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        body = error_body(error.status, error.code, field=error.field, location=error.location, **error.params)
        return jsonify(body), error.status

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):
        return jsonify(error_body(403, "csrf")), 403

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # Exception messages can carry request data (SQL parameters, bodies): log the type and frames only.
        log.error("unhandled %s\n%s", type(error).__name__, "".join(traceback.format_tb(error.__traceback__)))
        from server.extensions import db

        db.session.rollback()  # before request_locale() may read the account
        return jsonify(error_body(500, "server_error")), 500
