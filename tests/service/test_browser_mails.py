"""In a real browser (Chromium driven by Playwright): a decision drafts the mail, the instructeur
checks it, sends it, and it reaches a real SMTP relay (aiosmtpd) threaded and in French."""

from __future__ import annotations

import threading

import pytest

from tests.service.conftest import PASSWORD
from tests.service.test_browser import CHROMIUM, page  # noqa: F401  (fixture)
from tests.service.test_mails import mail_app  # noqa: F401  (fixture)
from tests.worker.test_outbox import sink, wait_for  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="chromium is installed by scripts/setup.sh")


@pytest.fixture
def server(mail_app):  # noqa: F811
    """The app whose relay is the sink, on a free loopback port."""
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", 0, mail_app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_a_completer_then_eligible_each_send_their_mail_from_the_dossier_page(page, server, ids, sink):  # noqa: F811
    _, handler = sink
    dossier = ids["11_sans_courrier_prefet"]
    page.goto(server + "/connexion")
    page.fill("#identifiant", "instructeur@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/")
    page.goto(f"{server}/dossiers/{dossier}")

    page.click("#decision label:has-text('À compléter')")
    page.click("button:has-text('Enregistrer la décision')")
    mails = page.locator("#courriels")
    assert "Demande de compléments" in mails.inner_text() and "Brouillon" in mails.inner_text()
    text = mails.locator("textarea[name=body]").input_value()
    assert "courrier de soutien du préfet ou du sous-préfet" in text and "COURRIER_PREFET" not in text
    mails.locator("textarea[name=recipients]").fill("mairie@guingamp.fr, ddtm@cotes-darmor.gouv.fr")
    mails.locator("button[value=envoyer]").click()
    [(_, rcpts, sent)] = wait_for(lambda: handler.received)
    assert rcpts == ["mairie@guingamp.fr", "ddtm@cotes-darmor.gouv.fr"]
    assert "Pour que nous puissions l'instruire, merci de nous adresser" in sent.get_content()
    assert sent["Message-ID"].startswith(f"<guichet.{dossier}.")

    page.goto(f"{server}/dossiers/{dossier}")
    page.click("#decision label:has-text('Éligible')")  # incomplete: eligible only when confirmed, with a reason
    page.fill("#commentaire", "Courrier du préfet reçu par voie postale.")
    page.click("label:has-text('Je confirme déclarer éligible ce dossier incomplet')")
    page.click("button:has-text('Enregistrer la décision')")
    assert "Décision" in page.locator("#courriels").inner_text()
    page.locator("#courriels button[value=envoyer]").click()
    _, rcpts, notice = wait_for(lambda: len(handler.received) == 2 and handler.received[1])
    assert "est éligible" in notice.get_content()
    page.goto(f"{server}/dossiers/{dossier}#fil")
    wait_for(lambda: page.reload() or page.locator("#courriels").inner_text().count("Envoyé –") == 2)
    assert page.problems == []
