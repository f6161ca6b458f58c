"""A sous-préfet's title with one letter of its head misread ("Souk-préfet", "Sons-préfet", a fax's
slip under the signature's strokes) is a sous-préfet's, not the préfet's he signs for: it was read,
sure, as "prefet" from "Souk-préfet, pour la préfète et par délégation"."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter

HEAD = ("PRÉFÈTE", "DE LA MARTINIQUE", "Secrétariat général")


@pytest.mark.parametrize("title", ["Le Souk-préfet, pour la préfète et par délégation,",
                                   "Le Sons-préfet,", "La Sous-préfète,", "Le Scus-préfet de Trinité"])
def test_a_misread_head_of_sous_prefet(title):
    text = letter(head=HEAD, date="Fort-de-France, le 1er juin 2026", signatory=(title, "Bruno Poirier"), ocr=True)
    fields = read_letter(PieceKind.COURRIER_PREFET, "fax.tif", (text,)).fields
    assert fields["signataire_qualite"].value == "sous_prefet"


@pytest.mark.parametrize("title", ["Le Préfet,", "Pour le préfet et par délégation, le secrétaire général"])
def test_other_titles_unchanged(title):
    text = letter(head=HEAD, date="Fort-de-France, le 1er juin 2026", signatory=(title, "Bruno Poirier"), ocr=True)
    fields = read_letter(PieceKind.COURRIER_PREFET, "fax.tif", (text,)).fields
    assert fields["signataire_qualite"].value != "sous_prefet"
