"""The authorisation matrix: every role (and an anonymous visitor) against every action; forged CSRF."""

from __future__ import annotations

import io

import pytest

from tests.conftest import ROOT
from tests.service.conftest import ROLES, csrf_of, login

VISITORS = ("anonyme", *ROLES)
RANK = {"anonyme": -1, "lecteur": 0, "instructeur": 1, "administrateur": 2}


def ui_actions(dossier: str, sha: str, user_id: int, incomplete: str, reason: dict, token_id: int) -> list[tuple]:
    """(name, method, path, form, minimum role)."""
    return [
        ("file de tri", "GET", "/", None, "lecteur"),
        ("page dossier", "GET", f"/dossiers/{dossier}", None, "lecteur"),
        ("image de page", "GET", f"/dossiers/{dossier}/fichiers/{sha}/pages/1.png?l=160", None, "lecteur"),
        ("export CSV", "GET", "/export.csv", None, "lecteur"),
        ("export XLSX", "GET", "/export.xlsx?departement=35", None, "lecteur"),
        ("JSON du dossier", "GET", f"/dossiers/{dossier}.json", None, "lecteur"),
        ("ZIP des originaux", "GET", f"/dossiers/{dossier}/originaux.zip", None, "lecteur"),
        ("formulaire de correction", "GET", f"/dossiers/{dossier}/champs/fiche.lieu", None, "instructeur"),
        ("correction", "POST", f"/dossiers/{dossier}/champs/fiche.lieu", {"value": "Combourg", "reason": "x"}, "instructeur"),
        ("suivre", "POST", f"/dossiers/{dossier}/suivre", {}, "instructeur"),
        ("attribuer", "POST", f"/dossiers/{dossier}/attribuer", {"assignee": "instructeur@example.gouv.fr"}, "instructeur"),
        ("reclasser une pièce", "POST", f"/dossiers/{dossier}/pieces/0", {"kind": "fiche", "reason": "x"}, "instructeur"),
        ("lever un motif", "POST", f"/dossiers/{incomplete}/motifs",
         {"code": reason["code"], "detail": reason["detail"] or "", "reason": "x"}, "instructeur"),
        ("décider", "POST", f"/dossiers/{dossier}/decision", {"decision": "eligible", "comment": "x"}, "instructeur"),
        ("relire", "POST", f"/dossiers/{dossier}/relire", {}, "administrateur"),
        ("étiqueter", "POST", f"/dossiers/{dossier}/etiquettes", {"label": "à relire"}, "instructeur"),
        ("retirer une étiquette", "POST", f"/dossiers/{dossier}/etiquettes/retirer", {"label": "à relire"}, "instructeur"),
        ("annoter", "POST", f"/dossiers/{dossier}/annotations", {"body": "note"}, "instructeur"),
        ("archiver", "POST", f"/dossiers/{dossier}/archiver", {}, "instructeur"),
        ("désarchiver", "POST", f"/dossiers/{dossier}/archiver", {"action": "desarchiver"}, "instructeur"),
        ("enregistrer une vue", "POST", "/vues", {"name": "Ille-et-Vilaine", "departement": "35"}, "lecteur"),
        ("comptes", "GET", "/admin/utilisateurs", None, "administrateur"),
        ("créer un compte", "POST", "/admin/utilisateurs",
         {"login": "nouveau@example.gouv.fr", "password": "un-mot-de-passe-long", "role": "lecteur"}, "administrateur"),
        ("changer un rôle", "POST", f"/admin/utilisateurs/{user_id}", {"role": "instructeur"}, "administrateur"),
        ("créer un jeton", "POST", f"/admin/utilisateurs/{user_id}/jeton", {"label": "x"}, "administrateur"),
        ("révoquer un jeton", "POST", f"/admin/jetons/{token_id}/revoquer", {}, "administrateur"),
        ("changer son mot de passe", "GET", "/compte/mot-de-passe", None, "lecteur"),
        ("progression de la lecture", "GET", f"/dossiers/{dossier}/lecture.json", None, "lecteur"),
        ("formulaire de dépôt", "GET", "/depot", None, "instructeur"),
        ("mes résumés", "GET", "/resumes", None, "instructeur"),
        ("déposer un dossier", "POST", "/depot", {"fichiers": (io.BytesIO(_pdf()), "depot.pdf")}, "instructeur"),
        ("formulaire d'ajout de pièces", "GET", f"/dossiers/{dossier}/ajouter", None, "instructeur"),
        ("ajouter des pièces", "POST", f"/dossiers/{dossier}/ajouter",
         {"fichiers": (io.BytesIO(_pdf()), "ajout.pdf")}, "instructeur"),
    ]


