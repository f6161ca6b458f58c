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


def _ruled_page(rows):
    """A scanned two-column table: each row (y, label, answer lines); the column rule at x=300 read
    as a thin "|" on the label rows, and as a thin "1" or "." where an answer line wraps."""
    from extractors.model import PageText, Word

    words, line = [], 0

    def put(x, y, text, width=None):
        nonlocal line
        for word in text.split():
            w = width or 5.0 * len(word)
            words.append(Word(word, (x, y, x + w, y + 9.0), 0.93, line))
            x += w + 5.0

    for y, label, answers, marks in rows:
        put(60.0, y, label)
        words.append(Word("|", (300.0, y - 1, 301.2, y + 10), 0.9, line))
        put(308.0, y, answers[0])
        line += 1
        for n, (text, mark) in enumerate(zip(answers[1:], [*marks, *[None] * len(answers)])):
            if mark:
                words.append(Word(mark, (299.8, y + 15 * (n + 1), 301.6, y + 15 * (n + 1) + 9), 0.85, line))
            put(308.0, y + 15 * (n + 1), text)
            line += 1
    return PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)


def test_a_table_rule_read_as_a_one_or_a_dot_at_a_wrapped_line_is_no_word():
    """"une 1 feuille de route", "dédié . pendant": where an answer wraps, a scan's rule beside
    the new line is read as a thin "1" or "." at the place other lines read "|"."""
    page = _ruled_page([
        (80.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", [""], []),
        (100.0, "Objectifs poursuivis", ["Mieux intégrer la nature"], []),
        (120.0, "Attendus de l'Atelier", ["Une restitution publique, une", "feuille de route partagée."], ["1"]),
        (160.0, "Calendrier souhaité", ["Atelier en 2027, restitution avant", "l'été 2028."], ["."]),
        (200.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER", [""], []),
        (220.0, "Acteurs à mobiliser", ["Les 12 associations d'habitants."], []),
    ])
    fields = extract_fiche([("scan.pdf", page)])
    assert fields["s4.attendus"].value == "Une restitution publique, une feuille de route partagée."
    assert fields["s4.calendrier"].value == "Atelier en 2027, restitution avant l'été 2028."
    assert fields["s5.acteurs"].value == "Les 12 associations d'habitants."


def test_a_one_written_in_the_cell_stays():
    """A "1" that starts a line of the answer stands clear of the rule: it is written."""
    page = _ruled_page([
        (80.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", [""], []),
        (100.0, "Objectifs poursuivis", ["Accueillir les", "1 500 habitants attendus"], []),
        (160.0, "Calendrier souhaité", ["Atelier en 2027."], []),
    ])
    fields = extract_fiche([("scan.pdf", page)])
    assert fields["s4.objectifs"].value == "Accueillir les 1 500 habitants attendus"


def test_a_small_word_of_a_label_in_capitals_read_as_a_box_still_ends_the_answer_before_it():
    """"NATURE ☐ LA COLLECTIVITÉ": a 200 dpi scan reads the "DE" of a label in capitals as a box;
    the label is still the label, and the porteuse's name above it stops before it."""
    fields = extract_fiche([("scan.pdf", _page([
        (90.0, 100.0, "SECTION 1 - LES PORTEURS DE L'ATELIER"),
        (90.0, 130.0, "SERVICE ☐ L'ÉTAT PILOTE"), (90.0, 154.0, "DREAL Bourgogne-Franche-Comté"),
        (90.0, 372.0, "COLLECTIVITÉ PORTEUSE"), (90.0, 400.0, "Pays de Montbéliard Agglomération"),
        (90.0, 424.0, "NATURE ☐ LA COLLECTIVITÉ"), (90.0, 449.0, "✓ EPCI"),
        (90.0, 473.0, "NOM ET PRÉNOM DE L'ÉLU(E) RÉFÉRENT(E)"), (90.0, 497.0, "Didier Lacombe")],
        ocr=True, conf={"☐": 0.9}))])
    assert fields["s1.collectivite.nom"].value == "Pays de Montbéliard Agglomération"
    assert fields["s1.collectivite.type"].value == "epci"
    assert fields["s1.etat.service"].value == "DREAL Bourgogne-Franche-Comté"


def test_a_retyped_sections_number_read_as_a_box_still_ends_the_answer_before_it():
    """"☐ Ressources": a fax reads the "5/" of a retyped section title as a box; the row is the
    title, not a check-box option, and the calendar above stops before it."""
    fields = _photo([(90.0, 80.0, "4/ Objectifs"),
                     (90.0, 100.0, "Calendrier souhaité : Au premier semestre 2027, hors vacances scolaires."),
                     (90.0, 125.0, "☐ Ressources"),
                     (90.0, 150.0, "Documents disponibles (PLU/PLUi, SCoT, études, diagnostics…) :"),
                     (90.0, 170.0, "OPAH-RU en cours."),
                     (90.0, 190.0, "Acteurs à mobiliser : Le CAUE et l'EPF.")], conf={"☐": 0.9})
    assert fields["s4.calendrier"].value == "Au premier semestre 2027, hors vacances scolaires."
    assert fields["s5.acteurs"].value == "Le CAUE et l'EPF."


@pytest.mark.parametrize(("read", "written"), [("identifier les leviers fonciers", "Identifier les leviers fonciers"),
                                               ("impression et diffusion des documents",
                                                "Impression et diffusion des documents")])
def test_a_capital_i_read_small_at_the_start_of_an_answer_is_put_back(read, written):
    """An answer starting on its label's line with a whole word but for its capital: the "I"
    read as "i", no start lost; the answer is trusted as read, its capital put back."""
    fields = _photo([(60.0, 80.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER"),
                     (60.0, 100.0, "Objectifs poursuivis"), (230.0, 100.0, read),
                     (60.0, 130.0, "Calendrier souhaité"), (230.0, 130.0, "En 2027.")])
    assert fields["s4.objectifs"].value == written
    assert fields["s4.objectifs"].status.value == "extracted"


def test_an_answer_starting_small_on_a_line_below_its_label_stays_for_a_reviewer():
    """A line below the label that starts in lower case may follow a line OCR lost."""
    fields = _photo([(60.0, 80.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER"),
                     (60.0, 100.0, "Objectifs poursuivis"), (230.0, 118.0, "identifier les leviers fonciers"),
                     (60.0, 140.0, "Calendrier souhaité"), (230.0, 140.0, "En 2027.")])
    assert fields["s4.objectifs"].status.value == "needs_review"


def test_a_colon_read_with_no_confidence_after_a_label_still_ends_it():
    """"Fonction :" with its colon at 0.00 on a fax (a tall speck over it), on a line otherwise
    read well: the colon stays, and the label with it is no part of the answer."""
    from extractors.model import PageText, Word

    words = [Word(*w) for w in [
        ("SECTION", (95.8, 120.0, 135.0, 128.0), 0.95, 3), ("1", (138.0, 120.0, 142.0, 128.0), 0.95, 3),
        ("-", (145.0, 120.0, 148.0, 128.0), 0.95, 3), ("LES", (151.0, 120.0, 168.0, 128.0), 0.95, 3),
        ("PORTEURS", (171.0, 120.0, 220.0, 128.0), 0.95, 3), ("DE", (223.0, 120.0, 235.0, 128.0), 0.95, 3),
        ("L'ATELIER", (238.0, 120.0, 285.0, 128.0), 0.95, 3),
        ("Nom", (95.76, 156.96, 117.0, 164.16), 0.95, 4), ("et", (120.96, 157.32, 129.24, 164.52), 0.96, 4),
        ("prénom", (132.84, 156.24, 168.12, 165.96), 0.95, 4), ("du", (172.08, 156.6, 183.24, 163.8), 0.96, 4),
        ("référent", (187.2, 156.24, 223.56, 164.52), 0.92, 4), (":", (227.52, 158.76, 228.96, 163.8), 0.92, 4),
        ("MARIE-SAINTE", (233.28, 156.6, 303.12, 164.16), 0.91, 4),
        ("Anne-Sophie", (306.72, 156.24, 363.96, 165.96), 0.91, 4),
        ("Fonction", (95.76, 177.84, 137.16, 191.16), 0.95, 5), (":", (141.12, 171.72, 144.36, 187.56), 0.0, 5),
        ("Chargée", (146.88, 179.64, 184.68, 189.36), 0.96, 5), ("de", (187.92, 179.64, 198.36, 187.56), 0.96, 5),
        ("mission", (201.96, 179.64, 234.72, 187.2), 0.96, 5),
        ("planification", (238.68, 179.28, 290.52, 189.0), 0.96, 5),
        ("Courriel", (95.76, 203.4, 133.2, 210.96), 0.92, 6), (":", (137.52, 205.56, 139.32, 210.6), 0.92, 6),
        ("amariesainte@deal-martinique.gouv.fr", (142.92, 202.68, 313.2, 212.76), 0.93, 6)]]
    fields = extract_fiche([("fax.pdf", PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9))])
    assert fields["s1.etat.referent_fonction"].value == "Chargée de mission planification"
    assert fields["s1.etat.referent_nom"].value == "MARIE-SAINTE Anne-Sophie"


def test_a_tick_read_as_a_short_word_over_a_box_of_a_group_on_one_line_is_read():
    """"☐ Site ou îlot ☒ Communale ☐ Intercommunale" on a 200 dpi scan, the ticked box also read
    as "WC" on a line of its own and the first box as "Üs": the short words over boxes of one
    group are the boxes misread, not letters whose bowls looked like boxes."""
    from extractors.model import PageText, Word

    words = [Word(*w) for w in [
        ("Région", (76.3, 66.0, 106.0, 75.0), 0.95, 1), ("Corse", (235.2, 67.2, 262.0, 76.0), 0.95, 1),
        ("WC", (306.72, 86.88, 323.28, 96.24), 0.62, 4),
        ("Échelle", (76.0, 87.0, 109.0, 96.0), 0.94, 5), ("de", (112.0, 89.0, 123.0, 96.0), 0.96, 5),
        ("réflexion", (126.0, 89.0, 165.0, 96.0), 0.96, 5),
        ("Üs", (233.76, 86.64, 251.52, 96.24), 0.69, 5), ("☐", (235.2, 88.8, 242.88, 96.48), 1.0, 5),
        ("Site", (246.48, 89.04, 262.08, 96.24), 0.96, 5), ("ou", (265.2, 90.72, 275.04, 96.24), 0.96, 5),
        ("îlot", (277.92, 88.8, 290.64, 96.24), 0.95, 5), ("☒", (307.2, 88.8, 314.88, 96.48), 1.0, 5),
        ("Communale", (318.0, 89.0, 369.0, 96.0), 0.65, 5), ("☐", (385.0, 88.8, 392.68, 96.48), 1.0, 5),
        ("intercommunale", (397.0, 89.0, 464.0, 96.0), 0.94, 5),
        ("Secteur", (76.0, 109.4, 112.0, 118.0), 0.9, 6), ("d'étude", (115.0, 109.4, 150.0, 118.0), 0.95, 6),
        ("Le", (235.2, 112.8, 246.0, 121.0), 0.95, 6), ("bourg", (249.0, 112.8, 275.0, 121.0), 0.95, 6)]]
    fields = extract_fiche([("scan.pdf", PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9))])
    assert fields["s2.echelle"].value == "communale"


def test_the_bowls_of_small_words_read_sure_as_boxes_on_one_line_leave_the_words():
    """A 150 dpi scan finds "boxes" in the bowls of "de" read with confidence, several on one
    line: they are no group of check boxes, and the words stay."""
    from extractors.model import PageText, Word

    words = [Word(*w) for w in [
        ("SECTION", (60.0, 500.0, 100.0, 508.0), 0.95, 1), ("5", (103.0, 500.0, 107.0, 508.0), 0.95, 1),
        ("–", (110.0, 500.0, 114.0, 508.0), 0.95, 1), ("LES", (117.0, 500.0, 135.0, 508.0), 0.95, 1),
        ("RESSOURCES", (138.0, 500.0, 200.0, 508.0), 0.95, 1), ("DE", (203.0, 500.0, 215.0, 508.0), 0.95, 1),
        ("L'ATELIER", (218.0, 500.0, 265.0, 508.0), 0.95, 1),
        ("Acteurs", (60.0, 550.0, 95.0, 558.0), 0.95, 2), ("à", (98.0, 550.0, 103.0, 558.0), 0.95, 2),
        ("mobiliser", (106.0, 550.0, 150.0, 558.0), 0.95, 2),
        ("Le", (230.0, 550.0, 241.0, 558.0), 0.95, 2), ("CAUE", (244.0, 550.0, 270.0, 558.0), 0.95, 2),
        ("et", (273.0, 550.0, 282.0, 558.0), 0.95, 2), ("l'union", (285.0, 550.0, 315.0, 558.0), 0.95, 2),
        ("de", (318.0, 550.0, 329.0, 558.0), 0.93, 2), ("☐", (319.0, 552.0, 325.0, 558.0), 0.9, 2),
        ("commerçants", (332.0, 550.0, 390.0, 558.0), 0.95, 2), ("de", (393.0, 550.0, 404.0, 558.0), 0.93, 2),
        ("☐", (394.0, 552.0, 400.0, 558.0), 0.9, 2), ("la", (407.0, 550.0, 416.0, 558.0), 0.95, 2),
        ("ville", (419.0, 550.0, 440.0, 558.0), 0.95, 2), ("de", (443.0, 550.0, 454.0, 558.0), 0.93, 2),
        ("☐", (444.0, 552.0, 450.0, 558.0), 0.9, 2), ("Lyon", (457.0, 550.0, 478.0, 558.0), 0.95, 2)]]
    fields = extract_fiche([("scan.pdf", PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9))])
    assert fields["s5.acteurs"].value == "Le CAUE et l'union de commerçants de la ville de Lyon"
