"""Fiche words a photo boxed flat, and a running header it garbled (session 25b). Synthetic pages."""

from __future__ import annotations

from dataclasses import replace

from extractors.fields.fiche import extract_fiche
from extractors.fields.layout import document_rows
from tests.extractors.test_fiche_layouts import _page


def test_a_printed_label_word_boxed_flat_by_a_photo_keeps_its_place():
    """"disponibles" boxed one point high, read without confidence: a word of the form's own
    labels, so the label is found; a flat word that is no label word is still dropped."""
    lines = [(60.0, 80.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER"),
             (60.0, 100.0, "Documents disponibles"), (230.0, 100.0, "Le PLU de la commune"),
             (60.0, 130.0, "Acteurs à mobiliser"), (230.0, 130.0, "Le CAUE et le PNR"),
             (60.0, 160.0, "Moyens logistiques mis à disposition"), (300.0, 160.0, "Une salle"),
             (60.0, 200.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")]
    page = _page(lines, ocr=True, conf={"disponibles": 0.5, "commune": 0.5})
    flat = {"disponibles", "commune"}
    words = tuple(replace(w, bbox=(w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[1] + 1.0)) if w.text in flat else w
                  for w in page.words)
    fields = extract_fiche([("photo.jpg", replace(page, words=words))])
    assert fields["s5.documents"].value == "Le PLU de la"


def _body(top: float) -> list[tuple[float, float, str]]:
    return [(60.0, top + 40.0 + 20.0 * n, f"Texte de la ligne numéro {n} du corps de la page") for n in range(30)]


def test_a_running_header_a_photo_garbled_is_no_answer():
    """"Aveber des tereceres Flash - Fiche de canttre" at the top of the next page: its long
    words are the header's, the short ones ("des", "de") count neither way."""
    lines = [(60.0, 30.0, "Aveber des tereceres Flash - Fiche de canttre")] + _body(30.0)
    rows = document_rows([("photo.jpg", _page(lines, ocr=True))])
    assert not any("Flash" in row.text for row in rows)
    answer = [(60.0, 30.0, "Les fiches de la salle des fêtes Flash et de la mairie")] + _body(30.0)
    rows = document_rows([("photo.jpg", _page(answer, ocr=True))])
    assert any("Flash" in row.text for row in rows)


def test_a_section_ending_on_a_page_whose_header_a_photo_garbled_keeps_its_lost_labels_answers():
    """Two labels OCR lost under "Documents disponibles" (a blot, a garbled one), their answers
    one cell each up to the next page, whose garbled header is no third cell."""
    page1 = [(60.0, 60.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER"),
             (60.0, 100.0, "Documents disponibles"), (230.0, 100.0, "Inventaire du patrimoine"),
             (60.0, 150.0, "ÉER"), (230.0, 150.0, "Le CAUE, le PNR, les bailleurs"),
             (60.0, 190.0, "Moyens logistiques mes à"), (230.0, 190.0, "Impression des documents"),
             (60.0, 208.0, "disposition (salle,"), (230.0, 208.0, "Salle du conseil municipal")]
    page2 = [(60.0, 30.0, "Aveber des tereceres Flash - Fiche de canttre"),
             (60.0, 90.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE")] + _body(90.0)
    conf = {"mes": 0.36, "ÉER": 0.0}
    fields = extract_fiche([("p1.jpg", _page(page1, ocr=True, conf=conf)),
                            ("p2.jpg", replace(_page(page2, ocr=True, conf=conf), number=1))])
    assert fields["s5.acteurs"].value == "Le CAUE, le PNR, les bailleurs"
    assert fields["s5.moyens"].value == "Impression des documents Salle du conseil municipal"
