"""Intake: a received e-mail or files given together stored first, then attached to their
dossier, containers (zip, attached e-mails) unpacked within one budget. Reading them is
`worker.core.pipeline`'s work.

Every parser of untrusted bytes runs through `sandbox.run_limited`; every failure of one
file becomes an Issue with its code on that file, and the other files go on.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import timezone

from extractors import mail, sniff, unpack
from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.model import FileKind, Issue, MailMessage, Part
from worker.core.sandbox import run_limited
from worker.persistence.db import MessageRow
from worker.persistence.store import NewFile, Store, issue_rows, stable_id
from worker.settings import Settings

# Read as a message wherever they are found: their files are the pieces.
MESSAGES_KINDS = (FileKind.EMAIL, FileKind.MSG, FileKind.TNEF)


@dataclass
class Intake:
    """What one input became: its dossier, the rows it created, and problems on the way."""

    dossier_id: str
    new: bool = True
    duplicate_of: str | None = None  # file name of the message already received under this Message-ID
    message_ids: list[int] = field(default_factory=list)
    file_ids: list[int] = field(default_factory=list)


@dataclass
class Budget:
    """What one input (a message, files given together) may expand to, all levels together.

    Every zip and attached message inside draws on the same bytes and file count: nesting
    never gives a fresh allowance.
    """

    bytes_left: int
    files_left: int
    zip_ratio: float
    disk: str = "."  # where blobs are written: its free space never falls below min_free_bytes
    min_free_bytes: int = 0

    @classmethod
    def of(cls, settings: Settings) -> Budget:
        limits = settings.limits
        return cls(limits.max_unpacked_bytes, limits.max_zip_members, limits.max_zip_ratio,
                   str(settings.storage_dir), limits.min_free_mb << 20)

    def fit(self, parts: tuple[Part, ...], name: str) -> tuple[tuple[Part, ...], list[Issue]]:
        """The parts that fit, charged to the budget, and an INPUT_TOO_LARGE (or DISK_FULL) issue
        if some do not."""
        kept = []
        for part in parts:
            size = os.path.getsize(part.path) if part.path else len(part.data)
            code = None
            if self.files_left <= 0 or size > self.bytes_left:
                code = ErrorCode.INPUT_TOO_LARGE
            elif not part.path and _free_bytes(self.disk) - size < self.min_free_bytes:
                code = ErrorCode.DISK_FULL  # a member on disk already was checked by its child
            if code:
                detail = f"{len(parts) - len(kept)} fichier(s) non lus sur {len(parts)}"
                return tuple(kept), [Issue(code, f"{MESSAGES[code]} ({detail})", name)]
            self.files_left -= 1
            self.bytes_left -= size
            kept.append(part)
        return tuple(kept), []

    def zip_limits(self) -> unpack.ZipLimits:
        """A zip may hold what is left: the budget only ever shrinks from the settings' limits."""
        return unpack.ZipLimits(max(self.files_left, 0), max(self.bytes_left, 0), self.zip_ratio,
                                self.min_free_bytes)


def _free_bytes(path: str) -> int:
    os.makedirs(path, exist_ok=True)
    return shutil.disk_usage(path).free


# Intake ---------------------------------------------------------------------

