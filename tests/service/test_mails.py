"""The mails of a dossier on its page and in the API: a decision drafts the mail, the instructeur
edits and sends it, it reaches a real SMTP relay (aiosmtpd), and the thread shows it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openapi_spec_validator import validate

from tests.service.conftest import ROLES, login
from tests.service.test_api import auth
from tests.worker.test_outbox import sink, wait_for  # noqa: F401  (fixture)
from worker.settings import MailSettings

OWN = "atelier@developpement-durable.gouv.fr"


@pytest.fixture
def mail_app(data, sink):
    """The service with the sink as its SMTP relay."""
    from service import create_app
    from service.config import WebSettings
    from worker.persistence import accounts

    settings, _ids = data
    controller, _ = sink
    settings = replace(settings, mail=MailSettings(relay_host="127.0.0.1", relay_port=controller.port,
                                                   from_address=OWN, bureau_name="Bureau AD1",
                                                   retry_intervals=(0.1,)))
    web = WebSettings(secret_key="cle-de-test-" + "x" * 40, login_limit="1000 per minute",
                      page_cache_dir=settings.data_dir / "cache")
    app = create_app(settings, web)
    app.config["TESTING"] = True
    store = app.extensions["guichet"].store
    for role in ROLES:
        accounts.create_user(store, f"{role}@example.gouv.fr", "motdepasse-de-test", role, role.capitalize())
    app.tokens = {role: accounts.create_token(store, accounts.find_user(store, f"{role}@example.gouv.fr").id)
                  for role in ROLES}
    yield app
    store.engine.dispose()


def test_a_decision_drafts_the_mail_the_instructeur_edits_and_sends_it_from_the_page(mail_app, ids, sink):
    _, handler = sink
    client, dossier_id = mail_app.test_client(), ids["11_sans_courrier_prefet"]
    token = login(client, "instructeur")
    client.post(f"/dossiers/{dossier_id}/decision", data={"decision": "a_completer", "comment": "",
                                                          "csrf_token": token})
    page = client.get(f"/dossiers/{dossier_id}").text
    assert 'id="courriels"' in page and "Demande de compléments" in page and "Brouillon" in page
    assert not handler.received  # nothing leaves before an instructeur sends it
    from worker.mail import outbox

    [row] = outbox.rows(mail_app.extensions["guichet"].store, dossier_id, ("draft",))
    assert "courrier de soutien du préfet" in row.body_text
    refused = client.post(f"/dossiers/{dossier_id}/courriels/{row.id}", follow_redirects=True, data={
        "recipients": "pas-une-adresse", "subject": row.subject, "body": row.body_text, "action": "envoyer",
        "csrf_token": token})
    assert "adresse(s) invalide(s) : pas-une-adresse" in refused.text and not handler.received
    client.post(f"/dossiers/{dossier_id}/courriels/{row.id}", data={
        "recipients": "Mairie <mairie@guingamp.fr>, ddtm@cotes-darmor.gouv.fr", "subject": "Votre candidature",
        "body": row.body_text + "\nPost-scriptum.", "action": "envoyer", "csrf_token": token})
    [(_, rcpts, message)] = wait_for(lambda: handler.received)
    assert rcpts == ["mairie@guingamp.fr", "ddtm@cotes-darmor.gouv.fr"] and message["Subject"] == "Votre candidature"
    assert message.get_content().rstrip().endswith("Post-scriptum.")
    wait_for(lambda: outbox.get(mail_app.extensions["guichet"].store, row.id).status == "sent")
    page = client.get(f"/dossiers/{dossier_id}").text
    assert "Envoyé – Votre candidature" in page and "mairie@guingamp.fr, ddtm@cotes-darmor.gouv.fr" in page


def test_a_lecteur_sees_the_mails_without_a_form(mail_app, ids):
    client, dossier_id = mail_app.test_client(), ids["11_sans_courrier_prefet"]
    from worker.mail import outbox

    guichet = mail_app.extensions["guichet"]
    outbox.draft_for_decision(guichet.store, guichet.settings, dossier_id, "eligible", "", "i")
    login(client, "lecteur")
    page = client.get(f"/dossiers/{dossier_id}").text
    assert "Décision" in page and "Brouillon" in page and 'name="recipients"' not in page


def test_the_outbox_api_lists_edits_sends_and_refuses_to_change_a_sent_mail(mail_app, ids, sink):
    _, handler = sink
    client, dossier_id, tokens = mail_app.test_client(), ids["11_sans_courrier_prefet"], mail_app.tokens
    client.post(f"/api/dossiers/{dossier_id}/decision", json={"decision": "eligible", "comment": "Bravo."},
                headers=auth(tokens["instructeur"]))
    [mail] = client.get(f"/api/dossiers/{dossier_id}/outbox", headers=auth(tokens["lecteur"])).get_json()
    assert (mail["kind"], mail["status"]) == ("decision", "draft") and "est éligible" in mail["body"]
    url = f"/api/dossiers/{dossier_id}/outbox/{mail['id']}"
    bad = client.patch(url, json={"recipients": ["x"]}, headers=auth(tokens["instructeur"]))
    assert bad.status_code == 422
    assert client.patch(url, json={"recipients": ["maire@guingamp.fr"]},
                        headers=auth(tokens["lecteur"])).status_code == 403
    edited = client.patch(url, json={"recipients": ["maire@guingamp.fr"]}, headers=auth(tokens["instructeur"]))
    assert edited.get_json()["recipients"] == ["maire@guingamp.fr"]
    sent = client.post(url + "/send", headers=auth(tokens["instructeur"]))
    assert sent.status_code == 202
    [(_, rcpts, message)] = wait_for(lambda: handler.received)
    assert rcpts == ["maire@guingamp.fr"] and message["Message-ID"] == mail["message_id"]
    wait_for(lambda: client.get(f"/api/dossiers/{dossier_id}/outbox",
                                headers=auth(tokens["lecteur"])).get_json()[0]["status"] == "sent")
    assert client.patch(url, json={"subject": "Autre"}, headers=auth(tokens["instructeur"])).status_code == 409
    assert client.post(url + "/send", headers=auth(tokens["instructeur"])).status_code == 409
    assert client.post(url + "/retry", json={"force": True}, headers=auth(tokens["instructeur"])).status_code == 403
    thread = client.get(f"/api/dossiers/{dossier_id}/thread", headers=auth(tokens["lecteur"])).get_json()
    assert [(t["direction"], t["recipients"]) for t in thread] == [("out", ["maire@guingamp.fr"])]
    assert len(handler.received) == 1
    other = client.get(f"/api/dossiers/{ids['01_pdf_numeriques']}/outbox/{mail['id']}/send")
    assert other.status_code in (404, 405)
    assert client.post(f"/api/dossiers/{ids['01_pdf_numeriques']}/outbox/{mail['id']}/send",
                       headers=auth(tokens["instructeur"])).status_code == 404


def test_the_openapi_document_lists_the_outbox_endpoints(mail_app):
    spec = mail_app.test_client().get("/api/openapi.json").get_json()
    validate(spec)
    assert {"/api/dossiers/{dossier_id}/outbox", "/api/dossiers/{dossier_id}/outbox/{outbox_id}",
            "/api/dossiers/{dossier_id}/outbox/{outbox_id}/send", "/api/dossiers/{dossier_id}/outbox/{outbox_id}/retry",
            "/api/dossiers/{dossier_id}/thread"} <= set(spec["paths"])


def test_a_request_rewritten_in_the_decision_form_is_the_text_of_the_mail(mail_app, ids):
    from worker.mail import outbox

    client, dossier_id = mail_app.test_client(), ids["11_sans_courrier_prefet"]
    token = login(client, "instructeur")
    client.post(f"/dossiers/{dossier_id}/decision", data={
        "decision": "a_completer", "comment": "", "request_text": "Merci d'envoyer le courrier du préfet.",
        "csrf_token": token})
    [row] = outbox.rows(mail_app.extensions["guichet"].store, dossier_id, ("draft",))
    assert row.body_text == "Merci d'envoyer le courrier du préfet."
