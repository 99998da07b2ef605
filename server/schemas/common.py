"""Field helpers and the base of every input schema.

Every input schema derives from StrictSchema, which bounds what the database and the domain
can take, so bad input is a 422 naming the field, never a 500 later:
- text: no control characters (NUL breaks PostgreSQL; the others have no place in a record);
- whole numbers: within PostgreSQL's `integer` (ids from 1) unless the field sets its own range;
- dates: within DATE_MIN..DATE_MAX (a group starting in 9999 cannot list its sessions).
"""
import re
from datetime import date

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from server.domain.roles import LOCALES, is_valid_timezone

INT_MAX = 2**31 - 1            # PostgreSQL `integer`, the type of every id and count column
DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2099, 12, 31)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")   # tab, newline and carriage return are text
CONTROL_MESSAGE = "Control characters are not allowed."
DATE_RANGE_MESSAGE = f"Use a date from {DATE_MIN} to {DATE_MAX}."


class DateRange(validate.Validator):
    """Dates within DATE_MIN..DATE_MAX (its own class so the OpenAPI shows it as a description)."""

    def __call__(self, value):
        if value is not None and not DATE_MIN <= value <= DATE_MAX:
            raise ValidationError(DATE_RANGE_MESSAGE)
        return value


def _control_errors(value):
    """The same shape as the input, holding an error wherever text has a control character."""
    if isinstance(value, str):
        return [CONTROL_MESSAGE] if CONTROL.search(value) else None
    if isinstance(value, dict):
        found = {}
        for key, item in value.items():
            problem = [CONTROL_MESSAGE] if isinstance(key, str) and CONTROL.search(key) else _control_errors(item)
            if problem:
                found[CONTROL.sub("?", str(key))] = problem
        return found or None
    if isinstance(value, list):
        found = {i: problem for i, item in enumerate(value) if (problem := _control_errors(item))}
        return found or None
    return None


def _bound(field: fields.Field, name: str) -> None:
    if isinstance(field, fields.List):
        _bound(field.inner, name)
    elif isinstance(field, fields.Integer) and not any(isinstance(v, validate.Range) for v in field.validators):
        low = 1 if name == "id" or name.endswith("_id") else -INT_MAX
        field.validators = [*field.validators, validate.Range(low, INT_MAX)]
    elif isinstance(field, fields.Time) and field.format == "%H:%M":
        field.metadata = {"pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "local time, HH:MM",
                          **field.metadata}
    elif isinstance(field, fields.Date) and not any(isinstance(v, DateRange) for v in field.validators):
        field.validators = [*field.validators, DateRange()]
        field.metadata = {**field.metadata, "x-date-range": [DATE_MIN.isoformat(), DATE_MAX.isoformat()]}


KNOWN_FAMILIES: set[str] = set()   # the content library's exercise families, set when the app starts


class LibraryFamily(validate.OneOf):
    """One of the content library's exercise families (an enum in the OpenAPI, read at start-up)."""

    def __init__(self):
        super().__init__(())

    @property
    def choices(self):
        return sorted(KNOWN_FAMILIES)

    @choices.setter
    def choices(self, _value):
        pass

    @property
    def choices_text(self):
        return ", ".join(self.choices)

    @choices_text.setter
    def choices_text(self, _value):
        pass


class StrictSchema(Schema):
    """Unknown fields are an error (marshmallow's default), named in the 422 reply."""

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        _bound(field_obj, field_name)

    @pre_load
    def _no_control_characters(self, data, **_):
        problems = _control_errors(data)
        if problems:
            raise ValidationError(problems)
        return data


def _timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise ValidationError("Use an IANA time zone name such as Europe/Stockholm.")


Email = lambda **kw: fields.Email(validate=validate.Length(max=254), **kw)  # noqa: E731
Name = lambda **kw: fields.String(validate=validate.Length(min=1, max=120), **kw)  # noqa: E731
Locale = lambda **kw: fields.String(validate=validate.OneOf(LOCALES), **kw)  # noqa: E731
TimeZone = lambda **kw: fields.String(validate=[validate.Length(max=64), _timezone], **kw)  # noqa: E731
Password = lambda **kw: fields.String(validate=validate.Length(min=1, max=1024), load_only=True, **kw)  # noqa: E731
