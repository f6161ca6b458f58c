"""Upload in the application: files or an e-mail, as a new dossier or added to one; the reading's
progress as JSON for the dossier page. The intake is the API's (worker.instruction.review.ingest)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, request, url_for

from service.security import requires
from worker.core import progress
from worker.instruction import review

log = logging.getLogger(__name__)

bp = Blueprint("upload", __name__)
ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.odt,.doc,.rtf,.zip,.eml,.msg,.mbox"


@dataclass
class Received:
    """One file of the form, checked."""

    name: str
    data: bytes
    message: bool  # an e-mail: taken in as a message of its thread (or of the dossier)


def _guichet():
    return current_app.extensions["guichet"]


@bp.route("/depot", methods=["GET", "POST"])
@requires("instructeur")
def new():
    """A new dossier from files, or an e-mail that joins its thread's dossier (or starts one)."""
    return _form(None)


@bp.route("/dossiers/<dossier_id>/ajouter", methods=["GET", "POST"])
@requires("instructeur")
def add(dossier_id: str):
    """Pieces or an e-mail added to this dossier."""
    kept = _guichet().store.merged_into(dossier_id)
    if _guichet().store.dossier(kept) is None:
        raise review.NotFound(dossier_id)
    return _form(kept)


@bp.get("/dossiers/<dossier_id>/lecture.json")
@requires("lecteur")
def reading(dossier_id: str):
    """How far the reading has gone, for the dossier page to poll."""
    found = progress.reading_progress(_guichet().store, _guichet().store.merged_into(dossier_id))
    if found is None:
        raise review.NotFound(dossier_id)
    return jsonify(found.as_dict())


def _form(dossier_id: str | None):
    errors: list[dict] = []
    if request.method == "POST":
        received, errors = check(request.files.getlist("fichiers"), _guichet().settings.limits.max_file_bytes)
        if not errors:
            target = take_in(received, dossier_id)
            flash("Dépôt enregistré : " + _count(received) + ". La lecture du dossier est en cours.", "success")
            return redirect(url_for("review.show", dossier_id=target))
    limit = review.size_fr(_guichet().settings.limits.max_file_bytes)
    return render_template("upload/form.html", dossier_id=dossier_id, errors=errors, limit=limit,
                           accept=ACCEPT), (422 if errors else 200)


def check(uploads, max_bytes: int) -> tuple[list[Received], list[dict]]:
    """The files, or the French reason of each one refused (with its error code): nothing is
    taken in unless every file is acceptable, so that the agent can correct the choice."""
    received, errors = [], []
    uploads = [u for u in uploads if u.filename]
    if not uploads:
        return [], [{"file": None, "code": None, "message": "Choisissez au moins un fichier."}]
    for upload in uploads:
        upload.stream.seek(0, 2)
        size = upload.stream.tell()
        upload.stream.seek(0)
        refused = review.upload_refusal(size, max_bytes)
        data = None if refused else upload.read()
        refused = refused or review.upload_refusal(size, max_bytes, data)
        if refused:
            errors.append({"file": upload.filename, "code": refused[0], "message": refused[1]})
        else:
            received.append(Received(upload.filename, data, review.is_message(data)))
    return received, errors


def take_in(received: list[Received], dossier_id: str | None) -> str:
    """Through the API's intake: each e-mail as a message (its thread, or `dossier_id`), the other
    files together; then the reading is queued. Returns the dossier shown next."""
    from service import jobs

    guichet = _guichet()
    messages = [r for r in received if r.message]
    files = [r for r in received if not r.message]
    if dossier_id is None and len(received) > 1:  # several files together are one new dossier
        messages, files = [], received
    touched: list[str] = []
    for item in messages:
        touched.append(review.ingest(guichet.store, guichet.settings, message=(item.name, item.data),
                                     dossier_id=dossier_id))
    if files:
        touched.append(review.ingest(guichet.store, guichet.settings, files=[(f.name, f.data) for f in files],
                                     dossier_id=dossier_id))
    for target in dict.fromkeys(touched):
        review.note_upload(guichet.store, target, g.user.login, [r.name for r in received])
        jobs.schedule_processing(guichet.store, guichet.settings, target)
    return touched[0] if dossier_id is None else dossier_id


def _count(received: list[Received]) -> str:
    return f"{len(received)} fichier{'s' if len(received) > 1 else ''}"
