"""caseflow unit create, user create, token create."""

import sys

import click

from caseflow.errors import CaseflowError
from caseflow.extensions import begin_write
from caseflow.models import Role
from caseflow.services.accounts import users
from caseflow.timeutil import now_utc
from caseflow.transaction import commit, rollback


def fail(error: CaseflowError) -> None:
    """Print a caseflow error with its field messages and exit 1."""
    rollback()
    click.secho(f"Error: {error.detail}", fg="red", err=True)
    for field, messages in error.errors.items():
        click.secho(f"  {field}: {'; '.join(map(str, messages))}", fg="red", err=True)
    sys.exit(1)


@click.group("unit")
def unit_group():
    """Units of the agency tree."""


@unit_group.command("create")
@click.argument("code")
@click.argument("name")
@click.option("--parent", "parent_code", help="Code of the parent unit.")
@click.option("--remote-area", is_flag=True, help="The unit serves a remote area.")
def unit_create(code, name, parent_code, remote_area):
    """Create a unit CODE named NAME."""
    begin_write()
    try:
        unit = users.create_unit(code, name, parent_code=parent_code, is_remote_area=remote_area)
    except CaseflowError as error:
        fail(error)
    commit()
    click.secho(f"Unit {unit.code} created ({unit.name}).", fg="green")


@click.group("user")
def user_group():
    """Officials and their roles."""


@user_group.command("create")
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in Role]))
@click.option("--unit", "unit_code", required=True, help="Code of the user's unit.")
@click.option("--name", "full_name", default="", help="Full name.")
@click.option("--email", default=None)
@click.option("--password", default=None, help="The password (read from standard input when omitted).")
def user_create(username, roles, unit_code, full_name, email, password):
    """Create USERNAME with one or more roles in a unit."""
    begin_write()
    if password is None:
        password = sys.stdin.readline().rstrip("\n")
    try:
        user = users.create_user(
            username,
            full_name=full_name,
            password=password,
            roles=list(roles),
            unit_code=unit_code,
            now=now_utc(),
            email=email,
        )
    except CaseflowError as error:
        fail(error)
    commit()
    click.secho(
        f"User {user.username} created with roles {', '.join(sorted(roles))} in {user.unit.code}.", fg="green"
    )


@click.group("token")
def token_group():
    """API tokens."""


@token_group.command("create")
@click.argument("username")
@click.option("--days", type=click.IntRange(1, 3650), default=None, help="Lifetime in days.")
@click.option("--label", default="cli")
def token_create(username, days, label):
    """Print a new API token for USERNAME (shown once; only its hash is stored)."""
    begin_write()
    user = users.user_by_username(username)
    if user is None:
        click.secho(f"Error: no user {username}.", fg="red", err=True)
        sys.exit(1)
    plain, token = users.create_token(user, now=now_utc(), label=label, days=days)
    commit()
    click.echo(plain)
    click.secho(f"Expires {token.expires_dt.isoformat()}.", fg="yellow", err=True)


COMMANDS = (unit_group, user_group, token_group)
