"""A copy line under the signature read with a speck before it (".Copie : Monsieur le Sous-préfet
d'arrondissement", a draw's fax): still a copy line, after the block, not a title of the signer's
("Le Maire" and a sous-préfet's title read as two titles, the quality 'sous_prefet', unsure)."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter


@pytest.mark.parametrize("copy", [".Copie : Monsieur le Sous-préfet d'arrondissement",
                                  "-Copie : Monsieur le Sous-préfet d'arrondissement",
                                  "Copie : Monsieur le Sous-préfet d'arrondissement"])
def test_a_copy_line_with_a_speck_before_it_ends_the_block(copy):
    page = letter(signatory=("Le Maire", "Pascale Morvan", copy), ocr=True, conf=0.9)
    quality = read_letter(PieceKind.COURRIER_COLLECTIVITE, "fax.tif", (page,)).fields["signataire_qualite"]
    assert (quality.value, quality.confidence >= 0.7) == ("maire", True)
