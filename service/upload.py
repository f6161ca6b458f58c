"""Upload in the application: files or an e-mail, as a new dossier or added to one; the reading's
progress as JSON for the dossier page. The intake is the API's (worker.review.ingest)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, request, url_for

from extractors import sniff
from extractors.errors import MESSAGES, ErrorCode
from extractors.model import FileKind
from service.security import requires
from worker import progress, review

log = logging.getLogger(__name__)

bp = Blueprint("upload", __name__)
MESSAGE_KINDS = (FileKind.EMAIL, FileKind.MSG, FileKind.TNEF)  # each is taken in as a message of the thread
ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.odt,.doc,.rtf,.zip,.eml,.msg,.mbox"


@dataclass
class Received:
    """One file of the form, checked."""

    name: str
    data: bytes
    kind: FileKind


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
    limit = _megabytes(_guichet().settings.limits.max_file_bytes)
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
        name = upload.filename
        upload.stream.seek(0, 2)
        size = upload.stream.tell()
        upload.stream.seek(0)
        if size == 0:
            errors.append(_error(name, ErrorCode.FILE_EMPTY))
        elif size > max_bytes:
            errors.append(_error(name, ErrorCode.FILE_TOO_LARGE,
                                 f"{_megabytes(size)} ; maximum {_megabytes(max_bytes)} par fichier"))
        else:
            data = upload.read()
            kind = sniff.sniff(data)
            if kind is FileKind.UNKNOWN:
                errors.append(_error(name, ErrorCode.FILE_TYPE_UNSUPPORTED,
                                     "acceptés : PDF, images, .docx, .odt, .doc, .rtf, .zip, .eml, .msg"))
            else:
                received.append(Received(name, data, kind))
    return received, errors


def take_in(received: list[Received], dossier_id: str | None) -> str:
    """Through the API's intake: each e-mail as a message (its thread, or `dossier_id`), the other
    files together; then the reading is queued. Returns the dossier shown next."""
    from service import jobs

    guichet = _guichet()
    messages = [r for r in received if r.kind in MESSAGE_KINDS]
    files = [r for r in received if r.kind not in MESSAGE_KINDS]
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


def _error(name: str, code: ErrorCode, detail: str = "") -> dict:
    return {"file": name, "code": code.value, "message": MESSAGES[code] + (f" ({detail})" if detail else "")}


def _megabytes(size: int) -> str:
    """A size in French: 12 Mo, 1,5 Mo, 3 Ko."""
    for unit, scale in (("Go", 1 << 30), ("Mo", 1 << 20), ("Ko", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{size} octet{'s' if size > 1 else ''}"


def _count(received: list[Received]) -> str:
    return f"{len(received)} fichier{'s' if len(received) > 1 else ''}"
