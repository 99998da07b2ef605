"""Who may call what: every route declares one policy, checked before the view runs.

Deny by default: an API route without a policy is refused (and the authorization walk
in tests/test_authorization_walk.py fails), so a new route cannot ship without a rule.

Object-level rules resolve the object named in the URL (`me` included) and return 404
for objects the caller may not see, so ids of other clinics' patients do not leak.
Role mismatches are 403: the caller is known but their role never has this access.

Every staff request that passes an object-level patient or group check is written to the
access log here, before the view runs (server/services/privacy/access_log.py), so no route can
forget it; the kind is derived from the route (server/domain/access.py). A staff request that is
turned away on a patient route (403, 404, or 409 on a closed record) is written too, as refused.
A preflight (OPTIONS) is checked like any request but logs nothing: it reads nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app, g, request
from flask_login import current_user
from sqlalchemy import select

from server.domain.access import PATIENT_SEGMENT, action_of, kind_of
from server.extensions import db
from server.models import GroupMember, PatientProfile, TrainingGroup, User
from server.services.privacy import access_log
from server.services.errors import Conflict, ServiceError, fail
from server.services.privacy.records import require_writable

Check = Callable[[User, dict], None]


@dataclass(frozen=True)
class Policy:
    name: str
    roles: frozenset[str] | None  # None: public, no sign-in needed
    check: Check | None = None


def authorize(policy: Policy):
    """Attach a policy to a view function."""

    def decorate(view):
        view._policy = policy
        return view

    return decorate


# Endpoints that are not ours (OpenAPI document, docs page, static files): public by design.
PUBLIC_ENDPOINTS = frozenset({
    "static", "api-docs.openapi_json", "api-docs.openapi_swagger_ui", "docs_assets", "content_assets",
})


def policy_for(endpoint: str | None) -> Policy | None:
    if endpoint is None:
        return None
    if endpoint in PUBLIC_ENDPOINTS:
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "_policy", None)


def enforce() -> None:
    """before_request hook: apply the endpoint's policy or refuse."""
    if request.endpoint is None:  # 404/405 from routing: let the error handler answer
        return
    policy = policy_for(request.endpoint)
    if policy is None:
        fail(403, "no_access_rule")
    if policy.roles is None:
        return
    if not current_user.is_authenticated:
        fail(401, "sign_in_required")
    try:
        if current_user.role not in policy.roles:
            fail(403, "forbidden_role")
        if policy.check is not None:
            policy.check(current_user, request.view_args if request.view_args is not None else {})
    except ServiceError as refused:
        if PATIENT_SEGMENT in request.url_rule.rule:
            _log_refusal(current_user, refused, (request.view_args or {}).get("patient_id"))
        raise


# --- object-level checks -------------------------------------------------------------

def _load_patient(user: User, args: dict) -> User:
    ref = args.get("patient_id")
    if ref == "me":
        if user.role != "patient":
            fail(404, "me_patient_only")
        ref = user.id
    patient = db.session.get(User, int(ref))
    if patient is None or patient.role != "patient" or patient.patient is None:
        fail(404, "patient_not_found")
    args["patient_id"] = patient.id  # the view receives the resolved id
    g.patient = patient
    return patient


def _is_self(user: User, patient: User) -> bool:
    return user.role == "patient" and user.id == patient.id


def _is_their_therapist(user: User, patient: User) -> bool:
    profile: PatientProfile = patient.patient
    return (
        user.role == "therapist"
        and user.clinic_id == patient.clinic_id
        and profile.therapist_id == user.id
    )


def _is_clinic_admin(user: User, patient: User) -> bool:
    return user.role == "admin" and user.clinic_id == patient.clinic_id


def log_access(user: User, patients: list[tuple[int, int, bool]], kind: str | None = None, *,
               action: str | None = None, commit: bool = True) -> None:
    """Record a staff member's access to these (patient id, clinic id, assigned) now; patients log nothing,
    nor does a preflight (OPTIONS), which reads nothing. `commit=False`: in the view's own transaction."""
    action = action or action_of(request.method)
    if user.role == "patient" or not patients or action is None:
        return
    access_log.record(db.session, actor=user, patients=patients, action=action, address=request.remote_addr,
                      kind=kind or kind_of(request.url_rule.rule, request.method), commit=commit)


