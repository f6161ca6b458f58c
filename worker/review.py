"""What reviewers change, each write with its Event: corrections, overrides, decisions, the queue."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.model import READER_VERSION, PieceKind
from schemas.complements import missing_items, request_text  # noqa: F401  (re-exported for the service)
from schemas.completeness import DossierView, assess_completeness
from schemas.display import departements_of_region, geography, place_names
from schemas.values import fold  # the one accent folding, for the search text and the queries alike
from worker.accounts import QueueEntry
from worker.db import DocumentRow, Dossier, DossierLabel, Event, FieldRow, FileRow, MessageRow, PageRow, Reading, utcnow
from worker.events import EventKind
from worker.store import Store, sender_domain

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
        if old == value and (row.status in ("corrected", "extracted") or (old is None and row.status == "missing")):
            return None
        row.value, row.status, row.confidence, row.corrected_by = value, "corrected", 1.0, actor
        row.updated_at = utcnow()
        change = {"field": field_id, "old": old, "new": value, "reason": reason}
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.FIELD_CORRECTED, data=change))
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
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.DOCUMENT_KIND_OVERRIDDEN, data=change))
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
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.VERDICT_OVERRIDDEN, data=entry))
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
        entry = _entry(s, dossier_id)
        entry.requested_at = now if decision == "a_completer" else None
        entry.request_text = request_text if decision == "a_completer" else None
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.TRIAGE_DECIDED,
                    data={"decision": decision, "comment": comment}))
        if decision == "a_completer":
            s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.COMPLEMENTS_REQUESTED,
                        data={"text": request_text or ""}))
        dossier.updated_at = now
        refresh_lines(s, [dossier_id])
    return triage


def take(store: Store, dossier_id: str, actor: str | None) -> None:
    """An instructeur follows a dossier (None: nobody does any more)."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        entry = _entry(s, dossier_id)
        previous = entry.assignee
        entry.assignee, entry.assigned_at = actor, utcnow() if actor else None
        kind = EventKind.TAKEN if actor else EventKind.RELEASED
        s.add(Event(dossier_id=dossier_id, actor=actor or previous or "guichet", kind=kind,
                    data={"previous": previous}))
        dossier.updated_at = utcnow()
        refresh_lines(s, [dossier_id])


def assign(store: Store, dossier_id: str, assignee: str, actor: str) -> None:
    """An instructeur gives a dossier to a colleague to follow (their own login: they follow it)."""
    if assignee == actor:
        take(store, dossier_id, actor)
        return
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        entry = _entry(s, dossier_id)
        previous = entry.assignee
        entry.assignee, entry.assigned_at = assignee, utcnow()
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.ASSIGNED,
                    data={"previous": previous, "assignee": assignee}))
        dossier.updated_at = utcnow()
        refresh_lines(s, [dossier_id])


def note_reprocess(store: Store, dossier_id: str, actor: str) -> None:
    """Record that an administrateur asked for a dossier to be read again."""
    with store.session() as s:
        _dossier(s, dossier_id)
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.REPROCESS_REQUESTED, data={}))


def _dossier(s: Session, dossier_id: str) -> Dossier:
    dossier = s.get(Dossier, dossier_id)
    if dossier is None:
        raise NotFound(dossier_id)
    return dossier


def _entry(s: Session, dossier_id: str) -> QueueEntry:
    entry = s.get(QueueEntry, dossier_id)
    if entry is None:
        entry = QueueEntry(dossier_id=dossier_id, synced_at=datetime(2000, 1, 1), reasons=" ",
                           collectivite="", search="", received_at=utcnow())
        s.add(entry)
    return entry


