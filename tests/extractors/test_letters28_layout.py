"""Session 28: a maire's title whose last letter the signature's strokes hid ("Le Mair"); a
closing formula whose full stop a photo read as a comma, the letter's date line under it: the
closing's paragraph ends before the date line, and the signatory block after it is read; an
"Objet" whose colon was read apart or lost; a date line whose comma a scan read as a semicolon."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire_repair import repaired_titles
from extractors.model import PieceKind
from tests.extractors.letters import letter, prefet_letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


@pytest.mark.parametrize("title", ["Le Mair", "La Mair,", "Mair de Vitré"])
def test_a_maire_whose_last_letter_is_lost_is_a_maire(title):
    page = letter(signatory=(title, "Brigitte MARIE-SAINTE"), ocr=True, conf=0.93)
    quality = read_letter(COLL, "l.pdf", (page,)).fields["signataire_qualite"]
    assert quality.value == "maire" and 0.7 <= quality.confidence <= 0.85


@pytest.mark.parametrize("norm", ["le mairie", "mairie de vitre", "le mair jean"])
def test_no_other_word_is_made_a_maire(norm):
    assert repaired_titles(norm) == norm


@pytest.mark.parametrize("kind, build, title", [
    (PREFET, prefet_letter, "Le Sous-préfet, pour le préfet et par délégation"),
    (COLL, letter, "Le Maire de Vitré"),
])
def test_a_closing_read_without_its_full_stop_ends_before_the_date_line(kind, build, title):
    """"… à cette candidature," | "Blois, le 9 août 2026" | title | name, one paragraph's spacing
    apart: the date is no part of the closing, and neither is the block after it."""
    closing = ("Je vous saurais gré de bien vouloir réserver une suite favorable à cette candidature,",
               "Blois, le 9 août 2026", title.replace("préfet,", "préet,"), "Jean-Marc Dupont")
    page = build(date=None, closing=closing, signatory=(), ocr=True, conf=0.9)
    reading = read_letter(kind, "l.pdf", (page,))
    assert reading.fields["date"].value == "9 août 2026"
    assert reading.fields["signataire_nom"].value == "Jean-Marc Dupont"


def test_a_date_inside_the_closing_sentence_is_no_date_line():
    closing = ("Je vous prie d'agréer, Madame, l'expression de mes salutations, dans l'attente",
               "de la réunion du 9 août 2026 prévue à Blois, et de ma considération distinguée.")
    page = letter(closing=closing, signatory=("Le Maire,", "Jean-Marc Dupont"), ocr=True, conf=0.9)
    fields = read_letter(COLL, "l.pdf", (page,)).fields
    assert fields["date"].value == "12 mars 2026" and fields["signataire_nom"].value == "Jean-Marc Dupont"


# an addressee block as wide as the body's lines: no line width tells where the body begins
_DGALN_LONG = ("Madame la Sous-directrice de l'aménagement durable",
               "Direction générale de l'aménagement, du logement et de la nature",
               "Direction de l'habitat, de l'urbanisme et des paysages", "Tour Séquoia", "92055 La Défense Cedex")
_SHORT = ("Vous trouverez ci-joint la candidature de la ville de Vitré à",
          "l'Atelier des territoires Flash, qui a reçu un avis favorable.")


@pytest.mark.parametrize("objet", [("Objet", ": Avis sur la candidature de la commune de Vitré"),
                                   ("Objet Candidature à l'appel à projets Atelier des territoires Flash",)])
def test_an_objet_read_without_its_colon_ends_the_head(objet):
    """"Objet" alone on its line (its colon read with the text, apart) or its colon lost on a photo:
    still the objet, so the head above it, with the letter's date under the addressee, is read."""
    page = prefet_letter(objet=None, salutation=None, addressee=_DGALN_LONG, body=objet + ("Madame,",) + _SHORT,
                         closing=("Je vous prie d'agréer, Madame, mes salutations distinguées.",), ocr=True, conf=0.9)
    fields = read_letter(PREFET, "l.pdf", (page,)).fields
    assert fields["date"].value == "16 mars 2026"


@pytest.mark.parametrize("line", ["Cayenne; le 8 novembre 2026", "ne; le 8 novembre 2026"])
def test_a_date_line_whose_comma_was_read_as_a_semicolon(line):
    page = letter(date=None, signatory=(line, "Le Maire,", "Jean-Marc Dupont"), ocr=True, conf=0.9)
    assert read_letter(COLL, "l.pdf", (page,)).fields["date"].value == "8 novembre 2026"
