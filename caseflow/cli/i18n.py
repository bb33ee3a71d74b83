"""`caseflow translations`: refresh the Vietnamese catalog from the sources and compile it."""

import click

from caseflow.i18n_catalog import update


@click.command("translations")
@click.option("--language", default="vi", show_default=True)
def translations_command(language: str) -> None:
    """Extract messages, merge the i18n/<language>/*.po fragments, write and compile the catalog."""
    count, gaps = update(language)
    click.echo(f"{count} messages, {count - len(gaps)} translated into {language}.")
    for msgid in gaps:
        click.echo(f"  missing: {msgid}")
    if gaps:
        raise SystemExit(1)


COMMANDS = (translations_command,)
