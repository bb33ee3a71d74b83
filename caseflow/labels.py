"""Words for the codes users see: statuses, kinds, fields, channels, actions (English msgids, translated)."""

from flask_babel import gettext

from caseflow.i18n import N_

LABELS = {
    # statuses
    "received": N_("Received"),
    "classified": N_("Classified"),
    "pending_acceptance": N_("Awaiting acceptance"),
    "accepted": N_("Accepted"),
    "verifying": N_("Verifying"),
    "reported": N_("Reported"),
    "dialogue_scheduled": N_("Dialogue scheduled"),
    "decided": N_("Decided"),
    "guided": N_("Guided"),
    "forwarded": N_("Forwarded"),
    "returned": N_("Returned"),
    "filed": N_("Filed"),
    "not_accepted": N_("Not accepted"),
    "closed": N_("Closed"),
    "withdrawn": N_("Withdrawn"),
    "terminated": N_("Terminated"),
    # kinds
    "complaint": N_("Complaint"),
    "denunciation": N_("Denunciation"),
    "petition": N_("Petition or feedback"),
    # fields
    "land": N_("Land, compensation and clearance"),
    "policy": N_("Policies"),
    "housing": N_("Housing and property"),
    "civil_service": N_("Civil-servant regime"),
    "judicial": N_("Judicial"),
    "corruption": N_("Corruption"),
    "other": N_("Other"),
    # channels
    "in_person": N_("In person"),
    "post": N_("By post"),
    "online": N_("Online"),
    "forwarded_channel": N_("Forwarded by another body"),
    "press": N_("Press"),
    "dialogue": N_("Public dialogue"),
    "email": N_("E-mail"),
    # complexity
    "normal": N_("Normal"),
    "complex": N_("Complex"),
    "especially_complex": N_("Especially complex"),
    # complexity criteria (NĐ 31/2019 Art 3(2); NĐ 124/2020 Art 3a)
    "several_places": N_("Verification in several places"),
    "several_contents": N_("Several contents"),
    "many_people": N_("Many people concerned"),
    "foreign_element": N_("A foreign element"),
    "several_bodies": N_("Management responsibility of several bodies"),
    "bodies_disagree": N_("Bodies still disagree"),
    "contradictory_evidence": N_("Contradictory evidence needing time or expert opinion"),
    # roles
    "reception": N_("Reception officer"),
    "officer": N_("Processing officer"),
    "leader": N_("Leader"),
    "handler": N_("Handler"),
    "inspector": N_("Inspector"),
    "admin": N_("Administrator"),
    # party roles
    "petitioner": N_("Petitioner"),
    "co_petitioner": N_("Co-petitioner"),
    "representative": N_("Representative"),
    "respondent": N_("Complained-against / denounced"),
    # clock states
    "running": N_("Running"),
    "paused": N_("Paused"),
    "met": N_("Met"),
    "overdue": N_("Overdue"),
    # reception session kinds
    "regular": N_("Regular"),
    "periodic_head": N_("Periodic, by the head"),
    "ad_hoc": N_("Ad hoc"),
    # filing reasons
    "duplicate": N_("Duplicate of a letter already handled"),
    "anonymous": N_("Anonymous or unverifiable sender"),
    "already_resolved": N_("Already resolved"),
    "sent_to_many": N_("Sent to many bodies"),
    "already_guided": N_("Already guided"),
    "ineligible": N_("Not eligible"),
    # outcomes
    "right": N_("Right"),
    "partly_right": N_("Partly right"),
    "wrong": N_("Wrong"),
    "true": N_("True"),
    "partly_true": N_("Partly true"),
    "untrue": N_("Untrue"),
    # a superior's review of a re-denunciation (Luật TC Art 37(2))
    "keep_conclusion": N_("Keep the conclusion"),
    "re_resolve": N_("Resolve the denunciation again"),
}

