from marshmallow import Schema, fields, validate

from server.domain.roles import ROLES, STAFF_ROLES
from server.schemas.common import Email, Locale, Name, Password, StrictSchema, TimeZone


class LoginSchema(StrictSchema):
    email = Email(required=True)
    password = Password(required=True)
    clinic = fields.Integer(strict=True, validate=validate.Range(1, 2**53 - 1), metadata={
        "description": "the clinic's id, for an address with accounts in several clinics "
                       "(else its oldest account that can sign in)"})


class AcceptInviteSchema(StrictSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = Password(required=True)


class ChangePasswordSchema(StrictSchema):
    current_password = Password(required=True)
    new_password = Password(required=True)


class ClinicSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = fields.String(validate=validate.OneOf(ROLES))
    locale = fields.String()
    timezone = fields.String()
    clinic = fields.Nested(ClinicSchema)


class MeSchema(UserSchema):
    csrf_token = fields.String()
    unread_messages = fields.Integer(metadata={"description": "a patient: unread replies; a therapist: unread "
                                                              "messages from their patients; else 0"})


class StaffSchema(UserSchema):
    active = fields.Boolean()
    created_at = fields.DateTime()


class StaffRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    role = fields.String()


class StaffCreateSchema(StrictSchema):
    email = Email(required=True)
    name = Name(required=True)
    role = fields.String(required=True, validate=validate.OneOf(STAFF_ROLES))
    locale = Locale(load_default="sv")
    timezone = TimeZone(load_default="Europe/Stockholm")


class StaffCreatedSchema(StaffSchema):
    one_time_password = fields.String()


class StaffUpdateSchema(StrictSchema):
    name = Name()
    role = fields.String(validate=validate.OneOf(STAFF_ROLES))
    active = fields.Boolean()
    locale = Locale()
    timezone = TimeZone()
