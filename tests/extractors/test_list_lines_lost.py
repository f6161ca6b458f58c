"""A commune list whose first lines OCR lost on a photo ("Koungou / Mtsamboro / 97650 Bandraboua"
read as its last line only): what was read is not the whole list, and is only shown for review."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page

HEAD = [(60.0, 80.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER")]
EPCI = [(60.0, 160.0, "EPCI de rattachement"), (220.0, 160.0, "CA du Grand Nord de Mayotte")]


def test_a_list_starting_lines_below_its_label_lost_its_first_lines():
    lines = HEAD + [(60.0, 100.0, "Commune(s) concernée(s)"), (220.0, 136.0, "97650 Bandraboua")] + EPCI
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s2.communes"].value == "97650 Bandraboua"
    assert fields["s2.communes"].status is FieldStatus.NEEDS_REVIEW


def test_a_list_starting_level_with_its_label_is_read_whole():
    lines = HEAD + [(60.0, 100.0, "Commune(s) concernée(s)"), (220.0, 100.0, "Koungou"), (220.0, 118.0, "Mtsamboro"),
                    (220.0, 136.0, "97650 Bandraboua")] + EPCI
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s2.communes"].status is FieldStatus.EXTRACTED
    assert "Koungou" in fields["s2.communes"].value and "Bandraboua" in fields["s2.communes"].value


def test_a_list_written_under_its_label_is_read_whole():
    lines = HEAD + [(60.0, 100.0, "Commune(s) concernée(s) :"), (60.0, 118.0, "Koungou, Mtsamboro")] + EPCI
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s2.communes"].status is FieldStatus.EXTRACTED
