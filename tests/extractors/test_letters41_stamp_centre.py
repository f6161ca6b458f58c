"""A round stamp's centre ("LE MAIRE", "LE PRÉFET" in capitals) read among the signatory block's
lines is no title of the signer's when the block's own title line names a delegate or the same
head: "Premier adjoint" beside "LE MAIRE" was read maire (for a reviewer, wrong); "Pour le préfet
et par délégation, le directeur départemental …" over "À LE PRÈFET |" was read préfet. Study
letters with a stamp (bench/letterstudy.py's letters, unsigned and stamped): 4 in 120."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire_stamp import stamp_centre_aside
from extractors.model import FieldStatus, PieceKind
from extractors.vocabulary import AUTRE, MAIRE
from tests.extractors.letters import letter, prefet_letter, row_line


@pytest.mark.parametrize(("kind", "make", "signatory", "slug"), [
    (PieceKind.COURRIER_COLLECTIVITE, letter, ("Premier adjoint", "LE MAIRE", "Bruno Paris"), AUTRE),
    (PieceKind.COURRIER_COLLECTIVITE, letter, ("LE MAIRE", "remier adjoint", "Bruno Paris"), AUTRE),
    (PieceKind.COURRIER_PREFET, prefet_letter,
     ("Pour le préfet et par délégation, le directeur départemental des territoires,", "À LE PRÈFET |",
      "Luc Carré"), AUTRE),
    (PieceKind.COURRIER_COLLECTIVITE, letter, ("Maire d'Agde", "LE MAIRE", "Nicolas Gautier"), MAIRE),
    (PieceKind.COURRIER_COLLECTIVITE, letter, ("LE MAIRE", "Nicolas Gautier"), MAIRE),  # its only title
])
def test_a_stamps_centre_is_no_title_of_the_signers(kind, make, signatory, slug):
    page = make(signatory=signatory, ocr=True, conf=0.95)
    value = read_letter(kind, "lettre.jpg", (page,)).fields["signataire_qualite"]
    assert (value.value, value.status) == (slug, FieldStatus.EXTRACTED)


def test_a_heads_title_in_capitals_beside_another_heads_stays():
    """"LE PRÉSIDENT" over "Maire de Digne": two heads' titles, which one signs the block says not."""
    block = [row_line(320, 600, "LE PRÉSIDENT", 1), row_line(320, 614, "Maire de Digne", 2),
             row_line(320, 670, "Jean Dupont", 3)]
    assert stamp_centre_aside(block) == block
    stamped = [row_line(320, 600, "Premier adjoint", 1), row_line(320, 614, "LE MAIRE", 2),
               row_line(320, 670, "Jean Dupont", 3)]
    assert [line.text for line in stamp_centre_aside(stamped)] == ["Premier adjoint", "Jean Dupont"]
