"""Fiche values read on scans, photos and faxes (session 22). Synthetic pages and tokens."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from tests.extractors.test_fiche_layouts import _page


def _programmes(second_box: str) -> dict:
    lines = [(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
             (60.0, 150.0, "Programme(s) de l'ANCT concerné(s)"), (300.0, 150.0, "[X] Action cœur de ville"),
             (300.0, 165.0, f"{second_box} Petites villes de demain"), (300.0, 180.0, "[] Villages d'avenir"),
             (300.0, 195.0, "[] Territoires d'industrie"), (300.0, 210.0, "[] Aucun"),
             (60.0, 230.0, "Présentation du projet et de la problématique"), (300.0, 230.0, "Une friche.")]
    return extract_fiche([("scan.pdf", _page(lines, ocr=True, conf={"[": 0.67, "]": 0.67}))])


def test_a_scans_empty_box_read_as_two_brackets_is_an_empty_box():
    """A scan's empty box opening its line read as two doubted words "[" and "]": the "[" is no
    cell rule (a "]" follows it), and the box is empty, not a crossed box misread."""
    fields = _programmes("[ ]")
    assert fields["s3.programmes"].value == ["action_coeur_de_ville"]
