"""The daily digest of each instructeur: new dossiers, replies received on the dossiers they follow,
dossiers given to them; queued in the outbox, sent like the porteurs' mail, once a day at most."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from worker.events import EventKind
from worker.mail import outbox
from worker.persistence import accounts
from worker.persistence.accounts import QueueEntry
from worker.persistence.db import Dossier, Event, MessageRow, OutboxRow, utcnow
from worker.persistence.store import Store, naive_utc
from worker.settings import Settings

log = logging.getLogger(__name__)

ROLES = ("instructeur", "administrateur")
PARIS = ZoneInfo("Europe/Paris")


@dataclass
class Digest:
    """What one agent should know since `since`, each line "D-… – Collectivité (dépt)"."""

    login: str
    since: datetime
    new: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    assigned: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.new or self.replies or self.assigned)


def compose(store: Store, login: str, since: datetime) -> Digest:
    """The digest of one agent."""
    digest = Digest(login, since)
    with store.session() as s:
        lines = {e.dossier_id: e for e in s.scalars(select(QueueEntry).where(
            QueueEntry.status != "merged", QueueEntry.archived_at.is_(None)))}
        # arrived since, whatever the date its mail bears
        made = set(s.scalars(select(Dossier.id).where(Dossier.created_at >= since)))
        digest.new = [_line(lines[i]) for i in sorted(made & set(lines))]
        replied = set()
        for dossier_id, received in s.execute(select(MessageRow.dossier_id, MessageRow.received_at)
                                              .where(MessageRow.received_at >= since)):
            entry = lines.get(dossier_id)
            if entry is not None and entry.assignee == login and entry.requested_at is not None \
                    and naive_utc(received) > naive_utc(entry.requested_at):
                replied.add(dossier_id)
        digest.replies = [_line(lines[i]) for i in sorted(replied)]
        assigned = select(Event).where(Event.kind == EventKind.ASSIGNED, Event.at >= since)
        given = {e.dossier_id for e in s.scalars(assigned)
                 if e.data.get("assignee") == login and e.dossier_id in lines and lines[e.dossier_id].assignee == login}
        digest.assigned = [_line(lines[i]) for i in sorted(given)]
    return digest


def _line(entry: QueueEntry) -> str:
    where = f" ({entry.departement})" if entry.departement else ""
    return f"{entry.dossier_id} – {entry.collectivite or 'collectivité non lue'}{where}"


def render(digest: Digest) -> tuple[str, str]:
    """Subject and plain-text body, in French."""
    local = digest.since.astimezone(PARIS)
    when = f"{local:%d/%m/%Y} à {local.hour} h {local:%M}"
    parts = [f"Bonjour,\n\nVoici ce qui est arrivé dans Guichet depuis le {when}.\n"]
    for title, lines in (("Nouveaux dossiers", digest.new), ("Réponses reçues sur les dossiers que vous suivez",
                                                               digest.replies),
                         ("Dossiers qui vous ont été attribués", digest.assigned)):
        parts.append(f"{title} ({len(lines)}) :\n" + ("\n".join(f"- {line}" for line in lines) or "- aucun") + "\n")
    parts.append("Ce message est envoyé automatiquement chaque jour par Guichet ; il n'appelle pas de réponse.")
    count = len(digest.new) + len(digest.replies) + len(digest.assigned)
    return f"Guichet – votre résumé du jour ({count} élément{'s' if count > 1 else ''})", "\n".join(parts)


def queue_digests(store: Store, settings: Settings, *, now: datetime | None = None,
                  hours: float = 24.0) -> list[OutboxRow]:
    """A digest in the outbox (queued) for each active agent who has something to read; at most
    one per agent and day (a second run the same day adds nothing)."""
    from worker.instruction.review_queue import refresh_queue

    now = now or utcnow()
    since = now - timedelta(hours=hours)
    refresh_queue(store)  # lines of dossiers the pipeline just made
    made = []
    for user in accounts.list_users(store):
        if not user.active or user.role not in ROLES:
            continue
        digest = compose(store, user.login, since)
        if digest.empty():
            continue
        subject, body = render(digest)
        row = OutboxRow(dossier_id=None, kind="digest", status="queued",
                        dedupe_key=f"digest:{user.login}:{now:%Y-%m-%d}",
                        message_id=outbox.new_message_id(settings, "resume"), reference_ids=[],
                        recipients=[user.login], subject=subject, body_text=body, attempts=0)
        try:
            with store.session() as s:
                s.add(row)
        except IntegrityError:  # today's digest of this agent is made already
            continue
        made.append(row)
    return made


def send_digests(store: Store, settings: Settings, **given) -> list[OutboxRow]:
    """Queue today's digests and have them sent through the outbox."""
    rows = queue_digests(store, settings, **given)
    for row in rows:
        outbox.dispatch(store, settings, row.id)
    return rows
