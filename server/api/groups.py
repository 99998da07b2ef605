"""Supervised group training."""
from datetime import date

from flask import g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import library, locale, today_for
from server.extensions import db
from server.schemas.groups import (
    AdherenceSchema, AttendanceInSchema, AttendanceSchema, GroupDetailSchema, GroupInSchema, GroupPatchSchema,
    GroupSchema, LevelObservationInSchema, LevelObservationSchema, MemberInSchema, MemberLevelsSchema, SessionSchema,
)
from server.services.groups import groups, observations

blp = Blueprint("groups", __name__, description="Group training, attendance and adherence")
GROUP = "/groups/<int:group_id>"


def _detail(group):
    return {**groups.as_dict(db.session, group), "members": groups.members(db.session, group.id)}


@blp.route("/groups", methods=["POST"])
@perm.authorize(perm.CARE_STAFF)
@blp.arguments(GroupInSchema())
@blp.response(201, GroupSchema)
def create_group(body):
    """A new group: 6 weeks x 2 sessions a week unless said otherwise, with its supervisor."""
    return groups.create(db_session=db.session, actor=current_user, body=body)


@blp.route("/groups", methods=["GET"])
@perm.authorize(perm.STAFF)
@blp.response(200, GroupSchema(many=True))
def list_groups():
    """The clinic's groups; a supervisor sees the groups they supervise."""
    return groups.visible(db.session, current_user)


@blp.route(GROUP, methods=["GET"])
@perm.authorize(perm.GROUP_TEAM)
@blp.response(200, GroupDetailSchema)
def get_group(group_id):
    """The group with its session dates and members."""
    return _detail(g.group)


@blp.route(GROUP, methods=["PATCH"])
@perm.authorize(perm.GROUP_MANAGE)
@blp.arguments(GroupPatchSchema())
@blp.response(200, GroupSchema)
def update_group(body, group_id):
    """Rename, move the time, or change the supervisor."""
    return groups.update(db_session=db.session, group=g.group, changes=body)


@blp.route(f"{GROUP}/members", methods=["POST"])
@perm.authorize(perm.GROUP_MANAGE)
@blp.arguments(MemberInSchema())
@blp.response(201, GroupDetailSchema)
def add_member(body, group_id):
    """Add one of your patients (an admin: any patient of the clinic)."""
    with perm.refusals_logged(body["patient_id"], "group-members"):
        groups.add_member(db_session=db.session, group=g.group, actor=current_user, patient_id=body["patient_id"])
    _log_membership(body["patient_id"])
    # The reply names every member: a read of the others' membership, as the group's own page is.
    perm.log_members(current_user, g.group, "group-members", action="read", besides=body["patient_id"])
    return _detail(g.group)


@blp.route(f"{GROUP}/members/<int:patient_id>", methods=["DELETE"])
@perm.authorize(perm.GROUP_MANAGE)
@blp.response(204)
def remove_member(group_id, patient_id):
    """Take one of your patients out of the group (an admin: any member)."""
    with perm.refusals_logged(patient_id, "group-members"):
        groups.remove_member(db_session=db.session, group=g.group, actor=current_user, patient_id=patient_id)
    _log_membership(patient_id)


def _log_membership(patient_id: int) -> None:
    """A change of one patient's groups is a write to their record (logged once it is known to be theirs)."""
    perm.log_access(current_user, [(patient_id, g.group.clinic_id, groups.is_their_patient(db.session, current_user,
                                                                                             patient_id))],
                    kind="group-members")


@blp.route(f"{GROUP}/attendance/<isodate:day>", methods=["GET"])
@perm.authorize(perm.GROUP_TEAM)
@blp.response(200, AttendanceSchema)
def get_attendance(group_id, day: date):
    """Who was there at one session, and the session note."""
    return {"date": day, "attendance": groups.attendance(db.session, g.group.id, day),
            "note": groups.session_note(db.session, g.group.id, day)}


@blp.route(f"{GROUP}/attendance/<isodate:day>", methods=["PUT"])
@perm.authorize(perm.GROUP_TEAM)
@blp.arguments(AttendanceInSchema())
@blp.response(200, AttendanceSchema)
def put_attendance(body, group_id, day: date):
    """Record attendance at one session (present or not, per member) and, optionally, a short note."""
    rows = groups.record_attendance(db_session=db.session, group=g.group, actor=current_user, day=day,
                                    today=today_for(current_user), rows=body["attendance"],
                                    note=body.get("note"), set_note="note" in body)
    return {"date": day, "attendance": rows, "note": groups.session_note(db.session, g.group.id, day)}


@blp.route(f"{GROUP}/sessions", methods=["GET"])
@perm.authorize(perm.GROUP_TEAM)
@blp.response(200, SessionSchema(many=True))
def list_sessions(group_id):
    """The sessions held so far, today's first: whether attendance was taken, the counts and the note."""
    return groups.sessions(db.session, g.group, today_for(current_user))


@blp.route(f"{GROUP}/adherence", methods=["GET"])
@perm.authorize(perm.GROUP_REVIEW)
@blp.response(200, AdherenceSchema)
def get_adherence(group_id):
    """Per member: group attendance, diary sessions vs the contract, and who needs a word."""
    return groups.adherence_review(db.session, g.group, today_for(current_user))


@blp.route(f"{GROUP}/levels", methods=["GET"])
@perm.authorize(perm.GROUP_REVIEW)
@blp.response(200, MemberLevelsSchema(many=True))
def get_levels(group_id):
    """Each member's Part 2 exercises: level, and whether the group physiotherapist saw it performed
    satisfactorily (ready for the next level)."""
    return observations.member_levels(db.session, g.group, library(), locale())


@blp.route(f"{GROUP}/members/<int:patient_id>/level-observations", methods=["POST"])
@perm.authorize(perm.GROUP_REVIEW)
@blp.arguments(LevelObservationInSchema())
@blp.response(201, LevelObservationSchema)
def observe_level(body, group_id, patient_id):
    """"Performed satisfactorily, ready for the next level": it reaches the responsible therapist's review queue."""
    found = observations.record(db_session=db.session, group=g.group, actor=current_user, patient_id=patient_id,
                                **body)
    assigned = g.group.supervisor_id == current_user.id or groups.is_their_patient(db.session, current_user, patient_id)
    perm.log_access(current_user, [(patient_id, g.group.clinic_id, assigned)], kind="level-observation")
    return found
