"""Signatory names: a name must look like a person's, and agree with the dossier where it can;
strokes of a signature read by OCR as letters are never a sure name."""

from __future__ import annotations

import math
import random

import pytest

from extractors.fields import Piece, extract_fields
from extractors.fields.courrier import letter_fields, read_letter
from extractors.fields.courrier_layout import letter_lines
from extractors.fields.signataire import body_name, clean_person, name_of, name_shape, same_person, scribble
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import BODY, letter

COLL = PieceKind.COURRIER_COLLECTIVITE
SIGNED_BODY = ("Je soussignée Marie Duval, maire de Lodève, confirme le plein soutien de la commune à la",
               "candidature à l'Atelier des territoires Flash, approuvée par le conseil municipal.")


@pytest.mark.parametrize("text", ["E D M A", "R I", "V AL", "Wm Rkl", "MA UN", "AA A", "D UN", "Jean ll"])
def test_strokes_read_as_letters_are_no_name(text):
    assert scribble(text)
    assert name_shape(text) == 0.0


@pytest.mark.parametrize("text", ["Marie Duval", "DUVAL Marie", "J.-P. Martin", "Jean-Pierre Fontaine",
                                  "Ange-Mathieu FILIPPI", "Brendan Le Gall", "Joël Le Besco", "Marie C."])
def test_names_with_initials_and_particles_are_names(text):
    assert not scribble(text)
    assert name_shape(text) > 0


@pytest.mark.parametrize("text, expected", [
    (". François ROBIN", "François ROBIN"),
    ("__ Aurélien PARIS", "Aurélien PARIS"),
    ("Antoine Bellance.", "Antoine Bellance"),
    ("Jean-Pierre Fontaine F", "Jean-Pierre Fontaine"),
    ("Marie C.", "Marie C."),
    ("J.-P. Martin", "J.-P. Martin"),
])
def test_a_names_edges_are_cleaned_and_initials_kept(text, expected):
    assert clean_person(text) == expected


def test_same_person_whatever_the_order_case_and_one_ocr_slip():
    assert same_person("DUVAL Marie", "Marie Duval")
    assert same_person("Marie Duval", "Marie Duvai")
    assert not same_person("Marie Duval", "Paul Roux")


def test_a_scribble_under_the_quality_is_no_name_even_for_spacy():
    block = letter_lines((letter(signatory=("Le Maire,", "E D M A")),))[-2:]
    assert not name_of(block).sure
    reading = read_letter(COLL, "l.pdf", (letter(signatory=("Le Maire,", "V AL")),))
    name = reading.fields["signataire_nom"]
    assert name.value == "V AL" and name.status is FieldStatus.NEEDS_REVIEW  # what was read, for a reviewer


def test_the_body_names_the_signer_when_the_signature_hides_the_name():
    reading = read_letter(COLL, "l.pdf", (letter(body=SIGNED_BODY, signatory=("Le Maire,", "R I")),))
    name = reading.fields["signataire_nom"]
    assert name.value == "Marie Duval" and name.status is FieldStatus.EXTRACTED


