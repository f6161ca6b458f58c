"""The JSON API (flask-smorest): dossiers in the contract's form, corrections, decisions, uploads."""

from __future__ import annotations

import logging

from flask import Flask, current_app, g, request
from flask_smorest import Api, Blueprint, abort
from marshmallow import Schema, fields, validate

from schemas.api import REGIONS, FieldCorrectionSchema, FieldPatchSchema, TriageDecisionSchema
from schemas.export import DossierExportSchema
from schemas.labels import STATE_LABELS
from service.security import api_requires
from worker.core.export import export_dossier
from worker.instruction import review, review_queue

log = logging.getLogger(__name__)

blp = Blueprint("api_dossiers", __name__, url_prefix="/api", description="Dossiers de candidature")


class QueueArgsSchema(Schema):
    """Filters of the dossier list."""

    etat = fields.String(validate=validate.OneOf(tuple(STATE_LABELS)))
    complet = fields.Boolean()
    motif = fields.String()
    departement = fields.String(validate=validate.Length(max=3))
    region = fields.String(validate=validate.OneOf(REGIONS), metadata={"description": "Code INSEE de la région."})
    a_verifier = fields.Boolean(metadata={"description": "Avec (true) ou sans (false) lecture à vérifier."})
    etiquette = fields.String(validate=validate.Length(max=60), metadata={"description": "Étiquette portée."})
    archive = fields.String(load_default="non", validate=validate.OneOf(("non", "oui", "tous")),
                            metadata={"description": "non : la file de travail ; oui : les archivés ; tous."})
    q = fields.String(validate=validate.Length(max=200))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    par_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class QueueItemSchema(Schema):
    """One dossier of the list."""

    id = fields.String(attribute="dossier_id")
    status = fields.String()
    state = fields.String()
    complete = fields.Boolean()
    reasons = fields.Function(lambda e: e["reasons"].split())
    departement = fields.String(allow_none=True)
    collectivite = fields.String()
    received_at = fields.DateTime()
    assignee = fields.String(allow_none=True)
    decision = fields.String(allow_none=True)
    a_verifier = fields.Integer(metadata={"description": "Nombre de lectures à vérifier (needs_review)."})
    labels = fields.List(fields.String(), metadata={"description": "Étiquettes du dossier."})
    archived = fields.Boolean(metadata={"description": "Dossier archivé."})


class QueueListSchema(Schema):
    """A page of the dossier list."""

    total = fields.Integer()
    page = fields.Integer()
    items = fields.List(fields.Nested(QueueItemSchema))


class IntakeSchema(Schema):
    """What an upload became."""

    dossier_id = fields.String()
    processing = fields.String()


def _store():
    return current_app.extensions["guichet"].store


def _export(dossier_id: str) -> dict:
    if _store().dossier(dossier_id) is None:
        abort(404, message="Dossier introuvable.")
    return export_dossier(_store(), _store().merged_into(dossier_id))  # a joined dossier answers as its host


@blp.get("/dossiers")
@api_requires("lecteur")
@blp.arguments(QueueArgsSchema, location="query")
@blp.response(200, QueueListSchema)
def list_dossiers(args: dict):
    """List dossiers of the triage queue (filters, pagination)."""
    query = review_queue.QueueQuery(
        state=args.get("etat"), complete=args.get("complet"), reason=args.get("motif"),
        departement=args.get("departement"), region=args.get("region"),
        to_check=args.get("a_verifier"), text=args.get("q"), label=args.get("etiquette"),
        archived={"non": False, "oui": True, "tous": None}[args["archive"]],
        page=args["page"], per_page=args["par_page"])
    page = review_queue.list_queue(_store(), query, max_age=2.0)
    from worker.instruction import team

    labels = team.labels_of(_store(), [e.dossier_id for e in page.rows])
    items = [{**_item(e), "a_verifier": page.to_check.get(e.dossier_id, 0), "labels": labels[e.dossier_id],
              "archived": e.archived_at is not None} for e in page.rows]
    return {"total": page.total, "page": query.page, "items": items}


