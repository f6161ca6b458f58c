"""« Mes résumés »: the daily digests Guichet sent an agent (through the outbox), and what the
next one would say now, with links to the dossiers."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, g, render_template
from sqlalchemy import select

from service.security import requires
from worker.instruction import review_queue
from worker.mail import digest
from worker.persistence.db import OutboxRow, utcnow

bp = Blueprint("digests", __name__)
SHOWN = 30  # a month of days


@bp.get("/resumes")
@requires("instructeur")
def index():
    """The agent's own digests, newest first; the last 24 hours as the next digest would list them."""
    store = current_app.extensions["guichet"].store
    review_queue.refresh_queue(store)  # lines of dossiers the pipeline just made
    now = utcnow()
    current = digest.compose(store, g.user.login, now - timedelta(hours=24))
    return render_template("digests/index.html", active="digests", sent=sent_digests(store, g.user.login),
                           sections=[("nouveaux", "Nouveaux dossiers", current.new),
                                     ("reponses", "Réponses reçues sur les dossiers que vous suivez", current.replies),
                                     ("attribues", "Dossiers qui vous ont été attribués", current.assigned)],
                           since=current.since, dossier_of=dossier_of)


def sent_digests(store, login: str) -> list[OutboxRow]:
    """The digests addressed to `login` (one a day at most), newest first."""
    with store.session() as s:
        rows = s.scalars(select(OutboxRow).where(OutboxRow.kind == "digest", OutboxRow.dedupe_key.like(
            f"digest:{_like_escaped(login)}:%", escape="\\")).order_by(OutboxRow.created_at.desc(),
                                                                      OutboxRow.id.desc()).limit(SHOWN))
        return list(rows)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def dossier_of(line: str) -> str:
    """The dossier id a digest line starts with ("D-… – Collectivité (dépt)", worker.mail.digest._line)."""
    return line.split(" – ", 1)[0]
