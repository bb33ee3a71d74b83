"""What every page's layout needs: navigation by role, queue counts, language, form helpers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, g
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from caseflow.i18n import LANGUAGES, translate
from caseflow.labels import action_label, admin_action_label, admin_detail_label, channel_label, label
from caseflow.lists import QUEUES
from caseflow.models import RESOLUTION_RESULTS, Role
from caseflow.services.cases.queues import queue_counts
from caseflow.services.documents.citations import UNVERIFIED, basis_line
from caseflow.services.notices.notifications import unread_count, unread_statement
from caseflow.timeutil import now_utc
from caseflow.views.action_forms import FIELD_LABELS

NAVIGATION = (
    ("cases.queue", _l("Cases"), None),
    ("reception.desk", _l("Reception desk"), (Role.RECEPTION, Role.OFFICER)),
    ("reception.book", _l("Reception book"), (Role.RECEPTION, Role.LEADER, Role.INSPECTOR)),
    ("inspector.dashboard", _l("Inspection"), (Role.INSPECTOR,)),
    ("reports.index", _l("Reports"), (Role.LEADER, Role.INSPECTOR, Role.OFFICER)),
    ("engagement.schedule", _l("Reception schedule"), (Role.LEADER, Role.RECEPTION, Role.INSPECTOR)),
    ("engagement.dialogues", _l("Public dialogues"), None),
    ("admin.index", _l("Administration"), (Role.ADMIN,)),
)


def navigation() -> list[tuple[str, str]]:
    """The sections the current user may open (only those whose pages exist)."""
    if not current_user.is_authenticated:
        return []
    views = current_app.view_functions
    return [
        (endpoint, title)
        for endpoint, title, roles in NAVIGATION
        if endpoint in views and (roles is None or current_user.has_role(*roles))
    ]


def nav_counts() -> dict[str, int]:
    """The user's queue counts and unread notifications, computed once per request in one statement."""
    if not current_user.is_authenticated:
        return {}
    if "nav_counts" not in g:
        extra = {"unread": unread_statement(current_user).scalar_subquery()}
        counts = queue_counts(current_user, now=now_utc(), extra=extra)
        g.unread_notifications = counts.pop("unread")
        g.nav_counts = counts
    return g.nav_counts


def unread_notifications() -> int:
    """How many notifications the user has not read, computed once per request in one statement."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


def field_attrs(field, hint: str = "") -> dict:
    """aria-invalid and aria-describedby for a form field with errors or a hint."""
    described = [f"{field.id}-hint"] if hint else []
    if field.errors:
        described.append(f"{field.id}-error")
    attrs = {"aria-describedby": " ".join(described)} if described else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return attrs


def layout_globals() -> dict:
    """Functions every template (and every imported macro) may call."""
    return {
        "navigation": navigation,
        "nav_counts": nav_counts,
        "unread_notifications": unread_notifications,
        "field_attrs": field_attrs,
        "languages": LANGUAGES,
        "current_language": lambda: str(get_locale() or "vi"),
    }


def vndate(value) -> str:
    """A date as Vietnamese officials write it: dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""


def vndatetime(value) -> str:
    """A UTC datetime (or its ISO text, as audit events keep it) in the agency's zone: dd/mm/yyyy HH:MM."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(ZoneInfo(current_app.config["CASEFLOW_TIMEZONE"])).strftime("%d/%m/%Y %H:%M")


def vnnumber(value) -> str:
    """A whole number written the Vietnamese way, thousands separated by dots (1.500.000)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "" if value is None else str(value)
    return f"{value:,}".replace(",", ".")


def decision_results(decision) -> list[tuple[str, int]]:
    """The results recorded with a decision or conclusion: (translated label, value), in the form's order."""
    recorded = [(name, getattr(decision, name, None)) for name in RESOLUTION_RESULTS]
    return [(translate(FIELD_LABELS[name]), value) for name, value in recorded if value is not None]


def reject_keys(mapping: dict, *keys: str) -> dict:
    """A copy of `mapping` without `keys` (to rebuild query strings)."""
    return {k: v for k, v in mapping.items() if k not in keys}


def register_template_helpers(app) -> None:
    """Filters and globals every template may use."""
    app.jinja_env.globals.update(
        layout_globals(),
        queue_titles=QUEUES,
        label=label,
        channel_label=channel_label,
        action_label=action_label,
        admin_action_label=admin_action_label,
        admin_detail_label=admin_detail_label,
        translate=translate,
        basis_line=lambda basis: translate(basis_line(basis)),
        unverified_basis=lambda: translate(UNVERIFIED),
        decision_results=decision_results,
    )
    for function in (vndate, vndatetime, vnnumber, reject_keys):
        app.add_template_filter(function)
