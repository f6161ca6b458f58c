"""How far the reading of a dossier has gone since it last received something, from its events.

Stages: reçu → lu → compris → évalué. Something new (the first message, a message of the
thread, files added by an agent, a reading asked again, a join) starts them over; the
verdict is shown again only once the dossier is assessed after it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from worker.events import EventKind
from worker.persistence.db import Dossier, Event
from worker.persistence.store import Store

log = logging.getLogger(__name__)

# What makes a reading due again.
ARRIVALS = (EventKind.CREATED, EventKind.MESSAGE, EventKind.PIECES_UPLOADED, EventKind.REPROCESS_REQUESTED,
            EventKind.JOINED)
# Each stage and the events that say it is done (the understanding reads what was not read yet).
STAGES = (
    ("recu", "Reçu", "Fichiers reçus et conservés", "Réception des fichiers", ()),
    ("lu", "Lu", "Pages lues (texte et OCR)", "Lecture des pages (texte et OCR)",
     (EventKind.PIECES_READ, EventKind.UNDERSTOOD)),
    ("compris", "Compris", "Pièces classées et champs extraits", "Classement des pièces et extraction des champs",
     (EventKind.UNDERSTOOD,)),
    ("evalue", "Évalué", "Complétude évaluée", "Évaluation de la complétude", (EventKind.ASSESSED,)),
)


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    detail: str  # what is done once it is
    doing: str  # what goes on while it is the current stage
    done: bool


@dataclass(frozen=True)
class Progress:
    """The stages of the current reading; `pending` until the dossier is assessed (or failed)."""

    status: str
    stages: tuple[Stage, ...]
    failed: bool

    @property
    def assessed(self) -> bool:
        return self.stages[-1].done

    @property
    def pending(self) -> bool:
        return not self.assessed and not self.failed

    @property
    def current(self) -> Stage | None:
        """The first stage not done yet (None once assessed)."""
        return next((stage for stage in self.stages if not stage.done), None)

    @property
    def done_count(self) -> int:
        return sum(stage.done for stage in self.stages)

    def as_dict(self) -> dict:
        current = self.current
        return {"status": self.status, "pending": self.pending, "failed": self.failed,
                "current": current.key if current and not self.failed else None,
                "stages": [{"key": s.key, "label": s.label, "detail": s.detail, "doing": s.doing, "done": s.done}
                           for s in self.stages]}


def reading_progress(store: Store, dossier_id: str) -> Progress | None:
    """The dossier's reading progress, or None when there is no such dossier."""
    with store.session() as s:
        status = s.scalar(select(Dossier.status).where(Dossier.id == dossier_id))
        if status is None:
            return None
        latest = dict(s.execute(select(Event.kind, func.max(Event.id)).where(Event.dossier_id == dossier_id)
                                .group_by(Event.kind)).all())
    since = max((latest.get(kind) or 0 for kind in ARRIVALS), default=0)
    after = lambda kinds: any((latest.get(kind) or 0) > since for kind in kinds)  # noqa: E731
    # A dossier processed before events were kept (no "assessed" at all) counts as assessed.
    assessed = after((EventKind.ASSESSED,)) or (status == "processed" and EventKind.ASSESSED not in latest)
    stages = []
    for key, label, detail, doing, kinds in STAGES:
        done = key == "recu" or assessed or after(kinds)
        stages.append(Stage(key, label, detail, doing, done))
    failed = not assessed and (status == "failed" or after((EventKind.FAILED, EventKind.PROCESSING_FAILED)))
    return Progress(status, tuple(stages), failed)
