"""Free-text answers on scans and photos (session 27): a thin "1", "I", "l" or "." that a porteur
wrote ("I - Relier…", "1 500", "2028 .") is no mark of the table's rule, on a photo taken askew
too, where the rule passes the place of a list's number higher or lower down the page."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.fields.rule_marks import on_rules
from extractors.model import PageText, Word

THIN = {"1", "I", "l", ".", "|"}
SECTION_4 = "SECTION 4 – LES OBJECTIFS DE L'ATELIER"
SECTION_5 = "SECTION 5 – LES RESSOURCES DE L'ATELIER"


def _sheared_page(rows, slope: float, rule: float = 300.0):
    """A photographed two-column table whose vertical rule runs at `rule` + slope × (y - 100):
    each row (y, label, answer lines, marks), the rule read as a thin "|" on the label's line and
    as the given mark (or nothing) on each wrapped line; answers 8 points right of the rule."""
    words, line = [], 0

    def put(x, y, text):
        nonlocal line
        for word in text.split():
            w = 2.4 if word in THIN else 5.0 * len(word)
            words.append(Word(word, (x, y, x + w, y + 9.0), 0.93, line))
            x += w + 5.0
        line += 1

    def at(y):
        return rule + slope * (y - 100.0)

    for y, label, answers, marks in rows:
        put(60.0 + slope * (y - 100.0), y, label)
        words.append(Word("|", (at(y) - 0.6, y - 1, at(y) + 0.6, y + 10), 0.9, line))
        for n, text in enumerate(answers):
            mark = marks[n] if n < len(marks) else None
            top = y + 15 * n
            if mark:
                words.append(Word(mark, (at(top) - 0.9, top, at(top) + 0.9, top + 9), 0.85, line))
            put(at(top) + 8.0, top, text)
    return PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)


def _fields(rows, slope=0.05):
    return extract_fiche([("photo.jpg", _sheared_page(rows, slope))])


# What porteurs write in a free-text answer: a list numbered with arabic or roman numbers, an
# elided article on a line of its own, a date's "1er", a point read apart from its word.
LISTS = [
    ["Trois objectifs :", "I - Relier le bourg à la gare ;", "II - Requalifier l'entrée de ville ;",
     "III - Associer les habitants."],
    ["Deux temps :", "1 - Un diagnostic partagé ;", "2 - Un plan guide."],
    ["Accueillir les", "1 500 habitants attendus d'ici 2035 ."],
    ["Atelier du 1er mars au", "l ' été 2028, en deux temps :", "a) diagnostic ; b) scénarios."],
]


@pytest.mark.parametrize("answer", LISTS)
def test_a_thin_character_written_in_an_answer_on_a_photo_taken_askew_stays(answer):
    rows = [(100.0, SECTION_4, [""], []),
            (120.0, "Objectifs poursuivis", answer, []),
            (200.0, "Attendus de l'Atelier", ["Une feuille de route."], []),
            (220.0, "Calendrier souhaité", ["En 2027."], []),
            (240.0, SECTION_5, [""], []),
            (260.0, "Documents disponibles", ["PLU de 2019."], []),
            (280.0, "Acteurs à mobiliser", ["Le CAUE."], []),
            (300.0, "Moyens logistiques", ["Une salle."], []),
            (320.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", [""], []),
            (340.0, "Le bourg perd des habitants.", [""], []),
            (360.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT", [""], []),
            (380.0, "Un PLUi en cours.", [""], [])]
    fields = _fields(rows)
    assert fields["s4.objectifs"].value == " ".join(answer)


def test_the_rule_read_as_a_one_at_a_wrapped_line_of_a_photo_taken_askew_still_goes():
    rows = [(100.0, SECTION_4, [""], []),
            (120.0, "Objectifs poursuivis", ["Mieux intégrer la nature"], []),
            (140.0, "Attendus de l'Atelier", ["Une restitution publique, une", "feuille de route partagée."],
             [None, "1"]),
            (180.0, "Calendrier souhaité", ["Atelier en 2027, restitution avant", "l'été 2028."], [None, "."]),
            (220.0, SECTION_5, [""], []),
            (240.0, "Acteurs à mobiliser", ["Les 12 associations d'habitants."], [])]
    fields = _fields(rows)
    assert fields["s4.attendus"].value == "Une restitution publique, une feuille de route partagée."
    assert fields["s4.calendrier"].value == "Atelier en 2027, restitution avant l'été 2028."


def _word(text, x, y, width=1.8):
    return Word(text, (x - width / 2, y, x + width / 2, y + 9.0), 0.9, int(y))


@pytest.mark.parametrize("slope", [0.0, 0.03, -0.05])
def test_a_mark_is_on_the_rule_where_the_rule_runs_at_its_height(slope):
    bars = [_word("|", 300.0 + slope * (y - 100), y) for y in (100.0, 130.0, 160.0, 400.0)]
    words = [*bars, Word("Objectifs", (60.0, 100.0, 110.0, 109.0), 0.9, 100)]
    on = _word("1", 300.0 + slope * 145.0 + 0.5, 245.0)  # between bars: where the rule runs
    beyond = _word(".", 300.0 + slope * 400.0 - 0.5, 500.0)  # below the last bar, on its line
    written = _word("I", 300.0 + slope * 145.0 + 7.0, 245.0)  # the cell's text, 7 points aside
    found = on_rules([*words, on, beyond, written])
    assert id(on) in found and id(beyond) in found
    assert id(written) not in found


def test_an_annex_title_whose_word_annexe_a_photo_lost_ends_the_answer_before_it():
    """"1 LES DU TERRITOIRE" at the top of the next photo: the annex's number, then a word only
    its title prints, in capitals. The resources' last answer stops before it, the annex starts."""
    from dataclasses import replace

    from tests.extractors.test_fiche_layouts import _page

    first = _page([(60.0, 80.0, SECTION_5),
                   (60.0, 100.0, "Acteurs à mobiliser"), (230.0, 100.0, "Le CAUE et l'EPF."),
                   (60.0, 130.0, "Moyens logistiques mis à"), (230.0, 130.0, "Impression et diffusion des documents."),
                   (60.0, 145.0, "disposition (salle,"), (230.0, 145.0, "Prise en charge des repas.")], ocr=True)
    second = replace(_page([(75.0, 60.0, "1 LES DU TERRITOIRE"),
                            (60.0, 90.0, "Le bourg compte 2 183 habitants ; la population est stable."),
                            (60.0, 300.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT"),
                            (60.0, 330.0, "Un PLUi est en cours d'élaboration.")], ocr=True), number=2)
    fields = extract_fiche([("photo1.jpg", first), ("photo2.jpg", second)])
    assert fields["s5.moyens"].value == "Impression et diffusion des documents. Prise en charge des repas."
    assert fields["a1.dynamiques_territoire"].value == "Le bourg compte 2 183 habitants ; la population est stable."


@pytest.mark.parametrize("row", ["2 LES DU TERRITOIRE", "1 PLAN DE TERRITOIRE EN COURS DE REVISION", "1 Le territoire du bourg"])
def test_a_row_in_capitals_starting_with_a_number_is_no_annex_title_without_its_word(row):
    from extractors.fields.labels import find_labels
    from extractors.fields.layout import page_rows
    from tests.extractors.test_fiche_layouts import _page

    rows = page_rows("scan.pdf", _page([(60.0, 80.0, row)], ocr=True))
    assert not [h for h in find_labels(rows) if h.index >= 0]


def test_a_mark_below_a_photos_last_bars_is_on_the_rule_however_it_curves():
    """Two bars 124 points apart, a point aside: the rule's slope is barely told; a "!" read
    far below, where the curved rule runs straight down from the last bar, is the rule."""
    words = [_word("|", 286.5, 66.0), _word("|", 285.5, 190.0),
             Word("Moyens", (77.0, 532.0, 120.0, 541.0), 0.9, 532)]
    mark = _word("!", 284.5, 558.0, width=1.0)
    assert id(mark) in on_rules([*words, mark])


@pytest.mark.parametrize(("read", "doubted"), [("Olivier Etienne", True), ("Josiane ETIENNE", True),
                                               ("Eric Morel", True), ("Émilie Morel", False),
                                               ("Olivier Estienne", False), ("Eve Morel", False)])
def test_a_name_read_from_a_scan_starting_with_a_capital_e_that_may_have_lost_its_accent(read, doubted):
    """"Olivier Étienne" read "Olivier Etienne" on a photo: OCR loses the accent over a capital
    most; INSEE's register, unaccented in capitals, cannot say which spelling is likelier."""
    from extractors.fields.given_names import doubt_accents
    from extractors.model import FieldStatus, FieldValue, Source
    from tests.extractors.letters import page

    scan = page([(700, [(300, read)])], ocr=True)
    value = FieldValue(read, 0.93, Source("scan.pdf", 1, (300, 700, 420, 712)), FieldStatus.EXTRACTED)
    out = doubt_accents({"s1.etat.referent_nom": value}, [("scan.pdf", scan)])["s1.etat.referent_nom"]
    assert out.value == read
    assert (out.status is FieldStatus.NEEDS_REVIEW) is doubted


@pytest.mark.parametrize(("read", "sure"), [("CIVIS (Communauté Intercommunale des Villes", False),
                                            ("CIVIS (Communauté Intercommunale des Villes Solidaires)", True),
                                            ("Communauté de communes [Pays de Mormal", False),
                                            ("Communauté de communes du Pays de Mormal (59)", True)])
def test_a_name_whose_bracket_never_closes_lost_its_end(read, sure):
    from extractors.fields.answer_text import finished_text

    assert (finished_text("s1.collectivite.nom", read)[1].value == "extracted") is sure
