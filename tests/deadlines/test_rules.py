"""Tests for versioned deadline rule sets."""

import json
from datetime import date
from pathlib import Path

import pytest

from caseflow.deadlines.rules import RuleBook, RuleError, UnknownRule

RULES_DIR = Path(__file__).resolve().parents[2] / "config" / "rules"
COMPLAINTS_LAW = date(2012, 7, 1)  # Luật Khiếu nại 2011 (and Luật Tố cáo 2011)
RECEPTION_LAW = date(2014, 7, 1)  # Luật Tiếp công dân 2013
DENUNCIATIONS_LAW = date(2019, 1, 1)  # Luật Tố cáo 2018
BASELINE = date(2021, 11, 15)
REFORM = date(2026, 7, 1)


@pytest.fixture(scope="module")
def book():
    return RuleBook.load(RULES_DIR)


# -- the real rule set --


def test_real_rule_set_reaches_back_to_the_laws_start(book):
    versions = [COMPLAINTS_LAW, RECEPTION_LAW, DENUNCIATIONS_LAW, BASELINE, REFORM]
    assert book.versions() == versions
    assert set(book.titles) == set(versions)


@pytest.mark.parametrize(
    ("rule_id", "kinds", "levels", "start_event", "days", "day_kind", "verified"),
    [
        ("process_letter", ("any",), (), "received", 10, "working", False),
        ("denunciation_initial", ("denunciation",), (), "received", 7, "working", True),
        ("forward_denunciation", ("denunciation",), (), "received", 5, "working", True),
        ("notify_visitor", ("any",), (), "received", 10, "working", True),
        ("accept_complaint", ("complaint",), (), "received", 10, "working", False),
        ("resolve_complaint_l1", ("complaint",), (1,), "accepted", 30, "calendar", True),
        ("resolve_complaint_l2", ("complaint",), (2,), "accepted", 45, "calendar", True),
        ("send_decision_l1", ("complaint",), (1,), "decided", 3, "working", True),
        ("send_decision_l2", ("complaint",), (2,), "decided", 7, "calendar", True),
        ("resolve_denunciation", ("denunciation",), (), "accepted", 30, "calendar", True),
        ("handle_conclusion", ("denunciation",), (), "decided", 7, "working", True),
        ("answer_petition", ("petition",), (), "accepted", 30, "calendar", False),
        ("appeal_window", ("complaint",), (1,), "delivered", 30, "calendar", True),
    ],
)
def test_baseline_rules_match_the_deadline_table(
    book, rule_id, kinds, levels, start_event, days, day_kind, verified
):
    rule = book.rule(rule_id, BASELINE)
    assert (rule.kinds, rule.levels, rule.start_event) == (kinds, levels, start_event)
    assert (rule.days, rule.day_kind, rule.verified, rule.version) == (days, day_kind, verified, "2021-11-15")


def test_every_version_of_every_rule_cites_a_basis(book):
    all_versions = [rule for rule_id in book.ids() for rule in book.history[rule_id]]
    assert len(all_versions) == 29 + 16  # 16 older: 11 from 2012, 1 from 2014, 4 from 2019
    for rule in all_versions:
        assert rule.basis.strip() and rule.title.strip() and rule.stop_on


def test_conditions_and_citizen_window(book):
    assert book.rule("forward_denunciation", BASELINE).condition == "not_within_competence"
    assert book.rule("notify_visitor", BASELINE).condition == "from_reception"
    assert book.rule("appeal_window", BASELINE).obligation is False
    assert book.rule("resolve_complaint_l1", BASELINE).obligation is True


@pytest.mark.parametrize(
    ("on", "days", "version"),
    [(date(2026, 6, 30), 10, "2021-11-15"), (REFORM, 7, "2026-07-01"), (date(2030, 1, 1), 7, "2026-07-01")],
)
def test_accept_complaint_version_in_force(book, on, days, version):
    rule = book.rule("accept_complaint", on)
    assert (rule.days, rule.version, rule.day_kind) == (days, version, "working")
    assert rule.verified is False


def test_reform_file_leaves_other_rules_alone(book):
    assert book.rule("process_letter", REFORM) is book.rule("process_letter", BASELINE)
    assert "NĐ 155/2026 Art 10" in book.rule("accept_complaint", REFORM).basis


