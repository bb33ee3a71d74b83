"""The caseflow command line (product.md §8)."""


import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import ApiToken, CaseStatus, Unit, User
from caseflow.services.accounts.users import check_password, token_digest, user_for_token
from caseflow.timeutil import now_utc


def test_unit_and_user_creation(runner, db):
    assert runner.invoke(args=["unit", "create", "QN", "UBND tỉnh Quảng Ninh"]).exit_code == 0
    assert runner.invoke(args=["unit", "create", "QN-TT", "Thanh tra tỉnh", "--parent", "QN"]).exit_code == 0
    result = runner.invoke(
        args=[
            "user",
            "create",
            "lan",
            "--role",
            "officer",
            "--role",
            "handler",
            "--unit",
            "QN-TT",
            "--name",
            "Trần Thị Lan",
        ],
        input="a-long-password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "lan"))
    assert {r.value for r in user.roles} == {"officer", "handler"}
    assert (
        user.unit.path == f"{db.session.scalar(sa.select(Unit.path).where(Unit.code == 'QN'))}{user.unit_id}/"
    )
    assert check_password(user, "a-long-password") and user.password_hash.startswith("$argon2id$")


def test_bad_cli_input_is_explained_and_exits_non_zero(runner, db):
    runner.invoke(args=["unit", "create", "QN", "UBND tỉnh Quảng Ninh"])
    assert "already exists" in runner.invoke(args=["unit", "create", "QN", "Again"]).output
    result = runner.invoke(
        args=["user", "create", "x", "--role", "officer", "--unit", "QN", "--password", "short"]
    )
    assert result.exit_code == 1 and "password" in result.output


def test_token_is_printed_once_and_stored_hashed(runner, world):
    result = runner.invoke(args=["token", "create", "officer"])
    assert result.exit_code == 0
    token = result.stdout.strip().splitlines()[0]
    stored = db.session.scalar(sa.select(ApiToken.token_hash))
    assert stored == token_digest(token) and token not in stored
    assert user_for_token(token, now=now_utc()).username == "officer"


def test_sweep_and_audit_verify(runner, world):
    from datetime import UTC, datetime

    world.intake(now=datetime(2026, 11, 2, 2, tzinfo=UTC), received_on="2026-11-02")
    first = runner.invoke(args=["sweep"])
    assert first.exit_code == 0 and "1 clock(s) on 1 case(s) marked overdue" in first.output
    assert "0 clock(s)" in runner.invoke(args=["sweep"]).output
    verify = runner.invoke(args=["audit", "verify"])
    assert verify.exit_code == 0
    assert "OK: 2 events in 1 case chains and 0 admin events verify" in verify.output


def test_audit_verify_names_the_broken_event(runner, world):
    case = world.new_case_at("complaint", CaseStatus.ACCEPTED)
    case_id, code = case.id, case.tracking_code
    db.session.rollback()  # the CLI runner shares this app context: read afresh after tampering
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        connection.execute(
            sa.text("UPDATE case_events SET actor = 'user:nobody' WHERE case_id = :c AND seq = 2"),
            {"c": case_id},
        )
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"case {code}" in result.output and "seq 2" in result.output


def test_backup_and_restore_round_trip(runner, world, tmp_path):
    case = world.new_case_at("complaint", CaseStatus.VERIFYING)
    backup = tmp_path / "caseflow.backup"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    world.act(case, "submit_report")
    restored = runner.invoke(args=["restore", str(backup), "--yes"])
    assert restored.exit_code == 0, restored.output
    db.session.remove()
    assert db.session.scalar(sa.select(sa.text("status FROM cases"))) == "verifying"
    assert "chains verify" in restored.output
