"""What an operator meets at the command line: one line with the fix, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from caseflow import create_app
from caseflow.cli import backup
from caseflow.config import ConfigurationError
from caseflow.models import Case, Counter
from caseflow.services.cases import intake
from caseflow.services.cases.intake import check_pin
from tests.conftest import app_settings

ROOT = Path(__file__).resolve().parent.parent


def run_caseflow(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """The console script as an operator runs it, in `cwd`, with only the settings given."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CASEFLOW_")}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", "from caseflow.cli import main; main()", *args],
        cwd=cwd, env={**environment, **env}, capture_output=True, text=True, timeout=120, check=False,
    )


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    """Failed with exactly one line on stderr, naming the fix, and no traceback."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and all(word in lines[0] for word in words), lines


def test_every_command_is_mapped_to_its_module_so_one_command_loads_one_module():
    from caseflow.cli import COMMAND_MODULES

    app = create_app(app_settings("sqlite://"))
    for name, command in app.cli.commands.items():
        module = command.callback.__module__ if command.callback else type(command).__module__
        if module.startswith("caseflow.cli."):
            assert COMMAND_MODULES.get(name) == module.rsplit(".", 1)[1], name
    assert set(COMMAND_MODULES) <= set(app.cli.commands)


@pytest.mark.standalone
def test_a_job_runs_on_an_app_without_pages_or_api(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run_caseflow("db", "upgrade", cwd=tmp_path, CASEFLOW_DATABASE_URL=url).returncode == 0
    probe = (
        "import sys; from caseflow import cli; cli._invoked = 'sweep'; app = cli._create_app();"
        "print(sorted(app.blueprints), sorted(app.cli.commands)); print('caseflow.api' in sys.modules)"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CASEFLOW_")}
    shown = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True,
        env={**environment, "PYTHONPATH": str(ROOT), "CASEFLOW_DATABASE_URL": url},
    ).stdout.splitlines()
    assert shown == ["[] ['db', 'sweep']", "False"]  # Flask-Migrate's db, and the one command asked for
    swept = run_caseflow("sweep", cwd=tmp_path, CASEFLOW_DATABASE_URL=url)
    assert swept.returncode == 0 and "Sweep done" in swept.stdout


@pytest.mark.standalone
def test_version_is_caseflows_and_help_hides_flasks_development_commands(tmp_path):
    version = run_caseflow("--version", cwd=tmp_path)
    assert version.stdout.startswith("caseflow ") and "Flask" not in version.stdout
    shown = run_caseflow("--help", cwd=tmp_path).stdout
    assert "db " in shown and "serve" in shown and "demo" in shown
    listed = {line.split()[0] for line in shown.splitlines() if line.startswith("  ")}
    assert not {"run", "shell", "routes", "limiter"} & listed
    assert "--app" not in shown and "--debug" not in shown


@pytest.mark.standalone
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("sqlite:///{tmp}/empty.db", ("caseflow db upgrade",)),
        ("sqlite:///{tmp}/no/such/folder/caseflow.db", ("folder must exist",)),
        ("postgres://old-style/name", ("CASEFLOW_DATABASE_URL", "postgresql+psycopg://")),
        ("not a url", ("CASEFLOW_DATABASE_URL",)),
        ("postgresql+psycopg://postgres@127.0.0.1:1/caseflow", ("Cannot reach the database server",)),
    ],
)
def test_database_problems_are_one_line_with_the_fix(tmp_path, url, words):
    result = run_caseflow("sweep", cwd=tmp_path, CASEFLOW_DATABASE_URL=url.format(tmp=tmp_path),
                          CASEFLOW_SECRET_KEY="k" * 32)
    assert_one_line(result, *words)


@pytest.mark.standalone
def test_postgresql_refuses_to_start_without_an_explicit_secret_key(tmp_path):
    result = run_caseflow("sweep", cwd=tmp_path, CASEFLOW_DATABASE_URL="postgresql+psycopg://u@127.0.0.1/x")
    assert_one_line(result, "CASEFLOW_SECRET_KEY")
    with pytest.raises(ConfigurationError, match="CASEFLOW_SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1/x", "SECRET_KEY": ""})


@pytest.mark.standalone
def test_an_unwritable_output_path_is_one_line(tmp_path):
    assert run_caseflow("db", "upgrade", cwd=tmp_path).returncode == 0
    assert run_caseflow("unit", "create", "HN", "Hà Nội", cwd=tmp_path).returncode == 0
    result = run_caseflow("report", "processing", "--period", "q1-2026", "--output",
                          str(tmp_path / "missing" / "r.csv"), cwd=tmp_path)
    assert_one_line(result, "missing/r.csv", "folder that exists")
    (tmp_path / "file").write_text("a file where a folder should be")
    assert_one_line(run_caseflow("backup", str(tmp_path / "file" / "x.db"), cwd=tmp_path), "/file", "folder")


def test_binary_report_formats_need_an_output_file(runner, world):
    result = runner.invoke(args=["report", "processing", "--period", "q1-2027", "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output


def test_demo_refuses_a_database_with_real_data_unless_forced(runner, world, db):
    refused = runner.invoke(args=["demo"])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Counter)) == 0  # nothing was loaded


def test_a_pin_survives_a_key_rotation(app, world, db):
    made = intake.create_case(world.letter(), actor=world.users["reception"], now=world.now)
    db.session.commit()
    found, pin = db.session.get(Case, made.case.id), made.pin
    with app.test_request_context():
        app.config.update(SECRET_KEY="a-new-key", SECRET_KEY_FALLBACKS=["test-secret"])
        try:
            assert check_pin(found, pin)
            assert not check_pin(found, "00000000")
            app.config["SECRET_KEY_FALLBACKS"] = []
            assert not check_pin(found, pin)  # the fallback is what keeps it working
        finally:
            app.config.update(SECRET_KEY="test-secret", SECRET_KEY_FALLBACKS=[])


def test_fallback_keys_come_from_the_environment_as_a_list(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEFLOW_SECRET_KEY_FALLBACKS", "old-one, older-one")
    monkeypatch.setenv("CASEFLOW_INSTANCE_DIR", str(tmp_path / "instance"))
    app = create_app({**app_settings(f"sqlite:///{tmp_path}/x.db")})
    assert app.config["SECRET_KEY_FALLBACKS"] == ["old-one", "older-one"]
    assert app.instance_path == str(tmp_path / "instance")


def test_backups_hand_the_real_password_to_the_tools_and_never_print_it(tmp_path):
    url = "postgresql+psycopg://caseflow:s3cr%40t@db.example:5433/cf"
    app = create_app({**app_settings(url), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        assert backup._pg_environment()["PGPASSWORD"] == "s3cr@t"
        assert backup._pg_url() == "postgresql://caseflow@db.example:5433/cf"


@pytest.mark.postgres
def test_a_failing_pg_dump_is_one_line(runner, world, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "no" / "such" / "dir" / "x.dump")])
    assert result.exit_code == 1 and "pg_dump failed" in result.output
    assert len(result.output.strip().splitlines()) == 1
