"""The `guichet` command: its global options and the table of its subcommands.

Each subcommand is imported only when it runs (or when `guichet --help` lists it), and the
modules that define them import their heavy dependencies (the pipeline, Flask, OCR, the
geography) inside the command's body: `guichet process` never loads the web service, and
`guichet --help` loads neither.
"""

from __future__ import annotations

import importlib
import itertools
import logging
import os

import click

# name -> "module:attribute" of the click command: every command of `guichet`, in one place.
COMMANDS = {
    "process": "worker.entry.cli:process",
    "reprocess": "worker.entry.commands:reprocess",
    "fetch-mail": "worker.entry.cli:fetch_mail",
    "smtp": "worker.entry.cli:smtp",
    "worker": "worker.entry.commands:worker",
    "sweep": "worker.entry.commands:sweep",
    "failed": "worker.entry.commands:failed",
    "outbox": "worker.entry.commands:outbox_command",
    "digest": "worker.entry.commands:digest",
    "serve": "guichet_cli.service_commands:serve",
    "user": "guichet_cli.service_commands:user",
}

HELP_ASKED = "guichet.help_asked"


class LazyGroup(click.Group):
    """A group whose subcommands are imported by name, on first use."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)  # the subcommand's own arguments
        # click runs the group's callback before it parses them: note `guichet COMMAND --help` now
        ctx.meta[HELP_ASKED] = any(arg in ctx.help_option_names for arg in itertools.takewhile("--".__ne__, rest))
        return rest


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Journal détaillé sur la sortie d'erreur.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Guichet : réception et tri des candidatures à l'Atelier des territoires Flash."""
    # Originals, database, caches and exports hold candidates' personal data: readable by the
    # service's own account only, whatever umask the shell or the supervisor left.
    os.umask(0o077)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if ctx.meta.get(HELP_ASKED):
        return  # a command's --help runs nothing: no need to probe the sandbox
    from extractors import isolation
    from worker.core.sandbox import require_confinement

    try:
        require_confinement()  # at start, not at the first file: no command runs parsers unconfined
    except isolation.SandboxUnavailable as exc:
        raise click.ClickException(str(exc)) from exc

