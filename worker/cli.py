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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from worker.settings import Settings
    from worker.store import Store

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
    from tqdm import tqdm

    from worker.batch import Batch, print_summary
    from worker.inputs import plan_input
    from worker.settings import Settings
    from worker.store import Store

    settings = Settings.from_env(os.environ)
    store = Store(settings)
    batch = Batch(store, settings)
    batch.intake([plan_input(path, str(path)) for path in inputs])
    process_here = _processor_here(store, settings)
    for dossier_id in tqdm(batch.dossier_order, desc="Dossiers", unit="dossier", disable=None):
        process_here(dossier_id)
    index = batch.write(out_dir)
    if not quiet:
        print_summary(store, index)


def make_processor(store: Store, settings: Settings) -> Callable[[str], None]:
    """What to do with a received dossier: queue it when Redis is configured, else process it here."""
    if settings.redis_url:
        from worker import jobs
        from worker.queue import enqueue_processing

        def enqueue(dossier_id: str) -> None:
            try:
                enqueue_processing(settings, dossier_id)
            except Exception as exc:  # Redis away: recorded on the dossier, the sweeper queues it
                log.warning("mise en file impossible pour %s", dossier_id, exc_info=True)
                jobs.defer(store, dossier_id, exc)

        return enqueue
    return _processor_here(store, settings)


def _processor_here(store: Store, settings: Settings) -> Callable[[str], None]:
    """`process_dossier` bound to one OCR engine and the COG, both loaded at the first dossier
    (a call that brings no dossier loads neither)."""
    loaded: dict = {}

    def process(dossier_id: str) -> None:
        from worker import pipeline

        if not loaded:
            from extractors.ocr.engine import TesseractEngine
            from schemas.cog import Cog

            loaded["engine"] = TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout)
            loaded["cog"] = Cog.load()
        pipeline.process_dossier(dossier_id, store=store, settings=settings, **loaded)

    return process


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
    from worker import mailbox
    from worker.settings import Settings
    from worker.store import Store

    try:
        config = mailbox.ImapConfig.from_env(os.environ)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    settings = Settings.from_env(os.environ)
    store = Store(settings)
    process = make_processor(store, settings)
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

    from worker.settings import Settings
    from worker.smtp import Receiver, SmtpConfig
    from worker.store import Store

    config = SmtpConfig.from_env(os.environ)
    overrides = {k: v for k, v in dict(host=host, port=port, lmtp=lmtp).items() if v is not None}
    config = replace(config, **overrides)
    if not config.recipients:
        raise click.UsageError("GUICHET_SMTP_RECIPIENTS est vide : indiquez les adresses "
                               "acceptées, séparées par des virgules.")
    settings = Settings.from_env(os.environ)
    store = Store(settings)
    process = make_processor(store, settings)
    receiver = Receiver(config, store=store, settings=settings, process=process)
    stop = _stop_on_signals()
    from worker import outbox

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
