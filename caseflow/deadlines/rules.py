"""Versioned deadline rules: one TOML file per effective date under config/rules/, plus agency overrides."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

KINDS = frozenset({"complaint", "denunciation", "petition", "any"})
START_EVENTS = frozenset(
    {
        *("received", "accepted", "decided", "delivered"),
        *("suspended", "resumed", "report_requested", "redenounced"),
    }
)
DAY_KINDS = frozenset({"working", "calendar"})
CONDITIONS = frozenset({"from_reception", "not_within_competence", "named_sender", "forwarded"})
VARIANT_KEYS = frozenset({"complex", "remote", "remote_complex", "several_places"})
COMPLEXITIES = ("normal", "complex", "especially_complex")
EXTENSION_MODES = frozenset({"to_variant", "add_days"})
# Why a case is complex (NĐ 31/2019 Art 3(2) for denunciations; the same seven in NĐ 124/2020 Art 3a as added
# by NĐ 155/2026 for complaints): the criterion an extension records.
COMPLEXITY_CRITERIA = (
    "several_places",
    "several_contents",
    "many_people",
    "foreign_element",
    "several_bodies",
    "bodies_disagree",
    "contradictory_evidence",
)

FILE_KEYS = frozenset({"effective_from", "title", "rules"})
REQUIRED_RULE_KEYS = frozenset(
    {
        "id", "title", "title_vi", "kinds", "start_event", "stop_on", "days", "day_kind", "basis", "basis_vi",
        "verified",
    }
)
OPTIONAL_RULE_KEYS = frozenset(
    {"levels", "condition", "variants", "extension", "obligation", "suspendable", "note", "number"}
)
EXTENSION_KEYS = frozenset({"mode", "days", "max_by_complexity"})
OVERRIDE_REQUIRED_KEYS = frozenset({"rule", "effective_from"})
OVERRIDE_KEYS = OVERRIDE_REQUIRED_KEYS | {"days", "day_kind", "variants", "note"}


class RuleError(ValueError):
    """A rule file or an override is invalid."""


class UnknownRule(KeyError):  # noqa: N818 - house style: only the base class ends in Error
    """No version of the rule is in force on the date asked for."""


def _frozen_map(mapping: Mapping[str, int] | None = None) -> Mapping[str, int]:
    """Return a read-only copy of `mapping`."""
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class ExtensionPolicy:
    """How a deadline may be extended: to the complex variant, or by a number of days each time."""

    mode: str
    days: int = 0
    max_by_complexity: Mapping[str, int] = field(default_factory=_frozen_map, hash=False)

    def max_extensions(self, complexity: str) -> int:
        """How many extensions a case of this complexity may get."""
        return self.max_by_complexity.get(_checked_complexity(complexity), 0)


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One version of a deadline rule."""

    id: str
    title: str
    title_vi: str
    version: str
    effective_from: date
    kinds: tuple[str, ...]
    levels: tuple[int, ...] = ()
    condition: str | None = None
    start_event: str
    stop_on: tuple[str, ...]
    days: int
    day_kind: str
    variants: Mapping[str, int] = field(default_factory=_frozen_map, hash=False)
    extension: ExtensionPolicy | None = None
    obligation: bool = True
    suspendable: bool = False
    basis: str
    basis_vi: str
    verified: bool
    note: str = ""
    number: str = ""
    source: str = ""

    def applies_to(self, kind: str | None, level: int | None) -> bool:
        """Whether the rule covers a case of this kind (None = not yet classified) and level."""
        if "any" not in self.kinds and kind not in self.kinds:
            return False
        return not self.levels or level in self.levels

    def days_for(
        self, *, complexity: str = "normal", remote: bool = False, several_places: bool = False
    ) -> tuple[int, str]:
        """(days, variant name) for a case; the longest applicable variant wins, "standard" if none."""
        best = (self.days, "standard")
        for name in _variant_names(_checked_complexity(complexity) != "normal", remote, several_places):
            if name in self.variants and self.variants[name] > best[0]:
                best = (self.variants[name], name)
        return best

    def days_after_extensions(
        self, *, count: int, complexity: str = "normal", remote: bool = False
    ) -> tuple[int, str]:
        """(days, variant name) once `count` extensions were granted; ValueError if more than allowed."""
        allowed = self.extension.max_extensions(complexity) if self.extension else 0
        if not 0 <= count <= allowed:
            raise ValueError(f"rule {self.id}: {count} extension(s) asked, {allowed} allowed ({complexity})")
        if count and self.extension and self.extension.mode == "to_variant":
            return self.days_for(complexity="complex", remote=remote)
        days, variant = self.days_for(complexity=complexity, remote=remote)
        return days + count * (self.extension.days if self.extension else 0), variant