@pytest.mark.parametrize("rule_id", ["resolve_complaint_l1", "resolve_complaint_l2"])
def test_complaint_resolution_is_suspendable_only_from_the_reform(book, rule_id):
    before, after = book.rule(rule_id, date(2026, 6, 30)), book.rule(rule_id, REFORM)
    assert (before.suspendable, after.suspendable) == (False, True)
    assert (before.days, before.variants) == (after.days, after.variants)


def test_only_resolution_clocks_are_suspendable(book):
    suspendable = {rule_id for rule_id in book.ids() if book.rule(rule_id, REFORM).suspendable}
    assert suspendable == {
        "resolve_complaint_l1",
        "resolve_complaint_l2",
        "resolve_denunciation",
        "answer_petition",
    }


def test_unknown_rule_or_date_before_any_version(book):
    with pytest.raises(UnknownRule):
        book.rule("no_such_rule", REFORM)
    with pytest.raises(KeyError, match="2012-06-30"):
        book.rule("process_letter", date(2012, 6, 30))
    with pytest.raises(KeyError, match="2014-06-30"):
        book.rule("notify_visitor", date(2014, 6, 30))  # the reception law came later


@pytest.mark.parametrize(
    ("event", "kind", "level", "expected"),
    [
        ("received", None, None, ["process_letter", "notify_visitor"]),
        (
            "received",
            "denunciation",
            None,
            [
                "process_letter",
                "denunciation_initial",
                "forward_denunciation",
                "notify_visitor",
                "handling_to_forwarder",
            ],
        ),
        ("received", "complaint", 1, ["process_letter", "notify_visitor", "accept_complaint"]),
        ("accepted", "complaint", 1, ["resolve_complaint_l1"]),
        ("accepted", "complaint", 2, ["resolve_complaint_l2"]),
        ("accepted", "complaint", None, []),
        ("decided", "complaint", 1, ["send_decision_l1", "result_to_forwarder"]),
        ("delivered", "complaint", 1, ["appeal_window"]),
        ("delivered", "complaint", 2, []),
        (
            "decided",
            "denunciation",
            None,
            [
                "handle_conclusion",
                "send_conclusion_denounced",
                "notify_denouncer_conclusion",
                "publish_conclusion",
                "result_to_forwarder",
            ],
        ),
        ("decided", "complaint", 2, ["send_decision_l2", "publish_decision_l2", "result_to_forwarder"]),
        (
            "accepted",
            "denunciation",
            None,
            ["resolve_denunciation", "notify_denouncer_acceptance", "notify_denounced_content"],
        ),
        ("accepted", "petition", None, ["answer_petition"]),
    ],
)
def test_rules_starting(book, event, kind, level, expected):
    rules = book.rules_starting(event, kind=kind, level=level, on=BASELINE)
    assert [rule.id for rule in rules] == expected


def test_rules_starting_uses_the_version_in_force(book):
    before = book.rules_starting("received", kind="complaint", level=2, on=date(2026, 6, 30))
    after = book.rules_starting("received", kind="complaint", level=2, on=REFORM)
    assert [r.days for r in before if r.id == "accept_complaint"] == [10]
    assert [r.days for r in after if r.id == "accept_complaint"] == [7]


def test_rules_starting_before_the_first_version_is_empty(book):
    assert book.rules_starting("received", kind=None, level=None, on=date(2012, 6, 30)) == []


# -- variants and extensions --


@pytest.mark.parametrize(
    ("rule_id", "kwargs", "expected"),
    [
        ("resolve_complaint_l1", {}, (30, "standard")),
        ("resolve_complaint_l1", {"complexity": "complex"}, (45, "complex")),
        ("resolve_complaint_l1", {"complexity": "especially_complex"}, (45, "complex")),
        ("resolve_complaint_l1", {"remote": True}, (45, "remote")),
        ("resolve_complaint_l1", {"remote": True, "complexity": "complex"}, (60, "remote_complex")),
        ("resolve_complaint_l2", {"complexity": "complex"}, (60, "complex")),
        ("resolve_complaint_l2", {"remote": True, "complexity": "complex"}, (70, "remote_complex")),
        ("appeal_window", {"remote": True}, (45, "remote")),
        ("appeal_window", {"remote": True, "complexity": "complex"}, (45, "remote")),
        ("resolve_denunciation", {"complexity": "especially_complex"}, (30, "standard")),
        ("denunciation_initial", {"several_places": True}, (10, "several_places")),
        ("denunciation_initial", {}, (7, "standard")),
    ],
)
def test_days_for(book, rule_id, kwargs, expected):
    assert book.rule(rule_id, BASELINE).days_for(**kwargs) == expected


