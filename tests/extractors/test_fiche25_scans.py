"""Fiche labels lost on photos (session 25). Synthetic pages."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from tests.extractors.test_fiche_layouts import _page


def _photo(lines, conf=None):
    return extract_fiche([("photo.jpg", _page(lines, ocr=True, conf=conf))])


def test_a_label_whose_first_word_a_photo_misread_is_kept_out_of_the_answer():
    """"Findiulé de l'Atelier | Reconvertir la friche": the label lost as a label (its first word
    misread), its other words and the column gap after them say where the answer starts."""
    fields = _photo([(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
                     (60.0, 100.0, "Findiulé de l'Atelier"), (230.0, 100.0, "Reconvertir la friche du Moulin"),
                     (60.0, 130.0, "Thématique(s)"), (230.0, 130.0, "☒ Aménagement des friches")],
                    conf={"Findiulé": 0.0})
    assert fields["s3.intitule"].value == "Reconvertir la friche du Moulin"


def test_an_answer_starting_like_a_label_tail_keeps_its_words_without_a_gap():
    """Without a column gap after them, words like the label's are the answer's own."""
    fields = _photo([(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
                     (60.0, 100.0, "Findiulé de l'Atelier Reconvertir la friche du Moulin"),
                     (60.0, 130.0, "Thématique(s)"), (230.0, 130.0, "☒ Aménagement des friches")],
                    conf={"Findiulé": 0.0})
    assert "Reconvertir la friche du Moulin" in (fields["s3.intitule"].value or "")
    assert (fields["s3.intitule"].value or "").startswith("Findiulé")
