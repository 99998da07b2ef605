"""The content library: public, cacheable, with ETags."""
from flask import request, url_for
from flask_smorest import Blueprint

from server.services.errors import fail

from server import permissions as perm
from server.api.helpers import library, locale
from server.schemas.content import (
    EducationQuery, EducationSchema, EducationSummarySchema, ExerciseQuery, ExerciseSchema,
    ExerciseSummarySchema, LeaderNotesSchema, LocaleQuery,
)

blp = Blueprint("content", __name__, description="Exercise library and education material")


def _exercise(exercise) -> dict:
    data = dict(exercise.__dict__)
    data["illustration_url"] = url_for("content_assets", filename=exercise.illustration)
    return data


@blp.route("/exercises", methods=["GET"])
@perm.authorize(perm.PUBLIC)
@blp.arguments(ExerciseQuery(), location="query")
@blp.response(200, ExerciseSummarySchema(many=True))
def list_exercises(args):
    """Exercises in program order, filtered by part, family, level and equipment."""
    content = library()
    if args.get("family") and args["family"] not in content.families():
        fail(422, "family_unknown", field="family", location="query")
    if args.get("equipment") and args["equipment"] != "none" and args["equipment"] not in content.equipment():
        fail(422, "equipment_unknown", field="equipment", location="query", known=", ".join(sorted(content.equipment())))
    found = content.find_exercises(locale(args.get("locale")), part=args.get("part"), family=args.get("family"),
                                   level=args.get("level"), equipment=args.get("equipment"))
    return [_exercise(e) for e in found]


@blp.route("/exercises/<string:exercise_id>", methods=["GET"])
@perm.authorize(perm.PUBLIC)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, ExerciseSchema)
def get_exercise(args, exercise_id):
    """One exercise with instructions, alternatives, dosage and its neighbouring levels."""
    exercise = library().exercises[locale(args.get("locale"))].get(exercise_id)
    if exercise is None:
        fail(404, "exercise_not_found")
    return _exercise(exercise)


@blp.route("/education", methods=["GET"])
@perm.authorize(perm.PUBLIC)
@blp.arguments(EducationQuery(), location="query")
@blp.response(200, EducationSummarySchema(many=True))
def list_education(args):
    """Brochure chapters, then seminar sessions, in reading order."""
    items = library().education[locale(args.get("locale"))].values()
    return [i.__dict__ for i in items if args.get("kind") in (None, i.kind)]


def _education_item(args, item_id):
    item = library().education[locale(args.get("locale"))].get(item_id)
    if item is None:
        fail(404, "education_not_found")
    return item


@blp.route("/education/<string:item_id>", methods=["GET"])
@perm.authorize(perm.PUBLIC)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, EducationSchema)
def get_education(args, item_id):
    """One brochure chapter or seminar session."""
    return _education_item(args, item_id).__dict__


@blp.route("/education/<string:item_id>/leader-notes", methods=["GET"])
@perm.authorize(perm.STAFF)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, LeaderNotesSchema)
def leader_notes(args, item_id):
    """The group leader's notes for a seminar session (talking points, sketches, handouts): staff only."""
    return _education_item(args, item_id).__dict__


@blp.after_request
def cacheable(response):
    """Content is the same for everyone: cache briefly, revalidate cheaply with the ETag.
    The leader notes are for staff only, so they are never kept in a shared cache."""
    if response.status_code == 200 and request.endpoint != "content.leader_notes":
        response.headers["Cache-Control"] = "public, max-age=300"
        response.vary.update(("Accept-Language", "Cookie"))
        response.add_etag()
        response.make_conditional(request)
    return response
