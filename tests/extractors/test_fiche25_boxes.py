"""Check boxes on photos and faxes (session 25): options misread word by word, lines lost."""

from __future__ import annotations

from extractors.fields.boxes import UNREAD
from extractors.fields.fiche import extract_fiche
from tests.extractors.test_fiche_layouts import _page

_THEMES = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
           "Aménagement des friches", "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
           "Adaptation des mobilités", "Accompagnement des projets socio-économiques (ESS) et économiques",
           "Protection, restauration et gestion des écosystèmes et des ressources naturelles", "Gestion des risques",
           "Autre (préciser)"]


def _themes(texts: list[str | None], conf: dict | None = None):
    """The thématiques group read from a photo: each line its box and text (None: line lost)."""
    lines = [(60.0, 100.0, "Intitulé de l'Atelier : Requalifier l'entrée de ville"), (60.0, 115.0, "Thématique(s) :")]
    for n, text in enumerate(texts):
        if text is not None:
            lines.append((72.0, 130.0 + 15 * n, text))
    lines.append((60.0, 130.0 + 15 * len(texts), "Présentation du projet et de la problématique : Texte."))
    return extract_fiche([("photo.jpg", _page(lines, ocr=True, conf={"☒": 1.0, "☐": 1.0, **(conf or {})}))])


def _printed(ticked: set[int]) -> list[str | None]:
    return [("☒ " if n in ticked else "☐ ") + theme for n, theme in enumerate(_THEMES)]


def test_an_option_a_photo_misread_word_by_word_is_found_after_its_box():
    """"☒ Protection et valonsanon du" (patrimoine lost at the line's end): the words after the
    box are like one option's text only."""
    texts = _printed({2})
    texts[3] = "☒ Protection et valonsanon du"
    value = _themes(texts, conf={"valonsanon": 0.22})["s3.thematiques"]
    assert value.value == ["friches", "patrimoine"]


def test_words_like_two_options_alike_name_neither():
    """"☒ Adaptation de" is the start of two options: which one is unknown."""
    texts = _printed({2})
    texts[4] = "☒ Adaptatlon de"
    value = _themes(texts, conf={"Adaptatlon": 0.4})["s3.thematiques"]
    assert "logement" not in value.value and "mobilites" not in value.value


def test_a_line_lost_whole_leaves_the_ticks_read_unsure():
    """A tick may stand on the line OCR lost: the options read ticked are not sure to be all."""
    texts = _printed({2, 5})
    texts[5] = None
    value = _themes(texts, conf={"friches": 0.9})["s3.thematiques"]
    assert value.value == ["friches"]
    assert value.confidence <= UNREAD


def test_every_line_read_keeps_its_confidence():
    value = _themes(_printed({2, 5}), conf={"friches": 0.9})["s3.thematiques"]
    assert value.value == ["friches", "mobilites"]
    assert value.confidence > UNREAD


def test_an_option_whose_first_word_was_misread_is_no_line_lost():
    """"CAS (préciser)" for "Autre (préciser)": the line is there, its box read; the ticks stay sure."""
    texts = _printed({2, 5})
    texts[-1] = "CAS (préciser)"
    value = _themes(texts, conf={"friches": 0.9, "CAS": 0.51})["s3.thematiques"]
    assert value.value == ["friches", "mobilites"]
    assert value.confidence > UNREAD