def test_days_for_rejects_unknown_complexity(book):
    with pytest.raises(ValueError, match="complexity"):
        book.rule("resolve_complaint_l1", BASELINE).days_for(complexity="hard")


@pytest.mark.parametrize(
    ("rule_id", "kwargs", "expected"),
    [
        ("resolve_complaint_l1", {"count": 0}, (30, "standard")),
        ("resolve_complaint_l1", {"count": 1}, (45, "complex")),
        ("resolve_complaint_l1", {"count": 1, "remote": True}, (60, "remote_complex")),
        ("resolve_complaint_l2", {"count": 1}, (60, "complex")),
        ("resolve_denunciation", {"count": 1, "complexity": "complex"}, (60, "standard")),
        ("resolve_denunciation", {"count": 2, "complexity": "especially_complex"}, (90, "standard")),
    ],
)
def test_days_after_extensions(book, rule_id, kwargs, expected):
    assert book.rule(rule_id, BASELINE).days_after_extensions(**kwargs) == expected


@pytest.mark.parametrize(
    ("rule_id", "kwargs"),
    [
        ("resolve_complaint_l1", {"count": 1, "complexity": "complex"}),
        ("resolve_complaint_l1", {"count": 2}),
        ("resolve_denunciation", {"count": 1}),
        ("resolve_denunciation", {"count": 2, "complexity": "complex"}),
        ("resolve_denunciation", {"count": 3, "complexity": "especially_complex"}),
        ("accept_complaint", {"count": 1}),
    ],
)
def test_extensions_beyond_the_limit_are_refused(book, rule_id, kwargs):
    with pytest.raises(ValueError, match="allowed"):
        book.rule(rule_id, BASELINE).days_after_extensions(**kwargs)


@pytest.mark.parametrize(
    ("kind", "level", "expected"),
    [("complaint", 1, True), ("complaint", 2, False), ("complaint", None, False), ("denunciation", 1, False)],
)
def test_applies_to_with_levels(book, kind, level, expected):
    assert book.rule("resolve_complaint_l1", BASELINE).applies_to(kind, level) is expected


@pytest.mark.parametrize("kind", [None, "complaint", "denunciation", "petition"])
def test_any_kind_rule_applies_before_and_after_classification(book, kind):
    assert book.rule("process_letter", BASELINE).applies_to(kind, None)


# -- agency overrides --


def test_override_creates_a_new_version(book):
    override = {"rule": "accept_complaint", "effective_from": date(2026, 9, 1), "days": 5, "note": "QĐ 12"}
    overridden = book.with_overrides([override])
    rule = overridden.rule("accept_complaint", date(2026, 9, 1))
    original = book.rule("accept_complaint", REFORM)
    assert (rule.days, rule.version) == (5, "2026-09-01 (override)")
    assert rule.basis == original.basis + " — overridden by the agency: QĐ 12"
    assert overridden.rule("accept_complaint", date(2026, 8, 31)) == original
    assert book.rule("accept_complaint", date(2026, 9, 1)) == original
    assert overridden.versions()[-3:] == [BASELINE, REFORM, date(2026, 9, 1)]


def test_override_accepts_iso_dates_and_replaces_variants(book):
    override = {"rule": "resolve_complaint_l1", "effective_from": "2027-01-01", "variants": {"complex": 50}}
    rule = book.with_overrides([override]).rule("resolve_complaint_l1", date(2027, 1, 1))
    assert dict(rule.variants) == {"complex": 50}
    assert rule.days_for(remote=True, complexity="complex") == (50, "complex")
    assert rule.basis.endswith(" — overridden by the agency")


