"""SMTP/LMTP intake: answer 250 once the original is durable, take it in afterwards (an intake
job when Redis is configured, else a thread of this process)."""

from __future__ import annotations

import asyncio
import logging
import queue
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import select

from extractors.model import FileKind
from extractors.vocabulary import DossierStatus
from worker.core import dispatch
from worker.core.intake import intake_message
from worker.entry.mailbox import note_duplicate, original_name
from worker.persistence.db import Dossier, MessageRow, Original
from worker.persistence.store import Store
from worker.settings import Settings

log = logging.getLogger(__name__)

SOURCE = "smtp"
# Replies are ASCII: some relays mangle 8-bit text in SMTP answers.
STORED = "250 2.0.0 Message enregistre"
STORAGE_ERROR = "451 4.3.0 Erreur temporaire d'enregistrement, reessayez plus tard"
LOW_SPACE = "452 4.3.1 Espace disque insuffisant, reessayez plus tard"
UNKNOWN_RECIPIENT = "550 5.1.1 Destinataire inconnu"
TOO_MANY_CONNECTIONS = "421 4.7.0 Trop de connexions simultanees, reessayez plus tard"
TOO_MANY_MESSAGES = "451 4.7.1 Trop de messages de cet expediteur, reessayez plus tard"
# The banner names the service, not the SMTP library and its version.
IDENT = "Guichet"

# A dossier left so by a stop is taken again at start.
UNFINISHED = (DossierStatus.RECEIVED.value, DossierStatus.PROCESSING.value)

ProcessFn = Callable[[str], None]


@dataclass(frozen=True)
class SmtpConfig:
    """The receiver's address and limits; build with `SmtpConfig.from_env(os.environ)`."""

    host: str = "127.0.0.1"
    port: int = 8025
    max_bytes: int = 64 * 1024 * 1024
    min_free_mb: int = 512
    lmtp: bool = False
    # Addresses taken in (lower case); none configured means every recipient is refused.
    recipients: frozenset[str] = frozenset()
    max_connections: int = 20
    # At most `sender_max_messages` messages per sender address in `sender_window_s` seconds.
    sender_max_messages: int = 30
    sender_window_s: float = 3600.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "recipients", frozenset(a.strip().lower() for a in self.recipients))

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SmtpConfig:
        """Read GUICHET_SMTP_HOST/PORT/MAX_BYTES/LMTP/RECIPIENTS/MAX_CONNECTIONS/SENDER_MAX/
        SENDER_WINDOW_S and GUICHET_MIN_FREE_MB."""
        recipients = environ.get("GUICHET_SMTP_RECIPIENTS", "")
        return cls(
            host=environ.get("GUICHET_SMTP_HOST", "127.0.0.1"),
            port=int(environ.get("GUICHET_SMTP_PORT", "8025")),
            max_bytes=int(environ.get("GUICHET_SMTP_MAX_BYTES", str(cls.max_bytes))),
            min_free_mb=int(environ.get("GUICHET_MIN_FREE_MB", str(cls.min_free_mb))),
            lmtp=environ.get("GUICHET_SMTP_LMTP", "") in ("1", "true", "yes"),
            recipients=frozenset(a for a in recipients.split(",") if a.strip()),
            max_connections=int(environ.get("GUICHET_SMTP_MAX_CONNECTIONS", str(cls.max_connections))),
            sender_max_messages=int(environ.get("GUICHET_SMTP_SENDER_MAX", str(cls.sender_max_messages))),
            sender_window_s=float(environ.get("GUICHET_SMTP_SENDER_WINDOW_S", str(cls.sender_window_s))),
        )


def enough_space(settings: Settings, min_free_mb: int) -> bool:
    """Whether both the blob storage and the data directory have `min_free_mb` free."""
    need = min_free_mb * 1024 * 1024
    return all(shutil.disk_usage(path).free >= need
               for path in (settings.storage_dir, settings.data_dir) if path.exists())


class SenderRate:
    """Messages per sender address in a sliding window (all calls on the event loop thread)."""

    def __init__(self, max_messages: int, window_s: float, clock: Callable[[], float] = time.monotonic):
        self.max_messages, self.window_s, self.clock = max_messages, window_s, clock
        self.seen: dict[str, deque[float]] = {}

    def allow(self, address: str) -> bool:
        """Count one message from `address`; False when its window is already full."""
        now = self.clock()
        for key in [k for k, times in self.seen.items() if now - times[-1] >= self.window_s]:
            del self.seen[key]  # forget quiet senders so the table stays small
        times = self.seen.setdefault(address.strip().lower(), deque())
        while times and now - times[0] >= self.window_s:
            times.popleft()
        if len(times) >= self.max_messages:
            return False
        times.append(now)
        return True


