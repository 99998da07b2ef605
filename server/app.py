"""The application factory."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from flask import Flask, current_app, request, send_from_directory, session
from flask_login import current_user
from flask_smorest import abort
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter, ValidationError

from server import api as api_package, config, errors, instance, permissions, pwa
from server.content.loader import load_library
from server.content.questionnaires import load_questionnaires
from server.errors import BetterBackApi
from server.services import plan_cache, plan_state
from server.extensions import csrf, db, limiter, login_manager

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class IsoDateConverter(BaseConverter):
    """A calendar date in the path, YYYY-MM-DD; anything else is a 404 from routing."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError(value) from None

    def to_url(self, value) -> str:
        return value.isoformat()


class PatientRefConverter(BaseConverter):
    """A patient id, or `me` for the signed-in patient."""

    regex = r"(?:me|[1-9][0-9]{0,17})"

    def to_python(self, value: str):
        return value if value == "me" else int(value)

    def to_url(self, value) -> str:
        return str(value)


def create_app(config_overrides: dict | None = None) -> Flask:
    settings = {**config.DEFAULTS, **config.from_environment(), **(config_overrides or {})}
    instance_dir = Path(settings["INSTANCE_PATH"])
    instance_dir.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance_dir), static_folder=None)
    app.config.update(settings)
    app.config["SECRET_KEY"] = settings.get("SECRET_KEY") or instance.secret_key(instance_dir)
    _init_vapid(app, instance_dir)
    if app.config["PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"], x_proto=app.config["PROXY_HOPS"],
                                x_host=app.config["PROXY_HOPS"])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)

    app.extensions["bb_content"] = load_library(app.config["CONTENT_PATH"])
    app.extensions["bb_questionnaires"] = load_questionnaires(app.config["CONTENT_PATH"], instance_dir)
    app.extensions["bb_plan_fingerprint"] = plan_cache.fingerprint(app.extensions["bb_content"])
    db.init_app(app)
    plan_state.install()
    _init_login(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.url_map.converters["patient_ref"] = PatientRefConverter
    app.url_map.converters["isodate"] = IsoDateConverter
    api = BetterBackApi(app)
    api_package.register(api)
    errors.register(app)
    pwa.register(app)
    _init_assets(app)
    app.before_request(_guard)
    app.after_request(_headers)
    return app


def _init_vapid(app: Flask, instance_dir: Path) -> None:
    if app.config.get("VAPID_PRIVATE_KEY"):
        path = instance_dir / "vapid_private_from_env.pem"
        path.write_text(app.config["VAPID_PRIVATE_KEY"])
    else:
        path = instance.vapid_private_key_path(instance_dir)
    app.config["VAPID_PRIVATE_KEY_PATH"] = str(path)
    app.config["VAPID_PUBLIC_KEY"] = instance.vapid_public_key(path)


def _init_login(app: Flask) -> None:
    from server.services.accounts import load_session_user

    login_manager.init_app(app)
    login_manager.session_protection = "basic"  # phones change networks; "strong" would sign them out

    @login_manager.user_loader
    def load_user(user_id: str):
        user = load_session_user(db_session=db.session, user_id=int(user_id), token=session.get("sid"),
                                 idle_days=current_app.config["SESSION_IDLE_DAYS"])
        if getattr(user, "session_touched", False):
            session.modified = True   # renew the cookie's 30 days when the server-side session is touched
        return user

    @login_manager.unauthorized_handler
    def unauthorized():
        abort(401, message="Please sign in.")


def _init_assets(app: Flask) -> None:
    import swagger_ui_bundle

    docs_dir = swagger_ui_bundle.swagger_ui_path
    illustrations = app.extensions["bb_content"].illustrations_path

    @app.route("/api/v1/docs/assets/<path:filename>", endpoint="docs_assets")
    def docs_assets(filename):
        return send_from_directory(docs_dir, filename, max_age=86400)

    @app.route("/content/illustrations/<path:filename>", endpoint="content_assets")
    def content_assets(filename):
        response = send_from_directory(illustrations, filename, max_age=86400)
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response


def _guard():
    """Before every request: JSON bodies only, CSRF for cookie-authenticated writes, then the route's policy."""
    if request.path.startswith("/api/") and request.method in WRITE_METHODS:
        if request.content_length and not request.is_json:
            abort(415, message="Send the body as application/json.")
        if current_user.is_authenticated and request.endpoint not in {"auth.login", "auth.accept_invite"}:
            csrf.protect()
    permissions.enforce()


def _headers(response):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith("/api/") and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"  # health data never sits in a browser or proxy cache
    if request.path.startswith("/api/") and request.endpoint not in {"api-docs.openapi_swagger_ui", "docs_assets"}:
        headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    return response
