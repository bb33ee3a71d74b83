"""docs/legal-rules.md from the rule files: one row per version of every rule (`caseflow rules doc`)."""

from __future__ import annotations

from caseflow.deadlines.rules import Rule, RuleBook

HEADER = """# Legal rules

Generated from `config/rules/*.toml` by `caseflow rules doc > docs/legal-rules.md`; a test fails when this
page and the rule files differ. One row per version of every rule: its number in the deadline table, the legal
basis, days and kind (variants, extension), what starts the clock, the actions that meet it, whether a
suspension pauses it, whether the basis is verified, and where it lives. Every clock is started and met by
`caseflow/services/cases/deadlines.py` (`start_clocks`, `meet_clocks`) through the action rows of
`caseflow/workflows/`; counting is `caseflow/deadlines/clock.py` on the calendar of `caseflow/calendar.py`
and `config/calendar/`.

| no. | rule | version | basis | days | starts on | met by | suspension pauses it | verified | config |
|---|---|---|---|---|---|---|---|---|---|
"""

GUARD_RULES = (
    (
        "R7",
        "a first complaint within 90 days of the day the complainant received or learned of the decision or "
        "act, obstacle days not counted (Luật Khiếu nại 2011 Art 9); recorded at classification, refused at "
        "acceptance",
        "`workflows/guards.py::within_limitation`, `services/cases/deadlines.py::limitation_refusal`",
    ),
    (
        "R36",
        "a report on an overdue denunciation is requested by a leader of a superior unit, only once its "
        "resolution is overdue (the report itself is the `report_to_superior` clock)",
        "`workflows/guards.py::superior_and_overdue`",
    ),
    (
        "R12, R17",
        "a complaint decision takes legal effect 30 days (remote 45) after its issue (a first-time one "
        "unless complained of again; Luật Khiếu nại 2011 Art 44); the date is shown in the resolution file",
        "`services/cases/deadlines.py::legal_effect_on`, `services/cases/casefile.py::case_record`",
    ),
    (
        "R20",
        "a complaint on the same matter as a terminated one is not accepted when lodged more than 30 days "
        "after the termination (Luật Khiếu nại 2011 Art 11(8))",
        "`workflows/guards.py::within_limitation`, `services/cases/deadlines.py::termination_bar_refusal`",
    ),
    (
        "R11",
        "a second complaint within 30 days (remote 45) of the complainant's receipt of the first-time "
        "decision, or after the first-time period ended without one",
        "`workflows/guards.py::within_appeal_window`, `services/cases/deadlines.py::appeal_window`",
    ),
    (
        "R18",
        "the dialogue invitation at least 5 days ahead; never in the past; recorded on or after its day",
        "`workflows/guards.py::dialogue_far_enough_ahead`, `dialogue_not_before_scheduled`",
    ),
    (
        "R29",
        "an extension only before the due date, for up to the legal maximum, with its complexity criterion",
        "`workflows/guards.py::extension_allowed`, `services/cases/deadlines.py::extension_refusal`",
    ),
    (
        "R9, R14, R29",
        "suspension only of a resolution, never after the decision; complaints only from 2026-07-01",
        "`workflows/guards.py::suspension_allowed`, rule key `suspendable`",
    ),
)
GUARDS_HEADER = "\n## Rules enforced as guards (no clock)\n\n| no. | rule | where |\n|---|---|---|\n"


def legal_rules_markdown(book: RuleBook) -> str:
    """The whole page for `book`: the rule table, then the guard rules."""
    rows = [_row(rule) for rule_id in book.ids() for rule in book.history[rule_id]]
    guards = [f"| {number} | {rule} | {where} |" for number, rule, where in GUARD_RULES]
    return HEADER + "\n".join(rows) + "\n" + GUARDS_HEADER + "\n".join(guards) + "\n"


def _row(rule: Rule) -> str:
    """One version of one rule as a table row."""
    cells = [
        rule.number or "—",
        f"`{rule.id}` {rule.title}",
        rule.version,
        rule.basis,
        _days(rule),
        _start(rule),
        ", ".join(f"`{name}`" for name in rule.stop_on),
        "yes" if rule.suspendable else "no",
        "yes" if rule.verified else "**no**",
        f"`config/rules/{rule.source}`" if rule.source.endswith(".toml") else rule.source,
    ]
    return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"


def _days(rule: Rule) -> str:
    """Days and kind, with variants and the extension policy."""
    text = f"{rule.days} {rule.day_kind}"
    if rule.variants:
        text += " (" + ", ".join(f"{name} {days}" for name, days in sorted(rule.variants.items())) + ")"
    if rule.extension and rule.extension.mode == "add_days":
        caps = ", ".join(f"{k} {v}" for k, v in rule.extension.max_by_complexity.items() if v)
        text += f"; extension up to {rule.extension.days} days each ({caps})"
    elif rule.extension:
        text += "; extension up to the complex limit"
    return text + ("" if rule.obligation else "; the citizen's window, never overdue")


def _start(rule: Rule) -> str:
    """The start event and any condition."""
    return f"`{rule.start_event}`" + (f" if `{rule.condition}`" if rule.condition else "")