def _log_write(user: User, rows: list[tuple[int, int, bool]]) -> None:
    """A staff write: its row goes into the view's transaction, stored with the change; settle_write_log
    turns it into a refused row when the answer is a client error."""
    if user.role == "patient":
        return
    kind = kind_of(request.url_rule.rule, request.method)
    at = access_log.record(db.session, actor=user, patients=rows, kind=kind, action="write",
                           address=request.remote_addr, commit=False)
    g.write_log = (user, rows, kind, at)


def settle_write_log(response):
    """after_request: a staff write answered 2xx/3xx keeps its row (stored now if the view left it
    uncommitted, or written again if the view's own rollback took it); one answered 4xx/5xx is logged as
    refused with its status and error code, in place of the write."""
    pending = g.pop("write_log", None)
    if pending is None:
        return response
    user, rows, kind, at = pending
    if response.status_code >= 400:
        db.session.rollback()
        body = response.get_json(silent=True) if response.is_json else None
        code = (body or {}).get("error") or "http_error"
        access_log.record(db.session, actor=user, patients=rows, kind=kind, action="write",
                          address=request.remote_addr, refused=(response.status_code, code))
        return response
    db.session.commit()
    if not access_log.written(db.session, actor_id=user.id, patient_id=rows[0][0], at=at):
        access_log.record(db.session, actor=user, patients=rows, kind=kind, action="write",
                          address=request.remote_addr, at=at)
    return response


def _log_refusal(user: User, error: ServiceError, ref, kind: str | None = None) -> None:
    """A staff member turned away from patient `ref` leaves a trace: a refused row on that patient's record,
    in the log of the patient's clinic (whose admin reviews it), or, when `ref` names no patient, a line in
    the server log (ids and the error code only)."""
    action = action_of(request.method)
    if user.role == "patient" or action is None:
        return
    db.session.rollback()
    patient = db.session.get(User, int(ref)) if str(ref).isdigit() else None
    if patient is None or patient.role != "patient" or patient.patient is None:
        current_app.logger.warning("access refused: %s %s by user %s (%s): %s %s", request.method,
                                   request.url_rule.rule, user.id, user.role, error.status, error.code)
        return
    access_log.record(db.session, actor=user, patients=[(patient.id, patient.clinic_id,
                                                         _is_their_therapist(user, patient))],
                      kind=kind or kind_of(request.url_rule.rule, request.method), action=action,
                      address=request.remote_addr, refused=(error.status, error.code))


@contextmanager
def refusals_logged(patient_id: int, kind: str):
    """Around a service call that names a patient outside the URL's patient segment (a group member): the
    service turning the caller away from that patient (403, 404, a closed record) is logged as refused."""
    try:
        yield
    except ServiceError as refused:
        if refused.status in (403, 404) or refused.code == "account_closed":
            _log_refusal(current_user, refused, patient_id, kind)
        raise


def _patient_check(*allowed: Callable[[User, User], bool]) -> Check:
    def check(user: User, args: dict) -> None:
        patient = _load_patient(user, args)
        if not any(rule(user, patient) for rule in allowed):
            fail(404, "patient_not_found")
        rows = [(patient.id, patient.clinic_id, _is_their_therapist(user, patient))]
        if action_of(request.method) == "write":
            require_writable(patient.patient)
            _log_write(user, rows)
        else:
            log_access(user, rows)

    return check


def _group_check(*, supervisor: bool) -> Check:
    """The group's own supervisor (when allowed) and the therapists and admins of its clinic."""

    def check(user: User, args: dict) -> None:
        group = db.session.get(TrainingGroup, int(args["group_id"]))
        if group is None or group.clinic_id != user.clinic_id:
            fail(404, "group_not_found")
        if user.role == "supervisor" and not (supervisor and group.supervisor_id == user.id):
            fail(404, "group_not_found")
        g.group = group
        if kind_of(request.url_rule.rule, request.method):   # routes that show each member's own data
            log_members(user, group)

    return check


def log_members(user: User, group: TrainingGroup, kind: str | None = None, *, action: str | None = None,
                besides: int | None = None) -> None:
    """One row per member (but `besides`); the group's supervisor and each member's own therapist count as
    assigned."""
    rows = db.session.execute(select(GroupMember.patient_id, PatientProfile.therapist_id).join(
        PatientProfile, PatientProfile.user_id == GroupMember.patient_id).where(GroupMember.group_id == group.id)).all()
    log_access(user, [(patient_id, group.clinic_id, group.supervisor_id == user.id or therapist_id == user.id)
                      for patient_id, therapist_id in rows if patient_id != besides], kind, action=action)


