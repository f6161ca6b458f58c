"""A label wrapped on three lines in its cell, whose last word OCR read cut short ("restau"
for "restauration…)") on a 150 dpi scan: still the label, not the start of the answer."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from tests.extractors.test_fiche_layouts import _page


@pytest.mark.parametrize("cut", ["restau", "restaura", "restaurat"])
def test_a_wrapped_label_whose_last_word_was_cut_is_not_in_the_answer(cut):
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (220.0, 100.0, "L'EPF et le CAUE."),
             (60.0, 130.0, "Moyens logistiques mis à"), (220.0, 130.0, "Salle du conseil municipal pour les ateliers."),
             (60.0, 143.0, "disposition (salle,"), (220.0, 143.0, "Impression des documents."),
             (60.0, 152.0, cut),
             (60.0, 200.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.moyens"].value == "Salle du conseil municipal pour les ateliers. Impression des documents."
    assert fields["s5.acteurs"].value == "L'EPF et le CAUE."


def test_a_label_word_cut_short_in_running_text_is_not_a_label():
    """"Moyens logistiques mis à dispo" inside a sentence: no column gap after the cut word."""
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (220.0, 100.0, "L'EPF et le CAUE."),
             (220.0, 113.0, "Moyens logistiques mis à dispo des habitants."),
             (60.0, 200.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert "Moyens" in fields["s5.acteurs"].value


def test_a_wrapped_label_whose_parenthesis_was_lost_is_not_in_the_answer():
    """A photo's OCR kept "Moyens logistiques mis à" / "disposition" and lost "(salle, restauration…)"."""
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (220.0, 100.0, "L'EPF et le CAUE."),
             (60.0, 130.0, "Moyens logistiques mis à"), (220.0, 130.0, "Salle du conseil municipal pour les ateliers."),
             (62.0, 143.0, "disposition"), (220.0, 146.0, "Impression des documents."),
             (60.0, 200.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.moyens"].value == "Salle du conseil municipal pour les ateliers. Impression des documents."
    assert fields["s5.acteurs"].value == "L'EPF et le CAUE."
