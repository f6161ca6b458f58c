"""The mails of a dossier: the thread shown on its page, the outbox checked, edited and sent, on
the web and through the API."""

from __future__ import annotations

import logging

from flask import Blueprint as FlaskBlueprint, current_app, flash, g, redirect, request, url_for
from flask_smorest import Blueprint, abort

from schemas.outbox import (
    KIND_LABELS,
    STATUS_LABELS,
    OutboxEditSchema,
    OutboxMailSchema,
    OutboxRetrySchema,
    ThreadItemSchema,
)
from service.security import api_requires, can, requires
from worker.instruction import review
from worker.mail import outbox
from worker.mail.thread import dossier_thread

log = logging.getLogger(__name__)

bp = FlaskBlueprint("mails", __name__, url_prefix="/dossiers")
blp = Blueprint("api_outbox", __name__, url_prefix="/api", description="Courriels aux porteurs")


def _guichet():
    return current_app.extensions["guichet"]


def page_context(dossier_id: str) -> dict:
    """What the dossier page's mail partial shows: the thread and the mails not sent yet."""
    guichet = _guichet()
    pending = outbox.rows(guichet.store, dossier_id, ("draft", "queued", "connecting", "failed", "uncertain"))
    return {"thread": dossier_thread(guichet.store, dossier_id, guichet.settings.mail.from_address),
            "pending_mails": pending, "relay_configured": bool(guichet.settings.mail.relay_host)}


def install(app) -> None:
    """The page blueprint, and `dossier_mails(id)` for the dossier page's partial."""
    app.register_blueprint(bp)
    app.jinja_env.globals.update(dossier_mails=page_context, OUTBOX_STATUS_LABELS=STATUS_LABELS,
                                 OUTBOX_KIND_LABELS=KIND_LABELS)


def _row(dossier_id: str, outbox_id: int):
    row = outbox.get(_guichet().store, outbox_id)
    if row is None or row.dossier_id != dossier_id:
        raise review.NotFound(f"courriel {outbox_id}")
    return row


# The page -------------------------------------------------------------------------

@bp.post("/<dossier_id>/courriels/<int:outbox_id>")
@requires("instructeur")
def update(dossier_id: str, outbox_id: int):
    """Save the mail as edited; "envoyer" also sends it."""
    _row(dossier_id, outbox_id)
    store, settings = _guichet().store, _guichet().settings
    parsed = outbox.parse_recipients(request.form.get("recipients", ""))
    subject = request.form.get("subject", "").strip()
    body = request.form.get("body", "")
    problems = []
    if parsed.invalid:
        problems.append("adresse(s) invalide(s) : " + ", ".join(parsed.invalid))
    if not parsed.valid:
        problems.append("indiquez au moins un destinataire")
    if not subject or not body.strip():
        problems.append("l'objet et le texte ne peuvent pas être vides")
    if problems:
        flash("Courriel non enregistré : " + " ; ".join(problems) + ".", "error")
        return _back(dossier_id)
    try:
        outbox.edit(store, outbox_id, actor=g.user.login, recipients=parsed.valid, subject=subject, body=body)
        if request.form.get("action") == "envoyer":
            outbox.send(store, settings, outbox_id, actor=g.user.login)
    except outbox.NotEditable:
        flash("Ce courriel est déjà parti (ou en cours d'envoi) : il ne peut plus être modifié.", "error")
        return _back(dossier_id)
    if request.form.get("action") == "envoyer":
        flash("Le courriel est envoyé aux porteurs." if settings.mail.relay_host else
              "Le courriel attend l'envoi : aucun relais SMTP n'est configuré.", "success")
    else:
        flash("Le courriel est enregistré.", "success")
    return _back(dossier_id)


@bp.post("/<dossier_id>/courriels/<int:outbox_id>/renvoyer")
@requires("instructeur")
def resend(dossier_id: str, outbox_id: int):
    """Try a failed mail again; an uncertain one only for an administrateur, who checked."""
    _row(dossier_id, outbox_id)
    force = request.form.get("force") == "1" and can("administrateur")
    try:
        outbox.retry(_guichet().store, _guichet().settings, outbox_id, actor=g.user.login, force=force)
    except outbox.NotEditable:
        flash("Ce courriel ne peut pas être renvoyé dans son état actuel.", "error")
    except ValueError as exc:
        flash(str(exc), "error")
    else:
        flash("Le courriel est remis à l'envoi.", "success")
    return _back(dossier_id)


