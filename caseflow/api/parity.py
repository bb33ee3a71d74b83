"""Every page action has an API counterpart: the one list of which, and of the few deliberate exceptions.

`COUNTERPARTS` maps each page endpoint that takes a POST to the API endpoint(s) that record the same thing
through the same service. `EXCEPTIONS` names the page actions with no API counterpart, and why.
`tests/api/test_parity.py` walks `app.url_map` and fails when a page POST route is in neither (or in both),
or when a counterpart is missing; docs/api.md describes both lists. Case actions are generic: the case
page's one route `cases.act` answers every workflow action, and the API has `POST /cases/{id}/actions/{name}`
for each action of `caseflow.workflows.ALL_ACTIONS` (written `api_actions.action_{action}` below).
"""

COUNTERPARTS: dict[str, tuple[str, ...]] = {
    # the case and what is recorded on it
    "cases.act": ("api_actions.action_{action}",),
    "cases.identity": ("api_records.identity",),
    "register.record_legal_aid": ("api_records.record_legal_aid",),
    "register.desk_rating": ("api_records.desk_rating",),
    "documents.issue": ("api_documents.issue",),
    "attachments.upload": ("api_documents.attach",),
    # reception
    "reception.desk": ("api_reception.create",),
    "reception.new_letter": ("api_cases.create",),
    "reception.new_pin": ("api_queues.new_pin",),
    # queues: bulk assignment and saved filters
    "queues.bulk_assign": ("api_queues.bulk_assign",),
    "queues.save_filter": ("api_queues.create_saved_filter",),
    "queues.delete_filter_view": ("api_queues.delete_saved_filter",),
    # heads' reception days and public dialogues
    "engagement.schedule": ("api_engagement.create_schedule",),
    "engagement.publish": ("api_engagement.publish_schedule",),
    "engagement.day": ("api_engagement.mark_day",),
    "engagement.link": ("api_engagement.link_session",),
    "engagement.dialogues": ("api_engagement.create_dialogue",),
    "engagement.dialogue": ("api_engagement.add_issue",),
    "engagement.open_case": ("api_engagement.open_case",),
    # oversight: inspections of cases, inspection rounds
    "inspector.case": ("api_inspections.open_inspection",),
    "inspector.urge_case": ("api_inspections.urge_case",),
    "inspector.urge": ("api_inspections.urge",),
    "inspector.close": ("api_inspections.close",),
    "rounds.plan": ("api_rounds.plan_round",),
    "rounds.start": ("api_rounds.start_round",),
    "rounds.resample": ("api_rounds.resample_round",),
    "rounds.cancel": ("api_rounds.cancel_round",),
    "rounds.unit_findings": ("api_rounds.unit_findings",),
    "rounds.case_findings": ("api_rounds.case_findings",),
    "rounds.add_action": ("api_rounds.add_action",),
    "rounds.action_done": ("api_rounds.action_done",),
    "rounds.close": ("api_rounds.close_round",),
    # the caller's own notifications
    "inbox.read": ("api_notifications.read",),
    "inbox.read_all": ("api_notifications.read_all",),
    "inbox.digest": ("api_notifications.digest",),
    # signing in
    "auth.login": ("api_auth.token",),
    # the citizen's pages, without login
    "public.track_page": ("api_public.track_case_post",),
    "public.submit_page": ("open311.post_request", "api_cases.create"),
    "register.rate": ("api_register.rate",),
}

_ADMINISTRATION = (
    "Administration (units, users and roles, passwords, the calendar and rule overrides) is done on the "
    "administration pages and with the `caseflow unit|user|token` commands, never with an API token: a token "
    "that leaks must not be able to change who may do what, nor the legal clocks."
)

EXCEPTIONS: dict[str, str] = {
    "auth.logout": "Ends the browser's session (and the user's tokens); an API token simply expires.",
    "auth.language": "Sets the page language in a cookie; the API takes `lang` or Accept-Language.",
    "reception.check_duplicates": (
        "Records nothing: the letter form asks for likely duplicates before saving; the API's intake answer "
        "lists them (`duplicates`) and `GET /cases?q=` searches."
    ),
    "admin.units": _ADMINISTRATION,
    "admin.unit": _ADMINISTRATION,
    "admin.new_user": _ADMINISTRATION,
    "admin.user": _ADMINISTRATION,
    "admin.active": _ADMINISTRATION,
    "admin.password": _ADMINISTRATION,
    "admin.calendar": _ADMINISTRATION,
    "admin.delete_day": _ADMINISTRATION,
    "admin.confirm_year": _ADMINISTRATION,
    "admin.rules": _ADMINISTRATION,
    "admin.delete_override": _ADMINISTRATION,
}

API_BLUEPRINTS = ("api_", "open311")


def is_api(endpoint: str) -> bool:
    """An endpoint of the API (or of Open311), not of a page."""
    return endpoint.startswith(API_BLUEPRINTS)
