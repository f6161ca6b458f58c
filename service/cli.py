"""The `guichet` console script: the batch commands of worker.cli plus the service's own."""

from __future__ import annotations

import logging
import os
import secrets

import click

from worker.cli import main
from worker.commands import COMMANDS

log = logging.getLogger(__name__)

DEMO_LOGIN = "demo@guichet.test"

__all__ = ["main"]

for command in COMMANDS:  # the queue's commands: worker, sweep, failed, reprocess
    main.add_command(command)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port d'écoute.")
@click.option("--threads", default=16, show_default=True, type=int, help="Requêtes servies en parallèle.")
@click.option("--demo", is_flag=True, help="Crée le compte de démonstration s'il manque et affiche ses identifiants.")
def serve(host: str, port: int, threads: int, demo: bool) -> None:
    """Sert l'interface de tri et l'API (données de GUICHET_DATA_DIR ou DATABASE_URL)."""
    from waitress import serve as waitress_serve

    from service import create_app

    app = create_app()
    store = app.extensions["guichet"].store
    if demo:
        login, password = demo_account(store)
        click.echo(f"Compte de démonstration : {login}  mot de passe : {password}  (rôle administrateur)")
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    click.echo(f"Guichet est servi sur http://{shown}:{port}/ (Ctrl+C pour arrêter)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="guichet")


def demo_account(store) -> tuple[str, str]:
    """The demo account, created if absent; its password is renewed so that it can be shown."""
    from worker import accounts

    password = secrets.token_urlsafe(12)
    user = accounts.find_user(store, DEMO_LOGIN)
    if user is None:
        accounts.create_user(store, DEMO_LOGIN, password, "administrateur", "Compte de démonstration")
    else:
        accounts.set_password(store, user.id, password)
    return DEMO_LOGIN, password


@main.group()
def user() -> None:
    """Comptes des agents (lecteur, instructeur, administrateur)."""


@user.command("add")
@click.argument("login")
@click.option("--role", type=click.Choice(["lecteur", "instructeur", "administrateur"]), default="lecteur",
              show_default=True)
@click.option("--name", default="", help="Nom affiché.")
@click.password_option(help="Mot de passe (12 caractères au moins) ; demandé s'il n'est pas donné.")
def user_add(login: str, role: str, name: str, password: str) -> None:
    """Crée le compte LOGIN (une adresse électronique)."""
    from worker import accounts
    from worker.settings import Settings
    from worker.store import Store

    try:
        created = accounts.create_user(Store(Settings.from_env(os.environ)), login, password, role, name)
    except accounts.AccountError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Compte {created.login} créé (rôle {created.role}).")


@user.command("token")
@click.argument("login")
@click.option("--label", default="", help="À quoi sert ce jeton.")
def user_token(login: str, label: str) -> None:
    """Crée un jeton d'API pour LOGIN et l'affiche (une seule fois)."""
    from worker import accounts
    from worker.settings import Settings
    from worker.store import Store

    store = Store(Settings.from_env(os.environ))
    found = accounts.find_user(store, login)
    if found is None:
        raise click.UsageError(f"Compte inconnu : {login}")
    click.echo(accounts.create_token(store, found.id, label))


if __name__ == "__main__":
    main()
