"""A dossier joined into another one (same collectivité): its links lead to the kept dossier."""

from __future__ import annotations

from tests.service.conftest import login


def test_a_joined_dossier_leads_to_the_kept_one(app, ids):
    store = app.extensions["guichet"].store
    kept, joined = ids["01_pdf_numeriques"], ids["11_sans_courrier_prefet"]
    assert store.merge_dossiers(joined, kept, {"collectivite": "Combourg", "pieces": ["courrier_prefet"]})
    client = app.test_client()
    login(client, "lecteur")

    response = client.get(f"/dossiers/{joined}")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/dossiers/{kept}")
    page = client.get(f"/dossiers/{kept}").text
    assert f"Rattachement du dossier {joined}" in page and "a été rattaché à ce dossier" in page
    queue = client.get("/").text
    assert kept in queue and joined not in queue
    assert not store.merge_dossiers(joined, kept, {})  # a second join changes nothing
