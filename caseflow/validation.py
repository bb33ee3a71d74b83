"""Turn schema errors into InvalidInput with messages per field."""

from collections.abc import Mapping

from marshmallow import Schema, ValidationError

from caseflow.errors import InvalidInput


def load_args(schema: type[Schema] | Schema, data: Mapping | None) -> dict:
    """Validate `data` against `schema`; raise InvalidInput naming each bad field."""
    instance = schema() if isinstance(schema, type) else schema
    try:
        return instance.load(dict(data or {}))
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise InvalidInput("Some fields are missing or invalid.", errors=messages) from error
