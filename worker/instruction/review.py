"""What reviewers change, each write with its Event: corrections, overrides, decisions (the queue: review_queue)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.model import READER_VERSION
from extractors.vocabulary import FieldStatus
from schemas.complements import missing_items, request_text  # noqa: F401  (re-exported for the service)
from schemas.completeness import assess_completeness
from schemas.display import geography
from worker.events import EventKind
from worker.instruction.review_queue import entry_of, refresh_lines, utc
from worker.persistence.accounts import QueueEntry
from worker.persistence.db import DocumentRow, Dossier, Event, FieldRow, FileRow, PageRow, Reading, utcnow
from worker.persistence.store import Store, note, sender_domain
from worker.persistence.verdict_view import dossier_view

log = logging.getLogger(__name__)

# The events shown in a dossier's history (service/templates/dossier/_history.html).
REVIEW_EVENTS = (EventKind.FIELD_CORRECTED, EventKind.DOCUMENT_KIND_OVERRIDDEN, EventKind.VERDICT_OVERRIDDEN,
                 EventKind.TRIAGE_DECIDED, EventKind.TAKEN, EventKind.RELEASED, EventKind.ASSIGNED,
                 EventKind.COMPLEMENTS_REQUESTED, EventKind.REPROCESS_REQUESTED, EventKind.JOINED,
                 EventKind.PIECES_UPLOADED, EventKind.LABEL_ADDED, EventKind.LABEL_REMOVED, EventKind.ARCHIVED,
                 EventKind.UNARCHIVED)


class NotFound(LookupError):
    """The dossier, document or field does not exist."""


@dataclass(frozen=True)
class Page:
    """A page of a stored file as the viewer needs it: what to render and its size in points."""

    render_sha256: str
    number: int
    width: float
    height: float
    ocr: bool


# Writes ---------------------------------------------------------------------

def correct_field(store: Store, dossier_id: str, field_id: str, value: object, reason: str,
                  actor: str) -> dict | None:
    """Set a field as a reviewer corrected it (kept through reprocessing) and assess the dossier
    again; returns {old, new}, or None when nothing changed (the same value, already trusted).

    The same value on a reading to check is a confirmation: its status changes, and the history says so."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        row = s.scalar(select(FieldRow).where(FieldRow.dossier_id == dossier_id,
                                              FieldRow.field_id == field_id))
        if row is None:
            row = FieldRow(dossier_id=dossier_id, field_id=field_id, source=None, status="missing")
            s.add(row)
        old = row.value
        if old == value and (row.status in (FieldStatus.CORRECTED, FieldStatus.EXTRACTED)
                             or (old is None and row.status == FieldStatus.MISSING)):
            return None
        row.value, row.status, row.confidence, row.corrected_by = value, "corrected", 1.0, actor
        row.updated_at = utcnow()
        change = {"field": field_id, "old": old, "new": value, "reason": reason}
        note(s, dossier_id, EventKind.FIELD_CORRECTED, change, actor=actor)
        _reassess(s, dossier)
        refresh_lines(s, [dossier_id])
    return change


def override_document(store: Store, dossier_id: str, ordinal: int, kind: str, reason: str,
                      actor: str) -> dict:
    """Reclassify a piece; the dossier is assessed again (pieces present, their rules)."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        documents = list(s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier_id)))
        row = next((d for d in documents if d.ordinal == ordinal), None)
        if row is None:
            raise NotFound(f"pièce {ordinal}")
        file = s.get(FileRow, row.file_id)
        change = {"document": ordinal, "file": file.name, "pages": row.pages, "old": row.kind,
                  "new": kind, "reason": reason}
        row.kind, row.kind_overridden = kind, True
        note(s, dossier_id, EventKind.DOCUMENT_KIND_OVERRIDDEN, change, actor=actor)
        _reassess(s, dossier)
        refresh_lines(s, [dossier_id])
    return change


def override_verdict(store: Store, dossier_id: str, code: str, detail: str | None, reason: str,
                     actor: str) -> dict:
    """Lift one completeness reason of the verdict shown; the rules' verdict stays the rules' (assessed
    again like after any write), the lifting is triage's and applies in the queue."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        reasons = (dossier.completeness or {}).get("reasons", [])
        if not any(r["code"] == code and r.get("detail") == detail for r in reasons):
            raise NotFound(f"motif {code}")
        triage = dict(dossier.triage or _empty_triage())
        entry = {"code": code, "detail": detail, "reason": reason, "by": actor, "at": _iso(utcnow())}
        triage["overrides"] = [o for o in triage.get("overrides", [])
                               if (o["code"], o.get("detail")) != (code, detail)] + [entry]
        dossier.triage = triage
        note(s, dossier_id, EventKind.VERDICT_OVERRIDDEN, entry, actor=actor)
        _reassess(s, dossier)
        refresh_lines(s, [dossier_id])
    return entry


