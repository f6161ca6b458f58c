"""Fill the official fiche de candidature (.docx) with python-docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.shared import Pt

from .geo import SHARED
from .model import Fiche, date_fr

FORM = SHARED / "forms" / "fiche-de-candidature-atelier-flash.docx"

THEMATIQUES = {
    "revitalisation_centre": "Revitalisation du centre-ville ou du centre-bourg",
    "entree_de_ville": "Réhabilitation des entrées de ville",
    "friches": "Aménagement des friches",
    "patrimoine": "Protection et valorisation du patrimoine",
    "logement": "Adaptation de l'offre de logements",
    "mobilites": "Adaptation des mobilités",
    "economie_ess": "Accompagnement des projets socio-économiques (ESS) et économiques",
    "ecosystemes": ("Protection, restauration et gestion des écosystèmes"
                    " et des ressources naturelles"),
    "risques": "Gestion des risques",
    "autre": "Autre (préciser)",
}
PROGRAMMES = {
    "action_coeur_de_ville": "Action cœur de ville",
    "petites_villes_de_demain": "Petites villes de demain",
    "villages_d_avenir": "Villages d'avenir",
    "territoires_d_industrie": "Territoires d'industrie",
    "aucun": "Aucun",
}
ECHELLES = {"site": "Site ou îlot", "communale": "Communale", "intercommunale": "Intercommunale"}
TYPES = {"commune": "Commune", "epci": "EPCI"}


def _text_answers(fiche: Fiche) -> dict[tuple[str, int], str | None]:
    """(label on the form, occurrence) -> text to write in the answer cell."""
    return {
        ("Service de l'État pilote", 0): fiche.etat_service,
        ("Nom et prénom du référent", 0): fiche.referent.nom,
        ("Fonction", 0): fiche.referent_fonction,
        ("Courriel", 0): fiche.referent.email,
        ("Téléphone", 0): fiche.referent.telephone,
        ("Collectivité porteuse", 0): fiche.coll_nom,
        ("Nom et prénom de l'élu(e) référent(e)", 0): fiche.elu_nom,
        ("Qualité", 0): fiche.elu_qualite,
        ("Référent technique", 0): fiche.contact.nom,
        ("Courriel", 1): fiche.contact.email,
        ("Téléphone", 1): fiche.contact.telephone,
        ("Autres partenaires associés", 0): fiche.partenaires,
        ("Commune(s) concernée(s)", 0): ", ".join(fiche.communes),
        ("EPCI de rattachement", 0): fiche.epci_nom,
        ("Département", 0): fiche.departement_ecrit,
        ("Région", 0): fiche.region_ecrite,
        ("Secteur d'étude", 0): fiche.secteur,
        ("Intitulé de l'Atelier", 0): fiche.intitule,
        ("Présentation du projet et de la problématique", 0): fiche.description,
        ("Objectifs poursuivis", 0): fiche.objectifs,
        ("Attendus de l'Atelier (livrables souhaités)", 0): fiche.attendus,
        ("Calendrier souhaité", 0): fiche.calendrier,
        ("Documents disponibles (PLU/PLUi, SCoT, études, diagnostics…)", 0): fiche.documents,
        ("Acteurs à mobiliser", 0): fiche.acteurs,
        ("Moyens logistiques mis à disposition (salle, restauration…)", 0): fiche.moyens,
    }


def _checked_options(fiche: Fiche) -> dict[str, list[str]]:
    """Label row -> option labels to tick."""
    programmes = fiche.programmes
    if programmes == []:
        programmes = ["aucun"]
    return {
        "Nature de la collectivité": [TYPES[fiche.coll_type]],
        "Échelle de réflexion": [ECHELLES[fiche.echelle]],
        "Thématique(s)": [THEMATIQUES[s] for s in fiche.thematiques],
        "Programme(s) de l'ANCT concerné(s)": [PROGRAMMES[s] for s in programmes or []],
    }


def write_cell(cell, text: str | None, size: float = 9.5) -> None:
    """Replace a cell's content with text; '\\n' starts a new paragraph."""
    if not text:
        return
    paragraphs = text.split("\n")
    first = cell.paragraphs[0]
    for i, chunk in enumerate(paragraphs):
        para = first if i == 0 else cell.add_paragraph()
        para.paragraph_format.space_after = Pt(3)
        run = para.add_run(chunk)
        run.font.size = Pt(size)


def tick(cell, options: list[str], precision: str | None = None) -> None:
    """Turn ☐ into ☒ before each chosen option; fill the 'Autre (préciser)' dots."""
    for para in cell.paragraphs:
        runs = para.runs
        for box, label in zip(runs, runs[1:], strict=False):
            if box.text != "☐":
                continue
            option = label.text.strip()
            if any(option.startswith(o) for o in options):
                box.text = "☒"
                if precision and option.startswith("Autre"):
                    label.text = label.text.split(":")[0] + ": " + precision


def _label_cells(document) -> dict[tuple[str, int], object]:
    """(label, occurrence) -> answer cell, for every label row of every table."""
    cells: dict[tuple[str, int], object] = {}
    for table in document.tables:
        for row in table.rows:
            if len(row.cells) < 2 or row.cells[0]._tc is row.cells[1]._tc:
                continue  # single-cell or merged sub-header row
            label = row.cells[0].text.strip()
            n = sum(1 for (lab, _) in cells if lab == label)
            cells[(label, n)] = row.cells[1]
    return cells


def _annex_cells(document) -> list:
    """The single-cell answer tables that follow the ANNEXE headings, in order."""
    return [t.cell(0, 0) for t in document.tables
            if len(t.rows) == 1 and len(t.columns) == 1]


def _fill_fait_a(document, lieu: str, day: dt.date) -> None:
    for para in document.paragraphs:
        if para.text.startswith("Fait à"):
            para.runs[0].text = f"Fait à {lieu}, le {date_fr(day)}"
            for run in para.runs[1:]:
                run.text = ""


def fill_fiche(fiche: Fiche, out: Path, author: str) -> Path:
    """Write the filled official form to out (.docx)."""
    document = docx.Document(str(FORM))
    cells = _label_cells(document)
    for key, text in _text_answers(fiche).items():
        write_cell(cells[key], text)
    for label, options in _checked_options(fiche).items():
        tick(cells[(label, 0)], options, fiche.autre_precision)
    annex1, annex2 = _annex_cells(document)
    write_cell(annex1, fiche.annexe1, size=10)
    write_cell(annex2, fiche.annexe2, size=10)
    _fill_fait_a(document, fiche.lieu, fiche.date)
    _set_properties(document, author, fiche)
    document.save(str(out))
    return out


def _set_properties(document, author: str, fiche: Fiche) -> None:
    when = dt.datetime.combine(fiche.date, dt.time(9, 30))
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    props.created = when - dt.timedelta(days=6)
    props.modified = when
    props.revision = 3