def _checked_complexity(complexity: str) -> str:
    """`complexity` if it is a known complexity level, else ValueError."""
    if complexity not in COMPLEXITIES:
        raise ValueError(f"unknown complexity {complexity!r}; expected one of {COMPLEXITIES}")
    return complexity


def _variant_names(is_complex: bool, remote: bool, several_places: bool) -> list[str]:
    """Variant names that may apply, most specific first."""
    names = ["remote_complex"] if remote and is_complex else []
    names += ["remote"] if remote else []
    names += ["complex"] if is_complex else []
    return names + (["several_places"] if several_places else [])


@dataclass(frozen=True)
class RuleBook:
    """Every version of every rule; the version in force on a clock's start date applies."""

    history: Mapping[str, tuple[Rule, ...]]
    titles: Mapping[date, str] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path | str) -> RuleBook:
        """Load and validate every `*.toml` rule-set file of `directory`."""
        paths = sorted(Path(directory).glob("*.toml"))
        if not paths:
            raise RuleError(f"{directory}: no rule files (*.toml)")
        rule_sets = sorted((_load_file(path) for path in paths), key=lambda item: item[0])
        _check_unique_dates(rule_sets)
        history: dict[str, tuple[Rule, ...]] = {}
        for _, _, rules in rule_sets:
            for rule in rules:
                history[rule.id] = (*history.get(rule.id, ()), rule)
        order = _rule_order(rule_sets)
        history = dict(sorted(history.items(), key=lambda item: order[item[0]]))
        return cls(history=history, titles={item[0]: item[1] for item in rule_sets})

    def ids(self) -> list[str]:
        """Rule ids in file order."""
        return list(self.history)

    def rule(self, rule_id: str, on: date) -> Rule:
        """Return the version of `rule_id` in force on `on`."""
        in_force = [rule for rule in self.history.get(rule_id, ()) if rule.effective_from <= on]
        if not in_force:
            raise UnknownRule(f"no version of rule {rule_id!r} is in force on {on.isoformat()}")
        return in_force[-1]

    def rules_starting(
        self, start_event: str, *, kind: str | None, level: int | None, on: date
    ) -> list[Rule]:
        """Rules in force on `on` that start with `start_event` and apply to kind/level, in file order."""
        in_force = [self.rule(rule_id, on) for rule_id in self.history if self._in_force(rule_id, on)]
        return [rule for rule in in_force if rule.start_event == start_event and rule.applies_to(kind, level)]

    def versions(self) -> list[date]:
        """Every effective date in the book (rule-set files and overrides), oldest first."""
        return sorted({rule.effective_from for rules in self.history.values() for rule in rules})

    def with_overrides(self, overrides: Iterable[Mapping[str, Any]]) -> RuleBook:
        """Return a new book in which each override adds a version of its rule from its effective date."""
        history = dict(self.history)
        seen: set[tuple[str, date]] = set()
        for number, override in enumerate(overrides, start=1):
            rule = _overridden(RuleBook(history, self.titles), override, f"override #{number}")
            if (rule.id, rule.effective_from) in seen:
                raise RuleError(f"override #{number}: rule {rule.id!r} overridden twice on one date")
            seen.add((rule.id, rule.effective_from))
            history[rule.id] = tuple(sorted((*history[rule.id], rule), key=lambda r: r.effective_from))
        return RuleBook(history=history, titles=self.titles)

    def _in_force(self, rule_id: str, on: date) -> bool:
        """Whether some version of `rule_id` is in force on `on`."""
        return any(rule.effective_from <= on for rule in self.history[rule_id])


def _rule_order(rule_sets: list[tuple[date, str, list[Rule]]]) -> dict[str, int]:
    """Rule ids in the order of the fullest rule-set file (the baseline), then any others as first listed, so
    that adding earlier or later files does not reorder the clocks."""
    fullest = max(rule_sets, key=lambda item: (len(item[2]), item[0]))[2]
    order: dict[str, int] = {rule.id: n for n, rule in enumerate(fullest)}
    for _, _, rules in rule_sets:
        for rule in rules:
            order.setdefault(rule.id, len(order))
    return order