class IntakeHandler:
    """aiosmtpd handler: checks space, stores the original durably, hands it to the processor."""

    def __init__(self, store: Store, settings: Settings, config: SmtpConfig,
                 on_stored: Callable[[str, str], None]):
        self.store, self.settings, self.config, self.on_stored = store, settings, config, on_stored
        self.rate = SenderRate(config.sender_max_messages, config.sender_window_s)

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          mail_options: list[str]) -> str:
        """A sender over its per-window budget is told to come back later (451)."""
        if not self.rate.allow(address):
            log.warning("Expéditeur %s au-delà de %d messages en %g s : refusé (451)", address,
                        self.config.sender_max_messages, self.config.sender_window_s)
            return TOO_MANY_MESSAGES
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        """Only the configured addresses are taken (550 otherwise); refuse early when space
        runs low."""
        if address.strip().lower() not in self.config.recipients:
            log.warning("Destinataire %s non accepté (550)", address)
            return UNKNOWN_RECIPIENT
        if not enough_space(self.settings, self.config.min_free_mb):
            log.warning("Espace disque insuffisant : destinataire %s refusé (452)", address)
            return LOW_SPACE
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """One reply (LMTP: one per recipient), sent only after `receive` has returned."""
        raw = bytes(envelope.original_content or b"")
        status = await asyncio.get_running_loop().run_in_executor(None, self.receive, raw)
        if isinstance(server, LMTP):
            return "\r\n".join(status for _ in envelope.rcpt_tos)
        return status

    def receive(self, raw: bytes) -> str:
        """Store the bytes (fsync'd blob, committed row), then queue them: the reply code."""
        if not enough_space(self.settings, self.config.min_free_mb):
            return LOW_SPACE
        name = original_name(raw, SOURCE)
        try:
            original = self.store.record_original(raw, name, FileKind.EMAIL, SOURCE)
        except Exception:  # disk or database error: the sender keeps the message and retries
            log.exception("Message SMTP non enregistré (451)")
            return STORAGE_ERROR
        log.info("Message SMTP enregistré : %s (%d octets)", name, len(raw))
        self.on_stored(original.sha256, name)
        return f"{STORED} {original.sha256[:16]}"