def _item(entry) -> dict:
    return {key: getattr(entry, key) for key in ("dossier_id", "status", "state", "complete", "reasons",
                                                 "departement", "collectivite", "received_at", "assignee",
                                                 "decision")}


@blp.get("/dossiers/<dossier_id>")
@api_requires("lecteur")
@blp.response(200, DossierExportSchema)
def get_dossier(dossier_id: str):
    """One dossier, as the export contract (dossier-export v1) says."""
    return _export(dossier_id)


@blp.patch("/dossiers/<dossier_id>/fields/<field_id>")
@api_requires("instructeur")
@blp.arguments(FieldPatchSchema)
@blp.response(200, DossierExportSchema)
def patch_field(body: dict, dossier_id: str, field_id: str):
    """Correct a field (validated per field id); the change is recorded in the history."""
    _export(dossier_id)
    data = FieldCorrectionSchema().load({**request.get_json(silent=True), "field": field_id})
    review.correct_field(_store(), dossier_id, field_id, data["value"], data["reason"], g.user.login)
    return _export(dossier_id)


@blp.post("/dossiers/<dossier_id>/decision")
@api_requires("instructeur")
@blp.arguments(TriageDecisionSchema)
@blp.response(200, DossierExportSchema)
def post_decision(body: dict, dossier_id: str):
    """Record the triage decision (eligible, a_completer, non_eligible) with a comment."""
    export = _export(dossier_id)
    text = review.request_text(export) if body["decision"] == "a_completer" else None
    review.decide(_store(), dossier_id, body["decision"], body["comment"], g.user.login, text)
    from worker.mail import outbox  # the mail announcing it waits, as a draft, in GET .../outbox

    outbox.draft_for_decision(_store(), current_app.extensions["guichet"].settings, dossier_id,
                              body["decision"], body["comment"], g.user.login)
    return _export(dossier_id)


@blp.post("/messages")
@api_requires("instructeur")
@blp.response(202, IntakeSchema)
@blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
    "type": "object", "properties": {"message": {"type": "string", "format": "binary"}}}}}})
def upload_message():
    """Upload one e-mail (.eml): it joins its thread's dossier, or starts one; reading follows."""
    upload = request.files.get("message")
    if upload is None:
        abort(422, message="Joignez le message dans le champ « message ».")
    return _intake(message=(upload.filename or "message.eml", upload.read()))


@blp.post("/files")
@api_requires("instructeur")
@blp.response(202, IntakeSchema)
@blp.doc(requestBody={"content": {"multipart/form-data": {"schema": {
    "type": "object", "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}})
def upload_files():
    """Upload the files of one dossier (PDF, images, .docx/.odt, .zip); reading follows."""
    uploads = request.files.getlist("files")
    if not uploads:
        abort(422, message="Joignez au moins un fichier dans le champ « files ».")
    return _intake(files=[(u.filename or "fichier", u.read()) for u in uploads])


def _intake(**given) -> dict:
    from service import jobs

    guichet = current_app.extensions["guichet"]
    dossier_id = review.ingest(guichet.store, guichet.settings, **given)
    names = [name for name, _data in given.get("files") or [given["message"]]]
    review.note_upload(guichet.store, dossier_id, g.user.login, names)  # in its history, as from the page
    jobs.schedule_processing(guichet.store, guichet.settings, dossier_id)
    return {"dossier_id": dossier_id, "processing": "queued"}


def install(app: Flask) -> None:
    """The Api object, its security scheme, and the dossiers blueprint."""
    api = Api(app)
    api.spec.components.security_scheme("jeton", {"type": "http", "scheme": "bearer",
                                                  "description": "Jeton d'API créé par un administrateur."})
    api.register_blueprint(blp)
    from service import mails

    api.register_blueprint(mails.blp)
    from service import team

    api.register_blueprint(team.blp)
