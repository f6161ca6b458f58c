"""The web service's commands: `guichet serve` and `guichet user` (accounts)."""

from __future__ import annotations

import gc
import logging
import os
import secrets
import signal
import sys

import click

log = logging.getLogger(__name__)

DEMO_LOGIN = "demo@guichet.test"
LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adresse d'écoute.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port d'écoute.")
@click.option("--threads", default=16, show_default=True, type=int, help="Requêtes servies en parallèle.")
@click.option("--demo", is_flag=True,
              help="Crée le compte de démonstration et affiche ses identifiants ; seulement sur la machine "
                   "locale et sur une base SQLite sans autre compte ; le compte est désactivé à l'arrêt.")
def serve(host: str, port: int, threads: int, demo: bool) -> None:
    """Sert l'interface de tri et l'API (données de GUICHET_DATA_DIR ou DATABASE_URL)."""
    from waitress import serve as waitress_serve

    from service import create_app

    if demo:
        check_demo_place(host, os.environ)
    app = create_app()
    store = app.extensions["guichet"].store
    from worker.mail import outbox

    outbox.resume_here(store, app.extensions["guichet"].settings)  # without Redis, this process sends
    if demo:
        login, password = demo_account(store)
        click.echo(f"Compte de démonstration : {login}  mot de passe : {password}  (rôle administrateur)")
    from schemas.display import geography

    geography()  # the queue's région filter needs it: loaded before listening, not by the first request (3 s)
    from extractors.fields.plausible import known

    # A correction reassesses its dossier, whose rules check doubtful answers against spaCy's
    # French lexicon: loaded before listening too, not by the first corrections of every thread
    # at once (each took 3 to 7 s in bench/ui.py).
    known("atelier")
    # Jinja compiles a template on its first use: the first dossier page of each process paid ~0.2 s
    # of CPU for it. Compiled before listening too (the cache holds 400, there are a few dozen).
    for name in app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html")):
        app.jinja_env.get_template(name)
    # A full collection of the cyclic GC walks every object the process holds (~240 000 after these
    # loads: ~0.13 s with the GIL held, every request in flight stalled, about once per 400 requests).
    # What is loaded by now lives as long as the process: left out of the collections.
    gc.collect()
    gc.freeze()
    shown = "localhost" if host in LOCAL_HOSTS else host
    click.echo(f"Guichet est servi sur http://{shown}:{port}/ (Ctrl+C pour arrêter)")
    # SIGTERM ends waitress's loop like Ctrl+C does, so that what follows runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="guichet")
    finally:
        if demo:
            end_demo(store)
            click.echo("Compte de démonstration désactivé.")


def check_demo_place(host: str, environ) -> None:
    """The demo account (an administrator whose password is printed) only on this machine and in
    data of its own: the embedded SQLite database, new or holding no account but the demo's
    (samples just processed), never a configured database nor an installation with accounts."""
    from worker.settings import Settings

    if host not in LOCAL_HOSTS:
        raise click.UsageError("--demo n'écoute que sur la machine locale (--host 127.0.0.1).")
    if environ.get("DATABASE_URL"):
        raise click.UsageError("--demo n'utilise que la base SQLite de son répertoire de données : "
                               "retirez DATABASE_URL.")
    data_dir = Settings.from_env(environ).data_dir
    others = [login for login in _sqlite_logins(data_dir / "guichet.sqlite3") if login != DEMO_LOGIN]
    if others:
        raise click.UsageError(f"--demo ne s'exécute que sur des données sans compte : {data_dir} contient "
                               f"déjà {len(others)} compte(s) (choisissez un autre GUICHET_DATA_DIR).")


def _sqlite_logins(path) -> list[str]:
    """The accounts of an embedded database, read without changing it (none if it is not there)."""
    import sqlite3

    if not path.exists():
        return []
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT login FROM app_user")]
    except sqlite3.OperationalError:  # no table yet
        return []
    finally:
        connection.close()


