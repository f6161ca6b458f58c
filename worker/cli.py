"""The `guichet` command: `guichet process` runs the whole pipeline in-process."""

from __future__ import annotations

import email.utils
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path

import click
from tqdm import tqdm

from extractors import isolation
from extractors.errors import ErrorCode, GuichetError, MESSAGES
from extractors.model import FileKind, Issue
from schemas.cog import Cog
from worker import pipeline
from worker.export import export_dossier, file_issues
from worker.inputs import InputPlan, plan_input, split_mbox
from worker.sandbox import require_confinement, run_limited
from worker.settings import Settings
from worker.store import Store

log = logging.getLogger(__name__)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Journal détaillé sur la sortie d'erreur.")
def main(verbose: bool) -> None:
    """Guichet : réception et tri des candidatures à l'Atelier des territoires Flash."""
    # Originals, database, caches and exports hold candidates' personal data: readable by the
    # service's own account only, whatever umask the shell or the supervisor left.
    os.umask(0o077)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        require_confinement()  # at start, not at the first file: no command runs parsers unconfined
    except isolation.SandboxUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Dossier où écrire index.json et un JSON par dossier.")
@click.option("--quiet", is_flag=True, help="N'affiche pas le résumé par dossier.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def process(out_dir: Path, quiet: bool, inputs: tuple[Path, ...]) -> None:
    """Traite INPUT... (.eml, .msg, winmail.dat, .mbox, Maildir, PDF, image, .docx/.odt, .zip ou dossier).

    Les messages d'un même fil forment un seul dossier ; les autres fichiers d'un même
    INPUT forment ensemble un dossier. Écrit OUT/index.json et OUT/<id>.json.
    """
    settings = Settings.from_env(os.environ)
    store = Store(settings)
    from extractors.ocr import TesseractEngine  # heavy imports only for the commands that read

    engine = TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout)
    cog = Cog.load()
    batch = Batch(store, settings)
    plans = [plan_input(path, str(path)) for path in inputs]
    batch.intake(plans)
    for dossier_id in tqdm(batch.dossier_order, desc="Dossiers", unit="dossier", disable=None):
        pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    index = batch.write(out_dir)
    if not quiet:
        print_summary(store, index)


@dataclass
class Batch:
    """The inputs of one `process` call and the dossiers they touched."""

    store: Store
    settings: Settings
    dossier_order: list[str] = field(default_factory=list)
    per_input: dict[str, dict] = field(default_factory=dict)

    def intake(self, plans: list[InputPlan]) -> None:
        """Store everything first; messages of all inputs are taken in date order."""
        messages = []
        for plan in plans:
            entry = self.per_input.setdefault(plan.input, {"dossiers": [], "files": [], "errors": []})
            for name, data in plan.mailboxes:
                messages.extend((plan.input, f"{name}#{i + 1}", raw)
                                for i, raw in enumerate(self._split(plan.input, name, data, entry)))
            messages.extend((plan.input, name, raw) for name, raw in plan.messages)
            if plan.loose:
                done = pipeline.intake_files(plan.loose, str(Path(plan.input).resolve()),
                                             store=self.store, settings=self.settings)
                self._note(plan.input, done.dossier_id)
        for given, name, raw in sorted(messages, key=lambda m: _date_key(m[2])):
            done = pipeline.intake_message(raw, name, store=self.store, settings=self.settings)
            self._note(given, done.dossier_id)
            if done.duplicate_of and done.duplicate_of != name:
                code = ErrorCode.MAIL_DUPLICATE
                message = f"{MESSAGES[code]} ({done.duplicate_of})"
                self.per_input[given]["errors"].append({"file": name, "code": code.value, "message": message})

    def _split(self, given: str, name: str, data: bytes, entry: dict) -> list[bytes]:
        original = self.store.record_original(data, name, FileKind.MBOX, "cli")
        limits = self.settings.limits
        try:
            return run_limited(split_mbox, data, timeout=limits.parse_timeout,
                               memory_mb=limits.parse_memory_mb)
        except GuichetError as exc:
            entry["errors"].append({"file": name, "code": exc.code.value, "message": exc.message})
            self.store.add_original_issues(original.id, [Issue(exc.code, exc.message, name)])
            return []

    def _follow_merges(self) -> None:
        """A dossier joined into another one is reported as that one."""
        kept = lambda ids: list(dict.fromkeys(self.store.merged_into(i) for i in ids))  # noqa: E731
        self.dossier_order = kept(self.dossier_order)
        for entry in self.per_input.values():
            entry["dossiers"] = kept(entry["dossiers"])

    def _note(self, given: str, dossier_id: str) -> None:
        dossiers = self.per_input[given]["dossiers"]
        if dossier_id not in dossiers:
            dossiers.append(dossier_id)
        if dossier_id not in self.dossier_order:
            self.dossier_order.append(dossier_id)

    def write(self, out_dir: Path) -> dict:
        """index.json and one JSON per dossier, as the contract says."""
        self._follow_merges()
        out_dir.mkdir(parents=True, exist_ok=True)
        for dossier_id in self.dossier_order:
            export = export_dossier(self.store, dossier_id)
            _write_json(out_dir / f"{dossier_id}.json", export)
        index = {"version": 1, "inputs": [], "dossiers": list(self.dossier_order)}
        for given, entry in self.per_input.items():
            errors = list(entry["errors"])
            for dossier_id in entry["dossiers"]:
                errors.extend(e for e in file_issues(self.store, dossier_id) if e not in errors)
            index["inputs"].append({"input": given, "dossiers": entry["dossiers"], "errors": errors})
        _write_json(out_dir / "index.json", index)
        return index


