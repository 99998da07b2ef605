"""Program, contract, plan and progress of one patient (`me` for the signed-in patient)."""
from flask import current_app, g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.api.helpers import library, locale, today_for
from server.extensions import db
from server.schemas.content import LocaleQuery
from server.schemas.training import (
    AcceptInSchema, ContractInSchema, ContractSchema, LevelChangeInSchema, Part1InSchema, PlanQuerySchema, PlanSchema,
    ProgramInSchema, ProgramSchema, ProgressSchema,
)
from server.services.training import contracts, plan, plan_cache, program

blp = Blueprint("training", __name__, description="Exercise program, training contract, daily plan and progress")
PATIENT = "/patients/<patient_ref:patient_id>"
PLAN_SCHEMA = PlanSchema()


@blp.route(f"{PATIENT}/program", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, ProgramSchema)
def get_program(args, patient_id):
    """The active exercises with dosage and schedule, the level history and level suggestions."""
    return plan.program(db.session, g.patient, library(), locale(args.get("locale")))


@blp.route(f"{PATIENT}/program", methods=["PUT"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(ProgramInSchema())
@blp.response(200, ProgramSchema)
@blp.alt_response(409, description="Part 2 before the Part 1 competence is recorded")
def put_program(body, patient_id):
    """Assign the program: Part 1 daily, Part 2 on its two weekdays for 12 weeks, range of movement, stretches."""
    program.set_program(db_session=db.session, patient=g.patient, actor=current_user, library=library(), body=body,
                        today=today_for(g.patient))
    return plan.program(db.session, g.patient, library(), locale())


@blp.route(f"{PATIENT}/program/levels", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(LevelChangeInSchema())
@blp.response(200, ProgramSchema)
def change_level(body, patient_id):
    """Move a Part 2 or range-of-movement family to another level; who, when and why are kept."""
    program.change_level(db_session=db.session, patient=g.patient, actor=current_user, library=library(), **body)
    return plan.program(db.session, g.patient, library(), locale())


@blp.route(f"{PATIENT}/program/part1-competence", methods=["POST"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(Part1InSchema())
@blp.response(200, ProgramSchema)
def record_part1(body, patient_id):
    """Record (or withdraw) that the patient has reached the basic competencies of Part 1."""
    program.record_part1(db_session=db.session, patient=g.patient, actor=current_user, **body)
    return plan.program(db.session, g.patient, library(), locale())


@blp.route(f"{PATIENT}/contract", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.response(200, ContractSchema)
def get_contract(patient_id):
    """The current version of the training contract."""
    return contracts.as_dict(contracts.require_current(db.session, g.patient.id))


@blp.route(f"{PATIENT}/contract", methods=["PUT"])
@perm.authorize(perm.PATIENT_CARE)
@blp.arguments(ContractInSchema())
@blp.response(200, ContractSchema)
def put_contract(body, patient_id):
    """Write or revise the contract: a new version, to be accepted again; the pacing blocks restart."""
    return contracts.revise(db_session=db.session, patient=g.patient, actor=current_user, body=body)


@blp.route(f"{PATIENT}/contract/accept", methods=["POST"])
@perm.authorize(perm.PATIENT_SELF)
@blp.arguments(AcceptInSchema())
@blp.response(200, ContractSchema)
def accept_contract(body, patient_id):
    """The patient accepts the version they have read."""
    return contracts.accept(db_session=db.session, patient=g.patient, version=body["version"])


@blp.route(f"{PATIENT}/plan", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.arguments(PlanQuerySchema(), location="query")
@blp.response(200, PlanSchema)
def get_plan(args, patient_id):
    """The day's exercises with dosage and the general-training prescription with its reason."""
    day, language, bad_day = args.get("date") or today_for(g.patient), locale(args.get("locale")), args["bad_day"]
    if not current_app.config["PLAN_CACHE"]:
        return plan.day_plan(db.session, g.patient, library(), language, day, bad_day)
    body = plan_cache.served(db.session, g.patient, library(), language, day, bad_day,
                             recent=current_app.extensions["bb_plan_recent"],
                             print_=current_app.extensions["bb_plan_fingerprint"], render=_render_plan)
    return current_app.response_class(body, mimetype=current_app.json.mimetype)


def _render_plan(data: dict) -> str:
    """The plan's body exactly as flask-smorest would send it."""
    return current_app.json.response(PLAN_SCHEMA.dump(data)).get_data(as_text=True)


@blp.route(f"{PATIENT}/progress", methods=["GET"])
@perm.authorize(perm.PATIENT_CLINICAL)
@blp.arguments(LocaleQuery(), location="query")
@blp.response(200, ProgressSchema)
def get_progress(args, patient_id):
    """Weekly sessions vs the contract, minutes, effort, pain trend and today's prescription."""
    return plan.progress(db.session, g.patient, today_for(g.patient), locale(args.get("locale")))
