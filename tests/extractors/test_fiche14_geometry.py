"""Fiche pages read from small phone photos (session 14): the answer is the right-hand cell
of its label's row, placed by the words' boxes, which on a photo line up only roughly.
Pages are synthetic OCR words (one box per word)."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page


def test_a_wrapped_label_stays_out_when_the_answer_line_starts_a_little_left_of_its_column():
    """The label's second line ("SCoT, études,") read on the answer's second line, which a
    photo put 3 points left of where the answer's first line starts: still the label's words."""
    lines = [(60.0, 100.0, "Documents disponibles"), (300.0, 100.0, "Diagnostic commercial, PLU approuvé,"),
             (60.0, 112.0, "SCoT, études,"), (297.0, 112.0, "OPAH-RU en cours."),
             (60.0, 140.0, "Acteurs à mobiliser"), (300.0, 140.0, "Les bailleurs sociaux")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.documents"].value == "Diagnostic commercial, PLU approuvé, OPAH-RU en cours."
    assert fields["s5.documents"].status is FieldStatus.EXTRACTED