def _reassess(s: Session, dossier: Dossier) -> None:
    """The completeness rules (schemas.completeness, the pipeline's) on the dossier as it now
    stands, inside the caller's transaction: the stored verdict and the queue line agree with them."""
    dossier.updated_at = utcnow()
    if dossier.completeness is None:  # not assessed yet: the pipeline will, corrections included
        return
    s.flush()
    fields = {r.field_id: {"value": r.value, "confidence": r.confidence, "source": r.source, "status": r.status}
              for r in s.scalars(select(FieldRow).where(FieldRow.dossier_id == dossier.id))}
    kinds = set(s.scalars(select(DocumentRow.kind).where(DocumentRow.dossier_id == dossier.id)))
    pieces = {kind.value: kind.value in kinds for kind in PieceKind}
    dossier.completeness = assess_completeness(DossierView(pieces=pieces, fields=fields), geography()).as_dict()


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
    """The pages of a stored file (sizes only), rendering from the office file's PDF when there is one."""
    with store.session() as s:
        reading = s.scalar(select(Reading).where(Reading.sha256 == sha256,
                                                 Reading.reader_version == READER_VERSION))
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
            if dossier is not None and (entry is None or _utc(entry.synced_at) < _utc(dossier.updated_at)):
                refresh_lines(s, [dossier_id])
                entry = s.get(QueueEntry, dossier_id)
            return entry
    except IntegrityError:  # its line was created meanwhile by another request
        with store.session() as s:
            return s.get(QueueEntry, dossier_id)


# The queue ------------------------------------------------------------------

@dataclass
class QueueQuery:
    """Filters, sort and page of the triage queue."""

    state: str | None = None
    status: str | None = None
    complete: bool | None = None
    reason: str | None = None
    departement: str | None = None
    region: str | None = None
    to_check: bool | None = None  # with (True) or without (False) readings to check
    assignee: str | None = None
    label: str | None = None
    archived: bool | None = False  # False: the working queue; True: the archive only; None: both
    text: str | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    sort: str = "received_at"
    descending: bool = True
    page: int = 1
    per_page: int = 50


@dataclass
class QueuePage:
    """One page of the queue, the total matching, and counts per state."""

    rows: list[QueueEntry]
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    to_check: dict[str, int] = field(default_factory=dict)  # readings to check (needs_review) per dossier shown


_LAST_REFRESH: dict[int, float] = {}  # per Store: when its queue lines were last checked

SORTS = {"received_at": QueueEntry.received_at, "departement": QueueEntry.departement,
         "collectivite": QueueEntry.collectivite, "state": QueueEntry.state,
         "id": QueueEntry.dossier_id, "status": QueueEntry.status}


def list_queue(store: Store, query: QueueQuery, *, limit: int | None = None,
               max_age: float = 0.0) -> QueuePage:
    """The queue filtered, sorted and paginated (`limit` overrides paging, for exports); lines of
    dossiers changed by the pipeline are refreshed first, at most once per `max_age` seconds."""
    if time.monotonic() - _LAST_REFRESH.get(id(store), -1e9) >= max_age:
        refresh_queue(store)
        _LAST_REFRESH[id(store)] = time.monotonic()
    conditions = _conditions(query)
    order = SORTS.get(query.sort, QueueEntry.received_at)
    order = order.desc() if query.descending else order.asc()
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(QueueEntry).where(*conditions))
        stmt = select(QueueEntry).where(*conditions).order_by(order, QueueEntry.dossier_id)
        if limit is None:
            stmt = stmt.limit(query.per_page).offset((max(query.page, 1) - 1) * query.per_page)
        else:
            stmt = stmt.limit(limit)
        rows = list(s.scalars(stmt).all())
        to_check = readings_to_check(s, [e.dossier_id for e in rows])
        others = _conditions(QueueQuery(**{**query.__dict__, "state": None}))
        counts = dict(s.execute(select(QueueEntry.state, func.count()).where(*others)
                                .group_by(QueueEntry.state)).all())
    return QueuePage(rows, total or 0, counts, to_check)


def field_values(store: Store, ids: list[str]) -> dict[str, dict[str, object]]:
    """The field values of these dossiers, by dossier then field id (for exports)."""
    values: dict[str, dict[str, object]] = {i: {} for i in ids}
    with store.session() as s:
        for start in range(0, len(ids), 500):
            for did, fid, value in s.execute(select(FieldRow.dossier_id, FieldRow.field_id, FieldRow.value)
                                             .where(FieldRow.dossier_id.in_(ids[start:start + 500]))):
                values[did][fid] = value
    return values


