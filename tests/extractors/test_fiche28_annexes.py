"""Fiche answers on scans and photos (session 28): what OCR left of the annexes' printed
instructions, and of a lost label's wrapped lines, is no part of the answer (families seen on
three draws: the instructions kept as a sure annex answer, "(PLU/PLUI, SCOT, études," kept in
the documents' answer)."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.fields.plausible import implausible
from extractors.model import FieldStatus, PageText, Word

LABEL_X, ANSWER_X = 60.0, 300.0


def _page(rows, conf=0.9):
    """Rows of (y, [(x, text, conf or None)]): each text's words put one after the other."""
    words, line = [], 0
    for y, pieces in rows:
        for x, text, own in pieces:
            for word in text.split():
                width = 5.0 * len(word)
                words.append(Word(word, (x, y, x + width, y + 9.0), own or conf, line))
                x += width + 4.0
        line += 1
    return PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=conf)


def _fields(rows):
    return extract_fiche([("photo.jpg", _page(rows))])


def _form_tail(annex_1, annex_2):
    """Sections 4 and 5 answered, then both annexes as OCR read them (rows from y = 300 on)."""
    rows = [(100.0, [(LABEL_X, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", None)]),
            (120.0, [(LABEL_X, "Objectifs poursuivis", None), (ANSWER_X, "Relier le bourg à la gare.", None)]),
            (140.0, [(LABEL_X, "Attendus de l'Atelier", None), (ANSWER_X, "Une feuille de route.", None)]),
            (160.0, [(LABEL_X, "Calendrier souhaité", None), (ANSWER_X, "En 2027.", None)]),
            (180.0, [(LABEL_X, "SECTION 5 – LES RESSOURCES DE L'ATELIER", None)]),
            (200.0, [(LABEL_X, "Documents disponibles", None), (ANSWER_X, "PLU de 2019.", None)]),
            (220.0, [(LABEL_X, "Acteurs à mobiliser", None), (ANSWER_X, "Le CAUE.", None)]),
            (240.0, [(LABEL_X, "Moyens logistiques", None), (ANSWER_X, "Une salle.", None)])]
    y = 300.0
    for block in (annex_1, annex_2):
        for pieces in block:
            rows.append((y, pieces))
            y += 15.0
        y += 20.0
    return rows


ANSWER_1 = [[(LABEL_X, "Le Pizou compte 1 428 habitants ; la population est stable.", None)],
            [(LABEL_X, "Les emplois se concentrent dans le commerce.", None)]]
ANSWER_2 = [[(LABEL_X, "Le SCoT vient d'être approuvé. Une convention est signée.", None)]]
TEXT_1 = "Le Pizou compte 1 428 habitants ; la population est stable. Les emplois se concentrent dans le commerce."
TEXT_2 = "Le SCoT vient d'être approuvé. Une convention est signée."
TITLE_1 = [(LABEL_X, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", None)]
TITLE_2 = [[(LABEL_X, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT", None)]]


def test_instructions_below_a_speck_on_the_annex_title_row_are_dropped():
    # A photo's speck read after the title ("TERRITOIRE 2]"), then both lines of the instructions
    # too misread to be found as a label: the answer starts below them.
    annex_1 = [TITLE_1 + [(400.0, "2]", 0.05)],
               [(LABEL_X, "Présentez de marère synthétique les dynamiques à l'œuvre sur le terrtoire "
                          "concerné : démographie, économie et", 0.5)],
               [(LABEL_X, "emploi, habitat, services et équipements, environnement paysages.", 0.5)],
               *ANSWER_1]
    fields = _fields(_form_tail(annex_1, TITLE_2 + ANSWER_2))
    assert fields["a1.dynamiques_territoire"].value == TEXT_1


def test_instructions_read_badly_from_their_first_word_on_are_dropped():
    # "Précisez documents de plandicaton…": too far from the printed line as a whole, its words
    # in the instructions' order from their first one.
    annex_2 = [*TITLE_2,
               [(LABEL_X, "Précisez documents de plandicaton les d'aménagement en Ou et", 0.4)],
               [(LABEL_X, "Où programmes contractueis dort la", 0.4)],
               *ANSWER_2]
    fields = _fields(_form_tail([TITLE_1, *ANSWER_1], annex_2))
    assert fields["a2.dynamiques_amenagement"].value == TEXT_2


def test_the_instructions_last_words_misread_further_are_dropped():
    # "hatatat" for "habitat": the line after a line of the instructions, their next words in order.
    annex_1 = [TITLE_1,
               [(LABEL_X, "Présentez de marnère synthétque les dynamiques à l'œuvre su le terrtote "
                          "concerné : démograplue. économe et", 0.4)],
               [(LABEL_X, "hatatat, et équpements, ef", 0.3)],
               *ANSWER_1]
    fields = _fields(_form_tail(annex_1, TITLE_2 + ANSWER_2))
    assert fields["a1.dynamiques_territoire"].value == TEXT_1


def test_an_answer_made_of_the_instructions_words_stays():
    # Words the instructions print, in their order, but not from their first one: the answer's.
    text = "Documents : PLU de 2019, projets d'aménagement envisagés au bourg, dispositifs de l'ANCT."
    annex_2 = [*TITLE_2,
               [(LABEL_X, "Précisez documents de plandicaton les d'aménagement en Ou et", 0.4)],
               [(LABEL_X, "Où programmes contractueis dort la", 0.4)],
               [(LABEL_X, text, None)]]
    fields = _fields(_form_tail([TITLE_1, *ANSWER_1], annex_2))
    assert fields["a2.dynamiques_amenagement"].value == text


def _section_5(documents_rows):
    rows = [(100.0, [(LABEL_X, "SECTION 5 – LES RESSOURCES DE L'ATELIER", None)]), *documents_rows,
            (200.0, [(LABEL_X, "Acteurs à mobiliser", None), (ANSWER_X, "Le CAUE.", None)]),
            (220.0, [(LABEL_X, "Moyens logistiques", None), (ANSWER_X, "Une salle.", None)])]
    return rows


def test_a_lost_labels_wrapped_line_is_no_part_of_its_answer():
    # A photo lost the label's first line ("Documents disponibles"): its second line, in the label
    # column, stands left of the answer's second line.
    rows = _section_5([(120.0, [(ANSWER_X, "PLU approuvé en 2019, inventaire du patrimoine", None)]),
                       (135.0, [(LABEL_X, "(PLU/PLUI, SCOT, études,", 0.77),
                                (ANSWER_X, "PLUi en cours d'élaboration.", None)])])
    fields = _fields(rows)
    assert fields["s5.documents"].value == "PLU approuvé en 2019, inventaire du patrimoine PLUi en cours d'élaboration."


def test_words_in_the_label_column_that_are_not_the_labels_stay():
    # A line of the answer that starts at the page's left edge (no label words there) is the answer's.
    rows = _section_5([(120.0, [(ANSWER_X, "PLU approuvé en 2019, inventaire du patrimoine", None)]),
                       (135.0, [(LABEL_X, "Étude urbaine", 0.8),
                                (ANSWER_X, "PLUi en cours d'élaboration.", None)])])
    fields = _fields(rows)
    assert "Étude urbaine" in (fields["s5.documents"].value or "")


def _objectifs(first_line):
    rows = [(100.0, [(LABEL_X, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", None)]),
            (120.0, [(LABEL_X, "Objectifs poursuivis", None), *first_line]),
            (135.0, [(ANSWER_X, "Mieux intégrer la nature dans l'espace public.", None)]),
            (160.0, [(LABEL_X, "Attendus de l'Atelier", None), (ANSWER_X, "Une feuille de route.", None)]),
            (180.0, [(LABEL_X, "Calendrier souhaité", None), (ANSWER_X, "En 2027.", None)])]
    return _fields(rows)["s4.objectifs"]


def test_a_prose_answer_with_words_lost_inside_a_line_goes_to_review():
    # "… 2 797 habitants        Le tissu …": a photo's glare lost the words between.
    value = _objectifs([(ANSWER_X, "Relier le bourg", None), (ANSWER_X + 190.0, "à la gare ;", None)])
    assert value.value == "Relier le bourg à la gare ; Mieux intégrer la nature dans l'espace public."
    assert value.status is FieldStatus.NEEDS_REVIEW


def test_a_prose_answer_read_whole_stays_sure():
    value = _objectifs([(ANSWER_X, "Relier le bourg à la gare ;", None)])
    assert value.status is FieldStatus.EXTRACTED


def test_a_singular_whose_plural_the_lexicon_knows_is_a_french_word():
    # "agent" (the model's vocabulary holds "agents"): a right answer is not sent to review.
    assert not implausible("s5.moyens", "Un agent du service urbanisme dédié pendant l'atelier. "
                                        "Un agent du service urbanisme dédié pendant l'atelier.")
    assert implausible("s5.moyens", "Un agent du service urbansme dédié pendant l'ateber.")
