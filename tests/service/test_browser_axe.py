"""Accessibility: axe-core (from package.json) on every page of the app, at 1440 px and 390 px, 0 violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.service.conftest import PASSWORD
from tests.service.test_browser import CHROMIUM, forget_session, page, server, sign_in  # noqa: F401 (fixtures)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1440, 390)

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by scripts/setup.sh"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by npm ci (scripts/setup.sh)"),
]


def violations(page) -> list[str]:  # noqa: F811
    """axe's violations on the page as shown, one line each (rule, impact, first targets)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger: the app's CSP stays as it is
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} -> ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return found


def check(page, url: str, label: str, failures: list[str], before=None) -> None:  # noqa: F811
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        if before is not None:
            before(page)
        failures.extend(f"{label} @{width}px: {v}" for v in violations(page))


def test_every_page_has_no_axe_violation(page, server, ids, app):  # noqa: F811
    dossier, incomplete = ids["01_pdf_numeriques"], ids["11_sans_courrier_prefet"]
    with_team_data(app.extensions["guichet"].store, dossier, incomplete)
    from worker.mail import digest

    digest.queue_digests(app.extensions["guichet"].store, app.extensions["guichet"].settings)  # « Mes résumés »
    failures: list[str] = []
    check(page, server + "/connexion", "connexion", failures)
    page.goto(server + "/connexion")
    page.fill("#identifiant", "administrateur@example.gouv.fr")
    page.fill("#mot-de-passe", "pas le bon")
    page.click("button:has-text('Se connecter')")
    failures.extend(f"connexion refusée: {v}" for v in violations(page))
    check(page, server + "/accessibilite", "accessibilité", failures)
    check(page, server + "/mentions-legales", "mentions légales", failures)
    sign_in_as(page, server, "administrateur")
    check(page, server + "/", "file de tri (étiquettes, vues)", failures)
    check(page, server + "/?archive=oui", "archives", failures)
    check(page, server + "/?etiquette=" + LABEL, "file par étiquette", failures)
    check(page, server + "/?etat=a_traiter&complet=non&q=zzz&du=31/02/2026", "file filtrée vide", failures)
    check(page, f"{server}/dossiers/{dossier}", "dossier", failures)
    check(page, f"{server}/dossiers/{dossier}?champ=s1.collectivite.nom", "dossier, champ montré", failures)
    check(page, f"{server}/dossiers/{incomplete}", "dossier incomplet et archivé", failures)
    for field in ("fiche.date", "s1.etat.referent_telephone", "courrier_prefet.signe", "s1.collectivite.region"):
        check(page, f"{server}/dossiers/{dossier}/champs/{field}", f"correction {field}", failures)
    check(page, f"{server}/dossiers/{dossier}/champs/fiche.date", "correction refusée", failures,
          before=lambda p: (p.fill("#valeur", "31/02/2026"), p.click("button:has-text('Enregistrer la correction')")))
    decide_incomplete(page, server, incomplete)
    check(page, f"{server}/dossiers/{incomplete}", "dossier décidé, courriel en attente, historique", failures)
    check(page, server + "/compte/mot-de-passe", "mot de passe", failures)
    check(page, server + "/resumes", "mes résumés", failures)
    check(page, server + "/admin/utilisateurs", "comptes", failures)
    page.goto(server + "/admin/utilisateurs")
    page.locator("form[action$='/jeton'] button").first.click()
    failures.extend(f"jeton créé: {v}" for v in violations(page))
    check(page, server + "/dossiers/inconnu", "page d'erreur 404", failures)
    forget_session(page)
    sign_in_as(page, server, "lecteur")  # a reader's dossier page: no forms, labels shown as text
    check(page, f"{server}/dossiers/{dossier}", "dossier vu par un lecteur", failures)
    assert not failures, "\n".join(failures)


LABEL = "Élu à rappeler"


def with_team_data(store, dossier: str, archived: str) -> None:
    """Labels, an annotation, an archived dossier and a saved view, so that their parts are checked too."""
    from worker.instruction import team

    team.add_label(store, dossier, LABEL, "instructeur@example.gouv.fr")
    team.add_label(store, dossier, "Visite", "instructeur@example.gouv.fr")
    team.annotate(store, dossier, "Appel du maire : la délibération arrive.", "instructeur@example.gouv.fr")
    team.set_archived(store, archived, True, "instructeur@example.gouv.fr")
    team.save_view(store, "administrateur@example.gouv.fr", "Bretagne à vérifier",
                   {"region": "53", "a_verifier": "oui"})


def sign_in_as(page, server: str, role: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/connexion")
    page.fill("#identifiant", f"{role}@example.gouv.fr")
    page.fill("#mot-de-passe", PASSWORD)
    page.click("button:has-text('Se connecter')")
    page.wait_for_url(server + "/")


def decide_incomplete(page, server: str, dossier: str) -> None:  # noqa: F811
    """"À compléter": a drafted mail and history lines appear on the page."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server}/dossiers/{dossier}")
    page.click("label:has-text('À compléter')")
    page.fill("#commentaire", "Il manque le courrier du préfet.")
    page.click("button:has-text('Enregistrer la décision')")
    page.wait_for_url("**#courriels")
    expect(page.locator("#courriels")).to_have_count(1)  # waits for the page the redirect loads


def test_axe_finds_a_violation_when_there_is_one(page, server):  # noqa: F811
    """The check itself works: an image without text is reported."""
    page.goto(server + "/connexion")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert any(v.startswith("image-alt") for v in violations(page))