def decide(store: Store, dossier_id: str, decision: str, comment: str, actor: str,
           request_text: str | None = None) -> dict:  # noqa: F811  (the text itself, not the helper)
    """Record the triage decision; "a_completer" starts waiting for the candidate's answer."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        now = utcnow()
        triage = {**(dossier.triage or _empty_triage()), "decision": decision, "comment": comment,
                  "by": actor, "at": _iso(now)}
        dossier.triage = triage
        entry = entry_of(s, dossier_id)
        entry.requested_at = now if decision == "a_completer" else None
        entry.request_text = request_text if decision == "a_completer" else None
        note(s, dossier_id, EventKind.TRIAGE_DECIDED, {"decision": decision, "comment": comment}, actor=actor)
        if decision == "a_completer":
            note(s, dossier_id, EventKind.COMPLEMENTS_REQUESTED, {"text": request_text or ""}, actor=actor)
        dossier.updated_at = now
        refresh_lines(s, [dossier_id])
    return triage


def take(store: Store, dossier_id: str, actor: str | None) -> None:
    """An instructeur follows a dossier (None: nobody does any more)."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        entry = entry_of(s, dossier_id)
        previous = entry.assignee
        entry.assignee, entry.assigned_at = actor, utcnow() if actor else None
        kind = EventKind.TAKEN if actor else EventKind.RELEASED
        note(s, dossier_id, kind, {"previous": previous}, actor=actor or previous or "guichet")
        dossier.updated_at = utcnow()
        refresh_lines(s, [dossier_id])


def assign(store: Store, dossier_id: str, assignee: str, actor: str) -> None:
    """An instructeur gives a dossier to a colleague to follow (their own login: they follow it)."""
    if assignee == actor:
        take(store, dossier_id, actor)
        return
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        entry = entry_of(s, dossier_id)
        previous = entry.assignee
        entry.assignee, entry.assigned_at = assignee, utcnow()
        note(s, dossier_id, EventKind.ASSIGNED, {"previous": previous, "assignee": assignee}, actor=actor)
        dossier.updated_at = utcnow()
        refresh_lines(s, [dossier_id])


def note_reprocess(store: Store, dossier_id: str, actor: str) -> None:
    """Record that an administrateur asked for a dossier to be read again."""
    with store.session() as s:
        _dossier(s, dossier_id)
        note(s, dossier_id, EventKind.REPROCESS_REQUESTED, {}, actor=actor)


def _dossier(s: Session, dossier_id: str) -> Dossier:
    dossier = s.get(Dossier, dossier_id)
    if dossier is None:
        raise NotFound(dossier_id)
    return dossier


def _reassess(s: Session, dossier: Dossier) -> None:
    """The completeness rules (schemas.completeness, the pipeline's) on the dossier as it now
    stands, inside the caller's transaction: the stored verdict and the queue line agree with them."""
    dossier.updated_at = utcnow()
    if dossier.completeness is None:  # not assessed yet: the pipeline will, corrections included
        return
    s.flush()
    dossier.completeness = assess_completeness(dossier_view(s, dossier.id), geography()).as_dict()


def _empty_triage() -> dict:
    return {"decision": None, "comment": None, "by": None, "at": None}


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


# Reads ------------------------------------------------------------------------

def history(store: Store, dossier_id: str, kinds: tuple[EventKind, ...] = REVIEW_EVENTS) -> list[Event]:
    """The review events of a dossier, newest first."""
    with store.session() as s:
        return list(s.scalars(select(Event).where(Event.dossier_id == dossier_id, Event.kind.in_(kinds))
                              .order_by(Event.at.desc(), Event.id.desc())).all())


def file_pages(store: Store, sha256: str) -> list[Page]:
    """The pages of a stored file (sizes only), rendering from the office file's PDF when there is one.

    From the newest reading: after an upgrade that reads again, a dossier not yet reprocessed
    still shows its pages (their sizes do not depend on how they were read)."""
    with store.session() as s:
        reading = s.scalars(select(Reading).where(Reading.sha256 == sha256, Reading.reader_version <= READER_VERSION)
                            .order_by(Reading.reader_version.desc()).limit(1)).first()
        if reading is None:
            return []
        rows = s.execute(select(PageRow.number, PageRow.width, PageRow.height, PageRow.ocr)
                         .where(PageRow.reading_id == reading.id).order_by(PageRow.number)).all()
    render = reading.rendered_sha256 or sha256
    return [Page(render, n, w, h, o) for n, w, h, o in rows]


@dataclass(frozen=True)
class Origin:
    """The message that brought a file: who sent it, and whether that is someone else than
    the sender of the dossier's first message (another domain: a préfecture, an outsider)."""

    sender: str
    subject: str
    date: datetime | None
    foreign: bool