def readings_to_check(s: Session, ids: list[str]) -> dict[str, int]:
    """How many fields of each dossier were read too uncertainly to be trusted (needs_review)."""
    counts: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        counts.update(s.execute(select(FieldRow.dossier_id, func.count()).where(
            FieldRow.dossier_id.in_(ids[start:start + 500]), FieldRow.status == "needs_review")
            .group_by(FieldRow.dossier_id)).all())
    return counts


def _conditions(query: QueueQuery) -> list:
    conditions = [] if query.status else [QueueEntry.status != "merged"]  # a joined dossier lives on in its host
    if query.state:
        conditions.append(QueueEntry.state == query.state)
    if query.status:
        conditions.append(QueueEntry.status == query.status)
    if query.complete is not None:
        conditions.append(QueueEntry.complete == query.complete)
    if query.reason:
        conditions.append(QueueEntry.reasons.like(f"% {_escape(query.reason)} %", escape="\\"))
    if query.departement:
        conditions.append(QueueEntry.departement == query.departement)
    if query.region:
        conditions.append(QueueEntry.departement.in_(departements_of_region(query.region)))
    if query.to_check is not None:
        uncertain = select(FieldRow.dossier_id).where(FieldRow.status == "needs_review")
        conditions.append(QueueEntry.dossier_id.in_(uncertain) if query.to_check
                          else QueueEntry.dossier_id.not_in(uncertain))
    if query.assignee:
        conditions.append(QueueEntry.assignee == query.assignee)
    if query.label:
        conditions.append(QueueEntry.dossier_id.in_(select(DossierLabel.dossier_id)
                                                    .where(DossierLabel.label == query.label)))
    if query.archived is not None:
        conditions.append(QueueEntry.archived_at.is_not(None) if query.archived else QueueEntry.archived_at.is_(None))
    if query.text:
        for word in fold(query.text).split():
            conditions.append(QueueEntry.search.like(f"%{_escape(word)}%", escape="\\"))
    if query.received_from:
        conditions.append(QueueEntry.received_at >= query.received_from)
    if query.received_to:
        conditions.append(QueueEntry.received_at < query.received_to)
    return conditions


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def refresh_queue(store: Store, dossier_ids: list[str] | None = None) -> int:
    """Bring the queue lines of changed dossiers up to date; returns how many were refreshed."""
    with store.session() as s:
        stmt = (select(Dossier.id).outerjoin(QueueEntry, QueueEntry.dossier_id == Dossier.id)
                .where(or_(QueueEntry.dossier_id.is_(None), QueueEntry.synced_at < Dossier.updated_at)))
        if dossier_ids is not None:
            stmt = stmt.where(Dossier.id.in_(dossier_ids))
        stale = list(s.scalars(stmt).all())
    for start in range(0, len(stale), 500):
        _refresh_chunk(store, stale[start:start + 500])
    return len(stale)


QUEUE_FIELDS = ("s1.collectivite.nom", "s2.departement", "courrier_prefet.departement", "s2.communes",
                "s2.epci", "s3.intitule", "courrier_collectivite.collectivite")


def _refresh_chunk(store: Store, ids: list[str]) -> None:
    try:
        with store.session() as s:
            refresh_lines(s, ids)
    except IntegrityError:  # another request created the same lines meanwhile: theirs are as good
        log.info("queue refresh raced for %d dossiers", len(ids))


def refresh_lines(s: Session, ids: list[str]) -> None:
    """Recompute the queue lines of these dossiers inside the caller's transaction."""
    s.flush()
    dossiers = {d.id: d for d in s.scalars(select(Dossier).where(Dossier.id.in_(ids)))}
    values: dict[str, dict] = {i: {} for i in ids}
    for fid, did, value in s.execute(select(FieldRow.field_id, FieldRow.dossier_id, FieldRow.value)
                                     .where(FieldRow.dossier_id.in_(ids), FieldRow.field_id.in_(QUEUE_FIELDS))):
        values[did][fid] = value
    messages: dict[str, list] = {i: [] for i in ids}
    for row in s.execute(select(MessageRow.dossier_id, MessageRow.date, MessageRow.received_at,
                                MessageRow.subject, MessageRow.sender).where(MessageRow.dossier_id.in_(ids))):
        messages[row.dossier_id].append(row)
    entries = {e.dossier_id: e for e in s.scalars(select(QueueEntry).where(QueueEntry.dossier_id.in_(ids)))}
    for dossier_id, dossier in dossiers.items():
        entry = entries.get(dossier_id) or _entry(s, dossier_id)
        _derive(entry, dossier, values[dossier_id], messages[dossier_id])


