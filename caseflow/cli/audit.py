"""caseflow audit verify: recompute every hash chain (each case's and the administrators')."""

import sys

import click

from caseflow.services.accounts.admin_events import verify_chain
from caseflow.services.cases.audit import verify_chains


@click.group("audit")
def audit_group():
    """The audit trail."""


@audit_group.command("verify")
def verify():
    """Recompute every case's chain and the admin chain; exit 1 naming the first broken event."""
    result = verify_chains(progress=lambda n: click.echo(f"  {n} cases verified", err=True))
    if result.broken:
        click.secho(f"BROKEN: {result.broken}", fg="red", err=True)
        sys.exit(1)
    admin = verify_chain()
    if admin.broken_seq:
        click.secho(f"BROKEN: admin event seq {admin.broken_seq}: {admin.problem}", fg="red", err=True)
        sys.exit(1)
    click.secho(
        f"OK: {result.events} events in {result.cases} case chains and {admin.events} admin events verify.",
        fg="green",
    )


COMMANDS = (audit_group,)
