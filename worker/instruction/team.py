"""The bureau's own tools on dossiers: labels (étiquettes), private annotations, archiving, saved views."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from worker.events import EventKind
from worker.instruction.review import NotFound
from worker.instruction.review_queue import entry_of
from worker.persistence.db import Annotation, Dossier, DossierLabel, SavedView, utcnow
from worker.persistence.store import Store, note

log = logging.getLogger(__name__)

LABEL_MAX = 40
ANNOTATION_MAX = 5000
VIEW_NAME_MAX = 80
# The queue filters a view may keep (paging is not a filter).
VIEW_KEYS = ("etat", "lecture", "complet", "motif", "departement", "region", "a_verifier", "suivi", "q", "du",
             "au", "tri", "ordre", "etiquette", "archive", "par_page")


class TeamError(ValueError):
    """A refused label, note or view; the message is French, for the person."""


def clean_label(text: str) -> str:
    """A label as kept: spaces collapsed, at most LABEL_MAX characters."""
    label = " ".join((text or "").split())
    if not label:
        raise TeamError("Indiquez le texte de l'étiquette.")
    if len(label) > LABEL_MAX:
        raise TeamError(f"Une étiquette compte au plus {LABEL_MAX} caractères.")
    return label


def add_label(store: Store, dossier_id: str, text: str, actor: str) -> bool:
    """Put a label on a dossier; False when it already bears it (same words, any case)."""
    label = clean_label(text)
    with store.session() as s:
        _dossier(s, dossier_id)
        existing = s.scalars(select(DossierLabel.label).where(DossierLabel.dossier_id == dossier_id)).all()
        if label.casefold() in {e.casefold() for e in existing}:
            return False
        known = s.scalar(select(DossierLabel.label).where(func.lower(DossierLabel.label) == label.lower()).limit(1))
        label = known or label  # the team's spelling of a label already in use
        s.add(DossierLabel(dossier_id=dossier_id, label=label, created_by=actor))
        note(s, dossier_id, EventKind.LABEL_ADDED, {"label": label}, actor=actor)
    return True


def remove_label(store: Store, dossier_id: str, label: str, actor: str) -> bool:
    """Take a label off a dossier; False when it did not bear it."""
    with store.session() as s:
        _dossier(s, dossier_id)
        gone = s.execute(delete(DossierLabel).where(DossierLabel.dossier_id == dossier_id,
                                                    DossierLabel.label == label)).rowcount
        if gone:
            note(s, dossier_id, EventKind.LABEL_REMOVED, {"label": label}, actor=actor)
    return bool(gone)


def labels_of(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """The labels of these dossiers, sorted, by dossier."""
    with store.session() as s:
        return labels_in(s, ids)


def labels_in(s: Session, ids: list[str]) -> dict[str, list[str]]:
    """labels_of, in the caller's transaction."""
    out: dict[str, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        for did, label in s.execute(select(DossierLabel.dossier_id, DossierLabel.label)
                                    .where(DossierLabel.dossier_id.in_(ids[start:start + 500]))
                                    .order_by(DossierLabel.label)):
            out[did].append(label)
    return out


def all_labels(store: Store) -> list[str]:
    """Every label in use, for the queue's filter and the suggestions."""
    with store.session() as s:
        return all_labels_in(s)


def all_labels_in(s: Session) -> list[str]:
    """all_labels, in the caller's transaction."""
    return list(s.scalars(select(DossierLabel.label).distinct().order_by(DossierLabel.label)))


def annotate(store: Store, dossier_id: str, body: str, author: str) -> Annotation:
    """A private note on a dossier, with its author and date."""
    text = (body or "").strip()
    if not text:
        raise TeamError("L'annotation est vide.")
    if len(text) > ANNOTATION_MAX:
        raise TeamError(f"Une annotation compte au plus {ANNOTATION_MAX} caractères.")
    with store.session() as s:
        _dossier(s, dossier_id)
        note = Annotation(dossier_id=dossier_id, author=author, body=text, created_at=utcnow())
        s.add(note)
        s.flush()
        s.expunge(note)
    return note


def annotations(store: Store, dossier_id: str) -> list[Annotation]:
    """The notes on a dossier, newest first."""
    with store.session() as s:
        return list(s.scalars(select(Annotation).where(Annotation.dossier_id == dossier_id)
                              .order_by(Annotation.created_at.desc(), Annotation.id.desc())))


def set_archived(store: Store, dossier_id: str, archived: bool, actor: str) -> bool:
    """Archive a dossier (out of the queue's default view) or bring it back; False when nothing changed."""
    with store.session() as s:
        _dossier(s, dossier_id)
        entry = entry_of(s, dossier_id)
        if (entry.archived_at is not None) == archived:
            return False
        entry.archived_at = utcnow() if archived else None
        note(s, dossier_id, EventKind.ARCHIVED if archived else EventKind.UNARCHIVED, {}, actor=actor)
    return True


def view_query(args) -> str:
    """The query string a view keeps: known filters only, empty values left out."""
    return urlencode([(k, v) for k, v in (args.items() if hasattr(args, "items") else parse_qsl(args))
                      if k in VIEW_KEYS and str(v).strip()])


def view_args(query) -> dict:
    """A view's query string (or a form) as arguments for the queue's URL."""
    return dict(parse_qsl(view_query(query)))


def save_view(store: Store, owner: str, name: str, args) -> SavedView:
    """Save (or replace) one user's named view of the queue."""
    name = " ".join((name or "").split())
    if not name:
        raise TeamError("Donnez un nom à la vue.")
    if len(name) > VIEW_NAME_MAX:
        raise TeamError(f"Le nom d'une vue compte au plus {VIEW_NAME_MAX} caractères.")
    query = view_query(args)
    if len(query) > 1000:
        raise TeamError("Ces filtres sont trop longs pour être enregistrés.")
    with store.session() as s:
        view = s.scalar(select(SavedView).where(SavedView.owner == owner, SavedView.name == name))
        if view is None:
            view = SavedView(owner=owner, name=name, query=query, created_at=utcnow())
            s.add(view)
        view.query = query
        s.flush()
        s.expunge(view)
    return view


def views(store: Store, owner: str) -> list[SavedView]:
    """One user's saved views, by name."""
    with store.session() as s:
        return views_in(s, owner)


def views_in(s: Session, owner: str) -> list[SavedView]:
    """views, in the caller's transaction."""
    return list(s.scalars(select(SavedView).where(SavedView.owner == owner).order_by(SavedView.name)))


def delete_view(store: Store, owner: str, view_id: int) -> None:
    """Delete one of the user's views (another's is not found)."""
    with store.session() as s:
        if not s.execute(delete(SavedView).where(SavedView.id == view_id, SavedView.owner == owner)).rowcount:
            raise NotFound(str(view_id))


def _dossier(s, dossier_id: str) -> Dossier:
    dossier = s.get(Dossier, dossier_id)
    if dossier is None:
        raise NotFound(dossier_id)
    return dossier
