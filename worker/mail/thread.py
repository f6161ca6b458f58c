"""The thread of a dossier: every message received and every mail sent, in order, with the
pieces each attachment became."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses

from worker.mail import outbox
from worker.persistence.db import FileRow, MessageRow, OutboxRow
from worker.persistence.store import Store, naive_utc

log = logging.getLogger(__name__)

HEADER_BYTES = 65536  # the headers of a stored message are in its first bytes


@dataclass(frozen=True)
class Attachment:
    """A file a message brought, and the pieces (ordinals of the dossier's documents) it became."""

    name: str
    sha256: str
    size: int
    pieces: tuple[int, ...]


@dataclass(frozen=True)
class ThreadItem:
    """One message of the thread, in ("in") or out ("out")."""

    direction: str
    sender: str
    recipients: tuple[str, ...]
    date: datetime | None
    subject: str
    body: str
    message_id: str
    attachments: tuple[Attachment, ...] = ()
    status: str | None = None  # of a mail sent: sent, uncertain, failed…
    outbox_id: int | None = None
    issues: tuple[str, ...] = field(default=())
    known_at: datetime | None = None  # when Guichet received or sent it: the thread's order (a
    # sender's Date header may be wrong)


def dossier_thread(store: Store, dossier_id: str, from_address: str = "") -> list[ThreadItem]:
    """Messages received and mails sent (or whose sending was tried), in the order Guichet
    received or sent them; drafts and mails waiting to go are not part of the thread (see
    worker.mail.outbox.rows)."""
    messages = store.messages(dossier_id)
    files = store.files(dossier_id)
    pieces = _pieces_by_file(store, dossier_id, files)
    items = [_incoming(store, m, [f for f in files if f.message_row_id == m.id], pieces) for m in messages]
    items += [_outgoing(row, from_address)
              for row in outbox.rows(store, dossier_id, ("sent", "uncertain", "sending"))]
    return sorted(items, key=lambda i: naive_utc(i.known_at))


def _pieces_by_file(store: Store, dossier_id: str, files: list[FileRow]) -> dict[int, tuple[int, ...]]:
    """The documents each file became, its descendants' included (a zip, a forwarded message)."""
    direct: dict[int, list[int]] = {}
    for ordinal, document in enumerate(store.documents(dossier_id)):
        direct.setdefault(document.file_id, []).append(ordinal)
    children: dict[int, list[int]] = {}
    for f in files:
        if f.parent_id is not None:
            children.setdefault(f.parent_id, []).append(f.id)

    def gather(file_id: int, seen: set[int]) -> list[int]:
        if file_id in seen:
            return []
        seen.add(file_id)
        found = list(direct.get(file_id, []))
        for child in children.get(file_id, []):
            found += gather(child, seen)
        return found

    return {f.id: tuple(sorted(set(gather(f.id, set())))) for f in files}


def _incoming(store: Store, message: MessageRow, files: list[FileRow],
              pieces: dict[int, tuple[int, ...]]) -> ThreadItem:
    attachments = tuple(Attachment(f.name, f.sha256, f.size, pieces.get(f.id, ()))
                        for f in files if f.parent_id is None and f.role != "inline")
    return ThreadItem("in", message.sender or "", _recipients(store, message.sha256),
                      message.date or message.received_at, message.subject or "", message.body_text or "",
                      message.message_id, attachments, issues=tuple(i["message"] for i in message.issues or []),
                      known_at=message.received_at)


def _recipients(store: Store, sha256: str) -> tuple[str, ...]:
    """To and Cc of a stored message, read off its first bytes; nothing when they cannot be read."""
    try:
        with open(store.blobs.path(sha256), "rb") as handle:
            head = handle.read(HEADER_BYTES)
        headers = BytesHeaderParser(policy=compat32).parsebytes(head)
        values = [str(v) for name in ("to", "cc") for v in headers.get_all(name, [])]
        return tuple(dict.fromkeys(a.lower() for _, a in getaddresses(values) if "@" in a))
    except Exception:  # a hostile or damaged header: the thread still shows the message
        log.info("destinataires illisibles pour %s", sha256, exc_info=True)
        return ()


def _outgoing(row: OutboxRow, from_address: str) -> ThreadItem:
    when = row.sent_at or row.claimed_at or row.created_at
    return ThreadItem("out", from_address, tuple(row.recipients), when, row.subject, row.body_text,
                      row.message_id, status=row.status, outbox_id=row.id, known_at=when,
                      issues=(row.last_error,) if row.last_error else ())
