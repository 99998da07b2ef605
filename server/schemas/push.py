import base64
import binascii

from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate

from server.push.endpoints import endpoint_allowed
from server.schemas.common import StrictSchema


def _b64(length: int, first: int | None = None):
    def check(value: str) -> None:
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError):
            raise ValidationError("Not base64url.") from None
        if len(raw) != length or (first is not None and raw[0] != first):
            raise ValidationError(f"Expected a {length}-byte key.")

    return check


def _endpoint(value: str) -> None:
    if not endpoint_allowed(value, current_app.config["PUSH_HOSTS"]):
        raise ValidationError("The endpoint must be an https URL of a known push service.")


class KeysSchema(StrictSchema):
    p256dh = fields.String(required=True, validate=[validate.Length(87, 88), validate.Regexp(r"^[A-Za-z0-9_-]+=?$"),
                                                    _b64(65, first=4)],
                           metadata={"description": "the P-256 public key, 65 bytes in base64url"})
    auth = fields.String(required=True, validate=[validate.Length(22, 24), validate.Regexp(r"^[A-Za-z0-9_-]+={0,2}$"),
                                                  _b64(16)],
                         metadata={"description": "the 16-byte auth secret in base64url"})


class SubscriptionInSchema(StrictSchema):
    endpoint = fields.String(required=True, validate=[validate.Length(max=2000), _endpoint], metadata={
        "description": "https URL on a known push service (BETTERBACK_PUSH_HOSTS)", "pattern": "^https?://"})
    keys = fields.Nested(KeysSchema, required=True)
    expirationTime = fields.Raw(allow_none=True, load_default=None)  # noqa: N815 (the browser's own name)


class EndpointSchema(StrictSchema):
    endpoint = fields.String(required=True, validate=validate.Length(max=2000))


class SubscriptionSchema(Schema):
    id = fields.Integer()
    endpoint = fields.String()
    created_at = fields.DateTime()


class VapidKeySchema(Schema):
    key = fields.String(metadata={"description": "the applicationServerKey, base64url"})


class KindsSchema(StrictSchema):
    training = fields.Boolean()
    part1 = fields.Boolean()
    group = fields.Boolean()
    questionnaire = fields.Boolean()


class TimesSchema(StrictSchema):
    """Local HH:MM per kind; null goes back to the default. Group reminders follow the session time."""
    training = fields.Time(format="%H:%M", allow_none=True)
    part1 = fields.Time(format="%H:%M", allow_none=True)
    questionnaire = fields.Time(format="%H:%M", allow_none=True)


class RemindersSchema(StrictSchema):
    kinds = fields.Nested(KindsSchema)
    quiet_start = fields.Time(format="%H:%M")
    quiet_end = fields.Time(format="%H:%M")
    times = fields.Nested(TimesSchema, metadata={"description": "the patient's own time per kind (null: default)"})
    default_times = fields.Nested(TimesSchema, dump_only=True,
                                  metadata={"description": "the time used when `times` has none"})
