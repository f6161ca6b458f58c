"""The batch and intake commands: `guichet process`, `guichet fetch-mail`, `guichet smtp`.

Only click is imported here: each command imports the pipeline, the store and the rest when it
runs, so that `guichet --help` and the other commands do not pay for them.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

import click

log = logging.getLogger(__name__)


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Dossier où écrire index.json et un JSON par dossier.")
@click.option("--quiet", is_flag=True, help="N'affiche pas le résumé par dossier.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def process(out_dir: Path, quiet: bool, inputs: tuple[Path, ...]) -> None:
    """Traite INPUT... (.eml, .msg, winmail.dat, .mbox, Maildir, PDF, image, .docx/.odt, .zip ou dossier).

    Les messages d'un même fil forment un seul dossier ; les autres fichiers d'un même
    INPUT forment ensemble un dossier. Écrit OUT/index.json et OUT/<id>.json.
    """
    from worker.core import dispatch
    from worker.core.context import make_context
    from worker.entry.batch import Batch, print_summary, progress
    from worker.entry.inputs import plan_input

    ctx = make_context()
    batch = Batch(ctx.store, ctx.settings)
    batch.intake([plan_input(path, str(path)) for path in inputs])
    for dossier_id in progress(batch.dossier_order, desc="Dossiers", unit="dossier"):
        dispatch.run_here(ctx, dossier_id)  # here even with Redis: the index is written once all are done
    index = batch.write(out_dir)
    if not quiet:
        print_summary(ctx.store, index)


@click.command("fetch-mail")
@click.option("--every", type=click.FloatRange(min=1), default=None, metavar="N",
              help="Relève la boîte toutes les N secondes (sinon une seule fois).")
@click.option("--retry-failed", is_flag=True, help="Reprend aussi les messages marqués en échec.")
def fetch_mail(every: float | None, retry_failed: bool) -> None:
    """Relève la boîte IMAP partagée (variables GUICHET_IMAP_*).

    Chaque message est enregistré puis traité, et seulement ensuite déplacé dans le dossier
    GUICHET_IMAP_DONE_FOLDER (ou marqué lu). Un message en échec reste dans la boîte, marqué
    GuichetErreur. Code de sortie 1 si un message a échoué ou si la boîte est injoignable.
    """
    from worker.core import dispatch
    from worker.core.context import make_context
    from worker.entry import mailbox

    try:
        config = mailbox.ImapConfig.from_env(os.environ)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    ctx = make_context()
    store, settings, process = ctx.store, ctx.settings, dispatch.processor(ctx)
    if every is not None:
        stop = _stop_on_signals()
        mailbox.poll(config, every=every, store=store, settings=settings, process=process,
                     stop=stop)
        return
    try:
        report = mailbox.fetch_once(config, store=store, settings=settings, process=process,
                                    retry_failed=retry_failed)
    except Exception as exc:  # connection, login, TLS: one line for the operator
        log.debug("IMAP", exc_info=True)
        click.echo(f"Relève impossible ({config.host}:{config.port}) : {exc}", err=True)
        sys.exit(1)
    click.echo(f"{len(report.done)} message(s) traité(s), {len(report.failed)} en échec.")
    for uid, error in report.failed.items():
        click.echo(f"  échec UID {uid} : {error}", err=True)
    sys.exit(1 if report.failed else 0)


@click.command()
@click.option("--host", default=None, help="Adresse d'écoute (GUICHET_SMTP_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port d'écoute (GUICHET_SMTP_PORT, 8025).")
@click.option("--lmtp", is_flag=True, default=None, help="Parle LMTP au lieu de SMTP.")
def smtp(host: str | None, port: int | None, lmtp: bool | None) -> None:
    """Reçoit les messages que la boîte partagée fait suivre (SMTP ou LMTP).

    Répond 250 dès que l'original est enregistré durablement, 451 sur erreur de stockage,
    452 quand l'espace disque manque (GUICHET_MIN_FREE_MB), 552 au-delà de
    GUICHET_SMTP_MAX_BYTES ; le traitement suit dans un fil séparé. Ctrl-C arrête.
    Seules les adresses de GUICHET_SMTP_RECIPIENTS sont acceptées (550 sinon) ; 421 au-delà de
    GUICHET_SMTP_MAX_CONNECTIONS connexions, 451 au-delà de GUICHET_SMTP_SENDER_MAX messages
    par expéditeur en GUICHET_SMTP_SENDER_WINDOW_S secondes.
    """
    from dataclasses import replace

    from worker.core import dispatch
    from worker.core.context import make_context
    from worker.entry.smtp import Receiver, SmtpConfig

    config = SmtpConfig.from_env(os.environ)
    overrides = {k: v for k, v in dict(host=host, port=port, lmtp=lmtp).items() if v is not None}
    config = replace(config, **overrides)
    if not config.recipients:
        raise click.UsageError("GUICHET_SMTP_RECIPIENTS est vide : indiquez les adresses "
                               "acceptées, séparées par des virgules.")
    ctx = make_context()
    store, settings, process = ctx.store, ctx.settings, dispatch.processor(ctx)
    receiver = Receiver(config, store=store, settings=settings, process=process)
    stop = _stop_on_signals()
    from worker.mail import outbox

    outbox.resume_here(store, settings)  # without Redis, this process sends the accusés
    receiver.start()
    protocol = "LMTP" if config.lmtp else "SMTP"
    click.echo(f"Guichet écoute en {protocol} sur {config.host}:{config.port}")
    stop.wait()
    receiver.stop()


def _stop_on_signals() -> threading.Event:
    """An event set by SIGINT or SIGTERM, for the long-running commands."""
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    return stop