def test_override_on_a_file_date_wins_and_overrides_stack(book):
    overrides = [
        {
            "rule": "answer_petition",
            "effective_from": BASELINE,
            "days": 15,
            "day_kind": "working",
            "note": "a",
        },
        {"rule": "answer_petition", "effective_from": REFORM, "days": 20, "note": "b"},
    ]
    overridden = book.with_overrides(overrides)
    assert overridden.rule("answer_petition", BASELINE).days == 15
    latest = overridden.rule("answer_petition", REFORM)
    assert (latest.days, latest.day_kind) == (20, "working")
    assert latest.basis.endswith("overridden by the agency: a — overridden by the agency: b")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"rule": "nope", "effective_from": REFORM, "days": 3}, "nope"),
        ({"rule": "process_letter", "effective_from": date(2012, 1, 1), "days": 3}, "in force"),
        ({"rule": "process_letter", "effective_from": REFORM, "hours": 3}, "unknown keys"),
        ({"rule": "process_letter", "days": 3}, "missing required keys"),
        ({"rule": "process_letter", "effective_from": REFORM, "days": 0}, "days"),
        ({"rule": "process_letter", "effective_from": REFORM, "day_kind": "lunar"}, "day_kind"),
        ({"rule": "process_letter", "effective_from": "soon"}, "ISO date"),
        ({"rule": "process_letter", "effective_from": REFORM, "variants": {"urgent": 2}}, "variant"),
    ],
)
def test_invalid_overrides_are_refused(book, override, message):
    with pytest.raises(RuleError, match=message):
        book.with_overrides([override])


def test_the_same_rule_cannot_be_overridden_twice_on_one_date(book):
    override = {"rule": "process_letter", "effective_from": REFORM, "days": 3}
    with pytest.raises(RuleError, match="twice"):
        book.with_overrides([override, override])


# -- validation of rule files --


