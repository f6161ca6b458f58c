"""Labels, private annotations, archiving and saved views: pages, API, queue filters, export kept clean."""

from __future__ import annotations

from urllib.parse import quote

from openapi_spec_validator import validate

from tests.service.conftest import login


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_labels_through_the_page_filter_and_show_in_the_queue(app, ids):
    client = app.test_client()
    csrf = login(client, "instructeur")
    dossier, other = ids["01_pdf_numeriques"], ids["11_sans_courrier_prefet"]
    client.post(f"/dossiers/{dossier}/etiquettes", data={"label": "  Priorité   élu ", "csrf_token": csrf})
    client.post(f"/dossiers/{other}/etiquettes", data={"label": "priorité ÉLU", "csrf_token": csrf})  # same, any case
    client.post(f"/dossiers/{other}/etiquettes", data={"label": "x" * 41, "csrf_token": csrf})  # too long
    queue = client.get("/?etiquette=" + quote("Priorité élu")).text
    assert dossier in queue and other in queue and queue.count("Priorité élu") >= 3  # filter option + 2 lines
    assert "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" not in client.get(f"/dossiers/{other}").text
    client.post(f"/dossiers/{other}/etiquettes/retirer", data={"label": "Priorité élu", "csrf_token": csrf})
    queue = client.get("/?etiquette=" + quote("Priorité élu")).text
    assert dossier in queue and other not in queue
    page = client.get(f"/dossiers/{other}").text
    assert "Ajoute l'étiquette « Priorité élu »" in page and "Retire l'étiquette « Priorité élu »" in page


def test_annotations_are_private_signed_and_never_exported(app, ids, tokens):
    client = app.test_client()
    csrf = login(client, "instructeur")
    dossier = ids["01_pdf_numeriques"]
    secret = "Le maire a appelé : courrier signé à venir, ne pas relancer."
    client.post(f"/dossiers/{dossier}/annotations", data={"body": secret, "csrf_token": csrf})
    client.post(f"/dossiers/{dossier}/annotations", data={"body": "   ", "csrf_token": csrf})
    page = client.get(f"/dossiers/{dossier}").text
    assert secret in page and "instructeur@example.gouv.fr</strong>, le " in page
    assert page.count('class="guichet-annotation-body"') == 1  # the empty one was refused
    reader = app.test_client()
    login(reader, "lecteur")
    assert secret not in reader.get(f"/dossiers/{dossier}").text
    for url in (f"/dossiers/{dossier}.json", "/export.csv", "/export.xlsx", "/export.ods", f"/api/dossiers/{dossier}"):
        body = client.get(url, headers=auth(tokens["lecteur"]) if url.startswith("/api") else {}).data
        assert b"ne pas relancer" not in body, url
    from sqlalchemy import select

    from worker.persistence.db import OutboxRow

    with app.extensions["guichet"].store.session() as s:
        assert all("ne pas relancer" not in m.body_text for m in s.scalars(select(OutboxRow)))
    api = app.test_client()
    assert api.get(f"/api/dossiers/{dossier}/annotations", headers=auth(tokens["lecteur"])).status_code == 403
    made = api.post(f"/api/dossiers/{dossier}/annotations", json={"body": "Par l'API"},
                    headers=auth(tokens["instructeur"]))
    assert made.status_code == 201 and made.get_json()["author"] == "instructeur@example.gouv.fr"
    notes = api.get(f"/api/dossiers/{dossier}/annotations", headers=auth(tokens["instructeur"])).get_json()
    assert [n["body"] for n in notes] == ["Par l'API", secret]


