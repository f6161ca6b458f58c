"""In a real browser (Chromium driven by Playwright): an instructeur uploads a dossier's PDFs; a
refused file is explained in French; while the dossier is read its page shows the stages and no
verdict, refreshes by itself, and shows the verdict once assessed. The reading is the app's own
(in process, as without Redis), held back by its lock until the page has been seen waiting."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.service.conftest import PASSWORD
from tests.service.test_browser import CHROMIUM, page, server, shoot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                                reason="chromium is installed by scripts/setup.sh")

PDFS = sorted((ROOT / "samples" / "01_pdf_numeriques" / "input").glob("*.pdf"))


def test_upload_then_reading_progress_then_verdict(page, server, app, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    from service import jobs
    from worker.instruction import review

    server_app = lambda _page: app.extensions["guichet"]  # noqa: E731

    page.goto(server + "/connexion")
    page.fill("#identifiant", "instructeur@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/")
    page.click("#deposer")
    page.wait_for_url("**/depot")

    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    page.set_input_files("#fichiers", [str(PDFS[0]), str(empty)])
    page.click("button:has-text('Déposer')")
    errors = page.locator("#erreurs-depot")
    assert "vide.pdf : Le fichier est vide." in errors.inner_text() and "FILE_EMPTY" in errors.inner_text()
    shoot(page, "depot-erreur", tmp_path)

    assert len(PDFS) == 3
    jobs._LOCK.acquire()  # the reading waits until the page has been seen waiting
    try:
        page.set_input_files("#fichiers", [str(p) for p in PDFS])
        page.click("button:has-text('Déposer')")
        page.wait_for_url("**/dossiers/*")
        progress = page.locator("#lecture")
        assert "Lecture du dossier en cours" in progress.inner_text()
        steps = page.locator("#lecture-etapes li")
        assert steps.nth(0).inner_text().endswith("terminé") and steps.nth(1).inner_text().endswith("en cours")
        assert page.locator("#lecture-numero").inner_text() == "Étape 2 sur 4"
        body = page.locator("main").inner_text().lower()  # badges are shown in capitals
        assert "incomplet" not in body and "absente" not in body and "lecture en cours" in body
        url = page.url
        # The reading stage done (as the read job does it): the page shows it by itself, no reload.
        guichet = server_app(page)
        review.read_now(guichet.store, guichet.settings, url.rsplit("/", 1)[1])
        expect(page.locator("#lecture-numero")).to_have_text("Étape 3 sur 4", timeout=20_000)
        assert steps.nth(1).inner_text().endswith("terminé") and steps.nth(2).inner_text().endswith("en cours")
        assert page.locator("#lecture-annonce").inner_text() == "Classement des pièces et extraction des champs en cours."
        assert page.url == url and "lecture du dossier en cours" in page.locator("#lecture").inner_text().lower()
        progress.scroll_into_view_if_needed()
        shoot(page, "depot-lecture-en-cours", tmp_path)
    finally:
        jobs._LOCK.release()

    # No reload by the test: the page polls and reloads itself once the dossier is assessed.
    page.wait_for_selector("#titre-completude", timeout=180_000)
    assert page.url == url
    body = page.locator("main").inner_text()
    assert "Lecture du dossier en cours" not in body
    completeness = page.locator("#completude").inner_text()
    assert "Fiche de candidature présente" in completeness, completeness
    assert page.locator("#decision button:has-text('Enregistrer la décision')").count() == 1
    assert page.problems == []
