"""The one error shape, as documented in the OpenAPI (every operation's `default` response)."""
from marshmallow import Schema, fields, validate

from server.error_codes import CODES


class ErrorSchema(Schema):
    code = fields.Integer(required=True, metadata={"description": "the HTTP status"})
    status = fields.String(required=True, metadata={"description": "the HTTP status's name"})
    error = fields.String(required=True, validate=validate.OneOf(sorted(CODES)),
                          metadata={"description": "a stable code (README: Errors); the app keys its own text on it"})
    message = fields.String(required=True, metadata={"description": "in the caller's language (sv or en)"})
    errors = fields.Dict(metadata={"description": "per location (json, query, path), per field: messages"})