def _toml_value(value):
    """Serialise a small Python value as TOML (enough for these tests)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


def _rule(**changes):
    """A valid rule table, with `changes` applied (None removes a key)."""
    rule = {
        "id": "sample",
        "title": "Sample rule",
        "title_vi": "Quy định mẫu",
        "kinds": ["complaint"],
        "start_event": "received",
        "stop_on": ["accept"],
        "days": 10,
        "day_kind": "working",
        "basis": "Luật KN Art 27",
        "basis_vi": "Điều 27 Luật Khiếu nại 2011",
        "verified": True,
    }
    rule.update(changes)
    return {key: value for key, value in rule.items() if value is not None}


def _write(directory, rules, name="2021-11-15.toml", **top):
    """Write a rule-set file into `directory` and return its path."""
    header = {"effective_from": date(2021, 11, 15), "title": "Test set", **top}
    lines = [f"{key} = {_toml_value(value)}" for key, value in header.items() if value is not None]
    for rule in rules:
        lines += ["", "[[rules]]"] + [f"{key} = {_toml_value(value)}" for key, value in rule.items()]
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_valid_minimal_file_loads(tmp_path):
    _write(tmp_path, [_rule()])
    rule = RuleBook.load(tmp_path).rule("sample", BASELINE)
    assert (rule.days, rule.obligation, rule.extension, dict(rule.variants)) == (10, True, None, {})


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (_rule(colour="red"), "unknown keys \\['colour'\\]"),
        (_rule(basis=None), "missing required keys \\['basis'\\]"),
        (_rule(verified=None, days=None), "missing required keys \\['days', 'verified'\\]"),
        (_rule(day_kind="business"), "day_kind"),
        (_rule(start_event="filed"), "start_event"),
        (_rule(days=0), "days must be"),
        (_rule(days=-3), "days must be"),
        (_rule(days="10"), "days must be"),
        (_rule(kinds=["grievance"]), "kinds"),
        (_rule(kinds="complaint"), "kinds must be a list"),
        (_rule(levels=[0]), "levels"),
        (_rule(condition="on_tuesdays"), "condition"),
        (_rule(stop_on=[]), "stop_on"),
        (_rule(variants={"urgent": 3}), "variant keys"),
        (_rule(variants={"complex": 0}), "variant days"),
        (_rule(basis="  "), "basis"),
        (_rule(verified="yes"), "verified"),
        (_rule(extension={"mode": "forever"}), "mode"),
        (_rule(extension={"mode": "add_days"}), "add_days needs days"),
        (_rule(extension={"mode": "to_variant"}), "needs a 'complex' variant"),
        (
            _rule(extension={"mode": "add_days", "days": 30, "max_by_complexity": {"huge": 1}}),
            "max_by_complexity",
        ),
        (_rule(extension={"mode": "add_days", "days": 30, "limit": 2}), "unknown keys"),
    ],
)
def test_invalid_rules_name_the_file_and_rule(tmp_path, rule, message):
    _write(tmp_path, [rule])
    with pytest.raises(RuleError, match=message) as raised:
        RuleBook.load(tmp_path)
    assert "2021-11-15.toml: rule 'sample'" in str(raised.value)


def test_duplicate_rule_id_in_one_file(tmp_path):
    _write(tmp_path, [_rule(), _rule(days=5)])
    with pytest.raises(RuleError, match="2021-11-15.toml: rule 'sample': duplicate"):
        RuleBook.load(tmp_path)


def test_same_id_in_a_later_file_is_a_new_version(tmp_path):
    _write(tmp_path, [_rule()])
    _write(tmp_path, [_rule(days=7)], name="2026-07-01.toml", effective_from=REFORM)
    loaded = RuleBook.load(tmp_path)
    assert [r.days for r in loaded.history["sample"]] == [10, 7]


@pytest.mark.parametrize(
    ("top", "message"),
    [
        ({"effective_from": "sometime"}, "effective_from"),
        ({"effective_from": None}, "missing required keys \\['effective_from'\\]"),
        ({"title": None}, "missing required keys \\['title'\\]"),
        ({"author": "me"}, "unknown keys \\['author'\\]"),
    ],
)
def test_invalid_file_headers(tmp_path, top, message):
    _write(tmp_path, [_rule()], **top)
    with pytest.raises(RuleError, match=message):
        RuleBook.load(tmp_path)


def test_effective_from_must_be_a_date_not_a_datetime(tmp_path):
    (tmp_path / "x.toml").write_text('effective_from = 2021-11-15T08:00:00\ntitle = "t"\nrules = []\n')
    with pytest.raises(RuleError, match="x.toml: effective_from"):
        RuleBook.load(tmp_path)


def test_invalid_toml_syntax(tmp_path):
    (tmp_path / "broken.toml").write_text("effective_from = \n")
    with pytest.raises(RuleError, match="broken.toml: invalid TOML"):
        RuleBook.load(tmp_path)


def test_two_files_with_the_same_effective_date(tmp_path):
    _write(tmp_path, [_rule()], name="a.toml")
    _write(tmp_path, [_rule()], name="b.toml")
    with pytest.raises(RuleError, match="2021-11-15"):
        RuleBook.load(tmp_path)


def test_empty_directory(tmp_path):
    with pytest.raises(RuleError, match="no rule files"):
        RuleBook.load(tmp_path)


@pytest.mark.parametrize(
    ("rule_id", "on", "days", "day_kind", "version", "verified"),
    [
        ("resolve_complaint_l1", date(2015, 3, 2), 30, "calendar", "2012-07-01", True),
        ("resolve_complaint_l2", date(2013, 1, 10), 45, "calendar", "2012-07-01", True),
        ("accept_complaint", date(2015, 3, 2), 10, "working", "2012-07-01", False),
        ("process_letter", date(2012, 7, 1), 10, "working", "2012-07-01", False),
        ("notify_visitor", date(2014, 7, 1), 10, "working", "2014-07-01", True),
        ("resolve_denunciation", date(2016, 5, 4), 60, "calendar", "2012-07-01", False),
        ("denunciation_initial", date(2018, 12, 31), 10, "calendar", "2012-07-01", False),
        ("denunciation_initial", date(2019, 1, 1), 7, "working", "2019-01-01", True),
        ("resolve_denunciation", date(2020, 6, 1), 30, "calendar", "2019-01-01", True),
        ("handle_conclusion", date(2019, 1, 1), 7, "working", "2019-01-01", True),
        ("resolve_complaint_l1", date(2021, 11, 15), 30, "calendar", "2021-11-15", True),
    ],
)
def test_the_versions_in_force_before_the_baseline(book, rule_id, on, days, day_kind, version, verified):
    rule = book.rule(rule_id, on)
    assert (rule.days, rule.day_kind, rule.version, rule.verified) == (days, day_kind, version, verified)


def test_rules_missing_before_their_law_start_no_clock(book):
    received = book.rules_starting("received", kind="complaint", level=1, on=date(2013, 5, 6))
    assert [rule.id for rule in received] == ["process_letter", "accept_complaint"]  # no reception law yet
    assert book.rules_starting("decided", kind="denunciation", level=None, on=date(2018, 6, 1)) == []
    assert book.rule("resolve_complaint_l1", date(2015, 3, 2)).variants["complex"] == 45


def test_adding_earlier_files_keeps_the_baselines_rule_order(book):
    assert book.ids()[:5] == [
        "process_letter", "denunciation_initial", "forward_denunciation", "notify_visitor", "accept_complaint"
    ]
