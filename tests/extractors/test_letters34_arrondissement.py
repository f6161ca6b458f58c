"""A sous-préfet's title naming the arrondissement ("Le Sous-préfet de l'arrondissement de
Morlaix") names the town the arrondissement is named after, whose département the letter's is:
on the last page of a scanned préfet's letter (bench/letterstudy.py's samples, read with real
Tesseract) it is the only clue to the département."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import study_letter


@pytest.mark.parametrize("seed", [66, 253])
def test_the_arrondissement_names_its_town(seed, tmp_path, cog):
    """Study samples 66 (150 dpi) and 253 (200 dpi), the last page of a sous-préfet's letter."""
    path, truth, pages, values = study_letter(seed, tmp_path, cog)
    assert truth["title"] == "Le Sous-préfet de l'arrondissement de Morlaix" and not truth["whole"]
    clues = read_letter(PieceKind.COURRIER_PREFET, path.name, tuple(pages)).fields["departement"].value
    assert {"commune": "Morlaix"} in clues
    departement = values["courrier_prefet.departement"]
    assert (departement.value, departement.status) == ("29", FieldStatus.EXTRACTED)