def make_processor(store: Store, settings: Settings) -> Callable[[str], None]:
    """What to do with a received dossier: queue it when Redis is configured, else process it here.

    In-process, `process_dossier` is bound to one OCR engine and the COG, loaded at the first call.
    """
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
    loaded: dict = {}

    def process(dossier_id: str) -> None:
        if not loaded:
            from extractors.ocr import TesseractEngine

            loaded["engine"] = TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout)
            loaded["cog"] = Cog.load()
        pipeline.process_dossier(dossier_id, store=store, settings=settings, **loaded)

    return process


@main.command("fetch-mail")
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


@main.command()
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

    from worker.smtp import Receiver, SmtpConfig

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


def print_summary(store: Store, index: dict) -> None:
    """One readable block per dossier, in French, for the person at the terminal."""
    for dossier_id in index["dossiers"]:
        export = export_dossier(store, dossier_id)
        verdict = export["completeness"]
        state = "complet" if verdict["complete"] else "incomplet"
        click.echo(f"\n{dossier_id}  [{export['status']}]  {state}")
        for message in export["messages"]:
            click.echo(f"  message  {message['date'] or '?':25} {message['from'] or '?'}  {message['subject'][:60]}")
        for document in export["documents"]:
            pages = ",".join(map(str, document["pages"])) or "-"
            how = "OCR" if document["ocr"] else "texte"
            error = f"  ERREUR {document['error']['code']}" if "error" in document else ""
            click.echo(f"  pièce    {document['kind']:22} p.{pages:10} {how:5} {document['file']}{error}")
        for reason in verdict["reasons"]:
            click.echo(f"  motif    {reason['code']}: {reason['message']}")
    errors = sum(len(i["errors"]) for i in index["inputs"])
    click.echo(f"\n{len(index['dossiers'])} dossier(s), {errors} erreur(s) de fichier.")


def _date_key(raw: bytes) -> tuple[int, float]:
    head = raw[:16384].decode("latin-1").replace("\r\n", "\n").split("\n\n", 1)[0]
    for line in head.split("\n"):
        if line.lower().startswith("date:"):
            try:
                parsed = email.utils.parsedate_to_datetime(line[5:].strip())
            except (TypeError, ValueError, IndexError, OverflowError):
                break
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            return 0, parsed.timestamp()
    return 1, 0.0


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