def _pdf() -> bytes:
    return (ROOT / "samples" / "11_sans_courrier_prefet" / "input" / "Courrier_Maire_Guingamp.pdf").read_bytes()


def api_actions(dossier: str) -> list[tuple]:
    return [
        ("API liste", "GET", "/api/dossiers", None, "lecteur"),
        ("API dossier", "GET", f"/api/dossiers/{dossier}", None, "lecteur"),
        ("API correction", "PATCH", f"/api/dossiers/{dossier}/fields/fiche.lieu", {"value": "Combourg"}, "instructeur"),
        ("API décision", "POST", f"/api/dossiers/{dossier}/decision", {"decision": "eligible"}, "instructeur"),
        ("API étiquettes", "GET", f"/api/dossiers/{dossier}/labels", None, "lecteur"),
        ("API étiqueter", "POST", f"/api/dossiers/{dossier}/labels", {"label": "à relire"}, "instructeur"),
        ("API retirer une étiquette", "DELETE", f"/api/dossiers/{dossier}/labels/à relire", None, "instructeur"),
        ("API annotations", "GET", f"/api/dossiers/{dossier}/annotations", None, "instructeur"),
        ("API annoter", "POST", f"/api/dossiers/{dossier}/annotations", {"body": "note"}, "instructeur", 201),
        ("API archiver", "PUT", f"/api/dossiers/{dossier}/archive", {"archived": True}, "instructeur"),
    ]


@pytest.fixture
def context(app, ids):
    from worker.core.export import export_dossier
    from worker.persistence import accounts

    store = app.extensions["guichet"].store
    dossier = ids["01_pdf_numeriques"]
    sha = export_dossier(store, dossier)["documents"][0]["sha256"]
    lecteur = accounts.find_user(store, "lecteur@example.gouv.fr")
    incomplete = ids["11_sans_courrier_prefet"]  # a dossier that has a reason to lift
    reason = export_dossier(store, incomplete)["completeness"]["reasons"][0]
    accounts.create_token(store, lecteur.id, "matrice")  # for the revocation
    token_id = accounts.list_tokens(store, lecteur.id)[0].id
    return dossier, sha, lecteur.id, incomplete, reason, token_id


@pytest.mark.parametrize("visitor", VISITORS)
def test_ui_matrix(app, context, visitor, no_processing):
    client = app.test_client()
    token = login(client, visitor) if visitor != "anonyme" else csrf_of(client.get("/connexion").text)
    failures = []
    for name, method, path, form, minimum in ui_actions(*context):
        data = {**form, "csrf_token": token} if form is not None else None
        response = client.open(path, method=method, data=data)
        if visitor == "anonyme":
            expected_ok = response.status_code == 302 and "/connexion" in response.location
        elif RANK[visitor] >= RANK[minimum]:
            expected_ok = response.status_code in (200, 302) and "/connexion" not in (response.location or "")
        else:
            expected_ok = response.status_code == 403
        if not expected_ok:
            failures.append((name, response.status_code, response.location))
    assert failures == []


@pytest.mark.parametrize("visitor", VISITORS)
def test_api_matrix(app, context, tokens, visitor):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {tokens[visitor]}"} if visitor != "anonyme" else {}
    failures = []
    for name, method, path, body, minimum, *created in api_actions(context[0]):
        response = client.open(path, method=method, json=body, headers=headers)
        success = created[0] if created else 200
        expected = 401 if visitor == "anonyme" else success if RANK[visitor] >= RANK[minimum] else 403
        if response.status_code != expected:
            failures.append((name, response.status_code, expected))
    assert failures == []


def test_a_session_cookie_does_not_open_the_api(app, context):
    client = app.test_client()
    login(client, "administrateur")
    assert client.get("/api/dossiers").status_code == 401


@pytest.mark.parametrize("forged", ["jeton-forge", "", None])
def test_forged_or_missing_csrf_tokens_are_refused(app, context, forged, no_processing):
    client = app.test_client()
    login(client, "administrateur")
    refused = []
    for name, method, path, form, _minimum in ui_actions(*context) + [("déconnexion", "POST", "/deconnexion", {}, "lecteur")]:
        if method != "POST":
            continue
        data = dict(form) if forged is None else {**form, "csrf_token": forged}
        response = client.open(path, method=method, data=data)
        if response.status_code != 400:
            refused.append((name, response.status_code))
    assert refused == []
    dossier = context[0]
    assert "Aucune décision" in client.get(f"/dossiers/{dossier}").text
    assert no_processing == []


def test_a_csrf_token_of_another_session_is_refused(app, context):
    other = app.test_client()
    stolen = login(other, "administrateur")
    client = app.test_client()
    login(client, "administrateur")
    response = client.post(f"/dossiers/{context[0]}/suivre", data={"csrf_token": stolen})
    assert response.status_code == 400
