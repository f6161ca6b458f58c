"""Upload in the application: French errors for empty, oversized and unknown files (nothing taken
in), new dossiers and pieces added to one through the API's intake, the reading's progress."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from tests.conftest import ROOT
from tests.service.conftest import csrf_of, login

PDF = ROOT / "samples" / "11_sans_courrier_prefet" / "input" / "Courrier_Maire_Guingamp.pdf"
EML = ROOT / "samples" / "09_fil_emails" / "input" / "message1.eml"


def _originals(app) -> int:
    from sqlalchemy import func, select

    from worker.persistence.db import Original

    with app.extensions["guichet"].store.session() as s:
        return s.scalar(select(func.count()).select_from(Original))


def _post(client, path: str, files: list[tuple[bytes, str]]):
    token = csrf_of(client.get(path).text)
    data = {"csrf_token": token, "fichiers": [(io.BytesIO(b), name) for b, name in files]}
    return client.post(path, data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("files, code, words", [
    ([(b"", "vide.pdf")], "FILE_EMPTY", "Le fichier est vide."),
    ([(b"juste du texte, ni PDF ni image\n" * 3, "notes.txt")], "FILE_TYPE_UNSUPPORTED",
     "Le type de ce fichier n&#39;est pas pris en charge."),
    ([(b"%PDF-1.7\n" + b"0" * 5000, "gros.pdf")], "FILE_TOO_LARGE",
     "Le fichier dépasse la taille maximale acceptée. (4,9 Ko ; maximum 4 Ko par fichier)"),
])
def test_refused_files_are_explained_in_french_and_nothing_is_taken_in(app, no_processing, files, code, words):
    guichet = app.extensions["guichet"]
    guichet.settings = replace(guichet.settings, limits=replace(guichet.settings.limits, max_file_bytes=4096))
    client = app.test_client()
    login(client, "instructeur")
    before = _originals(app)
    good = PDF.read_bytes()[:4000] if code != "FILE_TOO_LARGE" else None
    sent = files + ([(good, "bon.pdf")] if good else [])
    response = _post(client, "/depot", sent)
    assert response.status_code == 422
    assert "Rien n'a été déposé" in response.text and words in response.text
    assert f"<code>{code}</code>" in response.text and files[0][1] in response.text
    assert _originals(app) == before and no_processing == []


def test_a_form_without_a_file_asks_for_one(app, no_processing):
    client = app.test_client()
    login(client, "instructeur")
    token = csrf_of(client.get("/depot").text)
    response = client.post("/depot", data={"csrf_token": token, "fichiers": [(io.BytesIO(b""), "")]},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "Choisissez au moins un fichier." in response.text
    assert no_processing == []


def test_files_make_a_new_dossier_whose_page_shows_the_reading_and_no_verdict(app, no_processing):
    client = app.test_client()
    login(client, "instructeur")
    response = _post(client, "/depot", [(PDF.read_bytes(), "Courrier.pdf")])
    assert response.status_code == 302
    [dossier] = no_processing
    assert response.location.endswith(f"/dossiers/{dossier}")
    page = client.get(response.location).text
    assert "Dépôt enregistré : 1 fichier." in page and "Lecture du dossier en cours" in page
    assert "Incomplet" not in page and "absente" not in page and "Enregistrer la décision" not in page
    assert 'data-pending="oui"' in page and "lecture.js" in page
    state = client.get(f"/dossiers/{dossier}/lecture.json").get_json()
    assert state["pending"] is True and state["current"] == "lu"
    assert [(s["key"], s["done"]) for s in state["stages"]] == [
        ("recu", True), ("lu", False), ("compris", False), ("evalue", False)]
    assert "Dépôt de fichiers" in page and "Courrier.pdf" in page  # in the history, by the agent
    queue = client.get(f"/?q={dossier}").text
    assert "Pas encore évalué" in queue and "Incomplet</p>" not in queue


def test_pieces_added_to_a_dossier_join_it_and_its_verdict_waits_for_the_new_reading(app, ids, no_processing):
    from worker.instruction import review

    store = app.extensions["guichet"].store
    dossier = ids["11_sans_courrier_prefet"]
    client = app.test_client()
    login(client, "instructeur")
    assert "Incomplet" in client.get(f"/dossiers/{dossier}").text
    before = {f.sha256 for f in store.files(dossier)}
    response = _post(client, f"/dossiers/{dossier}/ajouter",
                     [(EML.read_bytes(), "message1.eml"), (b"%PDF-1.4\n%fin\n", "Courrier_prefet.pdf")])
    assert response.status_code == 302 and response.location.endswith(f"/dossiers/{dossier}")
    assert no_processing == [dossier]
    assert len({f.sha256 for f in store.files(dossier)} - before) >= 2
    assert [m.file_name for m in store.messages(dossier)] == ["message1.eml"]  # joined here, not its thread's
    page = client.get(f"/dossiers/{dossier}").text
    assert "Lecture du dossier en cours" in page and "Incomplet" not in page
    # The pipeline's own events move the stages; the verdict comes back once assessed.
    review.process_now(store, app.extensions["guichet"].settings, dossier)
    state = client.get(f"/dossiers/{dossier}/lecture.json").get_json()
    assert state["pending"] is False and all(s["done"] for s in state["stages"])
    assert "Lecture du dossier en cours" not in client.get(f"/dossiers/{dossier}").text


def test_only_instructeurs_may_upload(app, ids, no_processing):
    dossier = ids["01_pdf_numeriques"]
    for role, expected in (("lecteur", 403), ("instructeur", 302), ("administrateur", 302)):
        client = app.test_client()
        token = login(client, role)
        for path in ("/depot", f"/dossiers/{dossier}/ajouter"):
            assert client.get(path).status_code == (403 if expected == 403 else 200)
            response = client.post(path, data={"csrf_token": token, "fichiers": [(io.BytesIO(PDF.read_bytes()), "c.pdf")]},
                                   content_type="multipart/form-data")
            assert response.status_code == expected, (role, path)
        page = client.get(f"/dossiers/{dossier}").text
        assert ("Ajouter des pièces" in page) == (expected == 302)
        assert ("Déposer un dossier" in client.get("/").text) == (expected == 302)
        assert client.get(f"/dossiers/{dossier}/lecture.json").status_code == 200
    anonymous = app.test_client()
    assert "/connexion" in anonymous.get("/depot").location
    assert "/connexion" in anonymous.get(f"/dossiers/{dossier}/lecture.json").location
    assert app.test_client().get("/dossiers/inconnu/ajouter").status_code == 302


def test_an_upload_over_the_request_limit_is_refused_in_french(app, no_processing):
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    client = app.test_client()
    login(client, "instructeur")
    before = _originals(app)
    response = _post(client, "/depot", [(PDF.read_bytes(), "Courrier.pdf")])
    assert len(PDF.read_bytes()) > 64 * 1024
    assert response.status_code == 413 and "Fichier trop volumineux" in response.text
    assert _originals(app) == before and no_processing == []
