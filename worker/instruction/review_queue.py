"""The reviewers' queue: one line per dossier (its state, its collectivité, what to check), listed and filtered.

The lines are derived from the dossiers and refreshed when a dossier changes (worker/instruction/review.py
refreshes the line of each dossier it writes to).
"""

from __future__ import annotations

import logging
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.vocabulary import Decision
from schemas.display import departements_of_region, place_names
from schemas.values import fold  # the one accent folding, for the search text and the queries alike
from worker.persistence.accounts import QueueEntry
from worker.persistence.db import Dossier, DossierLabel, FieldRow, MessageRow, utcnow
from worker.persistence.store import Store

log = logging.getLogger(__name__)

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


@dataclass
class _Watch:
    """When a Store's queue lines were last checked, and from which change on they still need it."""

    checked: float  # time.monotonic() of the last check
    full: float  # ... of the last check of every line
    since: datetime | None  # dossiers changed from then on are checked (the newest change seen, less a margin)


# per Store, held weakly: keyed by id(), a later Store at a freed one's address took its watch
_WATCHES: weakref.WeakKeyDictionary[Store, _Watch] = weakref.WeakKeyDictionary()
FULL_CHECK_SECONDS = 300.0  # every line checked at least this often (a writer's clock or commit far behind)
CHANGE_MARGIN = timedelta(seconds=30)  # a change committed up to this long after it was stamped is seen

SORTS = {"received_at": QueueEntry.received_at, "departement": QueueEntry.departement,
         "collectivite": QueueEntry.collectivite, "state": QueueEntry.state,
         "id": QueueEntry.dossier_id, "status": QueueEntry.status}


def list_queue(store: Store, query: QueueQuery, *, limit: int | None = None,
               max_age: float = 0.0) -> QueuePage:
    """The queue filtered, sorted and paginated (`limit` overrides paging, for exports); lines of
    dossiers changed by the pipeline are refreshed first, at most once per `max_age` seconds."""
    refresh_due(store, max_age)
    with store.session() as s:
        return queue_in(s, query, limit=limit)


def refresh_due(store: Store, max_age: float = 0.0) -> None:
    """Refresh the lines the pipeline made stale, at most once per `max_age` seconds. With
    `max_age`, only dossiers changed since the newest change seen at the last check (less a margin)
    are looked at, through the index on dossier.updated_at, and every line once per FULL_CHECK_SECONDS:
    the page that falls due pays a few index reads, not a join of every dossier with its line."""
    now = time.monotonic()
    watch = _WATCHES.get(store)
    if max_age > 0 and watch is not None and now - watch.checked < max_age:
        return
    with store.session() as s:
        newest = s.scalar(select(func.max(Dossier.updated_at)))
    full = max_age <= 0 or watch is None or watch.since is None or now - watch.full >= FULL_CHECK_SECONDS
    refresh_queue(store, since=None if full else watch.since)
    _WATCHES[store] = _Watch(checked=now, full=now if full else watch.full,
                                 since=newest - CHANGE_MARGIN if newest is not None else None)


def queue_in(s: Session, query: QueueQuery, *, limit: int | None = None) -> QueuePage:
    """One page of the queue read in the caller's transaction: counts per state (the total is
    their sum, or the count of the state filtered on), the lines, their readings to check."""
    others = _conditions(QueueQuery(**{**query.__dict__, "state": None}))
    counts = dict(s.execute(select(QueueEntry.state, func.count()).where(*others)
                            .group_by(QueueEntry.state)).all())
    total = counts.get(query.state, 0) if query.state else sum(counts.values())
    order = SORTS.get(query.sort, QueueEntry.received_at)
    order = order.desc() if query.descending else order.asc()
    stmt = select(QueueEntry).where(*_conditions(query)).order_by(order, QueueEntry.dossier_id)
    if limit is None:
        stmt = stmt.limit(query.per_page).offset((max(query.page, 1) - 1) * query.per_page)
    else:
        stmt = stmt.limit(limit)
    rows = list(s.scalars(stmt).all())
    return QueuePage(rows, total, counts, readings_to_check(s, [e.dossier_id for e in rows]))