def intake_message(raw: bytes, name: str, *, store: Store, settings: Settings,
                   source: str = "cli", dossier_id: str | None = None) -> Intake:
    """Store a raw e-mail, attach it to its thread's dossier (or a new one), store its files.

    `dossier_id`: the dossier an instructeur adds it to, whatever its thread says."""
    sha256 = store.record_original(raw, name, FileKind.EMAIL, source).sha256  # durable before parsing
    message = parse_message(raw, name, settings)
    known = store.known_message(message.message_id)
    if known:  # the same message again changes nothing
        same_bytes = known.sha256 == sha256
        return Intake(known.dossier_id, new=False, duplicate_of=None if same_bytes else known.file_name)
    subject_key = mail.thread_subject(message.subject)
    budget = Budget.of(settings)
    parts, dropped = budget.fit(message.parts, name)
    if dropped:
        message = replace(message, parts=parts, issues=(*message.issues, *dropped))
    reply_ids = [message.in_reply_to or "", *message.references]
    dossier_id = (dossier_id or store.thread_dossier(reply_ids, subject_key, message.sender)
                  or stable_id(message.message_id))
    store.ensure_dossier(dossier_id, subject_key)
    row, created = store.add_message(dossier_id, _message_row(message, sha256, name, subject_key))
    intake = Intake(row.dossier_id, new=created, message_ids=[row.id])
    if created:
        _Unpacking(store, settings, intake, budget, row.id).parts(message.parts)
    return intake


def intake_files(parts: list[Part], group_key: str, *, store: Store, settings: Settings,
                 source: str = "cli", dossier_id: str | None = None) -> Intake:
    """Loose files given together (a folder, an upload) form one dossier, or join `dossier_id`."""
    shas = sorted(store.record_original(p.data, p.name, sniff.sniff(p.data), source).sha256 for p in parts)
    dossier_id = dossier_id or stable_id(group_key, *shas)
    created = store.ensure_dossier(dossier_id)
    intake = Intake(dossier_id, new=created)
    # Files given together by an operator are not charged; what they contain is.
    _Unpacking(store, settings, intake, Budget.of(settings)).parts(tuple(parts))
    return intake


def parse_message(raw: bytes, name: str, settings: Settings) -> MailMessage:
    """The message, or an empty one carrying the error when it cannot be parsed at all.

    A message that fails whole is read again without its body text: a body that cannot be
    read (too slow, too big) costs its text, never the attachments (MAIL_BODY_UNREADABLE).
    """
    try:
        return _read_mail(raw, name, settings, with_body=True)
    except GuichetError as whole:
        try:
            message = _read_mail(raw, name, settings, with_body=False)
        except GuichetError as exc:
            issue = Issue(_invalid(raw) if exc.code is ErrorCode.PARSE_CRASHED else exc.code,
                          exc.message, name)
            return MailMessage(stable_id_for_bytes(raw), "", "", None, None, (), "", (), (issue,))
        lost = Issue(ErrorCode.MAIL_BODY_UNREADABLE,
                     f"{MESSAGES[ErrorCode.MAIL_BODY_UNREADABLE]} ({whole.message})", name)
        return replace(message, issues=(*message.issues, lost))


def _invalid(raw: bytes) -> ErrorCode:
    """The code of a message whose parser died, by its format."""
    kind = sniff.sniff(raw)
    by_kind = {FileKind.MSG: ErrorCode.MSG_INVALID, FileKind.TNEF: ErrorCode.TNEF_INVALID}
    return by_kind.get(kind, ErrorCode.MAIL_INVALID)


def _read_mail(raw: bytes, name: str, settings: Settings, *, with_body: bool) -> MailMessage:
    limits = settings.limits
    return run_limited(mail.read_message, raw, name=name, max_depth=limits.max_depth, with_body=with_body,
                       timeout=min(limits.parse_timeout, 120.0), memory_mb=limits.parse_memory_mb)


def stable_id_for_bytes(raw: bytes) -> str:
    """A synthetic Message-ID for a message whose headers cannot be read (as mail.read_message makes)."""
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@guichet.invalid>"


def _message_row(message: MailMessage, sha256: str, name: str, subject_key: str) -> MessageRow:
    return MessageRow(
        message_id=message.message_id, sha256=sha256, file_name=name,
        sender=message.sender, subject=message.subject, subject_key=subject_key,
        date=message.date.astimezone(timezone.utc) if message.date else None,  # SQLite keeps no offset
        in_reply_to=message.in_reply_to, reference_ids=list(message.references),
        body_text=message.body_text, issues=issue_rows(message.issues),
    )


