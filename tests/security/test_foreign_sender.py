"""Issue 12, medium 9 (rest): a piece brought by a message from another sender's domain than
the dossier's first message (joined by References, or a préfecture's mail) is flagged on the
dossier page, and each piece says which message and sender brought it. Real app, real pipeline."""

from __future__ import annotations

import html
from email.message import EmailMessage

from tests.conftest import ROOT
from tests.security.conftest import make_app
from tests.service.conftest import login
from worker.core import pipeline
from worker.core.context import make_context
from worker.core.intake import intake_message

SAMPLES = ROOT / "samples" / "01_pdf_numeriques" / "input"
SUBJECT = "Candidature Atelier Flash – Combourg"
FLAG = "Pièce envoyée par un autre expéditeur"


def mail(message_id: str, sender: str, pdf: str, *, reply_to: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = sender, "atelier@developpement-durable.gouv.fr"
    message["Subject"] = f"RE: {SUBJECT}" if reply_to else SUBJECT
    message["Date"] = "Mon, 16 Mar 2026 10:00:00 +0100"
    message["Message-ID"] = message_id
    if reply_to:
        message["In-Reply-To"] = message["References"] = reply_to
    message.set_content("Veuillez trouver ci-joint une pièce de la candidature.")
    message.add_attachment((SAMPLES / pdf).read_bytes(), maintype="application", subtype="pdf", filename=pdf)
    return message.as_bytes()


def page_of_dossier(settings, engine, cog, *mails: bytes) -> str:
    for number, raw in enumerate(mails):
        dossier_id = intake_message(raw, f"{number}.eml", store=make_store(settings),
                                             settings=settings).dossier_id
    pipeline.run(dossier_id, make_context(settings, make_store(settings), engine=engine, cog=cog))
    app = make_app(settings)
    try:
        client = app.test_client()
        login(client, "lecteur")
        response = client.get(f"/dossiers/{dossier_id}")
        assert response.status_code == 200
        return html.unescape(response.text)
    finally:
        app.extensions["guichet"].store.engine.dispose()


def make_store(settings):
    from worker.persistence.store import Store

    return Store(settings)


def test_a_piece_from_another_domain_is_flagged_with_its_sender(settings, engine, cog):
    page = page_of_dossier(
        settings, engine, cog,
        mail("<a@combourg.fr>", "mairie@combourg.fr", "Fiche_candidature_AtelierFlash_Combourg.pdf"),
        mail("<b@evil.example>", "intrus@evil.example", "2026-03-16_courrier_prefet_35.pdf", reply_to="<a@combourg.fr>"),
    )
    assert f"{FLAG} : intrus@evil.example" in page
    assert page.count(FLAG) == 1  # the candidate's own fiche is not flagged
    assert "Reçue de mairie@combourg.fr" in page and "Reçue de intrus@evil.example" in page


def test_pieces_from_the_usual_sender_are_not_flagged(settings, engine, cog):
    page = page_of_dossier(
        settings, engine, cog,
        mail("<a@combourg.fr>", "mairie@combourg.fr", "Fiche_candidature_AtelierFlash_Combourg.pdf"),
        mail("<c@combourg.fr>", "Secretariat@Combourg.fr", "Courrier_soutien_Maire_Combourg.pdf",
             reply_to="<a@combourg.fr>"),
    )
    assert FLAG not in page
    assert "Reçue de secretariat@combourg.fr" in page
