from marshmallow import Schema, ValidationError, fields, validate

from server.domain.roles import LOCALES, is_valid_timezone


class StrictSchema(Schema):
    """Unknown fields are an error (marshmallow's default), named in the 422 reply."""


def _timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise ValidationError("Use an IANA time zone name such as Europe/Stockholm.")


Email = lambda **kw: fields.Email(validate=validate.Length(max=254), **kw)  # noqa: E731
Name = lambda **kw: fields.String(validate=validate.Length(min=1, max=120), **kw)  # noqa: E731
Locale = lambda **kw: fields.String(validate=validate.OneOf(LOCALES), **kw)  # noqa: E731
TimeZone = lambda **kw: fields.String(validate=[validate.Length(max=64), _timezone], **kw)  # noqa: E731
Password = lambda **kw: fields.String(validate=validate.Length(min=1, max=1024), load_only=True, **kw)  # noqa: E731
