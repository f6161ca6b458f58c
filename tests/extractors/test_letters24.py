"""Session 24's letter families (draws d28, d29): photographed and faxed letters."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


def test_a_date_lines_comma_read_as_a_period():
    """"Grand-Bourg. 30 septembre 2026": a photo read the place's comma as a period; the line
    is still the letter's date (it was lost). A body's "Par délibération du …" still is not."""
    page = letter(date="Grand-Bourg. 30 septembre 2026", ocr=True, conf=0.9)
    assert read_letter(COLL, "lettre.jpg", (page,)).fields["date"].value == "30 septembre 2026"
    page = letter(date=None, body=("Par délibération du 15 février 2026 le conseil a approuvé la candidature.",))
    assert "date" not in read_letter(COLL, "lettre.pdf", (page,)).fields


def test_the_body_names_the_commune_at_a_lines_start():
    """"… partagée." | "La ville de La Roche-sur-Foron s'engage …": the sentence that names the
    commune begins a line; with the town printed bare in the letterhead, it is the letter's."""
    page = letter(head=("La Roche-sur-Foron", "3 rue Pasteur", "74800 LA ROCHE-SUR-FORON"),
                  body=("J'ai l'honneur de vous adresser notre candidature à l'appel à projets.",
                        "Nous attendons de l'Atelier une feuille de route opérationnelle et partagée.",
                        "La ville de La Roche-sur-Foron s'engage à participer activement à la démarche."),
                  signatory=("Hervé MAILLARD",), ocr=True, conf=0.9)
    found = read_letter(COLL, "lettre.jpg", (page,)).fields["collectivite"]
    assert found.value == "Commune de La Roche-sur-Foron"
