"""The JSON API: bearer tokens, contract JSON out, validated corrections and decisions in, OpenAPI."""

from __future__ import annotations

from openapi_spec_validator import validate

from tests.conftest import ROOT
from tests.contract import validate_export


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_the_openapi_document_validates_and_lists_the_endpoints(app):
    spec = app.test_client().get("/api/openapi.json").get_json()
    validate(spec)
    assert {"/api/dossiers", "/api/dossiers/{dossier_id}", "/api/dossiers/{dossier_id}/fields/{field_id}",
            "/api/dossiers/{dossier_id}/decision", "/api/messages", "/api/files"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["jeton"]["scheme"] == "bearer"


def test_list_and_get_return_contract_json(app, ids, tokens):
    client = app.test_client()
    listing = client.get("/api/dossiers?departement=35", headers=auth(tokens["lecteur"])).get_json()
    assert [item["id"] for item in listing["items"]] == [ids["01_pdf_numeriques"]]
    assert listing["items"][0]["state"] == "nouveau"
    for dossier_id in ids.values():
        response = client.get(f"/api/dossiers/{dossier_id}", headers=auth(tokens["lecteur"]))
        assert response.status_code == 200
        validate_export(response.get_json())
    assert client.get("/api/dossiers/D-inconnu", headers=auth(tokens["lecteur"])).status_code == 404


def test_a_field_patch_is_validated_then_recorded(app, ids, tokens):
    client, dossier_id = app.test_client(), ids["01_pdf_numeriques"]
    url = f"/api/dossiers/{dossier_id}/fields/s1.etat.referent_telephone"
    bad = client.patch(url, json={"value": "12"}, headers=auth(tokens["instructeur"]))
    assert bad.status_code == 422
    assert "04 75 22 03 03" in bad.get_json()["errors"]["value"][0]
    good = client.patch(url, json={"value": "02 90 02 36 15", "reason": "relu"}, headers=auth(tokens["instructeur"]))
    assert good.status_code == 200
    field = good.get_json()["fields"]["s1.etat.referent_telephone"]
    assert (field["value"], field["status"]) == ("+33290023615", "corrected")
    validate_export(good.get_json())
    unknown = client.patch(f"/api/dossiers/{dossier_id}/fields/s9.x", json={"value": "x"},
                           headers=auth(tokens["instructeur"]))
    assert unknown.status_code == 422


def test_a_decision_is_recorded_in_triage(app, ids, tokens):
    client, dossier_id = app.test_client(), ids["11_sans_courrier_prefet"]
    url = f"/api/dossiers/{dossier_id}/decision"
    refused = client.post(url, json={"decision": "non_eligible"}, headers=auth(tokens["instructeur"]))
    assert refused.status_code == 422 and "comment" in refused.get_json()["errors"]["json"]
    done = client.post(url, json={"decision": "a_completer", "comment": "courrier du préfet attendu"},
                       headers=auth(tokens["instructeur"]))
    triage = done.get_json()["triage"]
    assert (triage["decision"], triage["by"]) == ("a_completer", "instructeur@example.gouv.fr")
    listing = client.get("/api/dossiers?etat=en_attente", headers=auth(tokens["lecteur"])).get_json()
    assert [item["id"] for item in listing["items"]] == [dossier_id]


def test_uploads_create_dossiers_and_queue_their_reading(app, tokens, no_processing):
    client = app.test_client()
    eml = ROOT / "samples" / "09_fil_emails" / "input" / "message1.eml"
    with eml.open("rb") as handle:
        response = client.post("/api/messages", data={"message": (handle, "message1.eml")},
                               headers=auth(tokens["instructeur"]))
    assert response.status_code == 202
    dossier_id = response.get_json()["dossier_id"]
    assert no_processing == [dossier_id]
    pdf = ROOT / "samples" / "11_sans_courrier_prefet" / "input" / "Courrier_Maire_Guingamp.pdf"
    with pdf.open("rb") as handle:
        files = client.post("/api/files", data={"files": [(handle, "Courrier.pdf")]},
                            headers=auth(tokens["instructeur"]))
    assert files.status_code == 202 and files.get_json()["dossier_id"] != dossier_id
    got = client.get(f"/api/dossiers/{dossier_id}", headers=auth(tokens["lecteur"])).get_json()
    assert got["messages"][0]["subject"].startswith("Candidature Atelier Flash")


def test_tokens_are_required_and_checked(app, ids, tokens):
    client = app.test_client()
    assert client.get("/api/dossiers").status_code == 401
    assert client.get("/api/dossiers", headers=auth("gt_faux")).status_code == 401
    assert client.get("/api/dossiers", headers={"Authorization": "Basic eDp5"}).status_code == 401
    response = client.post(f"/api/dossiers/{ids['01_pdf_numeriques']}/decision", json={"decision": "eligible"},
                           headers=auth(tokens["lecteur"]))
    assert response.status_code == 403
