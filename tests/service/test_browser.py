"""End to end in a real browser (Debian's Chromium, headless, driven by Playwright): triage a dossier."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.service.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=fr-FR"]
SHOTS = ROOT / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by scripts/setup.sh")


@pytest.fixture
def server(app):
    """The app on a free loopback port, in a thread."""
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="fr-FR")
        page = context.new_page()
        page.problems = []
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" and not _expected(m.text) else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        yield page
        browser.close()


def _expected(text: str) -> bool:
    """The browser logs the 422 of a refused correction; that one is the test's point."""
    return "status of 422" in text


def shoot(page, name: str, tmp_path: Path) -> None:
    """A screenshot; docs/screenshots/ is refreshed when GUICHET_UPDATE_SCREENSHOTS=1."""
    path = tmp_path / f"{name}.png"
    # caret="initial": hiding the caret injects a <style>, which the app's CSP rightly refuses
    # (seen when the screenshot met the page reloading itself).
    page.screenshot(path=str(path), full_page=False, caret="initial")
    if os.environ.get("GUICHET_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / f"{name}.png")


def test_a_reviewer_triages_a_dossier_end_to_end(page, server, ids, tmp_path):
    dossier = ids["01_pdf_numeriques"]
    sign_in_by_keyboard(page, server)
    filter_the_queue(page, dossier, tmp_path)
    see_a_field_on_its_page(page, dossier, tmp_path)
    correct_a_field(page, server, dossier)
    follow_and_decide(page)
    export(page, server, dossier)
    assert page.problems == []  # no script error, no CSP violation


def sign_in_by_keyboard(page, server: str) -> None:
    """Every page is reached by keyboard: the first stop is the skip links; Enter submits."""
    page.goto(server + "/")
    assert "/connexion" in page.url
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Contenu"
    page.fill("#identifiant", "instructeur@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/")
    assert page.locator("#compteurs").inner_text().count(":") == 7


def filter_the_queue(page, dossier: str, tmp_path: Path) -> None:
    """Only the dossier of the département asked for stays."""
    page.fill("#filtre-departement", "35")
    page.click("button:has-text('Filtrer')")
    page.wait_for_url("**departement=35**")
    rows = page.locator("#file tbody tr")
    assert rows.count() == 1 and dossier in rows.first.inner_text()
    shoot(page, "file-de-tri", tmp_path)


def see_a_field_on_its_page(page, dossier: str, tmp_path: Path) -> None:
    """A field to review comes first; clicking it shows its page with the source box highlighted."""
    page.click(f"text={dossier}")
    page.wait_for_url(f"**/dossiers/{dossier}")
    review_table = page.locator("#a-verifier")
    assert "Collectivité porteuse" in review_table.inner_text()
    review_table.locator("a:has-text('Voir sur la page')").first.click()
    page.wait_for_url("**champ=s1.collectivite.nom**")
    highlight = page.locator("#surlignage")
    assert highlight.count() == 1
    x0, top, x1, bottom = map(float, highlight.get_attribute("data-bbox").split(","))
    assert x1 > x0 and bottom > top
    assert page.evaluate("document.querySelector('#page-affichee image').getBBox().width") > 500
    shoot(page, "dossier", tmp_path)


def correct_a_field(page, server: str, dossier: str) -> None:
    """An invalid value is refused inline; a valid one is recorded and shown in the history."""
    page.goto(f"{server}/dossiers/{dossier}/champs/s1.etat.referent_telephone")
    page.fill("#valeur", "12")
    page.fill("#motif", "relu sur la fiche")
    page.click("button:has-text('Enregistrer la correction')")
    assert "04 75 22 03 03" in page.locator("#valeur-erreur").inner_text()
    assert page.get_attribute("#valeur", "aria-invalid") == "true"
    page.fill("#valeur", "02 99 00 00 01")
    page.click("button:has-text('Enregistrer la correction')")
    page.wait_for_url(f"**/dossiers/{dossier}?champ=s1.etat.referent_telephone**")
    assert "02 99 00 00 01" in page.locator("#ligne-s1-etat-referent_telephone").inner_text()
    history = page.locator("#table-historique").inner_text()
    assert "instructeur@example.gouv.fr" in history and "02 99 00 00 01" in history and "relu sur la fiche" in history


def follow_and_decide(page) -> None:
    """Follow the dossier, then decide it is eligible: incomplete, it asks for a confirmation first."""
    page.click("button:has-text('Suivre ce dossier')")
    assert "suivi par instructeur@example.gouv.fr" in page.inner_text("main").lower()
    assert "incomplet" in page.locator("#avertissement-eligible").inner_text()
    page.click("label:has-text('Éligible')")
    page.fill("#commentaire", "Dossier complet après vérification des signatures.")
    page.click("button:has-text('Enregistrer la décision')")
    assert "cochez la confirmation" in page.locator("main").inner_text()
    assert page.locator("#decision-actuelle").count() == 0  # nothing recorded
    page.click("label:has-text('Éligible')")
    page.fill("#commentaire", "Dossier complet après vérification des signatures.")
    page.click("label:has-text('Je confirme déclarer éligible ce dossier incomplet')")
    page.click("button:has-text('Enregistrer la décision')")
    assert "Éligible" in page.locator("#decision-actuelle").inner_text()


def export(page, server: str, dossier: str) -> None:
    """The queue as CSV (filters applied), the dossier as contract JSON."""
    import json

    page.goto(server + "/?etat=eligible")
    assert page.locator("#file tbody tr").count() == 1
    with page.expect_download() as download:
        page.click("text=Exporter en CSV")
    assert dossier in Path(download.value.path()).read_text(encoding="utf-8-sig")
    page.goto(f"{server}/dossiers/{dossier}")
    with page.expect_download() as download:
        page.click("text=JSON du dossier")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["triage"]["decision"] == "eligible"
    assert exported["fields"]["s1.etat.referent_telephone"]["status"] == "corrected"


def test_an_impossible_date_typed_in_french_is_refused_not_erased(page, server, ids):
    """31/02/2026 typed in the date box: a French error, the value kept; 03/12/2026 is saved and shown so."""
    dossier = ids["01_pdf_numeriques"]
    sign_in(page, server, "instructeur")
    page.goto(f"{server}/dossiers/{dossier}/champs/fiche.date")
    assert page.get_attribute("#valeur", "type") == "text"
    page.fill("#valeur", "03/12/2026")
    page.click("button:has-text('Enregistrer la correction')")
    page.wait_for_url(f"**/dossiers/{dossier}?champ=fiche.date**")
    assert "03/12/2026" in page.locator("#ligne-fiche-date").inner_text()
    page.goto(f"{server}/dossiers/{dossier}/champs/fiche.date")
    assert page.input_value("#valeur") == "03/12/2026"
    page.fill("#valeur", "31/02/2026")
    page.click("button:has-text('Enregistrer la correction')")
    assert "31/02/2026 n'existe pas" in page.locator("#valeur-erreur").inner_text()
    assert page.input_value("#valeur") == "31/02/2026"
    page.goto(f"{server}/dossiers/{dossier}")
    assert "03/12/2026" in page.locator("#ligne-fiche-date").inner_text()
    assert "Non renseigné" not in page.locator("#ligne-fiche-date").inner_text()
    assert page.problems == []


def test_correcting_a_letters_signature_changes_the_verdict(page, server, ids):
    """On a complete dossier, "signé : non" on the préfet's letter makes it incomplete, in the page and the queue."""
    dossier = ids["01_pdf_numeriques"]
    sign_in(page, server, "instructeur")
    confirm_every_reading(page, server, dossier)
    page.goto(f"{server}/?complet=oui")
    assert dossier in page.locator("#file").inner_text()
    page.goto(f"{server}/dossiers/{dossier}/champs/courrier_prefet.signe")
    page.click("label:text-is('Non')")
    page.fill("#motif", "aucune signature sur le courrier")
    page.click("button:has-text('Enregistrer la correction')")
    page.wait_for_url(f"**/dossiers/{dossier}?champ=courrier_prefet.signe**")
    assert "n'est pas signé" in page.locator("#completude").inner_text()
    page.goto(f"{server}/?complet=oui")
    assert dossier not in page.locator("main").inner_text()
    page.goto(f"{server}/?motif=COURRIER_PREFET_NON_SIGNE")
    assert dossier in page.locator("#file").inner_text()
    assert page.problems == []


def forget_session(page) -> None:
    """Drop the browser's cookies once nothing is in flight: the session is refreshed on every
    response, so a page image still loading would put the old cookie back over the next login's."""
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.context.clear_cookies()


def sign_in(page, server: str, role: str) -> None:
    page.goto(server + "/connexion")
    page.fill("#identifiant", f"{role}@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.click("button:has-text('Se connecter')")
    page.wait_for_url(server + "/")


def confirm_every_reading(page, server: str, dossier: str) -> None:
    """Each reading to check is confirmed as read, through its correction form."""
    page.goto(f"{server}/dossiers/{dossier}")
    links = page.locator("#a-verifier a:has-text('Corriger')")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        page.goto(server + href)
        page.click("button:has-text('Enregistrer la correction')")
        page.wait_for_url(f"**/dossiers/{dossier}?champ=**")


def test_a_lecteur_sees_but_cannot_change(page, server, ids):
    page.goto(server + "/connexion")
    page.fill("#identifiant", "lecteur@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.click("button:has-text('Se connecter')")
    page.goto(f"{server}/dossiers/{ids['11_sans_courrier_prefet']}")
    assert page.locator("text=Corriger").count() == 0
    assert page.locator("button:has-text('Enregistrer la décision')").count() == 0
    assert "courrier de soutien du préfet" in page.locator("#demande-complements").inner_text()
    assert page.problems == []


def test_the_decision_is_one_link_away_on_the_dossier_page(page, server, ids):
    """The table of contents leads to the decision, by keyboard."""
    sign_in(page, server, "instructeur")
    page.goto(f"{server}/dossiers/{ids['01_pdf_numeriques']}")
    assert "à vérifier" in page.locator("#sommaire").inner_text()
    page.focus("#sommaire a[href='#decision']")
    page.keyboard.press("Enter")
    page.wait_for_url("**#decision")
    assert page.locator("#titre-decision").is_visible()
    assert page.evaluate("document.getElementById('decision').getBoundingClientRect().top") < 200
    assert page.problems == []


def test_the_export_buttons_show_their_labels(page, server, ids):
    """In a DSFR button group, icons go left only when the group says so: else the label is hidden."""
    sign_in(page, server, "lecteur")
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{server}/dossiers/{ids['01_pdf_numeriques']}")
        for label in ("Exporter le JSON du dossier", "Télécharger les originaux (ZIP)"):
            button = page.locator(f"a.fr-btn:has-text('{label}')")
            assert button.bounding_box()["width"] > 150, (width, label)  # the text shows, not the icon alone
    assert page.problems == []
