"""Letter values on scans, faxes and photos that were sure and wrong, session 13: a copy line
OCR misspelt read as the block's title, a first name added by the block read again on the strength of a word read as no name."""

from __future__ import annotations

from extractors.fields.courrier import letter_fields, read_letter
from extractors.model import FieldStatus, PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter, prefet_letter

COLL = PieceKind.COURRIER_COLLECTIVITE
PREFET = PieceKind.COURRIER_PREFET


def test_a_copy_line_misspelt_by_the_fax_ends_the_block():
    block = ("Maire de Rivière-Pilote", "L,. Maillard", "Laetitia MAILLARD",
             "Cople : Monsieur le Sous-préfet d'arrondissement")
    reading = read_letter(COLL, "FAX.tif", (letter(signatory=block, ocr=True),))
    assert reading.fields["signataire_qualite"].value == "maire"


def test_a_word_read_as_no_name_does_not_confirm_a_longer_name_read_again():
    # the préfet's name under the signature read "À Huet" (no name: for a reviewer), the block
    # read again on dark ink "Sebastien Huet" (its accent lost): one reading of the first name
    reading = read_letter(PREFET, "scan.pdf", (prefet_letter(signatory=("Le Préfet du Gard", "PTT", "À Huet"),
                                                             ocr=True),))
    assert reading.fields["signataire_nom"].status is FieldStatus.NEEDS_REVIEW
    check = SignatureCheck(True, 0.9, (300, 400, 450, 450), block_text=("Le Préfet du Gard", "Sebastien Huet"))
    name = letter_fields([reading], None, {0: check})["courrier_prefet.signataire_nom"]
    assert name.value == "Sebastien Huet" and name.status is FieldStatus.NEEDS_REVIEW
    # a name read there, unsure, is a second reading of it
    unsure = read_letter(PREFET, "scan.pdf", (prefet_letter(signatory=("Le Préfet du Gard", "Sébastien Huet"),
                                                            ocr=True, conf=0.6),))
    assert unsure.fields["signataire_nom"].confidence > 0.3
    check = SignatureCheck(True, 0.9, (300, 400, 450, 450), block_text=("Le Préfet du Gard", "M. Sébastien Huet"))
    name = letter_fields([unsure], None, {0: check})["courrier_prefet.signataire_nom"]
    assert name.value == "Sébastien Huet" and name.status is FieldStatus.EXTRACTED