def _staff_check(user: User, args: dict) -> None:
    member = db.session.get(User, int(args["staff_id"]))
    if member is None or member.role == "patient" or member.clinic_id != user.clinic_id:
        fail(404, "staff_not_found")
    g.staff = member


# --- the policies ----------------------------------------------------------------------

PUBLIC = Policy("public", None)
SIGNED_IN = Policy("signed-in", frozenset({"admin", "therapist", "supervisor", "patient"}))
THERAPIST = Policy("therapist", frozenset({"therapist"}))
CARE_STAFF = Policy("care-staff", frozenset({"therapist", "admin"}))
CLINIC_ADMIN = Policy("clinic-admin", frozenset({"admin"}))
STAFF_MEMBER = Policy("staff-member", frozenset({"admin"}), _staff_check)
# A patient's basic record (name, contact, therapist): the patient, their therapist, the clinic admin.
PATIENT_RECORD = Policy(
    "patient-record", frozenset({"patient", "therapist", "admin"}),
    _patient_check(_is_self, _is_their_therapist, _is_clinic_admin),
)
# Editing the basic record: the patient (own settings) and their therapist.
PATIENT_EDIT = Policy(
    "patient-edit", frozenset({"patient", "therapist"}), _patient_check(_is_self, _is_their_therapist)
)
# Clinical data (program, contract, plan, diary, progress): the patient and their therapist only.
PATIENT_CLINICAL = Policy(
    "patient-clinical", frozenset({"patient", "therapist"}), _patient_check(_is_self, _is_their_therapist)
)
# What only the patient does: write the diary, accept the contract.
PATIENT_SELF = Policy("patient-self", frozenset({"patient"}), _patient_check(_is_self))
# Care management (invitations): only the responsible therapist.
PATIENT_CARE = Policy("patient-care", frozenset({"therapist"}), _patient_check(_is_their_therapist))
# Moving a patient to another therapist: the responsible therapist or the clinic admin.
PATIENT_TRANSFER = Policy(
    "patient-transfer", frozenset({"therapist", "admin"}),
    _patient_check(_is_their_therapist, _is_clinic_admin),
)
# The access log of a record: the patient and their clinic's admin (who reviews the logs).
ACCESS_LOG_READ = Policy("access-log", frozenset({"patient", "admin"}), _patient_check(_is_self, _is_clinic_admin))
# Closing an account: the responsible therapist or the clinic admin.
PATIENT_CLOSE = Policy(
    "patient-close", frozenset({"therapist", "admin"}), _patient_check(_is_their_therapist, _is_clinic_admin)
)
# Groups: any staff member lists the groups they may see; therapists and admins run them;
# the supervisor of a group sees it, takes attendance and reviews adherence.
STAFF = Policy("staff", frozenset({"admin", "therapist", "supervisor"}))
GROUP_TEAM = Policy("group-team", frozenset({"admin", "therapist", "supervisor"}), _group_check(supervisor=True))
# The adherence review holds diary-derived figures per member, i.e. clinical data: those who run
# the group (its supervisor, the clinic's therapists), not the clinic admin, who sees no diaries.
GROUP_REVIEW = Policy("group-review", frozenset({"therapist", "supervisor"}), _group_check(supervisor=True))
GROUP_MANAGE = Policy("group-manage", frozenset({"admin", "therapist"}), _group_check(supervisor=False))
# Messages: the patient and their own therapist. Supervisors, admins and other therapists are let
# through the role gate on purpose so the object check answers 404: the thread's existence never leaks.
MESSAGE_THREAD = Policy(
    "message-thread", frozenset({"patient", "therapist", "supervisor", "admin"}),
    _patient_check(_is_self, _is_their_therapist),
)


def _review_item_check(user: User, args: dict) -> None:
    """The item must be in the caller's own review queue (items are derived, not stored: see services.review)."""
    from server.services import clock
    from server.services.workspace import review

    g.review_item = review.find(db.session, user, int(args["review_id"]), clock.local_today(user.timezone))


# The review queue: each therapist's own patients only; another therapist's item is 404.
REVIEW_ITEM = Policy("review-item", frozenset({"therapist"}), _review_item_check)
