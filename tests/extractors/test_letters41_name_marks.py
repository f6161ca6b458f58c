"""A signatory's name OCR read with marks no name bears is not sure, whatever its confidence:
two accents stacked on one letter ("Nadège LEMAÏÎTRE" for LEMAÎTRE, read at 0.85), a word in
capitals ending in a small letter ("Thierry CASTAf" for CASTAGNET: the word cut by the strokes).
Names that do accent two vowels side by side ("Léïa", "Mattéï") or end in "ée" stay sure."""

from __future__ import annotations

import pytest

from extractors.fields import Piece, extract_fields
from extractors.fields.given_names import doubt_accents
from extractors.fields.name_marks import misshapen_name_word
from extractors.model import FieldStatus, FieldValue, PieceKind, Source
from tests.extractors.letters import letter, page


@pytest.mark.parametrize(("word", "misshapen"), [
    ("LEMAÏÎTRE", True), ("Lemaïître", True), ("CASTAf", True), ("DUPONt-MARTIN", True),
    ("I\u0308\u0302LE", True),  # two combining accents on one letter
    ("LEMAÎTRE", False), ("Léïa", False), ("Mattéï", False), ("Désirée", False), ("Noël", False),
    ("SAINT-JEAN", False), ("d'Aubigné", False), ("D'ARTAGNAN", False), ("McDONALD", False), ("LE", False),
])
def test_marks_no_name_bears(word, misshapen):
    assert misshapen_name_word(word) is misshapen


@pytest.mark.parametrize(("read", "sure"), [("Nadège LEMAÏÎTRE", False), ("Thierry CASTAf", False),
                                            ("Nadège LEMAÎTRE", True), ("Thierry CASTAGNET", True)])
def test_a_name_read_from_a_scan_with_such_marks_goes_to_a_reviewer(read, sure):
    scan = page([(700, [(300, read)])], ocr=True)
    value = FieldValue(read, 0.85, Source("scan.pdf", 1, (300, 700, 420, 712)), FieldStatus.EXTRACTED)
    out = doubt_accents({"courrier_prefet.signataire_nom": value}, [("scan.pdf", scan)])
    out = out["courrier_prefet.signataire_nom"]
    assert out.value == read
    assert (out.status is FieldStatus.EXTRACTED) is sure


def test_a_scanned_letter_signed_by_a_cut_name_is_for_a_reviewer():
    for name, sure in (("Thierry CASTAf", False), ("Thierry CASTAGNET", True)):
        signed = letter(signatory=("Le Maire,", name), ocr=True, conf=0.95)
        fields = extract_fields([Piece(PieceKind.COURRIER_COLLECTIVITE, "courrier.jpg", (signed,))])
        value = fields["courrier_collectivite.signataire_nom"]
        assert value.value == name
        assert (value.status is FieldStatus.EXTRACTED) is sure
