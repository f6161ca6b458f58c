"""The one place where exceptions become responses: JSON under /api/, a French DSFR page elsewhere."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from worker.instruction.review import NotFound
from worker.persistence.accounts import AccountError

log = logging.getLogger(__name__)

TITLES = {
    400: "Requête invalide", 401: "Authentification requise", 403: "Accès refusé",
    404: "Page introuvable", 405: "Méthode non autorisée", 413: "Fichier trop volumineux",
    422: "Données invalides", 429: "Trop de tentatives", 500: "Erreur inattendue",
}
DESCRIPTIONS = {
    401: "Connectez-vous pour accéder à cette ressource.",
    403: "Votre rôle ne permet pas cette action.",
    404: "La page ou le dossier demandé n'existe pas.",
    405: "Cette action n'est pas permise ici.",
    413: "Le fichier envoyé dépasse la taille autorisée.",
    429: "Trop de tentatives de connexion : patientez une minute avant de réessayer.",
    500: "Une erreur est survenue ; elle a été journalisée.",
}


def install(app: Flask) -> None:
    """Register the handlers (after flask-smorest's, so that ours win)."""
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(ValidationError, _validation)
    app.register_error_handler(NotFound, lambda exc: respond(404, None))
    app.register_error_handler(AccountError, lambda exc: respond(400, str(exc)))
    app.register_error_handler(Exception, _unexpected)


def respond(status: int, message: str | None, errors: dict | None = None):
    """JSON for the API, an HTML page for people."""
    message = message or DESCRIPTIONS.get(status) or TITLES.get(status, "Erreur")
    if request.path.startswith("/api/"):
        body = {"code": status, "status": TITLES.get(status, "Erreur"), "message": message}
        if errors:
            body["errors"] = errors
        response = jsonify(body)
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="guichet"'
        return response
    html = render_template("error.html", status=status, title=TITLES.get(status, "Erreur"), message=message)
    return html, status


def _http(exc: HTTPException):
    data = getattr(exc, "data", None) or {}
    errors = data.get("messages") if isinstance(data, dict) else None
    custom = exc.description != type(exc).description  # ours are French; Werkzeug's are not
    description = exc.description if custom else None
    if exc.code == 422 and errors:
        description = "Les données envoyées ne sont pas valides."
    return respond(exc.code or 500, description if isinstance(description, str) else None, errors)


def _validation(exc: ValidationError):
    return respond(422, "Les données envoyées ne sont pas valides.", exc.normalized_messages())


def _unexpected(exc: Exception):
    log.exception("unexpected error on %s %s", request.method, request.path)
    return respond(500, None)
