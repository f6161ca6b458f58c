"""A closing formula's line that OCR cut apart at a wide gap (a photo's uneven spacing): its
pieces are the closing's, not the first lines of the signatory block ("à cette", "Dans" read as
the signer's name)."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import page

COLL = PieceKind.COURRIER_COLLECTIVITE


def _last_page(left_top: float, right_top: float, left: str, right: str):
    return page([(40, [(60, "Commune de Vitré – 12/03/2026")]),
                 (left_top, [(60, left)]), (right_top, [(420, right)]),
                 (116, [(60, "candidature.")]),
                 (170, [(330, "Le Maire,")]), (230, [(330, "Isabelle Le Callennec")])], ocr=True, conf=0.95)


@pytest.mark.parametrize("left_top, right_top, left, right", [
    (100, 104, "Je vous saurais gré de bien vouloir réserver une suite", "favorable à cette"),
    (104, 100, "Dans", "l'attente d'une suite favorable, je vous prie de recevoir mes salutations"),
])
def test_the_pieces_of_a_closing_line_are_the_closings(left_top, right_top, left, right):
    last = _last_page(left_top, right_top, left, right)
    parts = letter_parts(letter_lines((last,)))
    assert [parts.lines[i].text for i in parts.signatory] == ["Le Maire,", "Isabelle Le Callennec"]
    name = read_letter(COLL, "IMG_2.jpg", (last,)).fields["signataire_nom"]
    assert name.value == "Isabelle Le Callennec" and name.status is FieldStatus.EXTRACTED