def test_a_name_under_the_signature_that_the_body_contradicts_is_for_a_reviewer():
    reading = read_letter(COLL, "l.pdf", (letter(body=SIGNED_BODY, signatory=("Le Maire,", "Marc Dubois")),))
    name = reading.fields["signataire_nom"]
    assert name.value == "Marc Dubois" and name.status is FieldStatus.NEEDS_REVIEW
    agreeing = read_letter(COLL, "l.pdf", (letter(body=SIGNED_BODY, signatory=("Le Maire,", "Marie DUVAL")),))
    assert agreeing.fields["signataire_nom"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("sentence, expected", [
    ("Je soussigné, M. Jean-Pierre Fontaine, président de la communauté", "Jean-Pierre Fontaine"),
    ("Je soussigné Jean DUPONT Maire de Vitré, atteste", "Jean DUPONT"),
    ("Je soussigné Monsieur le Maire de Vitré, atteste", None),
])
def test_the_body_name_is_found_with_or_without_a_civility(sentence, expected):
    found = body_name(letter_lines((letter(body=(sentence,) + BODY),)))
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("elu, qualite, status", [
    ("Isabelle Le Callennec", "Maire", FieldStatus.EXTRACTED),
    ("LE CALLENNEC Isabelle", "Maire de Vitré", FieldStatus.EXTRACTED),
    ("Paul Roux", "Maire", FieldStatus.NEEDS_REVIEW),  # the same mandate, another name: a misreading
    ("Paul Roux", "Adjoint au maire", FieldStatus.EXTRACTED),  # the maire signs for the adjoint's town
    (None, None, FieldStatus.EXTRACTED),
])
def test_the_collectivite_letters_signer_agrees_with_the_fiches_elu_of_the_same_mandate(elu, qualite, status):
    readings = [read_letter(COLL, "m.pdf", (letter(),))]
    got = letter_fields(readings, "Commune de Vitré", {}, (elu, qualite))
    assert got["courrier_collectivite.signataire_nom"].value == "Isabelle Le Callennec"
    assert got["courrier_collectivite.signataire_nom"].status is status


def test_extract_fields_hands_the_fiches_elu_to_the_letters():
    from tests.extractors.letters import page

    fiche = page([
        (60.0, [(60, "SECTION 1 – LES PORTEURS DE L'ATELIER")]),
        (90.0, [(60, "Collectivité porteuse : Commune de Vitré")]),
        (110.0, [(60, "Nom et prénom de l'élu(e) référent(e) : Paul Roux")]),
        (130.0, [(60, "Qualité : Maire")]),
    ])
    pieces = [Piece(PieceKind.FICHE, "fiche.pdf", (fiche,)), Piece(COLL, "m.pdf", (letter(),))]
    fields = extract_fields(pieces)
    assert fields["s1.collectivite.elu_nom"].value == "Paul Roux"
    assert fields["courrier_collectivite.signataire_nom"].status is FieldStatus.NEEDS_REVIEW


# -- end to end: a scanned letter whose signature crosses the typed name --------------------------

DPI = 200
SCALE = DPI / 72
FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"


def _scanned_letter(name: str, body: tuple[str, ...], strokes: str, seed: int):
    """A letter page at 200 dpi, its signature drawn over the typed name."""
    from PIL import Image, ImageDraw, ImageFont

    def px(x, y):
        return x * SCALE, y * SCALE

    image = Image.new("L", (int(595 * SCALE), int(842 * SCALE)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(10.5 * SCALE))
    rows = [(60, 50, "Commune de Lodève"), (60, 63, "Place de l'Hôtel de ville"), (60, 76, "34700 Lodève"),
            (320, 140, "Monsieur le Sous-directeur de l'aménagement durable"), (320, 154, "DGALN / DHUP / AD1"),
            (320, 168, "Tour Séquoia"), (320, 182, "92055 La Défense Cedex"), (320, 215, "Lodève, le 12 mars 2026"),
            (60, 250, "Objet : Candidature à l'Atelier des territoires Flash"), (60, 274, "Monsieur le Sous-directeur,")]
    closing = ("Je vous prie d'agréer, Monsieur le Sous-directeur, l'expression de mes salutations",
               "distinguées.")
    rows += [(60, 298 + 14 * i, text) for i, text in enumerate(body + closing)]
    rows += [(330, 400, "Le Maire,"), (330, 450, name)]
    for x, y, text in rows:
        draw.text(px(x, y), text, fill=0, font=font)
    rng = random.Random(seed)
    ink, width = (20, 60, 100)[seed % 3], 2 + seed % 3
    if strokes == "tall":  # hurried up-and-down strokes, what OCR reads as capitals
        points, x = [], 330 + 10 * (seed % 4)
        for _ in range(6):
            top, bottom = 455 - 22 * rng.uniform(0.6, 1.0), 455 + 22 * rng.uniform(0.2, 0.5)
            points += [px(x, bottom), px(x + 4, top), px(x + 9, bottom)]
            x += rng.uniform(12, 22)
        draw.line(points, fill=ink, width=width, joint="curve")
        draw.line([px(324, 467), px(x + 10, 459)], fill=ink, width=width)
    else:  # cursive loops along the name
        loops = rng.randint(4, 7)
        draw.line([px(325 + 120 * t + 9 * math.sin(2 * math.pi * loops * t),
                      452 + 16 * math.cos(2 * math.pi * loops * t) - 10 * t)
                   for t in (s / 239 for s in range(240))], fill=ink, width=width + 1, joint="curve")
    return image


@pytest.mark.parametrize("name, strokes, seed", [  # before: "rie Quv" and "À A" were sure names
    ("Marie Duval", "loops", 1), ("Marie Duval", "loops", 3), ("Marie Duval", "loops", 8),
    ("Marie Duval", "tall", 6), ("Jean-Pierre Fontaine", "tall", 2),
])
def test_a_signature_across_the_name_gives_the_name_or_a_review_never_strokes(name, strokes, seed):
    """Through real Tesseract: whatever OCR makes of the strokes is not a sure name."""
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page

    page = ocr_page(_scanned_letter(name, BODY[:2], strokes, seed), TesseractEngine(), number=1, dpi=DPI)
    got = read_letter(COLL, "lettre.png", (page,)).fields.get("signataire_nom")
    assert got is None or got.status is FieldStatus.NEEDS_REVIEW or same_person(got.value, name)


def test_a_scanned_letter_whose_body_names_the_signer_gives_the_name():
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page

    page = ocr_page(_scanned_letter("Marie Duval", SIGNED_BODY, "tall", 3), TesseractEngine(), number=1, dpi=DPI)
    got = read_letter(COLL, "lettre.png", (page,)).fields["signataire_nom"]
    assert got.value == "Marie Duval" and got.status is FieldStatus.EXTRACTED
