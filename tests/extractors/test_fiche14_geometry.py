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


def test_a_row_whose_label_ocr_misread_ends_the_answer_above_it():
    """"Moyens logistiques mrs à" (a photo's "mis"), not found as a label, on its own table
    row: the answer of "Acteurs à mobiliser" is its row's right-hand cell and ends there; the
    next row's answer goes to the lost label, for a reviewer."""
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (300.0, 100.0, "Le PNR, le CAUE, le conseil départemental"),
             (60.0, 140.0, "Moyens logistiques mrs à"), (300.0, 140.0, "Salle du conseil municipal"),
             (60.0, 152.0, "(salle."), (300.0, 152.0, "pour les ateliers."),
             (60.0, 200.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE"),
             (60.0, 220.0, "Le bourg compte 5 000 habitants.")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.acteurs"].value == "Le PNR, le CAUE, le conseil départemental"
    assert fields["s5.moyens"].value == "Salle du conseil municipal pour les ateliers."
    assert fields["s5.moyens"].status is FieldStatus.NEEDS_REVIEW


def test_an_unnamed_row_with_no_lost_label_to_take_it_makes_the_answer_doubtful():
    """Left-column words on a later row that are not the label's own, while no label is
    missing between this one and the next read: the answer may run into another row."""
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (300.0, 100.0, "Le PNR, le CAUE"),
             (60.0, 112.0, "Voir annexe"), (300.0, 112.0, "le conseil départemental"),
             (60.0, 140.0, "Moyens logistiques mis à disposition (salle, restauration…)"),
             (420.0, 140.0, "Salle du conseil")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s5.acteurs"].value == "Le PNR, le CAUE le conseil départemental"
    assert fields["s5.acteurs"].status is FieldStatus.NEEDS_REVIEW


def test_unnamed_rows_are_told_apart_by_their_label_column_words():
    """A photo: the élu's label read cut short and "Référent technique" read as "technique",
    neither found as a label, "Qualité" lost with its answer. Each row's right-hand cell goes
    to the lost label its left-hand words name, for a reviewer; the rows' count alone could
    not place them (two rows for four lost labels)."""
    lines = [(60.0, 100.0, "Collectivité porteuse"), (300.0, 100.0, "Commune des Ponts-de-Cé"),
             (60.0, 120.0, "Nature de la collectivité"), (300.0, 120.0, "☒ Commune ☐ EPCI"),
             (60.0, 140.0, "Nom et prénom de l'él"), (300.0, 140.0, "VIDAL Solène"),
             (110.0, 180.0, "technique"), (300.0, 180.0, "DELATTRE Bruno"),
             (60.0, 220.0, "Téléphone"), (300.0, 220.0, "02 65 85 00 43")]
    fields = extract_fiche([("f.jpg", _page(lines, ocr=True))])
    assert fields["s1.collectivite.type"].value == "commune"
    assert fields["s1.collectivite.elu_nom"].value == "VIDAL Solène"
    assert fields["s1.collectivite.contact_nom"].value == "DELATTRE Bruno"
    assert fields["s1.collectivite.contact_nom"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s1.collectivite.elu_qualite"].value is None
