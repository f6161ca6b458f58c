"""Fiche values on scans and photos (session 26): a phone digit Tesseract doubted, a cell's rule
read as a digit before a person's name. Synthetic pages."""

from __future__ import annotations

import pytest

from extractors.fields.answer_text import finished_text
from extractors.fields.fiche import extract_fiche
from tests.extractors.test_fiche_layouts import _page

SECTION_1 = "SECTION 1 – LES PORTEURS DE L'ATELIER"


def _photo(lines, conf=None):
    return extract_fiche([("photo.jpg", _page(lines, ocr=True, conf=conf))])


def test_a_phone_digit_read_with_doubt_among_two_digit_groups_is_kept():
    """"+33 5 40 37 01 82" with its "5" at 0.55: a lone digit on a line of two-digit groups is
    one of the number's, not a speck; the number stays for a reviewer (a doubted digit)."""
    fields = _photo([(60.0, 80.0, SECTION_1),
                     (60.0, 100.0, "Courriel"), (230.0, 100.0, "laetitia.vidal@gard.gouv.fr"),
                     (60.0, 120.0, "Téléphone"), (230.0, 120.0, "+33 5 40 37 01 82"),
                     (60.0, 140.0, "Collectivité porteuse"), (230.0, 140.0, "Ville de Blauzac")],
                    conf={"5": 0.55})
    assert fields["s1.etat.referent_telephone"].value == "+33 5 40 37 01 82"
    assert fields["s1.etat.referent_telephone"].status.value == "needs_review"


@pytest.mark.parametrize(("read", "name"), [("1 Ghislaine Técher", "Ghislaine Técher"),
                                            ("| DUVAL Marie", "DUVAL Marie"),
                                            ("1 Ghislaine", "1 Ghislaine")])
def test_a_rule_read_as_a_digit_before_a_persons_name_goes(read, name):
    assert finished_text("s1.etat.referent_nom", read)[0] == name