ACTIONS = {
    "classify": N_("Classify"),
    "file": N_("File (no further processing)"),
    "propose_acceptance": N_("Propose acceptance"),
    "guide": N_("Guide the citizen"),
    "forward": N_("Forward to the competent body"),
    "return_to_forwarder": N_("Return to the forwarding body"),
    "accept": N_("Accept"),
    "reject": N_("Refuse acceptance"),
    "assign": N_("Assign a handler"),
    "submit_report": N_("Submit the verification report"),
    "schedule_dialogue": N_("Schedule a dialogue"),
    "record_dialogue": N_("Record the dialogue"),
    "decide": N_("Decide"),
    "answer": N_("Answer"),
    "close": N_("Close"),
    "record_delivery": N_("Record receipt of the decision"),
    "extend": N_("Extend the deadline"),
    "suspend": N_("Suspend"),
    "resume": N_("Resume"),
    "withdraw": N_("Record the withdrawal"),
    "terminate": N_("Terminate"),
    "appeal": N_("Record an appeal (second level)"),
    "record_waiver": N_("Record the denouncer's agreement to disclose their identity"),
    "request_report": N_("Request a report on the overdue denunciation"),
    "review_redenunciation": N_("Review a re-denunciation (superior)"),
    # events that record something other than a transition
    "intake": N_("Letter received"),
    "clock_overdue": N_("Deadline passed"),
    "identity_viewed": N_("Denouncer's identity viewed"),
    "identity_granted": N_("Access to the denouncer's identity granted"),
    "attachment_added": N_("Document attached"),
    "pin_reissued": N_("New PIN issued to the citizen (the old one no longer works)"),
    "attachment_viewed": N_("Confidential document opened"),
    "document_issued": N_("Official document issued"),
    "inspection_opened": N_("Inspection opened"),
    "urged": N_("Unit urged by the inspector"),
    "inspection_closed": N_("Inspection closed"),
    "rating_recorded": N_("Citizen's satisfaction rating recorded"),
    "legal_aid_recorded": N_("Legal aid recorded"),
    "round_sampled": N_("Sampled in an inspection round"),
    "round_unsampled": N_("No longer sampled in an inspection round"),
    "round_finding": N_("Inspection round finding recorded"),
}

ADMIN_ACTIONS = {
    "unit_created": N_("Unit created"),
    "unit_updated": N_("Unit changed"),
    "user_created": N_("User created"),
    "user_updated": N_("User changed"),
    "user_deactivated": N_("User deactivated"),
    "user_reactivated": N_("User reactivated"),
    "password_reset": N_("Password reset"),
    "calendar_day_added": N_("Calendar day added"),
    "calendar_day_deleted": N_("Calendar day removed"),
    "calendar_year_confirmed": N_("Calendar year confirmed"),
    "rule_override_added": N_("Rule override added"),
    "rule_override_deleted": N_("Rule override removed"),
}
ADMIN_DETAILS = {
    "code": N_("Code"),
    "parent": N_("Parent unit"),
    "name": N_("Unit name"),
    "remote": N_("Serves a remote area"),
    "username": N_("Username"),
    "roles": N_("Roles"),
    "unit": N_("Unit"),
    "before": N_("Before"),
    "after": N_("After"),
    "full_name": N_("Full name"),
    "day": N_("Date"),
    "working": N_("Extra working day (make-up day)"),
    "note": N_("Note"),
    "rule": N_("Rule"),
    "effective_from": N_("In force from"),
    "days": N_("Days"),
    "year": N_("Year"),
}


def admin_action_label(name: str) -> str:
    """The translated name of an administrator's change."""
    return gettext(ADMIN_ACTIONS.get(name, name))


def admin_detail_label(key: str) -> str:
    """The translated name of one detail of an administrator's change."""
    return gettext(ADMIN_DETAILS.get(key, key))


def label(code) -> str:
    """The translated word for a code (an enum member or its value); the code itself when unknown."""
    if code is None:
        return ""
    value = getattr(code, "value", code)
    return gettext(LABELS.get(value, value))


def channel_label(code) -> str:
    """Channels share 'forwarded' with a status; this picks the channel's word."""
    value = getattr(code, "value", code)
    return label("forwarded_channel" if value == "forwarded" else value)


def action_label(name: str) -> str:
    """The translated name of an action."""
    return gettext(ACTIONS.get(name, name))