def _load_file(path: Path) -> tuple[date, str, list[Rule]]:
    """Parse one rule-set file into (effective_from, title, rules)."""
    data = _read_toml(path)
    _check_keys(data, FILE_KEYS, FILE_KEYS, path.name)
    effective_from = data["effective_from"]
    if not _is_date(effective_from):
        raise RuleError(f"{path.name}: effective_from must be an unquoted TOML date such as 2021-11-15")
    if not isinstance(data["title"], str) or not isinstance(data["rules"], list):
        raise RuleError(f"{path.name}: title must be a string and rules an array of tables ([[rules]])")
    rules = [_parse_rule(entry, effective_from, path.name) for entry in data["rules"]]
    _check_unique_ids(rules, path.name)
    return effective_from, data["title"], rules


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse the TOML document at `path`."""
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{path.name}: invalid TOML: {error}") from error


def _parse_rule(entry: Any, effective_from: date, source: str) -> Rule:
    """Build and validate one `[[rules]]` table."""
    rule_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
    where = f"{source}: rule {rule_id!r}"
    if not isinstance(entry, dict):
        raise RuleError(f"{where}: each rule must be a table")
    _check_keys(entry, REQUIRED_RULE_KEYS, REQUIRED_RULE_KEYS | OPTIONAL_RULE_KEYS, where)
    rule = Rule(
        id=entry["id"],
        title=entry["title"],
        title_vi=entry["title_vi"],
        version=effective_from.isoformat(),
        effective_from=effective_from,
        kinds=_as_tuple(entry, "kinds", where),
        levels=_as_tuple(entry, "levels", where),
        condition=entry.get("condition"),
        start_event=entry["start_event"],
        stop_on=_as_tuple(entry, "stop_on", where),
        days=entry["days"],
        day_kind=entry["day_kind"],
        variants=_as_map(entry.get("variants"), f"{where}: variants"),
        extension=_parse_extension(entry.get("extension"), where),
        obligation=entry.get("obligation", True),
        suspendable=entry.get("suspendable", False),
        basis=entry["basis"],
        basis_vi=entry["basis_vi"],
        verified=entry["verified"],
        note=entry.get("note", ""),
        number=entry.get("number", ""),
        source=source,
    )
    return _validated(rule, where)


def _parse_extension(table: Any, where: str) -> ExtensionPolicy | None:
    """Build and validate an `extension` table, if any."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise RuleError(f"{where}: extension must be a table")
    _check_keys(table, {"mode"}, EXTENSION_KEYS, f"{where}: extension")
    policy = ExtensionPolicy(
        mode=table["mode"],
        days=table.get("days", 0),
        max_by_complexity=_as_map(table.get("max_by_complexity"), f"{where}: extension.max_by_complexity"),
    )
    problem = _extension_problem(policy)
    if problem:
        raise RuleError(f"{where}: extension: {problem}")
    return policy


def _extension_problem(policy: ExtensionPolicy) -> str | None:
    """Say what is wrong with an extension policy, or None."""
    if policy.mode not in EXTENSION_MODES:
        return f"mode must be one of {sorted(EXTENSION_MODES)}, not {policy.mode!r}"
    if policy.mode == "add_days" and not _is_positive_int(policy.days):
        return "add_days needs days > 0"
    if not set(policy.max_by_complexity) <= set(COMPLEXITIES):
        return f"max_by_complexity keys must be among {list(COMPLEXITIES)}"
    if not all(_is_int(n) and n >= 0 for n in policy.max_by_complexity.values()):
        return "max_by_complexity values must be integers >= 0"
    return None


def _is_int(value: Any) -> bool:
    """Whether `value` is an integer (booleans excluded)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_positive_int(value: Any) -> bool:
    """Whether `value` is an integer > 0."""
    return _is_int(value) and value > 0


def _is_date(value: Any) -> bool:
    """Whether `value` is a date (datetimes excluded)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_text(value: Any) -> bool:
    """Whether `value` is a non-empty string."""
    return isinstance(value, str) and bool(value.strip())