def _derive(entry: QueueEntry, dossier: Dossier, values: dict, messages: list) -> None:
    verdict = dossier.completeness or {"complete": False, "reasons": []}
    triage = dossier.triage or {}
    lifted = {(o["code"], o.get("detail")) for o in triage.get("overrides", [])}
    open_reasons = [r for r in verdict["reasons"] if (r["code"], r.get("detail")) not in lifted]
    entry.status = dossier.status
    entry.complete = not open_reasons if dossier.completeness else False
    entry.reasons = " " + " ".join(dict.fromkeys(r["code"] for r in open_reasons)) + " "
    departement = _text(values.get("s2.departement") or values.get("courrier_prefet.departement"))
    entry.departement = departement if 0 < len(departement) <= 3 else None
    entry.collectivite = _text(values.get("s1.collectivite.nom")
                               or values.get("courrier_collectivite.collectivite"))[:300]
    dates = [m.date or m.received_at for m in messages]
    entry.received_at = min(dates, key=_utc) if dates else dossier.created_at
    entry.decision = triage.get("decision")
    entry.state = _state(entry, messages)
    words = [dossier.id, entry.collectivite, _text(values.get("s3.intitule")), *place_names(entry.departement),
             *(_text(c.get("nom")) for c in values.get("s2.communes") or [] if isinstance(c, dict)),
             _text((values.get("s2.epci") or {}).get("nom") if isinstance(values.get("s2.epci"), dict) else ""),
             *(m.subject or "" for m in messages), *(m.sender or "" for m in messages)]
    entry.search = fold(" ".join(w for w in words if w))
    entry.synced_at = dossier.updated_at


def _state(entry: QueueEntry, messages: list) -> str:
    if entry.decision in ("eligible", "non_eligible"):
        return entry.decision
    if entry.decision == "a_completer" and entry.requested_at is not None:
        answered = any(_utc(m.received_at) > _utc(entry.requested_at) for m in messages)
        return "reponse_recue" if answered else "en_attente"
    return "suivi" if entry.assignee else "nouveau"


def _utc(value: datetime) -> datetime:
    from datetime import timezone

    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


# Intake and processing from the web ---------------------------------------------

def ingest(store: Store, settings, *, message: tuple[str, bytes] | None = None,
           files: list[tuple[str, bytes]] | None = None, dossier_id: str | None = None) -> str:
    """Store an uploaded e-mail (joins its thread's dossier) or loose files (a new dossier);
    with `dossier_id`, either joins that dossier."""
    from extractors.model import Part
    from worker import intake

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
    """Record that an agent added files to a dossier: its reading is due again (worker.progress)."""
    with store.session() as s:
        dossier = _dossier(s, dossier_id)
        if dossier.status == "failed":  # new material: to read again, not a failure yet
            dossier.status = "received"
        s.add(Event(dossier_id=dossier_id, actor=actor, kind=EventKind.PIECES_UPLOADED, data={"files": names[:50]}))


def process_now(store: Store, settings, dossier_id: str) -> None:
    """Read a dossier (again) here: corrections stay, the verdict is recomputed."""
    from worker import dispatch
    from worker.context import make_context

    dispatch.run_here(make_context(settings, store), dossier_id)


def read_now(store: Store, settings, dossier_id: str) -> None:
    """The reading stage alone, as the read job does it (cached by content, "pieces_read"
    recorded): the dossier page shows this stage done before the understanding begins."""
    from worker import pipeline
    from worker.context import make_context

    if store.merged_into(dossier_id) == dossier_id:
        pipeline.read(dossier_id, make_context(settings, store))


def dossier_file(store: Store, dossier_id: str, sha256: str) -> FileRow | None:
    """A file of this dossier by content hash (so that no other blob can be asked for)."""
    with store.session() as s:
        return s.scalar(select(FileRow).where(FileRow.dossier_id == dossier_id, FileRow.sha256 == sha256))
