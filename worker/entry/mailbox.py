"""IMAP intake: each new message of the shared mailbox is stored, processed, then filed away."""

from __future__ import annotations

import hashlib
import logging
import ssl
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from imap_tools import AND, BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted

from extractors.errors import MESSAGES, ErrorCode
from extractors.model import FileKind, Issue
from worker.core import dispatch
from worker.core.intake import intake_message
from worker.persistence.store import Store
from worker.settings import Settings

log = logging.getLogger(__name__)

ERROR_KEYWORD = "GuichetErreur"  # set on a message whose processing failed: it stays in the folder
DONE_KEYWORD = "GuichetTraite"  # set instead of moving when no done folder is configured
TLS_MODES = ("ssl", "starttls", "none")

ProcessFn = Callable[[str], None]


@dataclass(frozen=True)
class ImapConfig:
    """Where the shared mailbox is; build with `ImapConfig.from_env(os.environ)`."""

    host: str = "localhost"
    port: int = 993
    user: str = ""
    password: str = field(default="", repr=False)
    folder: str = "INBOX"
    done_folder: str = "Traité"  # empty: flag the message instead of moving it
    tls: str = "ssl"
    timeout: float = 60.0
    ca_file: str = ""  # a private CA (PEM) to trust instead of the system's


    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ImapConfig:
        """Read the GUICHET_IMAP_* variables."""
        tls = environ.get("GUICHET_IMAP_TLS", "ssl").lower()
        if tls not in TLS_MODES:
            raise ValueError(f"GUICHET_IMAP_TLS doit valoir {', '.join(TLS_MODES)} (reçu : {tls})")
        default_port = "993" if tls == "ssl" else "143"
        return cls(
            host=environ.get("GUICHET_IMAP_HOST", "localhost"),
            port=int(environ.get("GUICHET_IMAP_PORT", default_port)),
            user=environ.get("GUICHET_IMAP_USER", ""),
            password=environ.get("GUICHET_IMAP_PASSWORD", ""),
            folder=environ.get("GUICHET_IMAP_FOLDER", "INBOX"),
            done_folder=environ.get("GUICHET_IMAP_DONE_FOLDER", "Traité"),
            tls=tls,
            timeout=float(environ.get("GUICHET_IMAP_TIMEOUT", "60")),
            ca_file=environ.get("GUICHET_IMAP_CA_FILE", ""),
        )

    def tls_context(self) -> ssl.SSLContext:
        """Certificate and host name checked (imaplib's own default checks neither): the password
        only goes to the server the certificate names, signed by the system's CAs or `ca_file`."""
        return ssl.create_default_context(cafile=self.ca_file or None)


@dataclass
class FetchReport:
    """What one pass over the mailbox did, by IMAP UID."""

    done: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    dossiers: list[str] = field(default_factory=list)


class ImapTlsError(ConnectionError):
    """The server's certificate could not be trusted: nothing was sent to it."""


