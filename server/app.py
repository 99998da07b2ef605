"""The application factory."""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from datetime import date
from pathlib import Path

from flask import Flask, current_app, g, request, send_from_directory, session
from flask_login import current_user
from server.services.errors import fail
from werkzeug.exceptions import NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter, IntegerConverter

from server import api as api_package, config, errors, instance, permissions, pwa
from server.content.loader import load_library
from server.content.crpe import load_crpe
from server.content.questionnaires import installed_packs, load_questionnaires, missing_packs
from server.domain import wording
from server.errors import BetterBackApi
from server.schemas.common import DATE_MAX, DATE_MIN, INT_MAX, KNOWN_FAMILIES
from server.services.training import plan_cache, plan_state
from server.extensions import csrf, db, limiter, login_manager

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Browser features no page of ours uses are off for this origin and anything it frames; the staff screens
# copy invitation links (clipboard-write). Notifications, push and vibration are not policy features.
PERMISSIONS_POLICY = ", ".join([
    *(f"{feature}=()" for feature in (
        "accelerometer", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "serial", "sync-xhr", "usb",
        "xr-spatial-tracking", "clipboard-read")),
    "clipboard-write=(self)",   # staff copy invitation links
    # the guided session keeps the screen on and beeps at the end of a hold (timers, after the first tap)
    "screen-wake-lock=(self)", "autoplay=(self)"])
MAX_URL_LENGTH = 2048   # no route needs more; gunicorn is started with room above it (scripts/run)