@dataclass
class _Unpacking:
    """One input's files on their way into the store: where they go and what they may cost."""

    store: Store
    settings: Settings
    intake: Intake
    budget: Budget
    message_row_id: int | None = None

    def parts(self, parts: tuple[Part, ...], parent_id: int | None = None, depth: int = 0) -> None:
        for part in parts:
            self.part(part, parent_id, depth)

    def part(self, part: Part, parent_id: int | None, depth: int) -> None:
        """Store one file, then expand it if it is a container (zip, attached e-mail)."""
        store, settings = self.store, self.settings
        if part.path:  # written to disk by the unpacking child: moved into the store, read back alone
            sha256, size = store.blobs.put_file(part.path)
            part = replace(part, data=_read_back(store.blobs.path(sha256), size, settings), path=None)
        else:
            sha256, size = store.blobs.put(part.data), len(part.data)
        kind = sniff.sniff(part.data)
        issues = _size_issues(size, part.name, settings)
        role = "inline" if part.inline else "container" if part.container else "piece"
        if kind in (FileKind.ZIP, FileKind.MBOX) or (kind in MESSAGES_KINDS and role == "piece"):
            role = "container"
        row, created = store.add_file(self.intake.dossier_id, NewFile(
            part.name, sha256, size, kind, role, parent_id, self.message_row_id, tuple(issues)))
        self.intake.file_ids.append(row.id)
        if not created or issues or role != "container" or part.container:
            return
        if depth + 1 > settings.limits.max_depth:
            store.add_file_issues(row.id, [_issue(ErrorCode.ZIP_TOO_DEEP, part.name)])
            return
        outbox = _outbox(settings) if kind is FileKind.ZIP else None
        try:
            children, child_issues = _expand(part, kind, settings, self.budget, outbox)
            del part  # the container's bytes are not needed while its members are stored
            children, dropped = self.budget.fit(children, row.name)
            store.add_file_issues(row.id, [*child_issues, *dropped])
            self.parts(children, row.id, depth + 1)
        finally:
            if outbox:
                shutil.rmtree(outbox, ignore_errors=True)


def _outbox(settings: Settings) -> str:
    """A private directory beside the blobs where an unpacking child writes the members
    (on the same file system: storing one is a rename)."""
    incoming = settings.storage_dir / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix="members-", dir=incoming)


def _read_back(path, size: int, settings: Settings) -> bytes:
    """A member's bytes to sniff and expand; only its head when it is too large to be read."""
    with open(path, "rb") as stream:
        return stream.read() if size <= settings.limits.max_file_bytes else stream.read(4096)


def _expand(part: Part, kind: FileKind, settings: Settings, budget: Budget,
            outbox: str | None) -> tuple[tuple[Part, ...], list[Issue]]:
    """The files inside a container, in a limited child process, within what is left of the budget.

    A zip's members are written by the child into `outbox`, never sent back in memory."""
    limits = settings.limits
    try:
        if kind is FileKind.ZIP:
            found = run_limited(unpack.unpack_zip, part.data, part.name, budget.zip_limits(), outbox,
                                outbox=outbox, timeout=min(limits.parse_timeout, 300.0),
                                memory_mb=limits.parse_memory_mb)
            return found.parts, list(found.issues)
        message = parse_message(part.data, part.name, settings)
        return message.parts, list(message.issues)
    except GuichetError as exc:
        return (), [Issue(exc.code, exc.message, part.name)]


def _size_issues(size: int, name: str, settings: Settings) -> list[Issue]:
    if not size:
        return [_issue(ErrorCode.FILE_EMPTY, name)]
    if size > settings.limits.max_file_bytes:
        return [_issue(ErrorCode.FILE_TOO_LARGE, name)]
    return []


def _issue(code: ErrorCode, name: str) -> Issue:
    return Issue(code, MESSAGES[code], name)
