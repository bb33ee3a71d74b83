"""Turn schema errors into InvalidInput with messages per field; the bounded date every schema uses."""

from collections.abc import Mapping
from datetime import date

from marshmallow import Schema, ValidationError, fields

from caseflow.errors import InvalidInput
from caseflow.i18n import N_
from caseflow.timeutil import local_date, now_utc


def load_args(schema: type[Schema] | Schema, data: Mapping | None) -> dict:
    """Validate `data` against `schema`; raise InvalidInput naming each bad field."""
    instance = schema() if isinstance(schema, type) else schema
    try:
        return instance.load(dict(data or {}))
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise InvalidInput("Some fields are missing or invalid.", errors=messages) from error


EARLIEST_DATE = date(1945, 9, 2)  # the founding of the Democratic Republic of Vietnam: no record is older
YEARS_AHEAD = 2
OUT_OF_RANGE = N_("Give a date between 02/09/1945 and two years from today.")


def latest_date() -> date:
    """The latest date any field accepts: two years after today in the agency's zone."""
    today = local_date(now_utc())
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


class BoundedDate(fields.Date):
    """A date within the span a record can have (no year 1, no far future), so no request plans centuries."""

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        """Parse the date, then refuse it outside [1945-09-02, two years ahead]."""
        day = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_DATE <= day <= latest_date():
            raise ValidationError(OUT_OF_RANGE)
        return day
