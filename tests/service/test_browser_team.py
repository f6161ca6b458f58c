"""In a real browser: labels, private annotations, archiving, saved views, the sticky action bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.service.test_browser import CHROMIUM, page, server, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by scripts/setup.sh")


def test_an_instructeur_labels_annotates_and_archives_a_dossier(page, server, ids):  # noqa: F811
    dossier = ids["01_pdf_numeriques"]
    sign_in(page, server, "instructeur")
    page.goto(f"{server}/dossiers/{dossier}")
    page.click("#barre-actions a:has-text('Étiquettes')")
    page.wait_for_url("**#etiquettes")
    page.fill("#nouvelle-etiquette", "Visite sur place")
    page.click("#etiquettes button:has-text('Ajouter')")
    expect(page.locator("#liste-etiquettes")).to_contain_text("Visite sur place")
    page.fill("#nouvelle-annotation", "Appel du maire le 3/12 : la délibération arrive.")
    page.click("button:has-text(\"Enregistrer l'annotation\")")
    expect(page.locator("#liste-annotations")).to_be_visible()
    notes = page.locator("#liste-annotations").inner_text()
    assert "Appel du maire le 3/12" in notes and "instructeur@example.gouv.fr" in notes
    page.goto(f"{server}/?etiquette=Visite sur place")
    rows = page.locator("#file tbody tr")
    assert rows.count() == 1 and "Visite sur place" in rows.first.inner_text()
    page.goto(f"{server}/dossiers/{dossier}")
    page.click("#liste-etiquettes button:has-text('Visite sur place')")  # the tag's cross removes it
    expect(page.locator("#liste-etiquettes")).to_have_count(0)
    page.click("#barre-actions button:has-text('Archiver')")
    expect(page.locator("h1 + ul")).to_contain_text("Archivé")
    page.goto(server + "/")
    assert dossier not in page.locator("#file").inner_text()
    page.select_option("#filtre-archive", "oui")
    page.click("button:has-text('Filtrer')")
    page.wait_for_url("**archive=oui**")
    assert dossier in page.locator("#file").inner_text()
    page.click(f"text={dossier}")
    page.click("#barre-actions button:has-text('Remettre dans la file')")
    expect(page.locator("main")).to_contain_text("de retour dans la file")
    page.goto(server + "/")
    assert dossier in page.locator("#file").inner_text()
    history = page.goto(f"{server}/dossiers/{dossier}") and page.locator("#table-historique").inner_text()
    assert "Archive le dossier" in history and "Retire l'étiquette « Visite sur place »" in history
    assert page.problems == []


def test_a_lecteur_sees_labels_but_no_annotation(page, server, ids, app):  # noqa: F811
    from worker.instruction import team

    dossier = ids["01_pdf_numeriques"]
    store = app.extensions["guichet"].store
    team.add_label(store, dossier, "Élu à rappeler", "instructeur@example.gouv.fr")
    team.annotate(store, dossier, "Note interne du bureau", "instructeur@example.gouv.fr")
    sign_in(page, server, "lecteur")
    page.goto(f"{server}/dossiers/{dossier}")
    assert "Élu à rappeler" in page.locator("#etiquettes").inner_text()
    assert page.locator("#annotations").count() == 0 and "Note interne" not in page.content()
    assert page.locator("#etiquettes form").count() == 0
    assert page.problems == []


def test_a_saved_view_brings_its_filters_back(page, server, ids):  # noqa: F811
    sign_in(page, server, "lecteur")
    page.fill("#filtre-departement", "35")
    page.select_option("#filtre-a-verifier", "oui")
    page.click("button:has-text('Filtrer')")
    page.wait_for_url("**departement=35**")
    shown = page.locator("#file tbody tr").count()
    page.click("#vues summary")
    page.fill("#nom-vue", "Ille-et-Vilaine à vérifier")
    page.click("button:has-text('Enregistrer ces filtres')")
    expect(page.locator("#vues a")).to_have_text(["Ille-et-Vilaine à vérifier"])
    page.goto(server + "/")
    page.click("#vues a:has-text('Ille-et-Vilaine à vérifier')")
    page.wait_for_url("**departement=35**")
    assert page.input_value("#filtre-departement") == "35" and page.input_value("#filtre-a-verifier") == "oui"
    assert page.locator("#file tbody tr").count() == shown
    page.click("#vues summary")
    page.click("button:has-text('Supprimer « Ille-et-Vilaine à vérifier »')")
    expect(page.locator("#vues a:has-text('Ille-et-Vilaine à vérifier')")).to_have_count(0)
    assert page.problems == []


def test_the_action_bar_stays_in_view_on_a_wide_screen(page, server, ids):  # noqa: F811
    sign_in(page, server, "instructeur")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server}/dossiers/{ids['01_pdf_numeriques']}")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    bar = page.locator("#barre-actions")
    box = bar.bounding_box()
    assert -1 <= box["y"] <= 5, box  # stuck to the top of the window
    for name in ("Décider", "Suivre ce dossier", "Attribuer", "Étiquettes", "Archiver", "Exporter le JSON du dossier"):
        assert bar.locator(f"text={name}").first.is_visible(), name
    page.click("#barre-actions a:has-text('Décider')")
    page.wait_for_url("**#decision")
    title = page.evaluate("document.getElementById('titre-decision').getBoundingClientRect().top")
    assert title >= box["height"] - 5, "the decision's title is not hidden under the bar"
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{server}/dossiers/{ids['01_pdf_numeriques']}")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    assert page.locator("#barre-actions").bounding_box()["y"] < -100  # on a phone it scrolls away
    assert page.problems == []
