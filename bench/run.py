"""Run every benchmark, print a table of figures against their targets, and write the figures as JSON.

    python -m bench.run [--cases N] [--queue-cases N] [--out bench/results/latest.json] [--postgres URL]

Figures are reported, never asserted: the exit status is 0 whether targets pass or fail.
"""

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from bench.common import RESULTS_DIR, machine_info, progress

TARGET_ACTIONS_PER_S = 1_000
TARGET_RATIO = 15
TARGET_QUEUE_P95_MS = 5
TARGET_REPORT_MS = 2_000
TARGET_LETTERS_PER_S = 500


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases", type=int, default=2_000, help="cases for the actions bench (5 actions each)"
    )
    parser.add_argument("--queue-cases", type=int, default=100_000, help="cases in the queue bench's table")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "latest.json", help="where the JSON goes")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also run the queue bench on PostgreSQL, e.g. postgresql+psycopg://postgres@127.0.0.1/postgres "
        "(connects there to create and finally drop its own database caseflow_bench)",
    )
    parser.add_argument(
        "--report-cases",
        type=int,
        nargs="+",
        default=[100_000],
        help="case counts for the reports bench, e.g. --report-cases 100000 1000000",
    )
    parser.add_argument("--skip-actions", action="store_true", help="skip the actions bench")
    parser.add_argument("--letters", type=int, default=500, help="letters timed through intake")
    parser.add_argument(
        "--intake-existing", type=int, default=20_000, help="earlier cases in the table during intake"
    )
    parser.add_argument("--skip-intake", action="store_true", help="skip the intake bench")
    parser.add_argument("--skip-queue", action="store_true", help="skip the queue bench")
    parser.add_argument("--skip-reports", action="store_true", help="skip the reports bench")
    parser.add_argument(
        "--reports-sqlite-max",
        type=int,
        default=None,
        help="run the reports bench on SQLite only up to this many cases (PostgreSQL runs every size)",
    )
    parser.add_argument("--skip-api", action="store_true", help="skip the API bench (gunicorn)")
    parser.add_argument("--skip-http", action="store_true", help="skip the per-request overhead bench")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table, write the JSON."""
    args = parse_args(argv)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    started = time.perf_counter()
    settings = {"cases": args.cases, "queue_cases": args.queue_cases, "report_cases": args.report_cases}
    results = {"machine": machine_info(), "settings": settings}
    if not args.skip_actions:
        from bench import actions

        results["actions"] = actions.run(args.cases)
    if not args.skip_intake:
        from bench import intake

        results["intake"] = intake.run(args.letters, args.intake_existing)
    if not args.skip_queue:
        from bench import queue

        results["queue"] = {"sqlite": queue.run(args.queue_cases)}
        if args.postgres:
            results["queue"]["postgres"] = queue.run_postgres(args.postgres, args.queue_cases)
    if not args.skip_reports:
        results["reports"] = run_reports(args)
    if not args.skip_http:
        from bench import http_floor

        results["http"] = http_floor.run()
    if not args.skip_api:
        from bench import api

        results["api"] = api.run(args.postgres)
    results["targets"] = evaluate_targets(results)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    write_json(results, args.out)
    print(render(results, args.out))
    return 0


def run_reports(args: argparse.Namespace) -> list[dict]:
    """The reports bench for each size, on SQLite (up to --reports-sqlite-max) and on PostgreSQL if given."""
    from bench import reports

    runs = []
    for cases in args.report_cases:
        if args.reports_sqlite_max is None or cases <= args.reports_sqlite_max:
            runs.append(reports.run(cases))
        if args.postgres:
            runs.append(reports.run_postgres(args.postgres, cases))
    return runs


def evaluate_targets(results: dict) -> list[dict]:
    """Each target with its figure and whether it is met."""
    targets = []
    if "actions" in results:
        actions = results["actions"]
        targets.append(
            _target("actions/s (SQLite)", actions["engine"]["actions_per_s"], ">=", TARGET_ACTIONS_PER_S)
        )
        targets.append(_target("raw/engine ratio", actions["raw_engine_ratio"], "<=", TARGET_RATIO))
    if "intake" in results:
        letters = results["intake"]["letters_per_s"]
        targets.append(_target("intake letters/s (SQLite)", letters, ">=", TARGET_LETTERS_PER_S))
    for database, queue in results.get("queue", {}).items():
        targets.append(
            _target(
                f"queue p95 ms ({database}, service)", queue["service"]["p95_ms"], "<=", TARGET_QUEUE_P95_MS
            )
        )
    if "api" in results:
        sqlite = results["api"]["sqlite"]
        cycles, target = sqlite["api"]["cycles_per_s"], sqlite["target_cycles_per_s"]
        targets.append(_target("api cycles/s (SQLite)", cycles, ">=", target))
    for run in results.get("reports", []):
        if run["database"] == "postgres" and run["cases"] >= 1_000_000:
            for form, timing in run["forms"].items():
                name = f"report {form} ms ({run['cases']:,}, postgres)"
                targets.append(_target(name, timing["p50_ms"], "<=", TARGET_REPORT_MS))
    return targets


def _target(name: str, value: float, op: str, limit: float) -> dict:
    """One target's verdict."""
    passed = value >= limit if op == ">=" else value <= limit
    return {"name": name, "value": value, "op": op, "target": limit, "passed": passed}