def _back(dossier_id: str):
    return redirect(url_for("review.show", dossier_id=dossier_id, _anchor="courriels"))


# The API ---------------------------------------------------------------------------

def _api_dossier(dossier_id: str) -> str:
    store = _guichet().store
    if store.dossier(dossier_id) is None:
        abort(404, message="Dossier introuvable.")
    return store.merged_into(dossier_id)


def _api_row(dossier_id: str, outbox_id: int):
    row = outbox.get(_guichet().store, outbox_id)
    if row is None or row.dossier_id != _api_dossier(dossier_id):
        abort(404, message="Courriel introuvable.")
    return row


@blp.get("/dossiers/<dossier_id>/outbox")
@api_requires("lecteur")
@blp.response(200, OutboxMailSchema(many=True))
def list_mails(dossier_id: str):
    """The mails of a dossier, oldest first: drafts, queued, sent, failed, uncertain, cancelled."""
    return outbox.rows(_guichet().store, _api_dossier(dossier_id))


@blp.patch("/dossiers/<dossier_id>/outbox/<int:outbox_id>")
@api_requires("instructeur")
@blp.arguments(OutboxEditSchema)
@blp.response(200, OutboxMailSchema)
@blp.alt_response(409, description="Le courriel est parti ou en cours d'envoi.")
def edit_mail(body: dict, dossier_id: str, outbox_id: int):
    """Change the recipients, subject or text of a mail not sent yet."""
    _api_row(dossier_id, outbox_id)
    try:
        return outbox.edit(_guichet().store, outbox_id, actor=g.user.login, recipients=body.get("recipients"),
                           subject=body.get("subject"), body=body.get("body"))
    except outbox.NotEditable as exc:
        abort(409, message=f"Courriel non modifiable (état {exc}).")


@blp.post("/dossiers/<dossier_id>/outbox/<int:outbox_id>/send")
@api_requires("instructeur")
@blp.response(202, OutboxMailSchema)
@blp.alt_response(409, description="Le courriel n'est pas un brouillon ni en échec.")
def send_mail(dossier_id: str, outbox_id: int):
    """Send a draft (or a failed mail): queued, then handed to the relay once."""
    _api_row(dossier_id, outbox_id)
    try:
        outbox.send(_guichet().store, _guichet().settings, outbox_id, actor=g.user.login)
    except outbox.NotEditable as exc:
        abort(409, message=f"Courriel déjà envoyé ou en cours d'envoi (état {exc}).")
    except ValueError as exc:
        abort(422, message=str(exc))
    return outbox.get(_guichet().store, outbox_id)


@blp.post("/dossiers/<dossier_id>/outbox/<int:outbox_id>/retry")
@api_requires("instructeur")
@blp.arguments(OutboxRetrySchema)
@blp.response(202, OutboxMailSchema)
@blp.alt_response(409, description="Le courriel n'est pas en échec (ou incertain sans force).")
def retry_mail(body: dict, dossier_id: str, outbox_id: int):
    """Try a failed mail again; `force` (administrateur) also an uncertain one."""
    _api_row(dossier_id, outbox_id)
    if body["force"] and not can("administrateur"):
        abort(403, message="Renvoyer un courriel d'envoi incertain est réservé aux administrateurs.")
    try:
        outbox.retry(_guichet().store, _guichet().settings, outbox_id, actor=g.user.login, force=body["force"])
    except outbox.NotEditable as exc:
        abort(409, message=f"Courriel non renvoyable (état {exc}).")
    return outbox.get(_guichet().store, outbox_id)


@blp.get("/dossiers/<dossier_id>/thread")
@api_requires("lecteur")
@blp.response(200, ThreadItemSchema(many=True))
def thread(dossier_id: str):
    """Every message received and every mail sent of a dossier, oldest first."""
    items = dossier_thread(_guichet().store, _api_dossier(dossier_id), _guichet().settings.mail.from_address)
    return [{**item.__dict__, "attachments": [a.__dict__ for a in item.attachments]} for item in items]
