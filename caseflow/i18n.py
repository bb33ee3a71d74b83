"""Languages: Vietnamese by default, English on request; catalogs compiled in caseflow/translations."""

from flask import request, session
from flask_babel import Babel, gettext

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

babel = Babel()


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a message for extraction without translating it (services raise in English msgids)."""
    return message


class Phrase(str):
    """A message with values: reads as the English text, and translate() translates its template first."""

    template: str
    values: dict

    def __new__(cls, template: str, values: dict) -> "Phrase":
        text = super().__new__(cls, template.format(**values))
        text.template, text.values = template, values
        return text


def phrase(template: str, **values) -> Phrase:
    """A message from an English msgid template with {named} values (extracted like N_)."""
    return Phrase(template, {name: str(value) for name, value in values.items()})


def select_locale() -> str:
    """`?lang=` for this request, else the user's choice in the session, else Vietnamese."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return DEFAULT_LANGUAGE


def translate(message: str) -> str:
    """Translate a message produced by a service (a no-op for text the catalog does not know)."""
    if isinstance(message, Phrase):
        return gettext(message.template).format(**message.values)
    return gettext(message) if message else message


# Marshmallow's own messages, listed so that the catalog translates them when a form shows them.
VALIDATION_MESSAGES = (
    N_("Missing data for required field."),
    N_("Not a valid integer."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid datetime."),
    N_("Not a valid string."),
    N_("Not a valid list."),
    N_("Unknown field."),
    N_("Field may not be null."),
    N_("Shorter than minimum length 1."),
    N_("Length must be between 1 and 5000."),
    N_("Length must be between 1 and 300."),
    N_("Length must be between 1 and 200."),
    N_("Length must be between 1 and 64."),
    N_("Must be greater than or equal to 1 and less than or equal to 100000."),
)
