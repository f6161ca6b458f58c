"""A scrap read as a short word at the start of a label's row ("SRE Commune(s) concernée(s) …": a
150 dpi scan's table rule; "TA Courriel: …": a photo's shadow) hid the label: its answer was then
taken as a label OCR lost, for a reviewer. The label after such a speck is the label."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page


def _section2(first_word: str, first_conf: float):
    rows = [(f"{first_word} Commune(s) concernée(s)", "La Léchère, Les Avanchers-Valmorel"),
            ("EPCI de rattachement", "Communauté de communes des Vallées d'Aigueblanche"),
            ("Département", "73 - Savoie"), ("Région", "Auvergne-Rhône-Alpes")]
    lines = [(60, 100, "SECTION 2 – LA LOCALISATION DE L'ATELIER")]
    for y, (label, answer) in zip(range(120, 200, 20), rows):  # the table's two columns
        lines += [(60, y, label), (300, y, answer)]
    page = _page(lines, ocr=True, conf={first_word: first_conf})
    return extract_fiche([("scan.pdf", page)])


def test_the_label_after_a_speck_is_found_and_its_answer_sure():
    fields = _section2("SRE", 0.38)
    assert fields["s2.communes"].value == "La Léchère, Les Avanchers-Valmorel"
    assert fields["s2.communes"].status is FieldStatus.EXTRACTED
    assert fields["s2.epci"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("word, conf", [("SRE", 0.93), ("Liste", 0.38)])
def test_a_word_read_surely_or_a_long_one_is_no_speck(word, conf):
    assert "s2.communes" not in {f for f, v in _section2(word, conf).items() if v.status is FieldStatus.EXTRACTED}
