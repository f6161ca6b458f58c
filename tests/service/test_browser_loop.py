"""The loop with the porteurs closed in a real browser (Chromium driven by Playwright), with real
parts only: a candidature reaches `guichet smtp`'s receiver over SMTP and is read; the instructeur
opens it, decides "à compléter", checks and edits the drafted mail, sends it; it reaches a real
SMTP relay (aiosmtpd) threaded and in French; the candidate's reply, with the missing letter,
comes back over SMTP into the same dossier, which is read again: the reloaded page says
"Compléments reçus", complete, and the thread shows every message; "éligible" then notifies."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.service.conftest import PASSWORD
from tests.service.test_browser import CHROMIUM, page  # noqa: F401  (fixture)
from tests.service.test_browser_mails import server  # noqa: F401  (fixture: the app whose relay is the sink)
from tests.service.test_mails import mail_app  # noqa: F401  (fixture)
from tests.worker.test_outbox import free_port, sink, wait_for  # noqa: F401  (fixture)
from tests.worker.test_outbox_loop import SHARED_BOX, deliver, reply_to

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="chromium is installed by scripts/setup.sh")

THREAD = ROOT / "samples" / "09_fil_emails" / "input"
CANDIDATE, DDT = "k.jouan@redon.fr", "julien.hamon@ille-et-vilaine.gouv.fr"


@pytest.fixture
def receiver(mail_app):  # noqa: F811
    """`guichet smtp`'s receiver on a free port, writing into the app's database, reading in process."""
    from worker.core.context import make_context
    from worker.core.dispatch import processor
    from worker.entry.smtp import Receiver, SmtpConfig

    guichet = mail_app.extensions["guichet"]
    receiver = Receiver(SmtpConfig(port=free_port(), recipients={SHARED_BOX}), store=guichet.store,
                        settings=guichet.settings, process=processor(make_context(guichet.settings, guichet.store)))
    receiver.start()
    yield receiver
    receiver.stop()


def test_a_completer_sent_answered_over_smtp_then_eligible(page, server, receiver, sink, mail_app):  # noqa: F811
    _, handler = sink
    deliver(receiver, (THREAD / "message1.eml").read_bytes(), CANDIDATE)
    [(_, to, accuse)] = wait_for(lambda: handler.received)  # the accusé de réception goes by itself
    assert to == [CANDIDATE]

    page.goto(server + "/connexion")
    page.fill("#identifiant", "instructeur@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/")
    page.fill("#filtre-departement", "35")
    page.select_option("#filtre-complet", "non")
    page.click("button:has-text('Filtrer')")
    page.wait_for_url("**complet=non**")
    rows = page.locator("#file tbody tr")
    assert rows.count() == 1 and "Redon" in rows.first.inner_text()
    rows.first.locator("a").first.click()
    page.wait_for_url("**/dossiers/*")
    dossier = page.url.rsplit("/", 1)[1].split("?")[0]
    assert "courrier de soutien du préfet" in page.locator("#completude").inner_text()

    page.click("#decision label:has-text('À compléter')")
    page.click("button:has-text('Enregistrer la décision')")
    draft = page.locator("#courriels article").first
    assert "Demande de compléments" in draft.inner_text() and "Brouillon" in draft.inner_text()
    recipients = draft.locator("textarea[name=recipients]")
    assert recipients.input_value() == f"{CANDIDATE}, {DDT}"  # the thread's sender, the fiche's État
    body = draft.locator("textarea[name=body]")
    text = body.input_value()
    assert "la candidature de la ville de Redon" in text and "– le courrier de soutien du préfet" in text
    assert "COURRIER_PREFET" not in text and "Bureau AD1" in text
    body.fill(text.replace("Bien cordialement,", "Nous restons à votre disposition.\n\nBien cordialement,"))
    draft.locator("button[value=envoyer]").click()

    _, to, sent = wait_for(lambda: len(handler.received) == 2 and handler.received[1])
    assert to == [CANDIDATE, DDT]
    assert sent["Message-ID"].startswith(f"<guichet.{dossier}.")
    assert sent["In-Reply-To"] == "<06B82EC8.411EAB6F.1@mail.redon.fr>"
    assert sent["References"] == "<06B82EC8.411EAB6F.1@mail.redon.fr>"
    content = sent.get_content()
    assert "Nous restons à votre disposition." in content and "de la ville de Redon" in content
    assert "COURRIER_PREFET" not in content and "de le " not in content and "de la la " not in content
    assert sent["Message-ID"] != accuse["Message-ID"]
    page.goto(f"{server}/dossiers/{dossier}")
    expect(page.locator("h1 + ul")).to_contain_text("En attente")

    deliver(receiver, reply_to(sent, (THREAD / "message2.eml").read_bytes()), DDT)  # read again, in process
    page.reload()
    badges = page.locator("h1 + ul").inner_text().lower()
    assert "compléments reçus" in badges and "complet" in badges and "incomplet" not in badges
    assert "courrier de soutien du préfet" not in page.locator("#completude").inner_text()
    thread = page.locator("#courriels article.guichet-message")
    assert [thread.nth(i).locator("h4").inner_text().split(" – ")[0] for i in range(thread.count())] == [
        "Reçu", "Envoyé", "Envoyé", "Reçu"]
    assert f"De : {DDT}" in thread.nth(3).inner_text()
    assert "Lettre du Préfet – soutien Atelier Flash.pdf → Courrier du préfet" in thread.nth(3).inner_text()
    assert len(handler.received) == 2  # no accusé for a reply

    page.click("#decision label:has-text('Éligible')")  # complete now: no confirmation asked
    page.fill("#commentaire", "Le comité se réunira le 15 janvier.")
    page.click("button:has-text('Enregistrer la décision')")
    notice_draft = page.locator("#courriels article").first
    assert "Décision" in notice_draft.inner_text()
    assert notice_draft.locator("textarea[name=recipients]").input_value() == f"{CANDIDATE}, {DDT}"
    notice_draft.locator("button[value=envoyer]").click()
    _, to, notice = wait_for(lambda: len(handler.received) == 3 and handler.received[2])
    assert to == [CANDIDATE, DDT]
    content = notice.get_content()
    assert "la candidature de la ville de Redon" in content and "est éligible" in content
    assert "Le comité se réunira le 15 janvier." in content
    assert notice["In-Reply-To"] == "<reponse-1@ille-et-vilaine.gouv.fr>"  # answers the last message in

    page.goto(f"{server}/dossiers/{dossier}")
    history = page.locator("#table-historique").inner_text()
    assert "Courriel envoyé" in history and "Courriel reçu" in history
    assert page.problems == []