def piece_origins(store: Store, dossier_id: str) -> dict[str, Origin]:
    """The origin of each file of a dossier brought by a message, by sha256.

    The reference is the first message received, not the earliest Date: header, which
    the sender writes."""
    messages = {m.id: m for m in store.messages(dossier_id)}
    if not messages:
        return {}
    first = messages[min(messages)]
    home = sender_domain(first.sender)
    origins = {}
    for file in store.files(dossier_id):
        message = messages.get(file.message_row_id)
        if message is not None:
            origins[file.sha256] = Origin(message.sender or "", message.subject or "", message.date,
                                          sender_domain(message.sender) != home)
    return origins


def queue_entry(store: Store, dossier_id: str) -> QueueEntry | None:
    """The queue line of one dossier, refreshed if the dossier changed; None when there is no dossier."""
    try:
        with store.session() as s:
            dossier = s.get(Dossier, dossier_id)
            entry = s.get(QueueEntry, dossier_id) if dossier is not None else None
            if dossier is not None and (entry is None or utc(entry.synced_at) < utc(dossier.updated_at)):
                refresh_lines(s, [dossier_id])
                entry = s.get(QueueEntry, dossier_id)
            return entry
    except IntegrityError:  # its line was created meanwhile by another request
        with store.session() as s:
            return s.get(QueueEntry, dossier_id)


# Intake and processing from the web ---------------------------------------------

def ingest(store: Store, settings, *, message: tuple[str, bytes] | None = None,
           files: list[tuple[str, bytes]] | None = None, dossier_id: str | None = None) -> str:
    """Store an uploaded e-mail (joins its thread's dossier) or loose files (a new dossier);
    with `dossier_id`, either joins that dossier."""
    from extractors.model import Part
    from worker.core import intake

    target = store.merged_into(dossier_id) if dossier_id else None
    if message is not None:
        name, raw = message
        return intake.intake_message(raw, name, store=store, settings=settings, source="upload",
                                     dossier_id=target).dossier_id
    parts = [Part(name=name, data=data) for name, data in files or []]
    group = "upload:" + utcnow().isoformat()
    return intake.intake_files(parts, group, store=store, settings=settings, source="upload",
                               dossier_id=target).dossier_id


def upload_refusal(size: int, max_bytes: int, data: bytes | None = None) -> tuple[str, str] | None:
    """(code, French message) of an uploaded file the intake would only record as an error
    (empty, too large, of no type it reads), else None; `data` for the type."""
    from extractors import sniff
    from extractors.errors import MESSAGES, ErrorCode
    from extractors.model import FileKind

    if size == 0:
        code, detail = ErrorCode.FILE_EMPTY, ""
    elif size > max_bytes:
        code, detail = ErrorCode.FILE_TOO_LARGE, f"{size_fr(size)} ; maximum {size_fr(max_bytes)} par fichier"
    elif data is not None and sniff.sniff(data) is FileKind.UNKNOWN:
        code = ErrorCode.FILE_TYPE_UNSUPPORTED
        detail = "acceptés : PDF, images, .docx, .odt, .doc, .rtf, .zip, .eml, .msg"
    else:
        return None
    return code.value, MESSAGES[code] + (f" ({detail})" if detail else "")


def is_message(data: bytes) -> bool:
    """Whether these bytes are an e-mail (.eml, Outlook .msg, winmail.dat): taken in as a message."""
    from extractors import sniff
    from extractors.model import FileKind

    return sniff.sniff(data) in (FileKind.EMAIL, FileKind.MSG, FileKind.TNEF)


def size_fr(size: int) -> str:
    """A size in French: 12 Mo, 1,5 Mo, 3 Ko."""
    for unit, scale in (("Go", 1 << 30), ("Mo", 1 << 20), ("Ko", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{size} octet{'s' if size > 1 else ''}"


def note_upload(store: Store, dossier_id: str, actor: str, names: list[str]) -> None:
    """Record that an agent added files to a dossier: its reading is due again (worker.core.progress)."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        if dossier.status == "failed":  # new material: to read again, not a failure yet
            dossier.status = "received"
        note(s, dossier_id, EventKind.PIECES_UPLOADED, {"files": names[:50]}, actor=actor)


def process_now(store: Store, settings, dossier_id: str) -> None:
    """Read a dossier (again) here: corrections stay, the verdict is recomputed."""
    from worker.core import dispatch
    from worker.core.context import make_context

    dispatch.run_here(make_context(settings, store), dossier_id)


def read_now(store: Store, settings, dossier_id: str) -> None:
    """The reading stage alone, as the read job does it (cached by content, "pieces_read"
    recorded): the dossier page shows this stage done before the understanding begins."""
    from worker.core import pipeline
    from worker.core.context import make_context

    if store.merged_into(dossier_id) == dossier_id:
        pipeline.read(dossier_id, make_context(settings, store))


def dossier_file(store: Store, dossier_id: str, sha256: str) -> FileRow | None:
    """A file of this dossier by content hash (so that no other blob can be asked for)."""
    with store.session() as s:
        return s.scalar(select(FileRow).where(FileRow.dossier_id == dossier_id, FileRow.sha256 == sha256))
