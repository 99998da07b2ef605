from flask import current_app, request, session
from flask_login import current_user, login_user, logout_user
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from server import permissions as perm
from server.api import login_limits
from server.extensions import db, limiter
from server.schemas.accounts import AcceptInviteSchema, ChangePasswordSchema, LoginSchema, MeSchema
from server.services.accounts import accounts, patients
from server.services.messages import messages
from server.services.errors import ServiceError

blp = Blueprint("auth", __name__, description="Signing in and out")

# The routes that carry a rate limit (the decorated ones below). The limiter's check on every other
# request only finds nothing to count, at ~5 % of a signed-in request's CPU (bench/RESULTS.md), so it
# is skipped there; tests/probe/test_rate_limited_routes.py keeps this set equal to the decorations.
RATE_LIMITED = frozenset({"auth.login", "auth.accept_invite"})


@limiter.request_filter
def _no_limit_here() -> bool:
    return request.endpoint not in RATE_LIMITED


def _start(user) -> dict:
    session.clear()  # a fresh session (and CSRF token) on every sign-in: no fixation
    session["sid"] = accounts.start_session(db_session=db.session, user=user)
    session.permanent = True
    login_user(user)
    return _me(user)


def _me(user) -> dict:
    return {"id": user.id, "email": user.email, "name": user.name, "role": user.role, "locale": user.locale,
            "timezone": user.timezone, "clinic": user.clinic, "csrf_token": generate_csrf(),
            "unread_messages": messages.unread_for(db.session, user)}


@blp.route("/auth/login", methods=["POST"])
@perm.authorize(perm.PUBLIC)
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_IP"])
@blp.arguments(LoginSchema())
@blp.response(200, MeSchema)
@blp.alt_response(401, description="Wrong e-mail or password")
@blp.alt_response(429, description="Too many attempts: Retry-After gives the seconds until the next one is taken")
def login(body):
    """Sign in with e-mail and password; sets the session cookie. An address with accounts in several
    clinics signs in to the one `clinic` names, else to its oldest account that can sign in."""
    login_limits.check(body["email"])
    try:
        user = accounts.authenticate(db_session=db.session, email=body["email"], password=body["password"],
                                     clinic_id=body.get("clinic"))
    except ServiceError:
        login_limits.failed(body["email"])
        raise
    return _start(user)


@blp.route("/auth/logout", methods=["POST"])
@perm.authorize(perm.SIGNED_IN)
@blp.response(204)
def logout():
    """End this device's session on the server and clear the cookie."""
    accounts.end_session(db_session=db.session, token=session.get("sid"))
    logout_user()
    session.clear()


@blp.route("/auth/accept-invite", methods=["POST"])
@perm.authorize(perm.PUBLIC)
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_IP"])
@blp.arguments(AcceptInviteSchema())
@blp.response(200, MeSchema)
def accept_invite(body):
    """A patient sets their password with the invitation code from their therapist, and is signed in."""
    user = patients.accept_invite(db_session=db.session, code=body["code"], password=body["password"])
    return _start(user)


@blp.route("/auth/password", methods=["POST"])
@perm.authorize(perm.SIGNED_IN)
@blp.arguments(ChangePasswordSchema())
@blp.response(204)
def change_password(body):
    """Change your password; every other signed-in device is signed out."""
    accounts.change_password(db_session=db.session, user=current_user, current=body["current_password"],
                             new=body["new_password"], keep_session=session.get("sid"))


@blp.route("/me", methods=["GET"])
@perm.authorize(perm.SIGNED_IN)
@blp.response(200, MeSchema)
def me():
    """The signed-in user, with the CSRF token to send as X-CSRF-Token on writes."""
    return _me(current_user)
