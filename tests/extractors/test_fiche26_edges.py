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
