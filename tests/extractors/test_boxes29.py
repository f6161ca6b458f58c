"""Check boxes on scans (session 29): a typed empty box "[ ]" whose blank OCR read as a brace
("[{]") is an empty box, not a crossed box misread (it ticked its option); a box found in the
image inside a "word" holding a bracket ("[&A") is that box misread, not one of its letters."""

from __future__ import annotations

import pytest

from extractors.fields.boxes import box_state
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus, PageText, Word
from tests.extractors.box_groups import group_lines
from tests.extractors.test_fiche_layouts import _page

_THEMES = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
           "Aménagement des friches", "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
           "Adaptation des mobilités", "Accompagnement des projets socio-économiques (ESS) et économiques",
           "Protection, restauration et gestion des écosystèmes et des ressources naturelles", "Gestion des risques",
           "Autre (préciser)"]


def _dash_fiche(marks: dict[int, str]):
    """A 'dash' layout's thématiques as a 200 dpi scan reads them: the label on its own line,
    each option under it behind its typed box ("[]", "[X]", or `marks`' reading of it)."""
    lines = group_lines("THÉMATIQUE(S)", _THEMES, marks, "[]")
    conf = {"[X]": 0.91, "[{]": 0.44, "[]": 0.8}
    return extract_fiche([("scan.pdf", _page(lines, ocr=True, conf=conf))])


def test_an_empty_typed_box_read_with_a_brace_inside_ticks_nothing():
    value = _dash_fiche({0: "[{]", 4: "[{]", 8: "[X]"})["s3.thematiques"]
    assert value.value == ["risques"]
    assert value.status is FieldStatus.EXTRACTED


def test_a_typed_cross_is_still_read_ticked_beside_braced_empty_boxes():
    value = _dash_fiche({0: "[{]", 2: "[X]", 8: "[X]"})["s3.thematiques"]
    assert value.value == ["friches", "risques"]


@pytest.mark.parametrize("text, state", [("[{]", False), ("[_]", False), ("[ ]", False), ("[]", False), ("( )", False),
                                         ("[X]", True), ("[x", True), ("[/]", None), ("[|]", None), ("||", None),
                                         ("(ESS)", None), ("{Les", None)])
def test_box_states_of_typed_boxes(text, state):
    assert box_state(text) is state


def _words(lines: list[tuple[float, float, str]], extra: tuple[Word, ...] = ()) -> tuple[Word, ...]:
    words = list(extra)
    for n, (x, y, text) in enumerate(lines):
        for word in text.split():
            words.append(Word(word, (x, y, x + 5.0 * len(word), y + 9.0), 0.95, n + 1))
            x += 5.0 * (len(word) + 1)
    return tuple(words)


@pytest.mark.parametrize("noise", ["[&A", "C]"])
def test_a_box_alone_at_a_page_top_inside_a_bracketed_word_is_that_box(noise):
    """The programmes' last line ("☒ Aucun") carried over to the next page, the ☒ found in the
    image read by OCR as "[&A" around it: alone on its page, no column of boxes says it is one
    (and Petites villes de demain's box lost: the one box missing is no tick)."""
    first = [(60.0, 100.0, "Intitulé de l'Atelier : Revivre au bourg"), (60.0, 115.0, "Thématique(s) : ☐ Aménagement des friches"),
             (60.0, 130.0, "☒ Adaptation de l'offre de logements"),
             (60.0, 145.0, "Programme(s) de l'ANCT concerné(s) : ☐ Action cœur de ville"),
             (253.0, 160.0, "Petites villes de demain"), (236.0, 175.0, "☐ Villages d'avenir"),
             (236.0, 190.0, "☐ Territoires d'industrie")]
    page1 = PageText(1, 595.0, 842.0, _words(first), ocr=True, confidence=0.9)
    box = Word("☒", (238.0, 60.0, 246.0, 69.0), 1.0, 0)
    misread = Word(noise, (232.0, 59.0, 250.0, 70.0), 0.75, 0)
    second = [(253.0, 60.0, "Aucun"), (60.0, 80.0, "Présentation du projet et de la problématique : Le parc ancien.")]
    page2 = PageText(2, 595.0, 842.0, _words(second, (misread, box)), ocr=True, confidence=0.9)
    fields = extract_fiche([("scan.pdf", page1), ("scan.pdf", page2)])
    assert fields["s3.programmes"].value == []
