"""The dossier's history tells the whole instruction: uploads through the API are recorded as
those from the page, and the mails received and sent have their lines."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.service.conftest import login
from tests.service.test_api import auth
from tests.service.test_mails import mail_app  # noqa: F401  (fixture)
from tests.worker.test_outbox import sink, wait_for  # noqa: F401  (fixture)
from worker.instruction import review

PDF = ROOT / "samples" / "11_sans_courrier_prefet" / "input" / "Courrier_Maire_Guingamp.pdf"
EML = ROOT / "samples" / "09_fil_emails" / "input" / "message1.eml"


def test_an_api_upload_is_in_the_history_with_its_agent_and_files(app, tokens, no_processing):
    client = app.test_client()
    with PDF.open("rb") as handle:
        files = client.post("/api/files", data={"files": [(handle, "Courrier.pdf")]},
                            headers=auth(tokens["instructeur"])).get_json()["dossier_id"]
    with EML.open("rb") as handle:
        message = client.post("/api/messages", data={"message": (handle, "message1.eml")},
                              headers=auth(tokens["administrateur"])).get_json()["dossier_id"]
    store = app.extensions["guichet"].store
    [upload] = review.history(store, files, ("pieces_uploaded",))
    assert (upload.actor, upload.data["files"]) == ("instructeur@example.gouv.fr", ["Courrier.pdf"])
    [upload] = review.history(store, message, ("pieces_uploaded",))
    assert (upload.actor, upload.data["files"]) == ("administrateur@example.gouv.fr", ["message1.eml"])
    login(client, "lecteur")
    page = client.get(f"/dossiers/{files}").text
    assert "Dépôt de fichiers" in page and "Courrier.pdf" in page
    page = client.get(f"/dossiers/{message}").text  # the message it brought has its line too
    history = page.split('id="table-historique"')[1]
    assert "Courriel reçu de k.jouan@redon.fr : « Candidature Atelier Flash – Commune de Redon »" in history


def test_a_mail_sent_has_its_line_in_the_history(mail_app, ids, sink):  # noqa: F811
    from worker.mail import outbox

    _, handler = sink
    guichet = mail_app.extensions["guichet"]
    dossier = ids["11_sans_courrier_prefet"]
    row = outbox.draft_for_decision(guichet.store, guichet.settings, dossier, "eligible", "", "i@x.fr")
    outbox.edit(guichet.store, row.id, actor="i@x.fr", recipients=["mairie@guingamp.fr"], subject=row.subject,
                body=row.body_text)
    outbox.send(guichet.store, guichet.settings, row.id, actor="i@x.fr")
    wait_for(lambda: handler.received)
    wait_for(lambda: outbox.get(guichet.store, row.id).status == "sent")
    client = mail_app.test_client()
    login(client, "lecteur")
    history = client.get(f"/dossiers/{dossier}").text.split('id="table-historique"')[1]
    assert "Courriel envoyé : Décision" in history and "À : mairie@guingamp.fr" in history
