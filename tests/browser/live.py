"""The live server as the tests see it: its address, its words in each language, and its database."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask
from flask_babel import force_locale, gettext

from caseflow.extensions import db, end_write
from caseflow.labels import action_label, label

T = TypeVar("T")
DEFAULT_LANGUAGE = "vi"


@dataclass
class LiveServer:
    """The app served on `url`; its texts come from its own catalogs, so tests read msgids."""

    app: Flask
    url: str

    def _say(self, function: Callable[..., str], *args, language: str) -> str:
        """Call a translating function as a request in `language` would."""
        with self.app.test_request_context(), force_locale(language):
            return str(function(*args))

    def tr(self, msgid: str, language: str = DEFAULT_LANGUAGE, **params) -> str:
        """A page text in `language` (Vietnamese, the default, unless told)."""
        return self._say(lambda: gettext(msgid, **params), language=language)

    def action(self, name: str, language: str = DEFAULT_LANGUAGE) -> str:
        """The name an action's form and button carry."""
        return self._say(action_label, name, language=language)

    def word(self, code: str, language: str = DEFAULT_LANGUAGE) -> str:
        """The word for a code (status, kind, outcome…)."""
        return self._say(label, code, language=language)

    def run(self, function: Callable[..., T], *args, **kwargs) -> T:
        """Run service code on the live database in an app context of its own, and commit."""
        with self.app.app_context():
            try:
                result = function(*args, **kwargs)
                db.session.commit()
                return result
            finally:
                db.session.remove()
                end_write()
