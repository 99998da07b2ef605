"""Program, contract, diary, plan and progress."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.content.model import LEVELS
from server.domain import pacing
from server.domain.program import DAILY, DONE, OUTCOMES, SYMPTOM_RESPONSES, TRAINING_DAYS
from server.schemas.common import LibraryFamily, StrictSchema

TRAINING_FORMS = ("walking", "nordic-walking", "cycling", "jogging", "swimming", "dancing", "gym", "other")
def _unique(values):
    if values is not None and len(set(values)) != len(values):
        raise ValidationError("Each weekday once.")


def Weekdays(**kw) -> fields.List:  # noqa: N802 (a field factory, named like the fields it makes)
    """ISO weekdays, Monday = 1 ... Sunday = 7, each at most once."""
    metadata = {"description": "ISO 8601 weekday numbers: 1 = Monday ... 7 = Sunday, each at most once",
                 "uniqueItems": True, **kw.pop("metadata", {})}
    return fields.List(fields.Integer(strict=True, validate=validate.Range(1, 7)),
                       validate=[validate.Length(min=1, max=7), _unique], metadata=metadata, **kw)


class ProgramItemInSchema(StrictSchema):
    exercise_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    sets = fields.Integer(strict=True, validate=validate.Range(1, 20))
    repetitions = fields.Integer(strict=True, validate=validate.Range(1, 200))
    hold_seconds = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 600))
    each_side = fields.Boolean()
    schedule = fields.String(validate=validate.OneOf((DAILY, TRAINING_DAYS)))
    weekdays = Weekdays(allow_none=True, metadata={
        "description": "ISO weekdays (Monday = 1) for this patient; left out or null: the schedule's own days"})


class ProgramInSchema(StrictSchema):
    items = fields.List(fields.Nested(ProgramItemInSchema), required=True, validate=validate.Length(max=60))
    part2_start_date = fields.Date(allow_none=True)
    part2_weekdays = Weekdays()
    part2_weeks = fields.Integer(strict=True, validate=validate.Range(1, 52))
    reason = fields.String(validate=validate.Length(min=1, max=500))
    note = fields.String(allow_none=True, validate=validate.Length(max=1000))


class LevelChangeInSchema(StrictSchema):
    family = fields.String(required=True, validate=LibraryFamily())
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class Part1InSchema(StrictSchema):
    achieved = fields.Boolean(required=True)
    note = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=500))


class SymptomResponseSchema(Schema):
    date = fields.Date()
    response = fields.String()


class ProgramItemSchema(Schema):
    item_id = fields.Integer()
    exercise_id = fields.String()
    content_version = fields.Integer()
    title = fields.String()
    summary = fields.String()
    illustration_url = fields.Function(
        lambda item: f"/content/illustrations/{item['illustration']}" if item.get("illustration") else None)
    part = fields.String()
    family = fields.String()
    level = fields.String(allow_none=True)
    code = fields.String(allow_none=True)
    sets = fields.Integer()
    repetitions = fields.Integer()
    hold_seconds = fields.Integer(allow_none=True)
    each_side = fields.Boolean()
    schedule = fields.String()
    symptom_trend = fields.List(fields.Nested(SymptomResponseSchema), metadata={
        "description": "range of movement: the latest 'better / same / worse' answers, oldest first"})
    weekdays = fields.List(fields.Integer(), allow_none=True)
    assigned_at = fields.DateTime()
    stop_advice = fields.String(allow_none=True, metadata={
        "description": "range of movement: the exercise's own advice when it makes the back or leg worse"})
    held = fields.Boolean(metadata={
        "description": "range of movement: off Today ('worse' twice in a row) until the therapist looks"})


class PlanItemSchema(ProgramItemSchema):
    done = fields.Boolean()


class HeldExerciseSchema(Schema):
    item_id = fields.Integer()
    exercise_id = fields.String()
    title = fields.String()
    stop_advice = fields.String(allow_none=True)


class LevelHistorySchema(Schema):
    family = fields.String()
    from_level = fields.String(allow_none=True)
    to_level = fields.String(allow_none=True)
    reason = fields.String()
    changed_by_id = fields.Integer()
    changed_at = fields.DateTime()


class SuggestionSchema(Schema):
    item_id = fields.Integer()
    family = fields.String()
    from_level = fields.String()
    to_level = fields.String()
    basis = fields.String(metadata={"description": "effort (Part 2: check satisfactory performance, l.3409), "
                                                   "observation (Part 2: the group physiotherapist saw it performed "
                                                   "satisfactorily) or symptoms (range of movement: two weeks better "
                                                   "or same)"})
    message = fields.String()


class ProgramSchema(Schema):
    part1_competent = fields.Boolean()
    part1_competent_at = fields.DateTime(allow_none=True)
    part1_note = fields.String(allow_none=True)
    part2_start_date = fields.Date(allow_none=True)
    part2_end_date = fields.Date(allow_none=True, metadata={"description": "the day after the last Part 2 day"})
    part2_weekdays = fields.List(fields.Integer())
    part2_weeks = fields.Integer()
    note = fields.String(allow_none=True)
    items = fields.List(fields.Nested(ProgramItemSchema))
    level_history = fields.List(fields.Nested(LevelHistorySchema))
    level_suggestions = fields.List(fields.Nested(SuggestionSchema))


class ContractInSchema(StrictSchema):
    training_form = fields.String(required=True, validate=validate.OneOf(TRAINING_FORMS))
    training_form_other = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))
    sessions_per_week = fields.Integer(strict=True, load_default=3, validate=validate.Range(1, 7))
    capable_minutes = fields.Integer(strict=True, required=True, validate=validate.Range(1, 600))
    goal_minutes = fields.Integer(strict=True, required=True, validate=validate.Range(1, 600))
    goal_hard_minutes = fields.Integer(strict=True, load_default=0, validate=validate.Range(
        0, pacing.HARD_MAX, error="Hard minutes are at most {max}: 10 of the 30 minutes stay easy."), metadata={
        "description": "intervals at 15-16, an option once the sessions last 30 minutes (0: none, the default)"})
    start_date = fields.Date(required=True)
    training_days = Weekdays(required=True)
    reminder_time = fields.Time(required=True, format="%H:%M")

    @validates_schema
    def _consistent(self, data, **_):
        if data.get("training_form") == "other" and not data.get("training_form_other"):
            raise ValidationError("Name the training form.", "training_form_other")
        days, per_week = data.get("training_days"), data.get("sessions_per_week")
        if days is not None and per_week is not None and len(days) != per_week:
            raise ValidationError(f"Pick {per_week} training days, one for each session of the week.", "training_days")
        hard, goal = data.get("goal_hard_minutes"), data.get("goal_minutes")
        if hard and goal is not None and goal < pacing.SESSION_CAP:
            raise ValidationError(f"Intervals start at {pacing.SESSION_CAP} minutes: with a goal under "
                                  f"{pacing.SESSION_CAP} minutes, set the hard minutes to 0.", "goal_hard_minutes")
        if hard is not None and goal is not None and hard > goal:
            raise ValidationError("Hard minutes cannot be more than the goal minutes.", "goal_hard_minutes")


class ContractSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    training_form = fields.String()
    training_form_other = fields.String(allow_none=True)
    sessions_per_week = fields.Integer()
    capable_minutes = fields.Integer()
    start_minutes = fields.Integer(metadata={"description": "block 0's minutes: 80 % of capable minutes, rounded "
                                                            "half up, or carried over from the previous version"})
    start_hard_minutes = fields.Integer(metadata={"description": "block 0's hard minutes (carried over, else 0)"})
    carried_over = fields.Boolean(metadata={"description": "block 0 continues the previous version's pacing (the "
                                                           "capable minutes were kept)"})
    goal_minutes = fields.Integer()
    goal_hard_minutes = fields.Integer()
    start_date = fields.Date()
    training_days = fields.List(fields.Integer())
    reminder_time = fields.Time(format="%H:%M")
    created_by_id = fields.Integer()
    created_at = fields.DateTime()
    accepted = fields.Boolean()
    accepted_at = fields.DateTime(allow_none=True)


class AcceptInSchema(StrictSchema):
    version = fields.Integer(strict=True, required=True)


class DiaryExerciseInSchema(StrictSchema):
    item_id = fields.Integer(strict=True, required=True)
    outcome = fields.String(load_default=DONE, validate=validate.OneOf(OUTCOMES), metadata={
        "description": "done (the sets and repetitions below), skipped (the patient chose to), or not_started "
                       "(a guided session moved past it); skipped and not_started log 0 sets and 0 repetitions"})
    sets_done = fields.Integer(strict=True, load_default=0, validate=validate.Range(0, 50), metadata={
        "description": "sets done (at least one repetition each); required when done"})
    repetitions_done = fields.Integer(strict=True, load_default=0, validate=validate.Range(0, 500), metadata={
        "description": "repetitions (or holds) of each set; with set_repetitions, those of the smallest set"})
    set_repetitions = fields.List(fields.Integer(strict=True, validate=validate.Range(1, 500)), allow_none=True,
                                  validate=validate.Length(min=1, max=50), metadata={
        "description": "the guided session: the repetitions (or holds) counted in each set done, e.g. [10, 3]"})
    rpe = fields.Integer(strict=True, allow_none=True, validate=validate.Range(6, 20), metadata={
        "description": "how hard it was (Borg 6-20), when the patient said"})
    symptom_response = fields.String(allow_none=True, validate=validate.OneOf(SYMPTOM_RESPONSES), metadata={
        "description": "range-of-movement items only: how back and leg felt afterwards"})


class _DiaryFields(StrictSchema):
    date = fields.Date()
    exercises = fields.List(fields.Nested(DiaryExerciseInSchema), validate=validate.Length(max=60))
    minutes = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 600))
    hard_minutes = fields.Integer(strict=True, allow_none=True, validate=validate.Range(0, 600))
    rpe = fields.Integer(strict=True, allow_none=True, validate=validate.Range(6, 20))
    pain = fields.Integer(strict=True, allow_none=True, validate=validate.Range(0, 10))
    bad_day = fields.Boolean()
    note = fields.String(allow_none=True, validate=validate.Length(max=1000))


class DiaryInSchema(_DiaryFields):
    client_id = fields.UUID(required=True, metadata={"description": "made by the phone; a replay returns the entry"})
    date = fields.Date(required=True)

    @validates_schema
    def _something_logged(self, data, **_):
        if (data.get("minutes") is None) != (data.get("rpe") is None):
            raise ValidationError("Log minutes and effort (RPE) together.",
                                  "rpe" if data.get("minutes") is not None else "minutes")
        if not data.get("exercises") and data.get("minutes") is None:
            raise ValidationError("Log exercises, general training, or both.", "exercises")


class DiaryPatchSchema(_DiaryFields):
    pass


class DiaryExerciseSchema(Schema):
    item_id = fields.Integer()
    exercise_id = fields.String(allow_none=True)
    outcome = fields.String(metadata={"description": "done | skipped | not_started"})
    sets_done = fields.Integer()
    repetitions_done = fields.Integer()
    set_repetitions = fields.List(fields.Integer(), allow_none=True)
    rpe = fields.Integer(allow_none=True)
    symptom_response = fields.String(allow_none=True)


class DiarySchema(Schema):
    id = fields.Integer()
    client_id = fields.String()
    date = fields.Date()
    exercises = fields.List(fields.Nested(DiaryExerciseSchema))
    minutes = fields.Integer(allow_none=True)
    hard_minutes = fields.Integer(allow_none=True)
    rpe = fields.Integer(allow_none=True)
    pain = fields.Integer(allow_none=True)
    bad_day = fields.Boolean()
    note = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    editable_until = fields.DateTime()


class DiaryQuerySchema(StrictSchema):
    since = fields.Date(data_key="from")
    until = fields.Date(data_key="to")
    limit = fields.Integer(validate=validate.Range(1, 1000))


class PlanQuerySchema(StrictSchema):
    date = fields.Date()
    bad_day = fields.Boolean(load_default=False)
    locale = fields.String(validate=validate.OneOf(("en", "sv")))


class PrescriptionSchema(Schema):
    minutes = fields.Integer()
    hard_minutes = fields.Integer()
    phase = fields.String()
    reason = fields.String()
    training_form = fields.String()
    training_form_other = fields.String(allow_none=True)


class GroupSessionSchema(Schema):
    group_id = fields.Integer()
    name = fields.String()
    time = fields.Time(format="%H:%M")


class PauseSchema(Schema):
    reason = fields.String(metadata={"description": "red_flag (awaiting examination) | referred"})
    since = fields.Date(metadata={"description": "the patient's local day care was paused"})


class PlanSchema(Schema):
    date = fields.Date()
    paused = fields.Nested(PauseSchema, allow_none=True, metadata={
        "description": "null unless care is paused (a red flag or a referral): then no exercises, no training, "
                       "no group sessions; the patient is asked to contact the clinic"})
    bad_day = fields.Boolean()
    training_day = fields.Boolean()
    contract = fields.Dict(allow_none=True)
    general_training = fields.Nested(PrescriptionSchema, allow_none=True)
    exercises = fields.List(fields.Nested(PlanItemSchema))
    held_exercises = fields.List(fields.Nested(HeldExerciseSchema), metadata={
        "description": "range-of-movement exercises off Today: 'worse' twice in a row, until the therapist looks"})
    group_sessions = fields.List(fields.Nested(GroupSessionSchema))


class WeekSchema(Schema):
    start = fields.Date()
    planned = fields.Integer()
    done = fields.Integer()
    adherence_percent = fields.Integer()
    minutes = fields.Integer()
    hard_minutes = fields.Integer(metadata={"description": "hard (interval) minutes logged in the week"})
    mean_rpe = fields.Float(allow_none=True)
    mean_pain = fields.Float(allow_none=True)


class ProgressSchema(Schema):
    contract = fields.Nested(ContractSchema, allow_none=True)
    weeks = fields.List(fields.Nested(WeekSchema))
    pain_trend = fields.String(allow_none=True)
    prescription = fields.Nested(PrescriptionSchema, allow_none=True)
    totals = fields.Dict()
