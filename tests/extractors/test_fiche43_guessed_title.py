"""A short worded answer (intitulé, service, function, quality) with one word OCR guessed
(read under 0.2, its other words read well) is for a reviewer (session fiche43): a title of
two or three words has no words to spare ("Le Etes" given sure at 0.70). A long prose answer
keeps its one guessed word ("intercommunale,~0.00" is often read right)."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus, PageText, Word

ROWS = [(100.0, "SECTION 3 – L'OBJET DE L'ATELIER", ""),
        (120.0, "Intitulé de l'Atelier", None),
        (160.0, "Présentation du projet et de la problématique", None),
        (200.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", ""),
        (220.0, "Objectifs poursuivis", "Une feuille de route."),
        (240.0, "Attendus de l'Atelier", "Un plan-guide."),
        (260.0, "Calendrier souhaité", "En 2027.")]


def _fields(title, description):
    """The form's rows on a photo, the title's and the description's words given as
    (text, confidence), each on one line of text 9 points high, 5 points a letter."""
    words, line = [], 0

    def put(x, y, items):
        nonlocal line
        for text, conf in items:
            w = 5.0 * len(text)
            words.append(Word(text, (x, y, x + w, y + 9.0), conf, line))
            x += w + 5.0
        line += 1

    answers = iter([title, description])
    for y, label, value in ROWS:
        put(60.0, y, [(w, 0.93) for w in label.split()])
        put(300.0, y, next(answers) if value is None else [(w, 0.93) for w in value.split()])
    page = PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)
    return extract_fiche([("photo.jpg", page)])


PROSE = "Le centre ancien perd ses commerces et ses habitants depuis dix ans.".split()


@pytest.mark.parametrize("title", [
    [("Le", 0.95), ("Etes", 0.12), ("demain", 0.92)],  # the guessed word kept on a line read well
    [("Basse-Terre", 0.0), (":", 0.93), ("inventer", 0.96), ("un", 0.96), ("projet", 0.95), ("partagé", 0.96)],
])
def test_a_title_with_one_word_guessed_is_for_a_reviewer(title):
    value = extract_fiche_title(title)
    assert value.value == " ".join(w for w, _ in title)
    assert value.status == FieldStatus.NEEDS_REVIEW


def extract_fiche_title(title):
    return _fields(title, [(w, 0.93) for w in PROSE])["s3.intitule"]


def test_a_title_read_well_stays_sure():
    value = extract_fiche_title([("Le", 0.95), ("Tholonet", 0.9), ("demain", 0.91)])
    assert value.status == FieldStatus.EXTRACTED


def test_a_prose_answer_keeps_its_one_long_guessed_word():
    prose = [(w, 0.0 if w == "habitants" else 0.93) for w in PROSE]
    value = _fields([("Le", 0.95), ("Tholonet", 0.9), ("demain", 0.91)], prose)["s3.description"]
    assert value.status == FieldStatus.EXTRACTED