class IsoDateConverter(BaseConverter):
    """A calendar date in the path, YYYY-MM-DD; anything else is a 404 from routing."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise NotFound() from None
        if not DATE_MIN <= day <= DATE_MAX:
            raise NotFound()     # not ValidationError: werkzeug would then answer 405 from another rule
        return day

    def to_url(self, value) -> str:
        return value.isoformat()


class PatientRefConverter(BaseConverter):
    """A patient id, or `me` for the signed-in patient."""

    regex = r"(?:me|[1-9][0-9]{0,9})"

    def to_python(self, value: str):
        if value == "me":
            return value
        if int(value) > INT_MAX:
            raise NotFound()
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class IdConverter(IntegerConverter):
    """`<int:...>` path ids stop at PostgreSQL's integer: a larger number is a 404, not a database error."""

    def __init__(self, url_map, fixed_digits=0, min=1, max=INT_MAX, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        number = int(value)
        if not self.min <= number <= self.max:
            raise NotFound()     # not ValidationError: werkzeug would then answer 405 from another rule
        return number


def log_questionnaire_packs(questionnaires: dict) -> None:
    """At start-up: the questionnaires that are not asked for want of a clinic pack, and any demo wording."""
    log = logging.getLogger("betterback.content")
    missing = missing_packs(questionnaires)
    if missing:
        log.warning("not asked until a clinic content pack is installed (%s): %s", wording.README_PATH,
                    ", ".join(f"{ident}.{locale}" for ident, locale in missing))
    demo = [f"{i}.{loc}" for (i, loc), found in installed_packs(questionnaires).items() if found.demo]
    if demo:
        log.warning("%s for: %s", wording.DEMO_LABEL, ", ".join(demo))


def create_app(config_overrides: dict | None = None) -> Flask:
    settings = {**config.DEFAULTS, **config.from_environment(), **(config_overrides or {})}
    config.check_services(settings)
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
    KNOWN_FAMILIES.update(app.extensions["bb_content"].families())   # the schemas' enum of families
    app.extensions["bb_questionnaires"] = load_questionnaires(app.config["CONTENT_PATH"], instance_dir)
    log_questionnaire_packs(app.extensions["bb_questionnaires"])
    app.extensions["bb_crpe"] = load_crpe(app.config["CONTENT_PATH"])
    app.extensions["bb_plan_fingerprint"] = plan_cache.fingerprint(app.extensions["bb_content"])
    app.extensions["bb_plan_recent"] = plan_cache.Recent(app.config["PLAN_MEMORY_ENTRIES"])
    db.init_app(app)
    plan_state.install()
    _init_login(app)
    csrf.init_app(app)
    app.after_request(_no_retry_after_on_success)   # registered before the limiter's hook, so it runs after it
    limiter.init_app(app)
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["patient_ref"] = PatientRefConverter
    app.url_map.converters["isodate"] = IsoDateConverter
    api = BetterBackApi(app)
    api.register_converter(PatientRefConverter, lambda _c: {
        "type": "string", "pattern": r"^(me|[1-9][0-9]{0,9})$",
        "description": "a patient's id, or `me` for the signed-in patient"})
    api.register_converter(IsoDateConverter, lambda _c: {"type": "string", "format": "date"})
    api_package.register(api)
    errors.register(app)
    pwa.register(app)
    _init_assets(app)
    app.before_request(_guard)
    app.after_request(permissions.settle_write_log)   # a staff write's row: kept, or refused with its reason
    app.after_request(_headers)
    return app


def _init_vapid(app: Flask, instance_dir: Path) -> None:
    if app.config.get("VAPID_PRIVATE_KEY"):
        path = instance_dir / "vapid_private_from_env.pem"
        path.write_text(app.config["VAPID_PRIVATE_KEY"])
    else:
        path = instance.vapid_private_key_path(instance_dir)
    app.config["VAPID_PRIVATE_KEY_PATH"] = str(path)
    try:
        app.config["VAPID_PUBLIC_KEY"] = instance.vapid_public_key(path)
    except Exception:  # noqa: BLE001 - py_vapid raises several kinds for a bad key
        raise config.ConfigError("VAPID_PRIVATE_KEY is not a usable EC P-256 private key (PEM)") from None


def _init_login(app: Flask) -> None:
    from server.services.accounts.accounts import load_session_user

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
        fail(401, "sign_in_required")


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


def _no_retry_after_on_success(response):
    """The rate limiter adds Retry-After to every answer of a limited route; it only means something on a refusal,
    and there it says what the refusal's message says (server/errors.py), not the end of an unbreached window."""
    if response.status_code < 400:
        response.headers.pop("Retry-After", None)
    elif response.status_code == 429 and g.get("retry_after"):
        response.headers["Retry-After"] = str(g.retry_after)
    return response


def _takes_json_body(endpoint: str | None) -> bool:
    """Whether the route reads a JSON body (flask-smorest's @arguments in the json location)."""
    view = current_app.view_functions.get(endpoint) if endpoint else None
    parameters = getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any(p.get("in") == "json" for p in parameters)


def _guard():
    """Before every request: JSON bodies only, CSRF for cookie-authenticated writes, then the route's policy."""
    if len(request.full_path) > MAX_URL_LENGTH:
        fail(414, "uri_too_long")
    if request.path.startswith("/api/") and request.method in WRITE_METHODS:
        if request.content_length and not request.is_json:
            fail(415, "unsupported_media_type")
        if not request.content_length and _takes_json_body(request.endpoint):
            fail(422, "body_required")   # a PATCH with no body is a client mistake, not a no-op
        if current_user.is_authenticated and request.endpoint not in {"auth.login", "auth.accept_invite"}:
            csrf.protect()
    permissions.enforce()


def _docs_csp(response) -> str:
    """The API docs page's policy: its own scripts, plus its one inline start-up script by hash."""
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline)
    return (f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


def _headers(response):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config.get("SESSION_COOKIE_SECURE"):   # served over https: browsers must stay on it
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if request.endpoint == "api-docs.openapi_swagger_ui":
        headers["Content-Security-Policy"] = _docs_csp(response)
    if request.path.startswith("/api/") and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"  # health data never sits in a browser or proxy cache
    # The app's pages, the docs page and the illustrations set their own; everything else (API answers,
    # the docs' assets, error pages outside the API) may load nothing and be framed by no one.
    headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")   # no other window keeps a handle on ours
    return response
