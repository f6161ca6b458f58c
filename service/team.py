"""The bureau's own tools: labels, private annotations and archiving of a dossier; saved views of the queue.
Pages (forms) and their API equivalents."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, flash, g, redirect, request, url_for
from flask_smorest import Blueprint as ApiBlueprint, abort
from marshmallow import Schema, fields, validate

from service.security import api_requires, requires
from worker.instruction import team
from worker.instruction.team import TeamError

log = logging.getLogger(__name__)

bp = Blueprint("team", __name__)
blp = ApiBlueprint("api_team", __name__, url_prefix="/api", description="Étiquettes, annotations, archivage")


def _store():
    return current_app.extensions["guichet"].store


def _back(dossier_id: str, anchor: str):
    return redirect(url_for("review.show", dossier_id=dossier_id, _anchor=anchor))


# Pages ------------------------------------------------------------------------

@bp.post("/dossiers/<dossier_id>/etiquettes")
@requires("instructeur")
def add_label(dossier_id: str):
    """Put a label on the dossier."""
    try:
        added = team.add_label(_store(), dossier_id, request.form.get("label", ""), g.user.login)
    except TeamError as exc:
        flash(f"Étiquette refusée : {exc}", "error")
    else:
        flash("L'étiquette est ajoutée." if added else "Le dossier porte déjà cette étiquette.",
              "success" if added else "info")
    return _back(dossier_id, "etiquettes")


@bp.post("/dossiers/<dossier_id>/etiquettes/retirer")
@requires("instructeur")
def remove_label(dossier_id: str):
    """Take a label off the dossier."""
    if team.remove_label(_store(), dossier_id, request.form.get("label", ""), g.user.login):
        flash(f"L'étiquette « {request.form.get('label', '')} » est retirée.", "success")
    return _back(dossier_id, "etiquettes")


@bp.post("/dossiers/<dossier_id>/annotations")
@requires("instructeur")
def annotate(dossier_id: str):
    """Add a private annotation (the bureau's only: never exported, never mailed)."""
    try:
        team.annotate(_store(), dossier_id, request.form.get("body", ""), g.user.login)
    except TeamError as exc:
        flash(f"Annotation non enregistrée : {exc}", "error")
    else:
        flash("L'annotation est enregistrée.", "success")
    return _back(dossier_id, "annotations")


@bp.post("/dossiers/<dossier_id>/archiver")
@requires("instructeur")
def archive(dossier_id: str):
    """Archive the dossier, or bring it back to the queue."""
    archived = request.form.get("action") != "desarchiver"
    team.set_archived(_store(), dossier_id, archived, g.user.login)
    flash("Le dossier est archivé : il n'apparaît plus dans la file que par le filtre « Archivés »." if archived
          else "Le dossier est de retour dans la file.", "success")
    return redirect(url_for("review.show", dossier_id=dossier_id))


@bp.post("/vues")
@requires("lecteur")
def save_view():
    """Save the queue's current filters under a name, for this user."""
    try:
        view = team.save_view(_store(), g.user.login, request.form.get("name", ""), request.form)
    except TeamError as exc:
        flash(f"Vue non enregistrée : {exc}", "error")
        return redirect(url_for("queue.index", **team.view_args(request.form)))
    flash(f"La vue « {view.name} » est enregistrée.", "success")
    return redirect(url_for("queue.index", **team.view_args(view.query)))


@bp.post("/vues/<int:view_id>/supprimer")
@requires("lecteur")
def delete_view(view_id: str):
    """Delete one of this user's views."""
    team.delete_view(_store(), g.user.login, view_id)
    flash("La vue est supprimée.", "success")
    return redirect(url_for("queue.index"))


# API --------------------------------------------------------------------------

class LabelSchema(Schema):
    label = fields.String(required=True, validate=validate.Length(min=1, max=team.LABEL_MAX),
                          metadata={"description": "Texte de l'étiquette."})


class LabelsSchema(Schema):
    labels = fields.List(fields.String())


class AnnotationInSchema(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=team.ANNOTATION_MAX))


class AnnotationSchema(Schema):
    id = fields.Integer()
    author = fields.String()
    created_at = fields.DateTime()
    body = fields.String()


class ArchiveSchema(Schema):
    archived = fields.Boolean(required=True,
                              metadata={"description": "true : archiver ; false : remettre dans la file."})


def _exists(dossier_id: str) -> None:
    if _store().dossier(dossier_id) is None:
        abort(404, message="Dossier introuvable.")


def _labels(dossier_id: str) -> dict:
    return {"labels": team.labels_of(_store(), [dossier_id])[dossier_id]}


@blp.get("/dossiers/<dossier_id>/labels")
@api_requires("lecteur")
@blp.response(200, LabelsSchema)
def get_labels(dossier_id: str):
    """The labels (étiquettes) of a dossier."""
    _exists(dossier_id)
    return _labels(dossier_id)


@blp.post("/dossiers/<dossier_id>/labels")
@api_requires("instructeur")
@blp.arguments(LabelSchema)
@blp.response(200, LabelsSchema)
def post_label(body: dict, dossier_id: str):
    """Put a label on a dossier (a label it bears already changes nothing)."""
    _exists(dossier_id)
    try:
        team.add_label(_store(), dossier_id, body["label"], g.user.login)
    except TeamError as exc:
        abort(422, message=str(exc))
    return _labels(dossier_id)


@blp.delete("/dossiers/<dossier_id>/labels/<label>")
@api_requires("instructeur")
@blp.response(200, LabelsSchema)
def delete_label(dossier_id: str, label: str):
    """Take a label off a dossier."""
    _exists(dossier_id)
    team.remove_label(_store(), dossier_id, label, g.user.login)
    return _labels(dossier_id)


@blp.get("/dossiers/<dossier_id>/annotations")
@api_requires("instructeur")
@blp.response(200, AnnotationSchema(many=True))
def get_annotations(dossier_id: str):
    """The private annotations of a dossier, newest first (instructeurs only; never in the export)."""
    _exists(dossier_id)
    return team.annotations(_store(), dossier_id)


@blp.post("/dossiers/<dossier_id>/annotations")
@api_requires("instructeur")
@blp.arguments(AnnotationInSchema)
@blp.response(201, AnnotationSchema)
def post_annotation(body: dict, dossier_id: str):
    """Add a private annotation, signed by the token's account."""
    _exists(dossier_id)
    try:
        return team.annotate(_store(), dossier_id, body["body"], g.user.login)
    except TeamError as exc:
        abort(422, message=str(exc))


@blp.put("/dossiers/<dossier_id>/archive")
@api_requires("instructeur")
@blp.arguments(ArchiveSchema)
@blp.response(200, ArchiveSchema)
def put_archive(body: dict, dossier_id: str):
    """Archive a dossier (it leaves the default list) or bring it back."""
    _exists(dossier_id)
    team.set_archived(_store(), dossier_id, body["archived"], g.user.login)
    return {"archived": body["archived"]}