class Processor:
    """A thread that takes stored originals in order: intake into a dossier, then processing."""

    def __init__(self, store: Store, settings: Settings, process: ProcessFn):
        self.store, self.settings, self.process = store, settings, process
        self.jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="guichet-smtp-processor", daemon=True)

    def start(self) -> None:
        """Queue what a previous run stored but never took in, then start."""
        for sha256, name in pending_originals(self.store):
            log.info("Reprise d'un message reçu mais non traité : %s", name)
            self.submit(sha256, name)
        self.thread.start()

    def submit(self, sha256: str, name: str) -> None:
        """Queue a stored original."""
        self.jobs.put((sha256, name))

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the job in hand and stop; queued ones are taken again at the next start."""
        self.jobs.put(None)
        self.thread.join(timeout)

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                self.take(*job)
            except Exception:  # logged and recorded; the original stays stored for a later retry
                log.exception("Échec de la prise en charge de %s", job[1])
            finally:
                self.jobs.task_done()

    def take(self, sha256: str, name: str) -> None:
        """Attach the message to its dossier, then process that dossier unless already done."""
        dossier_id = take_in(self.store, self.settings, sha256, name, SOURCE)
        if dossier_id is None:
            return
        try:
            self.process(dossier_id)
        except Exception as exc:
            log.exception("Échec du traitement du dossier %s", dossier_id)
            dispatch.record_failure(self.store, dossier_id, exc, source=SOURCE)


def take_in(store: Store, settings: Settings, sha256: str, name: str, source: str) -> str | None:
    """Attach a stored message to its dossier (other bytes under a known Message-ID are marked
    a duplicate); the dossier left to process, None when the message changed nothing of a
    processed one."""
    raw = store.blobs.get(sha256)
    intake = intake_message(raw, name, store=store, settings=settings, source=source)
    if intake.duplicate_of:
        note_duplicate(store, raw, name, source, intake.duplicate_of)
    if intake.new:
        acknowledge_intake(store, settings, intake)
    if not intake.new and store.dossier(intake.dossier_id).status == "processed":
        return None
    return intake.dossier_id


def acknowledge_intake(store: Store, settings: Settings, intake) -> None:
    """The accusé de réception of a dossier's first message received by mail; never a reason
    for the intake to fail (the mail waits in the outbox, or is logged)."""
    from worker.mail import outbox

    try:
        for row_id in intake.message_ids[:1]:
            outbox.acknowledge(store, settings, intake.dossier_id, row_id)
    except Exception:
        log.exception("accusé de réception du dossier %s non préparé", intake.dossier_id)


def pending_originals(store: Store) -> list[tuple[str, str]]:
    """SMTP originals acknowledged but not finished: not in a dossier yet, or their dossier
    left unprocessed (the previous run stopped), oldest first."""
    unfinished = (select(MessageRow.sha256).join(Dossier, Dossier.id == MessageRow.dossier_id)
                  .where(Dossier.status.in_(UNFINISHED)))
    with store.session() as s:
        rows = s.scalars(select(Original).where(
            Original.source == SOURCE,
            Original.sha256.not_in(select(MessageRow.sha256)) | Original.sha256.in_(unfinished),
        ).order_by(Original.id)).all()
    return [(r.sha256, r.name) for r in rows if not r.issues]


class _Slots:
    """Open connections, counted on the event loop thread."""

    def __init__(self, limit: int):
        self.limit, self.open = limit, 0


class _CappedMixin:
    """A connection beyond the cap gets 421 instead of the greeting and is closed."""

    slots: _Slots
    refused = False

    def connection_made(self, transport) -> None:
        self.refused = self.slots.open >= self.slots.limit
        if not self.refused:
            self.slots.open += 1
        super().connection_made(transport)

    def connection_lost(self, error) -> None:
        if not self.refused:
            self.slots.open -= 1
        super().connection_lost(error)

    async def _handle_client(self) -> None:
        if self.refused:
            log.warning("Connexion %r refusée : %d connexions ouvertes (421)",
                        self.session.peer, self.slots.open)
            await self.push(TOO_MANY_CONNECTIONS)
            self.transport.close()
            return
        await super()._handle_client()


class _CappedSMTP(_CappedMixin, SMTP):
    pass


class _CappedLMTP(_CappedMixin, LMTP):
    pass


class _Controller(Controller):
    """aiosmtpd's threaded controller, speaking LMTP when asked, with a connection cap."""

    def __init__(self, handler: IntakeHandler, lmtp: bool, max_connections: int, **kwargs):
        self.lmtp = lmtp
        self.slots = _Slots(max_connections)
        super().__init__(handler, **kwargs)

    def factory(self) -> SMTP:
        server = (_CappedLMTP if self.lmtp else _CappedSMTP)(self.handler, ident=IDENT,
                                                              **self.SMTP_kwargs)
        server.slots = self.slots
        return server


class Receiver:
    """The listening server and its processor, started and stopped together."""

    def __init__(self, config: SmtpConfig, *, store: Store, settings: Settings, process: ProcessFn):
        self.config = config
        self.processor = Processor(store, settings, process)
        handler = IntakeHandler(store, settings, config, self._take_in)
        self.controller = _Controller(handler, config.lmtp, config.max_connections,
                                      hostname=config.host, port=config.port,
                                      data_size_limit=config.max_bytes, server_hostname="guichet")

    def _take_in(self, sha256: str, name: str) -> None:
        """With Redis, a worker takes the message in; without, or with Redis away, this process
        does (the dossier is recorded as received, and the sweeper queues its processing later)."""
        dispatch.take_in(self.processor.settings, sha256, name, SOURCE, self.processor.submit)

    def start(self) -> None:
        """Recover pending originals, then listen."""
        if not self.config.recipients:
            log.error("GUICHET_SMTP_RECIPIENTS est vide : tout destinataire sera refusé (550)")
        self.processor.start()
        self.controller.start()
        log.info("Réception %s sur %s:%d", "LMTP" if self.config.lmtp else "SMTP",
                 self.config.host, self.config.port)

    def stop(self) -> None:
        """Stop listening, then let the processor finish its current job."""
        self.controller.stop()
        self.processor.stop()

    def wait_idle(self) -> None:
        """Block until every queued message has been taken (tests, orderly shutdown)."""
        self.processor.jobs.join()
