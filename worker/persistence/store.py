"""The only writer: blobs on disk and rows in the database, each step idempotent."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from extractors.filenames import without_format_characters
from extractors.model import READER_VERSION, Issue, PageText, ReadResult, Word
from worker.events import EventKind
from worker.persistence import migrate
from worker.persistence.blobs import BlobStore
from worker.persistence.db import (
    Computed,
    DocumentRow,
    Dossier,
    Event,
    FieldRow,
    FileRow,
    MessageRow,
    Original,
    OutboxRow,
    PageRow,
    Reading,
    utcnow,
)
from worker.persistence.engine import make_engine
from worker.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewFile:
    """A file to attach to a dossier."""

    name: str
    sha256: str
    size: int
    kind: str
    role: str  # piece, inline, container, message
    parent_id: int | None = None
    message_row_id: int | None = None
    issues: tuple[Issue, ...] = ()


def issue_rows(issues: Iterable[Issue]) -> list[dict]:
    """Issues as JSON rows."""
    return [{"file": i.file, "code": str(i.code), "message": i.message} for i in issues]


def sender_domain(address: str | None) -> str:
    """The domain of an e-mail address, lower case; empty when there is none."""
    local, at, domain = (address or "").strip().rpartition("@")
    return domain.lower() if at and local and domain else ""


class Store:
    """Blobs by sha256 under the storage dir, rows through SQLAlchemy."""

    def __init__(self, settings: Settings, engine: Engine | None = None, *, upgrade: bool = True):
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.blobs = BlobStore(settings.storage_dir)
        self.engine = engine or make_engine(settings.database_url)
        if upgrade:  # a worker's job processes skip it: their parent brought the schema up to date
            migrate.upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._shared: ContextVar[Session | None] = ContextVar(f"shared_reads_{id(self)}", default=None)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction; inside `shared_reads()`, that block's transaction."""
        shared = self._shared.get()
        if shared is not None:
            yield shared
            shared.flush()  # a write refused here, where it was made
            return
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def shared_reads(self) -> Iterator[None]:
        """The reads of this block in one transaction on one pooled connection: a page's dozen
        queries otherwise take a connection each, with its ping and its commit. Reads only: a
        write in it raises (its error handling expects a transaction of its own)."""
        if self._shared.get() is not None:
            yield
            return
        with self._sessions() as session:  # ends in a rollback: reads only, nothing to keep
            event.listen(session, "before_flush", _refuse_writes)
            token = self._shared.set(session)
            try:
                yield
            finally:
                self._shared.reset(token)

    # Intake -----------------------------------------------------------------

    def record_original(self, data: bytes, name: str, kind: str, source: str) -> Original:
        """Store an input's bytes (fsync'd) then its row; the same bytes and name give the same row."""
        sha256 = self.blobs.put(data)
        name = without_format_characters(name)
        with self.session() as s:
            found = s.scalar(select(Original).where(Original.sha256 == sha256, Original.name == name))
            if found:
                return found
            row = Original(sha256=sha256, name=name, kind=kind, source=source, size=len(data), issues=[])
            s.add(row)
        return row

    def add_original_issues(self, original_id: int, issues: Iterable[Issue]) -> None:
        """Remember what went wrong with an input as a whole."""
        with self.session() as s:
            row = s.get(Original, original_id)
            row.issues = _merge(row.issues, issue_rows(issues))

    def known_message(self, message_id: str) -> MessageRow | None:
        """The message already stored under this Message-ID."""
        with self.session() as s:
            return s.scalar(select(MessageRow).where(MessageRow.message_id == message_id))

    def thread_dossier(self, reply_ids: Iterable[str], subject_key: str, sender: str = "") -> str | None:
        """The dossier of a message's thread: by In-Reply-To/References, else by bare subject,
        the latter only into a dossier holding a message from the sender's domain (anyone can
        write "RE: " + a subject; a sender cannot join someone else's dossier so)."""
        ids = [i for i in reply_ids if i]
        domain = sender_domain(sender)
        with self.session() as s:
            if ids:
                found = s.scalar(select(MessageRow.dossier_id).where(MessageRow.message_id.in_(ids)))
                # A reply to a mail Guichet sent (some clients keep In-Reply-To only)
                found = found or s.scalar(select(OutboxRow.dossier_id).where(OutboxRow.message_id.in_(ids))
                                          .limit(1))
                if found:
                    return found
            if subject_key and domain:
                same_subject = (select(MessageRow.dossier_id)
                                .where(MessageRow.subject_key == subject_key))
                rows = s.execute(
                    select(MessageRow.dossier_id, MessageRow.sender)
                    .where(MessageRow.dossier_id.in_(same_subject))
                    .order_by(MessageRow.date.asc(), MessageRow.id.asc())
                ).all()
                return next((d for d, other in rows if sender_domain(other) == domain), None)
        return None

    def ensure_dossier(self, dossier_id: str, subject_key: str | None = None) -> bool:
        """Create the dossier if it does not exist; True when it was created."""
        try:
            with self.session() as s:
                if s.get(Dossier, dossier_id):
                    return False
                s.add(Dossier(id=dossier_id, status="received", subject_key=subject_key))
                note(s, dossier_id, EventKind.CREATED, {})
            return True
        except IntegrityError:  # created meanwhile by another worker
            return False

    def add_message(self, dossier_id: str, row: MessageRow) -> tuple[MessageRow, bool]:
        """Attach a message; a Message-ID already known returns the stored row."""
        try:
            with self.session() as s:
                found = s.scalar(select(MessageRow).where(MessageRow.message_id == row.message_id))
                if found:
                    return found, False
                row.dossier_id = dossier_id
                s.add(row)
                note(s, dossier_id, EventKind.MESSAGE, {"message_id": row.message_id})
            return row, True
        except IntegrityError:
            with self.session() as s:
                return s.scalar(select(MessageRow).where(MessageRow.message_id == row.message_id)), False

    def add_file(self, dossier_id: str, new: NewFile) -> tuple[FileRow, bool]:
        """Attach a stored blob to a dossier; the same content twice is one file."""
        with self.session() as s:
            found = s.scalar(select(FileRow).where(FileRow.dossier_id == dossier_id,
                                                   FileRow.sha256 == new.sha256))
            if found:
                return found, False
            row = FileRow(dossier_id=dossier_id, name=without_format_characters(new.name),
                          sha256=new.sha256, size=new.size,
                          kind=new.kind, role=new.role, parent_id=new.parent_id,
                          message_row_id=new.message_row_id, issues=issue_rows(new.issues))
            s.add(row)
        return row, True

    def add_file_issues(self, file_id: int, issues: Iterable[Issue]) -> None:
        """Record problems met while expanding a file."""
        rows = issue_rows(issues)
        if rows:
            with self.session() as s:
                row = s.get(FileRow, file_id)
                row.issues = _merge(row.issues, rows)

    # Reading ----------------------------------------------------------------

    def reading(self, sha256: str, version: int) -> Reading | None:
        """The cached reading of a content, if any."""
        with self.session() as s:
            return s.scalar(select(Reading).where(Reading.sha256 == sha256,
                                                  Reading.reader_version == version))

    def save_reading(self, sha256: str, version: int, result: ReadResult | None,
                     issues: Iterable[Issue], seconds: float, error_code: str | None = None) -> Reading:
        """Cache what reading a content gave (pages, issues, the office rendering)."""
        rendered = self.blobs.put(result.rendered_pdf) if result and result.rendered_pdf else None
        pages = result.pages if result else ()
        row = Reading(sha256=sha256, reader_version=version, page_count=len(pages),
                      ocr=any(p.ocr for p in pages), issues=issue_rows(issues), error_code=error_code,
                      rendered_sha256=rendered, seconds=round(seconds, 3),
                      tables=[list(map(list, t)) for t in result.tables] if result else [])
        try:
            with self.session() as s:
                s.add(row)
                s.flush()
                s.add_all(_page_row(row.id, page) for page in pages)
        except IntegrityError:  # read concurrently by another worker: keep theirs
            return self.reading(sha256, version)
        return row

    def pages(self, reading_id: int) -> list[PageText]:
        """The pages of a reading, in order."""
        with self.session() as s:
            rows = s.scalars(select(PageRow).where(PageRow.reading_id == reading_id)
                             .order_by(PageRow.number)).all()
        return [_page_text(r) for r in rows]

    # Results ----------------------------------------------------------------

    def files(self, dossier_id: str) -> list[FileRow]:
        """The files of a dossier, in arrival order."""
        with self.session() as s:
            return list(s.scalars(select(FileRow).where(FileRow.dossier_id == dossier_id)
                                  .order_by(FileRow.id)).all())

    def messages(self, dossier_id: str) -> list[MessageRow]:
        """The messages of a dossier, by date."""
        with self.session() as s:
            rows = s.scalars(select(MessageRow).where(MessageRow.dossier_id == dossier_id)).all()
        return sorted(rows, key=lambda m: (m.date is None, naive_utc(m.date), m.id))

    def add_event(self, dossier_id: str, kind: EventKind, data: dict | None = None, *,
                  actor: str | None = None) -> None:
        """Record one event on a dossier, in a transaction of its own."""
        with self.session() as s:
            note(s, dossier_id, kind, data, actor=actor)

    def fail(self, dossier_id: str, kind: EventKind, data: dict) -> None:
        """Mark a dossier failed and record why, in one transaction (a dossier gone: nothing)."""
        with self.session() as s:
            dossier = s.get(Dossier, dossier_id)
            if dossier is not None:
                dossier.status = "failed"
                note(s, dossier_id, kind, data)

    def set_status(self, dossier_id: str, status: str) -> None:
        """Move a dossier to received / processing / processed / failed."""
        with self.session() as s:
            s.get(Dossier, dossier_id).status = status

    def save_results(self, dossier_id: str, documents: list[dict], fields: dict[str, dict],
                     completeness: dict) -> None:
        """Understanding then verdict (`save_understanding`, then `save_verdict`)."""
        self.save_understanding(dossier_id, documents, fields)
        self.save_verdict(dossier_id, completeness)

    def latest_event_id(self, dossier_id: str, kind: EventKind) -> int | None:
        """The id of the dossier's latest event of this kind (None without one)."""
        with self.session() as s:
            return _latest_event(s, dossier_id, kind)

    def save_understanding(self, dossier_id: str, documents: list[dict], fields: dict[str, dict],
                           *, began: int | None = None) -> bool:
        """Replace documents and fields in one transaction; reviewer corrections stay. `began`: this
        understanding's `processing_started` event; if a later one exists, a newer understanding
        (more files: a join, a new message) began meanwhile: nothing is written, False returned."""
        try:
            self._replace_understanding(dossier_id, documents, fields, began)
        except _Superseded:  # rolled back: nothing of it was written
            return False
        return True

    def _replace_understanding(self, dossier_id: str, documents: list[dict], fields: dict[str, dict],
                               began: int | None) -> None:
        with self.session() as s:
            dossier = s.get(Dossier, dossier_id, with_for_update=True)  # PostgreSQL: one writer
            dossier.updated_at = utcnow()
            s.flush()  # SQLite: the write lock is taken before the check below
            latest = _latest_event(s, dossier_id, EventKind.PROCESSING_STARTED)
            if began is not None and latest is not None and latest > began:
                raise _Superseded
            for row in s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier_id)):
                s.delete(row)
            for ordinal, doc in enumerate(documents):
                s.add(DocumentRow(dossier_id=dossier_id, ordinal=ordinal, **doc))
            existing = {r.field_id: r for r in s.scalars(
                select(FieldRow).where(FieldRow.dossier_id == dossier_id))}
            for field_id, value in fields.items():
                row = existing.get(field_id)
                if row is None:
                    s.add(FieldRow(dossier_id=dossier_id, field_id=field_id, **value))
                elif row.status != "corrected":
                    for key, item in value.items():
                        setattr(row, key, item)
            note(s, dossier_id, EventKind.UNDERSTOOD, {"documents": len(documents)})

    def save_verdict(self, dossier_id: str, completeness: dict) -> None:
        """Record the completeness verdict: the dossier is processed."""
        with self.session() as s:
            dossier = s.get(Dossier, dossier_id)
            previous = dossier.completeness
            dossier.completeness = completeness
            dossier.status = "processed"
            dossier.updated_at = utcnow()
            note(s, dossier_id, EventKind.ASSESSED, {"complete": completeness["complete"],
                              "reasons": [r["code"] for r in completeness["reasons"]],
                              "changed": previous != completeness})

    def kind_overrides(self, dossier_id: str) -> dict[tuple[int, tuple[int, ...]], str]:
        """Piece kinds a reviewer set, by (file id, pages): the pipeline applies them before the rules."""
        with self.session() as s:
            rows = s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier_id,
                                                       DocumentRow.kind_overridden.is_(True)))
            return {(row.file_id, tuple(row.pages)): row.kind for row in rows}

    def dossier(self, dossier_id: str) -> Dossier | None:
        """The dossier row."""
        with self.session() as s:
            return s.get(Dossier, dossier_id)

    def documents(self, dossier_id: str) -> list[DocumentRow]:
        """The pieces of a dossier, in order."""
        with self.session() as s:
            return list(s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier_id)
                                  .order_by(DocumentRow.ordinal)).all())

    def fields(self, dossier_id: str) -> dict[str, FieldRow]:
        """The fields of a dossier by id."""
        with self.session() as s:
            rows = s.scalars(select(FieldRow).where(FieldRow.dossier_id == dossier_id)).all()
        return {r.field_id: r for r in rows}


    # Assembly across messages ----------------------------------------------------

    def assembly_candidates(self, dossier_id: str) -> list[str]:
        """Other read dossiers that came by mail and might hold the rest of this one's candidature.

        Narrowed to those of the same département when this one's is known (or theirs is not), so
        that a large database is not read whole for every new dossier.
        """
        departement_fields = ("s2.departement", "courrier_prefet.departement")
        with self.session() as s:
            if not s.scalar(select(MessageRow.id).where(MessageRow.dossier_id == dossier_id).limit(1)):
                return []
            ids = set(s.scalars(select(MessageRow.dossier_id).join(Dossier, Dossier.id == MessageRow.dossier_id)
                                .where(Dossier.status == "processed", Dossier.id != dossier_id)))
            places: dict[str, set] = {}
            for did, value in s.execute(select(FieldRow.dossier_id, FieldRow.value)
                                        .where(FieldRow.field_id.in_(departement_fields),
                                               FieldRow.dossier_id.in_(ids | {dossier_id}))):
                if isinstance(value, str) and value:
                    places.setdefault(did, set()).add(value)
        mine = places.get(dossier_id)
        return sorted(i for i in ids if not mine or not places.get(i) or mine & places[i])

    def document_text(self, dossier_id: str, kind: str) -> str:
        """The read text of a dossier's pieces of one kind."""
        texts = []
        with self.session() as s:
            for doc in s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier_id,
                                                           DocumentRow.kind == kind)):
                file = s.get(FileRow, doc.file_id)
                reading = s.scalar(select(Reading.id).where(Reading.sha256 == file.sha256,
                                                            Reading.reader_version == READER_VERSION))
                if reading is None:
                    continue
                rows = s.scalars(select(PageRow).where(PageRow.reading_id == reading,
                                                       PageRow.number.in_(doc.pages))).all()
                texts.extend(_page_text(row).text for row in rows)
        return "\n".join(texts)

    def merge_dossiers(self, source: str, target: str, reason: dict) -> bool:
        """Move the messages and files of `source` into `target`, in one transaction.

        `source` keeps its history and points to `target`; its results are dropped (the
        target is read again). False when either was merged meanwhile.
        """
        with self.session() as s:
            joined, kept = s.get(Dossier, source), s.get(Dossier, target)
            if joined is None or kept is None or "merged" in (joined.status, kept.status):
                return False
            messages = list(s.scalars(select(MessageRow).where(MessageRow.dossier_id == source)))
            for row in [*messages, *s.scalars(select(FileRow).where(FileRow.dossier_id == source))]:
                row.dossier_id = target
            for row in [*s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == source)),
                        *s.scalars(select(FieldRow).where(FieldRow.dossier_id == source))]:
                s.delete(row)
            joined.status = "merged"
            joined.updated_at = kept.updated_at = utcnow()
            ids = [m.message_id for m in messages]
            note(s, source, EventKind.MERGED_INTO, {"dossier": target, **reason})
            note(s, target, EventKind.JOINED, {"dossier": source, "messages": ids, **reason})
        return True

    def merged_into(self, dossier_id: str) -> str:
        """The dossier that now holds this one's messages (itself when it was never merged)."""
        seen = {dossier_id}
        with self.session() as s:
            while True:
                target = s.scalar(select(Event.data).where(Event.dossier_id == dossier_id,
                                                           Event.kind == EventKind.MERGED_INTO)
                                  .order_by(Event.id.desc()).limit(1))
                if not target or target["dossier"] in seen:
                    return dossier_id
                dossier_id = target["dossier"]
                seen.add(dossier_id)

    def computed(self, key: str) -> dict | None:
        """A cached result of `worker.persistence.cache` by its key, or None."""
        with self.session() as s:
            return getattr(s.get(Computed, key), "value", None)

    def save_computed(self, kind: str, values: dict[str, dict]) -> None:
        """Cache results by key in one transaction (a dossier's letters: one disk sync); a key saved
        meanwhile by another worker keeps its first value, the others are saved one by one."""
        try:
            with self.session() as s:
                s.add_all([Computed(key=k, kind=kind, value=v) for k, v in values.items() if not s.get(Computed, k)])
        except IntegrityError:
            for key, value in values.items() if len(values) > 1 else ():
                self.save_computed(kind, {key: value})


