"""« Mes résumés » in a real browser (Chromium driven by Playwright): the daily digest goes through
the outbox to a real SMTP relay (aiosmtpd), and the instructeur finds it, and what is new since,
with links to the dossiers, in the application."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.service.test_browser import CHROMIUM, forget_session, page, sign_in  # noqa: F401 (fixture)
from tests.service.test_browser_mails import server  # noqa: F401  (fixture: the app whose relay is the sink)
from tests.service.test_mails import mail_app  # noqa: F401  (fixture)
from tests.worker.test_outbox import sink, wait_for  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by scripts/setup.sh")

ME = "instructeur@example.gouv.fr"


def test_the_daily_digest_is_sent_and_shown_in_mes_resumes(page, server, mail_app, ids, sink):  # noqa: F811
    from worker.instruction import review
    from worker.mail import digest, outbox

    _, handler = sink
    guichet = mail_app.extensions["guichet"]
    given, other = ids["01_pdf_numeriques"], ids["11_sans_courrier_prefet"]
    review.assign(guichet.store, given, ME, "administrateur@example.gouv.fr")
    rows = digest.send_digests(guichet.store, guichet.settings)
    assert sorted(r.recipients[0] for r in rows) == ["administrateur@example.gouv.fr", ME]
    mine = next(r for r in rows if r.recipients == [ME])
    wait_for(lambda: outbox.get(guichet.store, mine.id).status == "sent")
    [(_, to, mail)] = [m for m in handler.received if m[1] == [ME]]
    assert mail["Subject"] == "Guichet – votre résumé du jour (3 éléments)"

    sign_in(page, server, "instructeur")
    page.click("#navigation-principale a:has-text('Mes résumés')")
    page.wait_for_url("**/resumes")
    assert page.locator("#navigation-principale a[aria-current=page]").inner_text() == "Mes résumés"
    sent = page.locator("#resumes-envoyes article")
    assert sent.count() == 1  # the administrateur's own digest is not shown here
    text = sent.first.inner_text()
    assert "Guichet – votre résumé du jour (3 éléments)" in text and ", envoyé le " in text
    assert sent.first.locator(".fr-badge").text_content() == "Envoyé"  # shown in capitals
    assert f"- {given} – Commune de Combourg (35)" in text and "Dossiers qui vous ont été attribués (1)" in text
    assert "Nouveaux dossiers (2)" in page.locator("#depuis-hier").inner_text()
    assert page.locator("#liste-attribues li").all_inner_texts() == [f"{given} – Commune de Combourg (35)"]
    assert sorted(page.locator("#liste-nouveaux a").all_inner_texts()) == sorted([given, other])
    assert page.locator("#liste-reponses").count() == 0 and "Aucun." in page.locator("#depuis-hier").inner_text()
    page.click(f"#liste-attribues a:has-text('{given}')")
    page.wait_for_url(f"**/dossiers/{given}")
    assert page.problems == []

    forget_session(page)
    sign_in(page, server, "lecteur")  # a lecteur gets no digest: no link, no page
    assert page.locator("#navigation-principale a:has-text('Mes résumés')").count() == 0
    assert page.goto(server + "/resumes").status == 403