def test_archiving_takes_a_dossier_out_of_the_queue_and_back(app, ids, tokens):
    client = app.test_client()
    csrf = login(client, "instructeur")
    dossier = ids["01_pdf_numeriques"]
    client.post(f"/dossiers/{dossier}/archiver", data={"csrf_token": csrf})
    assert dossier not in client.get("/").text
    assert dossier in client.get("/?archive=oui").text and dossier in client.get("/?archive=tous").text
    assert dossier not in client.get("/?archive=oui&etat=eligible").text
    api = app.test_client()
    listed = api.get("/api/dossiers?par_page=500", headers=auth(tokens["lecteur"])).get_json()
    assert dossier not in [i["id"] for i in listed["items"]]
    archived = api.get("/api/dossiers?archive=oui", headers=auth(tokens["lecteur"])).get_json()
    assert [i["id"] for i in archived["items"]] == [dossier] and archived["items"][0]["archived"] is True
    back = api.put(f"/api/dossiers/{dossier}/archive", json={"archived": False}, headers=auth(tokens["instructeur"]))
    assert back.status_code == 200
    assert dossier in client.get("/").text and dossier not in client.get("/?archive=oui").text
    history = client.get(f"/dossiers/{dossier}").text
    assert "Archive le dossier" in history and "Remet le dossier dans la file" in history


def test_saved_views_belong_to_their_user(app, ids):
    me, colleague = app.test_client(), app.test_client()
    csrf = login(me, "instructeur")
    other_csrf = login(colleague, "administrateur")
    saved = me.post("/vues", data={"name": "Bretons à vérifier", "departement": "35", "a_verifier": "oui",
                                   "page": "3", "csrf_token": csrf, "inconnu": "x"})
    assert saved.status_code == 302 and "departement=35" in saved.location and "page=" not in saved.location
    assert "inconnu" not in saved.location
    queue = me.get("/").text
    assert ">Bretons à vérifier</a>" in queue and "departement=35&amp;a_verifier=oui" in queue
    assert ">Bretons à vérifier</a>" not in colleague.get("/").text
    from worker.instruction import team

    view = team.views(app.extensions["guichet"].store, "instructeur@example.gouv.fr")[0]
    assert colleague.post(f"/vues/{view.id}/supprimer", data={"csrf_token": other_csrf}).status_code == 404
    me.post("/vues", data={"name": "Bretons à vérifier", "departement": "22", "csrf_token": csrf})  # replaced
    assert [v.query for v in team.views(app.extensions["guichet"].store, "instructeur@example.gouv.fr")] == \
        ["departement=22"]
    assert me.post("/vues", data={"name": " ", "csrf_token": csrf}).status_code == 302
    me.post(f"/vues/{view.id}/supprimer", data={"csrf_token": csrf})
    assert ">Bretons à vérifier</a>" not in me.get("/").text


def test_labels_through_the_api_and_in_the_list(app, ids, tokens):
    client = app.test_client()
    dossier = ids["01_pdf_numeriques"]
    url = f"/api/dossiers/{dossier}/labels"
    assert client.post(url, json={"label": "urgent"}, headers=auth(tokens["lecteur"])).status_code == 403
    assert client.post(url, json={"label": ""}, headers=auth(tokens["instructeur"])).status_code == 422
    assert client.post(url, json={"label": "urgent"}, headers=auth(tokens["instructeur"])).get_json() == \
        {"labels": ["urgent"]}
    assert client.get(url, headers=auth(tokens["lecteur"])).get_json() == {"labels": ["urgent"]}
    listed = client.get("/api/dossiers?etiquette=urgent", headers=auth(tokens["lecteur"])).get_json()
    assert [i["id"] for i in listed["items"]] == [dossier] and listed["items"][0]["labels"] == ["urgent"]
    assert client.delete(url + "/urgent", headers=auth(tokens["instructeur"])).get_json() == {"labels": []}
    assert client.get("/api/dossiers/D-inconnu/labels", headers=auth(tokens["lecteur"])).status_code == 404


def test_the_openapi_document_lists_the_team_endpoints(app):
    spec = app.test_client().get("/api/openapi.json").get_json()
    validate(spec)
    paths = spec["paths"]
    assert {"get", "post"} <= set(paths["/api/dossiers/{dossier_id}/labels"])
    assert "delete" in paths["/api/dossiers/{dossier_id}/labels/{label}"]
    assert {"get", "post"} <= set(paths["/api/dossiers/{dossier_id}/annotations"])
    assert "put" in paths["/api/dossiers/{dossier_id}/archive"]
    names = [p["name"] for p in paths["/api/dossiers"]["get"]["parameters"]]
    assert "etiquette" in names and "archive" in names