def field_values(store: Store, ids: list[str]) -> dict[str, dict[str, object]]:
    """The field values of these dossiers, by dossier then field id (for exports)."""
    values: dict[str, dict[str, object]] = {i: {} for i in ids}
    with store.session() as s:
        for start in range(0, len(ids), 500):
            for did, fid, value in s.execute(select(FieldRow.dossier_id, FieldRow.field_id, FieldRow.value)
                                             .where(FieldRow.dossier_id.in_(ids[start:start + 500]))):
                values[did][fid] = value
    return values


# Written as a literal, not a parameter: the planners (SQLite's always, PostgreSQL's for a prepared
# statement's generic plan) use the partial index ix_field_needs_review only on a condition they can match.
NEEDS_REVIEW = FieldRow.status == literal_column("'needs_review'")


def readings_to_check(s: Session, ids: list[str]) -> dict[str, int]:
    """How many fields of each dossier were read too uncertainly to be trusted (needs_review)."""
    counts: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        counts.update(s.execute(select(FieldRow.dossier_id, func.count()).where(
            FieldRow.dossier_id.in_(ids[start:start + 500]), NEEDS_REVIEW)
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
        uncertain = select(FieldRow.dossier_id).where(NEEDS_REVIEW)
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


def refresh_queue(store: Store, dossier_ids: list[str] | None = None, *, since: datetime | None = None) -> int:
    """Bring the queue lines of changed dossiers up to date (those changed from `since` on, when
    given); returns how many were refreshed."""
    with store.session() as s:
        stmt = (select(Dossier.id).outerjoin(QueueEntry, QueueEntry.dossier_id == Dossier.id)
                .where(or_(QueueEntry.dossier_id.is_(None), QueueEntry.synced_at < Dossier.updated_at)))
        if dossier_ids is not None:
            stmt = stmt.where(Dossier.id.in_(dossier_ids))
        if since is not None:
            stmt = stmt.where(Dossier.updated_at >= since)
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
        entry = entries.get(dossier_id) or entry_of(s, dossier_id)
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
    entry.received_at = min(dates, key=utc) if dates else dossier.created_at
    entry.decision = triage.get("decision")
    entry.state = _state(entry, messages)
    words = [dossier.id, entry.collectivite, _text(values.get("s3.intitule")), *place_names(entry.departement),
             *(_text(c.get("nom")) for c in values.get("s2.communes") or [] if isinstance(c, dict)),
             _text((values.get("s2.epci") or {}).get("nom") if isinstance(values.get("s2.epci"), dict) else ""),
             *(m.subject or "" for m in messages), *(m.sender or "" for m in messages)]
    entry.search = fold(" ".join(w for w in words if w))
    entry.synced_at = dossier.updated_at


def _state(entry: QueueEntry, messages: list) -> str:
    if entry.decision in (Decision.ELIGIBLE, Decision.NON_ELIGIBLE):
        return entry.decision
    if entry.decision == "a_completer" and entry.requested_at is not None:
        answered = any(utc(m.received_at) > utc(entry.requested_at) for m in messages)
        return "reponse_recue" if answered else "en_attente"
    return "suivi" if entry.assignee else "nouveau"


def entry_of(s: Session, dossier_id: str) -> QueueEntry:
    """The queue line of a dossier, created blank (to be derived) when it has none."""
    entry = s.get(QueueEntry, dossier_id)
    if entry is None:
        entry = QueueEntry(dossier_id=dossier_id, synced_at=datetime(2000, 1, 1), reasons=" ",
                           collectivite="", search="", received_at=utcnow())
        s.add(entry)
    return entry


def utc(value: datetime) -> datetime:
    from datetime import timezone

    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
