"""The signer's name lost on the page (a stamp and strokes over it), the title the fiche's élu's
own: the élu's name is put for a reviewer, and is sure when the block read again on dark ink
spells one of the élu's names as the ink left it (a second reading that agrees)."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import letter_fields, read_letter
from extractors.model import FieldStatus, PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE
ELU = ("Dominique LORDINOT", "Maire")


def _name(block_text):
    reading = read_letter(COLL, "fax.tif", (letter(signatory=("Le Maire,",), ocr=True, conf=0.95),))
    check = SignatureCheck(True, 0.95, (330.0, 600.0, 450.0, 650.0), block_text=block_text)
    return letter_fields([reading], "Commune de Vitré", {0: check}, ELU)["courrier_collectivite.signataire_nom"]


def test_the_elus_name_spelt_by_the_block_read_again_is_sure():
    name = _name(("Le Maire,", "Mme SSnimique LoRDINd Er", "Maire de Schœlcher"))
    assert name.value == "Dominique LORDINOT" and name.status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("block", [(), ("Le Maire,", "QE SAINTE", "Ca PR Se"), ("Le Maire,", "Paul DURAND")])
def test_without_that_second_reading_it_stays_for_a_reviewer(block):
    name = _name(block)
    assert name.value == "Dominique LORDINOT" and name.status is FieldStatus.NEEDS_REVIEW


def test_a_block_spelling_the_elus_name_with_another_letter_leaves_it_to_a_reviewer():
    # the fiche's élu misread ("Sainte-Rase"), the block read again on a fax "SAÏNTÉ-ROSE Didiér"
    reading = read_letter(COLL, "fax.tif", (letter(signatory=("Le Maire,",), ocr=True, conf=0.95),))
    block = ("Le Maire,", "‘ ec? oi )", "* d )SAÏNTÉ-ROSE Didiér")
    check = SignatureCheck(True, 0.95, (330.0, 600.0, 450.0, 650.0), block_text=block)
    name = letter_fields([reading], "Commune de Vitré", {0: check}, ("Didier Sainte-Rase", "Maire"))
    assert name["courrier_collectivite.signataire_nom"].status is FieldStatus.NEEDS_REVIEW
    # spelt alike but for accents, the two readings agree
    agreeing = letter_fields([reading], "Commune de Vitré", {0: check}, ("Didier Sainte-Rose", "Maire"))
    assert agreeing["courrier_collectivite.signataire_nom"].status is FieldStatus.EXTRACTED


def test_a_block_cutting_the_elus_first_name_short_still_echoes_the_surname():
    # the strokes over the start of "Loïc": "7 ic FABRE-DUVAL" is the élu's name cut, not another spelling
    name = _name_of_elu(("Le Maire,", "A «", "7 ic FABRE-DUVAL"), ("Loïc Fabre-Duval", "Maire"))
    assert name.value == "Loïc Fabre-Duval" and name.status is FieldStatus.EXTRACTED


def _name_of_elu(block_text, elu):
    reading = read_letter(COLL, "scan.pdf", (letter(signatory=("Le Maire,",), ocr=True, conf=0.95),))
    check = SignatureCheck(True, 0.95, (330.0, 600.0, 450.0, 650.0), block_text=block_text)
    return letter_fields([reading], "Commune de Vitré", {0: check}, elu)["courrier_collectivite.signataire_nom"]