def write_json(results: dict, path: Path) -> None:
    """The results as indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    progress(f"wrote {path}")


def render(results: dict, out: Path) -> str:
    """The human-readable report."""
    machine = results["machine"]
    lines = [
        "",
        f"caseflow benchmarks  {machine['measured_at']}  commit {machine['git_commit'] or '?'}"
        f"{' (dirty)' if machine['git_dirty'] else ''}",
        f"Python {machine['python']}, SQLite {machine['sqlite_version']}, "
        f"SQLAlchemy {machine['sqlalchemy_version']}, {machine['cpu_count']} CPUs ({machine['cpu_model']})",
        "",
        f"{'figure':<46}{'value':>22}  {'target':<10}{'result':<6}",
        "-" * 90,
    ]
    verdicts = {t["name"]: t for t in results["targets"]}
    if "actions" in results:
        lines += _action_rows(results["actions"], verdicts)
    if "intake" in results:
        lines += _intake_rows(results["intake"], verdicts)
    for database, queue in results.get("queue", {}).items():
        lines += _queue_rows(database, queue, verdicts)
    if "http" in results:
        from bench import http_floor

        lines += http_floor.rows(results["http"], _row)
    if "api" in results:
        from bench import api

        lines += api.rows(results["api"], _row)
    for run in results.get("reports", []):
        lines += _report_rows(run, verdicts)
    lines += ["-" * 90]
    if "actions" in results:
        lines += _profile_rows(results["actions"]["engine"])
    lines += ["", f"JSON: {out}   total {results['elapsed_s']} s", ""]
    return "\n".join(lines)


def _row(figure: str, value: str, verdict: dict | None = None) -> str:
    """One line of the table; figures without a target are marked info."""
    if verdict is None:
        return f"{figure:<46}{value:>22}  {'':<10}{'info':<6}"
    target = f"{verdict['op']} {verdict['target']:,}"
    return f"{figure:<46}{value:>22}  {target:<10}{'PASS' if verdict['passed'] else 'FAIL':<6}"


def _action_rows(actions: dict, verdicts: dict) -> list[str]:
    """The action-service figures."""
    engine, raw = actions["engine"], actions["raw"]
    latency = engine["latency"]
    statements = engine["statements"]
    rows = [
        _row(
            f"actions/s, action service ({engine['actions']:,})",
            f"{engine['actions_per_s']:,.0f}",
            verdicts["actions/s (SQLite)"],
        ),
        _row(f"raw sqlite3 tx/s (synchronous={raw['synchronous']})", f"{raw['tx_per_s']:,.0f}"),
        _row("raw/engine ratio", f"{actions['raw_engine_ratio']:.1f}x", verdicts["raw/engine ratio"]),
        _row(
            "action latency mean / p95 / p99 ms",
            f"{latency['mean_ms']:.2f} / {latency['p95_ms']:.2f} / {latency['p99_ms']:.2f}",
        ),
        _row(
            "  in perform_action / in commit, mean ms",
            f"{engine['service_mean_ms']:.2f} / {engine['commit_mean_ms']:.2f}",
        ),
        _row("SQL statements per action (+ COMMIT)", f"{statements['per_action_mean']:.1f}"),
    ]
    for name, kinds in statements["by_action"].items():
        mean = engine["by_action"][name]["mean_ms"]
        rows.append(_row(f"  {name}: statements, mean ms", f"{kinds['total']:g}, {mean:.2f}"))
    normal = actions["raw_synchronous_normal_info"]
    rows.append(_row("raw sqlite3 tx/s with synchronous=NORMAL", f"{normal['tx_per_s']:,.0f}"))
    rows.append(_row("intake cases/s (setup, not a target)", f"{engine['intake_cases_per_s']:,.0f}"))
    return rows


def _intake_rows(intake: dict, verdicts: dict) -> list[str]:
    """The intake figures."""
    latency, raw = intake["latency"], intake["raw"]
    return [
        _row(
            f"intake letters/s ({intake['letters']:,}; {intake['existing_cases']:,} earlier)",
            f"{intake['letters_per_s']:,.0f}",
            verdicts["intake letters/s (SQLite)"],
        ),
        _row("  raw sqlite3 letters/s (same rows, FULL)", f"{raw['letters_per_s']:,.0f}"),
        _row("  raw/engine ratio", f"{intake['raw_engine_ratio']:.1f}x"),
        _row("  letter latency p50 / p95 / p99 ms", _percentiles(latency)),
    ]


def _queue_rows(database: str, queue: dict, verdicts: dict) -> list[str]:
    """The queue figures of one database."""
    service, bare, plan = queue["service"], queue["bare_sql"], queue["plan"]
    index = "yes" if plan["uses_partial_index"] else "NO"
    return [
        _row(f"queue [{database}] {queue['cases']:,} cases, {queue['open_cases']:,} open", ""),
        _row(
            "  service p50 / p95 / p99 ms",
            _percentiles(service),
            verdicts[f"queue p95 ms ({database}, service)"],
        ),
        _row("  bare SQL p50 / p95 / p99 ms", _percentiles(bare)),
        _row("  plan uses ix_cases_open_unit_due", index),
        _row("  plan sorts the rows (no index order)", "yes" if plan["sorts_rows"] else "no"),
    ]


def _report_rows(run: dict, verdicts: dict) -> list[str]:
    """The report figures of one database and size."""
    database, cases = run["database"], run["cases"]
    rows = [_row(f"reports [{database}] {cases:,} cases, {run['events']:,} events, {run['year']}", "")]
    for form, timing in run["forms"].items():
        verdict = verdicts.get(f"report {form} ms ({cases:,}, {database})")
        rows.append(_row(f"  {form} p50 / min / max ms", _spread(timing), verdict))
    return rows


def _spread(timing: dict) -> str:
    """p50 / min / max of a report's repeated computation."""
    return f"{timing['p50_ms']:,.0f} / {timing['min_ms']:,.0f} / {timing['max_ms']:,.0f}"


def _percentiles(summary: dict) -> str:
    """p50 / p95 / p99 of a latency summary."""
    return f"{summary['p50_ms']:.2f} / {summary['p95_ms']:.2f} / {summary['p99_ms']:.2f}"


def _profile_rows(engine: dict) -> list[str]:
    """Where the engine spends its time, from the cProfile pass."""
    profile = engine["profile"]
    shares = list(profile["self_time_by_area"].items())[:5]
    areas = ", ".join(f"{area} {share:.0f}%" for area, share in shares)
    rows = [
        "",
        f"profile of {profile['actions']} actions (top-15 and each action's SQL: {profile['report']})",
        f"  self time: {areas}",
        "  caseflow functions by cumulative time (profiler-inflated; compare shares):",
    ]
    for entry in profile["top_caseflow_cumulative"][:12]:
        rows.append(f"    {entry['cumtime_s']:7.3f} s  {entry['calls']:>6}  {entry['function'][:90]}")
    return rows


if __name__ == "__main__":
    sys.exit(main())
