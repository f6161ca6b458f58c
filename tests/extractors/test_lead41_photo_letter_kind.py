"""A photographed letter is a letter, whatever its OCR did to the lines that cite the fiche.

On phone photos Tesseract reads "P.J. : fiche de candidature" as "P.2. fiche de candidature",
"P.3.: …" or "PL. : …", drops the colon after "Objet" and reads the salutation's comma as a full
stop; and a body line may start "candidature. La collectivité s'engage …", one of the form's labels
near its start. Those were counted as the form's headings (two cues: a fiche, 0.8) against the
letter's parts, and the collectivité's letter was lost. The pages are as the reader gives them
(words with boxes), the lines those photos gave.
"""

from __future__ import annotations

import pytest

from extractors.classify import classify_page, continues_letter, form_cues
from extractors.model import PieceKind
from tests.extractors.letters import letter, page

BODY = (
    "Je soussigné Jean-Baptiste TESSIER, président de la Communauté de communes Le Grand Charolais,",
    "vous présente le soutien plein et entier de la CC à la candidature au titre de l'Atelier.",
    "Par délibération du 24 février 2026, le conseil communautaire a approuvé à l'unanimité cette",
    "candidature. La collectivité s'engage à mobiliser ses services et à réunir ses partenaires.",
)
CLOSING = ("Restant à votre disposition, je vous prie de croire, Madame la Sous-directrice,",
           "à l'assurance de mes sentiments les meilleurs.")


def _photographed(reference: str, objet: str = "Objet Candidature à l'appel à projets des territoires Flash",
                  salutation: str = "Madame la Sous-direcirice."):
    return letter(head=(), objet=objet, salutation=salutation, body=(reference,) + BODY, closing=CLOSING,
                  signatory=("Président de la Communauté de communes Le Grand Charolais",),
                  date=None, ocr=True, conf=0.6)


@pytest.mark.parametrize("reference", ["P.2. fiche de candidature", "P.3.: fiche de candidature",
                                       "PL. : fiche de candidature et ses annexes"])
def test_a_misread_pj_line_does_not_make_the_letter_a_fiche(reference):
    kind = classify_page(_photographed(reference))
    assert kind is not None and kind.kind is PieceKind.COURRIER_COLLECTIVITE


def test_a_label_after_a_sentence_end_is_not_a_heading():
    lines = ["candidature. la collectivite s'engage a mobiliser ses services"]
    assert form_cues(lines) == 0
    # a numbered heading still is one
    assert form_cues(["1. la collectivite porteuse"]) >= 1


def test_objet_without_colon_and_salutation_with_a_full_stop_open_a_letter():
    first = _photographed("P.J. : fiche de candidature")
    assert not continues_letter(first)  # its own objet and salutation: a letter's first page


def test_a_closing_that_names_the_addressee_is_no_salutation():
    """A second page that opens on "Madame la Sous-directrice, l'expression de ma haute considération."
    still continues its letter."""
    second = page([(80, [(60, "Je vous remercie par avance de l'attention portée à notre candidature et vous "
                              "prie d'agréer,")]),
                   (96, [(60, "Madame la Sous-directrice, l'expression de ma haute considération.")]),
                   (136, [(320, "Maire de Schœlcher")]),
                   (210, [(320, "Brigitte JEAN-JOSEPH")]),
                   (810, [(280, "2/2")])])
    assert continues_letter(second)