def demo_account(store) -> tuple[str, str]:
    """The demo account, created if absent, else reactivated; its password is renewed so that it
    can be shown."""
    from worker.persistence import accounts

    password = secrets.token_urlsafe(12)
    user = accounts.find_user(store, DEMO_LOGIN)
    if user is None:
        accounts.create_user(store, DEMO_LOGIN, password, "administrateur", "Compte de démonstration")
    else:
        accounts.set_password(store, user.id, password)
        accounts.set_user(store, user.id, active=True)
    return DEMO_LOGIN, password


def end_demo(store) -> None:
    """Deactivate the demo account: its sessions end and its tokens are revoked."""
    from worker.persistence import accounts

    user = accounts.find_user(store, DEMO_LOGIN)
    if user is not None:
        accounts.set_user(store, user.id, active=False)


@click.group()
def user() -> None:
    """Comptes des agents (lecteur, instructeur, administrateur)."""


@user.command("add")
@click.argument("login")
@click.option("--role", type=click.Choice(["lecteur", "instructeur", "administrateur"]), default="lecteur",
              show_default=True)
@click.option("--name", default="", help="Nom affiché.")
@click.password_option(help="Mot de passe (12 caractères au moins, ni courant ni égal à l'identifiant) ; "
                                "demandé s'il n'est pas donné.")
def user_add(login: str, role: str, name: str, password: str) -> None:
    """Crée le compte LOGIN (une adresse électronique)."""
    from worker.persistence import accounts
    from worker.persistence.store import Store
    from worker.settings import Settings

    try:
        created = accounts.create_user(Store(Settings.from_env(os.environ)), login, password, role, name)
    except accounts.AccountError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Compte {created.login} créé (rôle {created.role}).")


@user.command("token")
@click.argument("login")
@click.option("--label", default="", help="À quoi sert ce jeton.")
@click.option("--days", type=click.IntRange(1, 366), default=90, show_default=True, help="Durée de validité.")
@click.option("--read-only", is_flag=True, help="Jeton en lecture seule (aucune modification par l'API).")
def user_token(login: str, label: str, days: int, read_only: bool) -> None:
    """Crée un jeton d'API pour LOGIN et l'affiche (une seule fois)."""
    from worker.persistence import accounts

    store = _store()
    found = accounts.find_user(store, login)
    if found is None:
        raise click.UsageError(f"Compte inconnu : {login}")
    click.echo(accounts.create_token(store, found.id, label, days=days, read_only=read_only))


@user.command("tokens")
@click.argument("login", required=False)
def user_tokens(login: str | None) -> None:
    """Liste les jetons d'API (de LOGIN, ou de tous les comptes) : numéro, état, expiration, dernier usage."""
    from worker.persistence import accounts

    store = _store()
    users = {u.id: u.login for u in accounts.list_users(store)}
    user_id = None
    if login:
        found = accounts.find_user(store, login)
        if found is None:
            raise click.UsageError(f"Compte inconnu : {login}")
        user_id = found.id
    now = accounts.utcnow()
    for t in accounts.list_tokens(store, user_id):
        expired = t.expires_at is not None and accounts.aware(t.expires_at) <= now
        state = "révoqué" if t.revoked else "expiré" if expired else "actif"
        scope = "lecture seule" if t.read_only else "selon le rôle"
        click.echo(f"{t.id}\t{users.get(t.user_id, '?')}\t{state}\t{scope}\texpire {_day(t.expires_at)}"
                   f"\tdernier usage {_day(t.last_used_at)}\t{t.label}")


@user.command("revoke-token")
@click.argument("token_id", type=int)
def user_revoke_token(token_id: int) -> None:
    """Révoque définitivement le jeton d'API TOKEN_ID (voir `guichet user tokens`)."""
    from worker.persistence import accounts

    try:
        token = accounts.revoke_token(_store(), token_id)
    except accounts.AccountError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"Jeton {token.id} révoqué.")


def _store():
    from worker.persistence.store import Store
    from worker.settings import Settings

    return Store(Settings.from_env(os.environ))


def _day(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "jamais"