def connect(config: ImapConfig) -> BaseMailBox:
    """A logged-in mailbox (not yet on any folder); over TLS, the login is only sent once the
    server's certificate and name are verified."""
    try:
        if config.tls == "ssl":
            box: BaseMailBox = MailBox(config.host, config.port, timeout=config.timeout,
                                       ssl_context=config.tls_context())
        elif config.tls == "starttls":
            box = MailBoxStartTls(config.host, config.port, timeout=config.timeout,
                                  ssl_context=config.tls_context())
        else:
            box = MailBoxUnencrypted(config.host, config.port, timeout=config.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise ImapTlsError(f"certificat du serveur IMAP {config.host} refusé ({exc.verify_message}) : "
                           "identifiants non envoyés ; pour une autorité privée, voir "
                           "GUICHET_IMAP_CA_FILE") from exc
    box.login(config.user, config.password, initial_folder=None)
    _refresh_capabilities(box)
    return box


def fetch_once(config: ImapConfig, *, store: Store, settings: Settings, process: ProcessFn,
               retry_failed: bool = False) -> FetchReport:
    """Take every pending message of the folder; the mailbox is only changed after storage."""
    report = FetchReport()
    with connect(config) as box:
        if config.done_folder and not box.folder.exists(config.done_folder):
            box.folder.create(config.done_folder)
        box.folder.set(config.folder)
        for uid in box.uids(pending_criteria(config, retry_failed)):
            take_message(box, uid, config, report, store=store, settings=settings, process=process)
    return report


def poll(config: ImapConfig, *, every: float, store: Store, settings: Settings, process: ProcessFn,
         stop: threading.Event) -> None:
    """Fetch every `every` seconds until `stop` is set; a failed pass is logged and retried."""
    while not stop.is_set():
        try:
            report = fetch_once(config, store=store, settings=settings, process=process)
            log.info("Relève IMAP : %d traité(s), %d en échec", len(report.done),
                     len(report.failed))
        except Exception:  # the server may be down for a while: try again next round
            log.exception("Relève IMAP impossible")
        stop.wait(every)


def pending_criteria(config: ImapConfig, retry_failed: bool = False) -> AND | str:
    """Messages not yet filed away, and not already failed unless asked to retry them."""
    skip = [] if retry_failed else [ERROR_KEYWORD]
    if not config.done_folder:
        skip.append(DONE_KEYWORD)
    return AND(no_keyword=skip) if skip else "ALL"


def take_message(box: BaseMailBox, uid: str, config: ImapConfig, report: FetchReport, *,
                 store: Store, settings: Settings, process: ProcessFn) -> None:
    """Store, then process, then move or flag one message; on failure it stays where it is."""
    raw = fetch_raw(box, uid)
    if raw is None:  # expunged meanwhile by another client
        return
    try:
        intake = intake_message(raw, original_name(raw, "imap"), store=store,
                                         settings=settings, source="imap")
    except Exception as exc:  # storage down: left untouched, taken again next pass
        log.exception("Message IMAP %s non enregistré", uid)
        report.failed[uid] = f"{type(exc).__name__}: {exc}"
        return
    report.dossiers.append(intake.dossier_id)
    if intake.new:
        from worker.entry.smtp import acknowledge_intake

        acknowledge_intake(store, settings, intake)
    if intake.duplicate_of:
        note_duplicate(store, raw, original_name(raw, "imap"), "imap", intake.duplicate_of)
    try:
        if intake.new or store.dossier(intake.dossier_id).status != "processed":
            process(intake.dossier_id)
    except Exception as exc:
        log.exception("Échec du traitement du dossier %s (message IMAP %s)", intake.dossier_id, uid)
        report.failed[uid] = dispatch.record_failure(store, intake.dossier_id, exc, source="imap")
        box.flag(uid, ERROR_KEYWORD, True)
        return
    file_away(box, uid, config)
    report.done.append(uid)


def original_name(raw: bytes, source: str) -> str:
    """Named by content: the same bytes received again (a copy, a retry) are the same original."""
    return f"{source}-{hashlib.sha256(raw).hexdigest()[:16]}.eml"


def fetch_raw(box: BaseMailBox, uid: str) -> bytes | None:
    """The message's exact bytes, without setting \\Seen."""
    status, data = box.client.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        raise RuntimeError(f"FETCH {uid}: {status} {data!r}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    return None


def file_away(box: BaseMailBox, uid: str, config: ImapConfig) -> None:
    """Move to the done folder, or mark as seen and done when there is none."""
    if config.done_folder:
        box.move(uid, config.done_folder)
    else:
        box.flag(uid, ["\\Seen", DONE_KEYWORD], True)


def note_duplicate(store: Store, raw: bytes, name: str, source: str, first: str) -> None:
    """Other bytes under a known Message-ID: kept as an original and marked, never a new dossier."""
    original = store.record_original(raw, name, FileKind.EMAIL, source)
    code = ErrorCode.MAIL_DUPLICATE
    store.add_original_issues(original.id, [Issue(code, f"{MESSAGES[code]} ({first})", name)])


def _refresh_capabilities(box: BaseMailBox) -> None:
    """Servers announce MOVE/UIDPLUS only after login; imaplib keeps the greeting's list."""
    status, data = box.client.capability()
    if status == "OK" and data and data[-1]:
        box.client.capabilities = tuple(data[-1].decode().upper().split())
