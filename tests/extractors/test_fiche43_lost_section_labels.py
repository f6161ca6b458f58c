"""A section heading read while OCR lost every label under it (a photo's faded label column,
the answer column read; session fiche43): the answers read under the heading are the
section's, a cell each in the form's order, for a reviewer; they end where the next section's
lost label begins ("Documents disponibles (PLU/PLUi," read too badly to be found), whose
answer follows it. Without that label's words, which words are whose is unknown: unread."""

from __future__ import annotations

import shutil

import pytest

from bench.fichestudy import fields_of, make_files, read_pages
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus, PageText, Word

S4 = ["Articuler le projet avec le PLUi en cours.", "Un plan-guide et un programme d'actions.",
      "Atelier à l'automne 2027."]
DOCUMENTS = "Étude de revitalisation de 2016."


def _rows(documents_label: str):
    return [(100.0, "Présentation du projet et de la problématique", "Le bourg perd ses commerces."),
            (130.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", ""),
            *[(150.0 + 20 * n, "", answer) for n, answer in enumerate(S4)],  # their labels lost
            (230.0, documents_label, DOCUMENTS),  # the section 5 heading lost too
            (260.0, "Acteurs à mobiliser", "Le CAUE et les associations."),
            (280.0, "Moyens logistiques mis à disposition", "Une salle."),
            (320.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", ""),
            (340.0, "Le bourg perd des habitants.", ""),
            (380.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT", ""),
            (400.0, "Un PLUi en cours.", "")]


def _fields(documents_label: str):
    """The rows on a photo, words of 9 points high, 5 points a letter, read at 0.9."""
    words, line = [], 0
    for y, label, value in _rows(documents_label):
        for x, text in ((60.0, label), (300.0, value)):
            if not text:
                continue
            for word in text.split():
                words.append(Word(word, (x, y, x + 5.0 * len(word), y + 9.0), 0.9, line))
                x += 5.0 * len(word) + 5.0
            line += 1
    page = PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)
    return extract_fiche([("photo.jpg", page)])


def test_the_answers_under_a_heading_whose_labels_were_lost_are_the_sections_for_a_reviewer():
    fields = _fields("Documents disponibles (PLU/PLUi,")
    for field, answer in zip(("s4.objectifs", "s4.attendus", "s4.calendrier"), S4):
        assert (fields[field].value, fields[field].status) == (answer, FieldStatus.NEEDS_REVIEW)
    assert (fields["s5.documents"].value, fields["s5.documents"].status) == (DOCUMENTS, FieldStatus.NEEDS_REVIEW)
    fields = _fields("")  # without the next section's label, which words are whose is unknown
    for field in ("s4.objectifs", "s4.attendus", "s4.calendrier", "s5.documents"):
        assert (fields[field].value, fields[field].status) == (None, FieldStatus.NEEDS_REVIEW)


needs_office = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                  reason="the maker converts its fiches with LibreOffice")


@needs_office
def test_a_photographed_table_fiche_whose_section_4_labels_faded(tmp_path):
    # fichestudy seed 29 (table layout, photo): section 4's labels and section 5's heading lost
    files, _ = make_files(29, tmp_path)
    fields = fields_of(read_pages(files, tmp_path / "29.pages"))
    assert fields["s4.objectifs"]["status"] == "needs_review"
    assert fields["s4.objectifs"]["value"].startswith("Articuler")
    assert fields["s5.documents"] == {"value": "Etude de revitalisation (2016), PLUi en cours d'élaboration, "
                                               "atlas de la biodiversité communale.", "status": "needs_review"}
