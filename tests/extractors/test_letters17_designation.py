"""A commune only a title names bare ("Le Maire du Pellerin") while the letterhead read names none
(its "VILLE DU PELLERIN" in a bandeau OCR lost, only the address read): the letter's own
designation is unknown, so its collectivité is for a reviewer, under what the fiche may confirm."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.courrier_entites import UNREAD_LETTERHEAD
from extractors.model import PieceKind
from tests.extractors.test_letters_unseen import rows_letter

COLL = PieceKind.COURRIER_COLLECTIVITE


@pytest.mark.parametrize("ocr", [True, False])
def test_a_commune_named_bare_by_a_title_only_is_not_sure(ocr):
    text = rows_letter([(40, [(60, "5 place de l'Église")]), (53, [(60, "44640 LE PELLERIN")])],
                       ("Le Maire du Pellerin,", "Hervé Lagarde"), ocr=ocr)
    found = read_letter(COLL, "courrier.jpg" if ocr else "courrier.pdf", (text,)).fields["collectivite"]
    assert "Pellerin" in found.value and found.confidence <= UNREAD_LETTERHEAD


def test_a_letterhead_that_names_the_commune_stays_sure():
    text = rows_letter([(40, [(60, "Ville du Pellerin")]), (53, [(60, "44640 LE PELLERIN")])],
                       ("Le Maire du Pellerin,", "Hervé Lagarde"), ocr=True)
    found = read_letter(COLL, "courrier.jpg", (text,)).fields["collectivite"]
    assert found.value == "Ville du Pellerin" and found.confidence >= 0.9