def _latest_event(s: Session, dossier_id: str, kind: EventKind) -> int | None:
    return s.scalar(select(func.max(Event.id)).where(Event.dossier_id == dossier_id, Event.kind == kind))


class _Superseded(Exception):
    """A newer understanding of the dossier began: this one is not written."""


def note(s: Session, dossier_id: str | None, kind: EventKind, data: dict | None = None, *,
         actor: str | None = None) -> None:
    """Add one event to the dossier's history within the transaction `s`, so that it stands or falls
    with the change it records: the one way events are written. Without an actor, Guichet did it;
    without a dossier (a digest's mail), there is no history to write to."""
    if dossier_id is not None:
        s.add(Event(dossier_id=dossier_id, kind=kind, data=data or {}, **({"actor": actor} if actor else {})))


def _refuse_writes(session: Session, _context, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a write inside Store.shared_reads(): give it a transaction of its own")


def stable_id(*keys: str) -> str:
    """A short, stable dossier id derived from what identifies its first input."""
    digest = hashlib.sha256("\n".join(keys).encode("utf-8", "surrogatepass")).hexdigest()
    return f"D-{digest[:12]}"


def _merge(old: list, new: list) -> list:
    seen = {(i["file"], i["code"], i["message"]) for i in old or []}
    return list(old or []) + [i for i in new if (i["file"], i["code"], i["message"]) not in seen]


def naive_utc(value: datetime | None) -> datetime:
    """A datetime as naive UTC (SQLite keeps no offset); None sorts first."""
    if value is None:
        return datetime.min
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def _page_row(reading_id: int, page: PageText) -> PageRow:
    return PageRow(
        reading_id=reading_id, number=page.number, width=page.width, height=page.height,
        ocr=page.ocr, confidence=page.confidence, rotation=page.rotation, skew=page.skew,
        warp=list(page.warp) if page.warp else None, bilevel=page.bilevel,
        error_code=str(page.error) if page.error else None,
        words=[[w.text, *w.bbox, w.conf, w.line] for w in page.words],
    )


def _page_text(row: PageRow) -> PageText:
    words = tuple(Word(w[0], (w[1], w[2], w[3], w[4]), w[5], w[6]) for w in row.words)
    return PageText(row.number, row.width, row.height, words, row.ocr, row.confidence,
                    row.rotation, row.skew, warp=tuple(row.warp) if row.warp else None, bilevel=row.bilevel)