_RULE_CHECKS: tuple[tuple[Callable[[Rule], bool], str], ...] = (
    (
        lambda r: _is_text(r.id) and _is_text(r.title) and _is_text(r.title_vi),
        "id, title and title_vi must be non-empty strings",
    ),
    (
        lambda r: bool(r.kinds) and all(isinstance(k, str) and k in KINDS for k in r.kinds),
        f"kinds must be a non-empty list of {sorted(KINDS)}",
    ),
    (lambda r: all(_is_positive_int(level) for level in r.levels), "levels must be positive integers"),
    (
        lambda r: r.condition is None or r.condition in CONDITIONS,
        f"condition must be one of {sorted(CONDITIONS)}",
    ),
    (lambda r: r.start_event in START_EVENTS, f"start_event must be one of {sorted(START_EVENTS)}"),
    (lambda r: bool(r.stop_on) and all(_is_text(a) for a in r.stop_on), "stop_on must list action names"),
    (lambda r: _is_positive_int(r.days), "days must be an integer > 0"),
    (lambda r: r.day_kind in DAY_KINDS, f"day_kind must be one of {sorted(DAY_KINDS)}"),
    (lambda r: set(r.variants) <= VARIANT_KEYS, f"variant keys must be among {sorted(VARIANT_KEYS)}"),
    (lambda r: all(_is_positive_int(v) for v in r.variants.values()), "variant days must be integers > 0"),
    (
        lambda r: not (r.extension and r.extension.mode == "to_variant" and "complex" not in r.variants),
        "extension mode to_variant needs a 'complex' variant",
    ),
    (
        lambda r: all(isinstance(flag, bool) for flag in (r.obligation, r.verified, r.suspendable)),
        "obligation, suspendable and verified must be true or false",
    ),
    (lambda r: _is_text(r.basis) and _is_text(r.basis_vi), "basis and basis_vi must cite the legal text"),
)


def _validated(rule: Rule, where: str) -> Rule:
    """`rule` itself, or RuleError naming the first failed check."""
    for check, message in _RULE_CHECKS:
        if not check(rule):
            raise RuleError(f"{where}: {message}")
    return rule


def _check_keys(
    mapping: Mapping[str, Any], required: Iterable[str], allowed: Iterable[str], where: str
) -> None:
    """RuleError for keys outside `allowed` or missing from `required`."""
    unknown = sorted(set(mapping) - set(allowed))
    if unknown:
        raise RuleError(f"{where}: unknown keys {unknown}")
    missing = sorted(set(required) - set(mapping))
    if missing:
        raise RuleError(f"{where}: missing required keys {missing}")


def _check_unique_ids(rules: list[Rule], source: str) -> None:
    """RuleError if a file defines the same rule id twice."""
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{source}: rule {rule.id!r}: duplicate rule id in the same file")
        seen.add(rule.id)


def _check_unique_dates(rule_sets: list[tuple[date, str, list[Rule]]]) -> None:
    """RuleError if two rule-set files share an effective date."""
    dates = [item[0] for item in rule_sets]
    duplicates = sorted({day.isoformat() for day in dates if dates.count(day) > 1})
    if duplicates:
        raise RuleError(f"several rule files take effect on {', '.join(duplicates)}")


def _as_date(value: Any, where: str) -> date:
    """Read a date from a date or an ISO string."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise RuleError(f"{where}: {value!r} is not an ISO date") from error
    if _is_date(value):
        return value
    raise RuleError(f"{where}: must be a date such as 2021-11-15, not {value!r}")


def _as_tuple(entry: Mapping[str, Any], key: str, where: str) -> tuple[Any, ...]:
    """Return the list at `entry[key]` as a tuple (empty when absent)."""
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise RuleError(f"{where}: {key} must be a list")
    return tuple(value)


def _as_map(value: Any, where: str) -> Mapping[str, int]:
    """Return a read-only copy of a TOML table (empty when absent)."""
    if value is not None and not isinstance(value, Mapping):
        raise RuleError(f"{where}: must be a table")
    return _frozen_map(value)


def _overridden(book: RuleBook, override: Mapping[str, Any], where: str) -> Rule:
    """Build the new rule version an agency override creates."""
    _check_keys(override, OVERRIDE_REQUIRED_KEYS, OVERRIDE_KEYS, where)
    effective_from = _as_date(override["effective_from"], f"{where}: effective_from")
    where = f"{where}: rule {override['rule']!r}"
    try:
        base = book.rule(override["rule"], effective_from)
    except UnknownRule as error:
        raise RuleError(f"{where}: {error.args[0]}") from error
    note = override.get("note")
    changes = {key: override[key] for key in ("days", "day_kind") if key in override}
    if "variants" in override:
        changes["variants"] = _as_map(override["variants"], f"{where}: variants")
    rule = replace(
        base,
        **changes,
        version=f"{effective_from.isoformat()} (override)",
        effective_from=effective_from,
        basis=f"{base.basis} — overridden by the agency" + (f": {note}" if note else ""),
        basis_vi=f"{base.basis_vi} — cơ quan điều chỉnh" + (f": {note}" if note else ""),
        source="rule_overrides",
    )
    return _validated(rule, where)
