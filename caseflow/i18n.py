"""Languages: Vietnamese by default, English on request; catalogs compiled in caseflow/translations."""

import re

import flask_wtf.form
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
    """Translate a service's or a library's message, also one whose numbers are already filled in."""
    if not message:
        return message
    if isinstance(message, Phrase):
        return gettext(message.template).format(**message.values)
    translated = gettext(message)
    if translated != message:
        return translated
    for pattern, msgid in FILLED_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return gettext(msgid) % match.groupdict()
    return message


class FormTranslations:
    """WTForms' own messages through the app's catalog: WTForms ships no Vietnamese."""

    def gettext(self, string: str) -> str:
        """The catalog's translation of a WTForms message."""
        return translate(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Both forms are msgids of their own (Vietnamese has one plural form)."""
        return translate(singular if n == 1 else plural)


def use_catalog_for_forms() -> None:
    """Make every FlaskForm ask the app's catalog for WTForms' messages (Flask-WTF reads this global)."""
    flask_wtf.form.translations = FormTranslations()


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

# Marshmallow formats its numbers into the message; these patterns find the msgid again.
FILLED_MESSAGES = tuple(
    (re.compile(pattern), msgid)
    for pattern, msgid in (
        (
            r"Length must be between (?P<min>\d+) and (?P<max>\d+)\.",
            N_("Length must be between %(min)s and %(max)s."),
        ),
        (r"Longer than maximum length (?P<max>\d+)\.", N_("Longer than maximum length %(max)s.")),
        (r"Shorter than minimum length (?P<min>\d+)\.", N_("Shorter than minimum length %(min)s.")),
        (r"Length must be (?P<equal>\d+)\.", N_("Length must be %(equal)s.")),
        (
            r"Must be greater than or equal to (?P<min>[\d.]+) and less than or equal to (?P<max>[\d.]+)\.",
            N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
        ),
        (
            r"Must be greater than or equal to (?P<min>[\d.]+)\.",
            N_("Must be greater than or equal to %(min)s."),
        ),
        (r"Must be less than or equal to (?P<max>[\d.]+)\.", N_("Must be less than or equal to %(max)s.")),
        (r"Must be one of: (?P<choices>.+)\.", N_("Choose one of the options offered.")),  # codes, not words
    )
)

# Messages of marshmallow and WTForms that carry no number, listed for the catalog.
LIBRARY_MESSAGES = (
    N_("Not a valid email address."),
    N_("Not a valid number."),
    N_("Invalid input type."),
    N_("This field is required."),
    N_("Not a valid choice."),
    N_("Invalid Choice: could not coerce."),
    N_("Invalid email address."),
    N_("Invalid input."),
    N_("Not a valid date value."),
    N_("Not a valid datetime value."),
    N_("Not a valid integer value."),
    N_("Not a valid decimal value."),
    N_("Not a valid float value."),
    N_("Not a valid time value."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
    N_("Field must be at least %(min)d character long."),
    N_("Field must be at least %(min)d characters long."),
    N_("Field cannot be longer than %(max)d character."),
    N_("Field cannot be longer than %(max)d characters."),
    N_("Field must be exactly %(max)d character long."),
    N_("Field must be exactly %(max)d characters long."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_("Field must be equal to %(other_name)s."),
    N_("Invalid value, must be one of: %(values)s."),
    N_("Invalid value, can't be any of: %(values)s."),
    N_("File does not have an approved extension."),
)
