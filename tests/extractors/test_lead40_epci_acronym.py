"""An agglomération's letter: its letterhead names it with its acronym ("Loire Forez
Agglomération (LFA)"), and its president signs "Président de Loire Forez Agglomération (LFA)".

- The letterhead's name with the acronym after it is the letter's collectivité, an EPCI (it was
  not seen, and the collectivité was taken from the signatory's title).
- Where the letterhead and the word that makes it an EPCI are lost (a photo cut above the
  addressee, a signature's stroke over "Agglomération"), the
  président's title reads `autre` only because "Loire Forez" does not read as an EPCI: that title
  is no surer than that reading, never a sure "signataire non habilité".
"""

from __future__ import annotations

import datetime
import io

import pdfplumber
import pytest
from PIL import ImageDraw

from extractors.fields.courrier import read_letter
from extractors.fields.signataire import QUALITY_TRUSTED
from extractors.model import PageText, PieceKind
from extractors.ocr.engine import TesseractEngine
from extractors.ocr.page import ocr_page
from extractors.vocabulary import AUTRE, PRESIDENT_EPCI
from samples.unseen.maker import degrade
from samples.unseen.maker.letters import LetterSpec, letter_pdf

NAME = "Loire Forez Agglomération (LFA)"
DPI = 200
TOP = 0.2 * 842  # points: the letterhead, lost (a photo cut above the addressee)


def _pdf(style: int) -> bytes:
    spec = LetterSpec("collectivite", "Hervé Jacquemin", f"Président de {NAME}", NAME, True, "42", "Loire",
                      "Auvergne-Rhône-Alpes", "Montbrison", "42600", datetime.date(2026, 6, 22), True, True,
                      "Montbrison demain", style)
    return letter_pdf(spec)


def _scanned(style: int, lost) -> PageText:
    """The letter scanned at 200 dpi, the words `lost` (pdfplumber's word dict -> bool) painted out."""
    pdf = _pdf(style)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_words()
    image = degrade.rasterise(pdf, DPI)[0]
    draw, k = ImageDraw.Draw(image), DPI / 72
    for word in filter(lost, words):
        draw.rectangle([word["x0"] * k - 1, word["top"] * k - 1, word["x1"] * k + 1, word["bottom"] * k + 1], fill=255)
    return ocr_page(image, TesseractEngine(), number=1, dpi=DPI)


def _agglomeration(word: dict) -> bool:
    return word["text"].lower().startswith("agglom")


@pytest.mark.parametrize("style", [0, 2, 3])
def test_a_letterhead_name_with_its_acronym_is_the_epci(style):
    """"Agglomération" hidden in the block and the body (the signature's stroke over the title):
    the letterhead says which collectivité, in capitals or not, its acronym kept."""
    page = _scanned(style, lambda word: _agglomeration(word) and word["top"] > TOP)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (page,))
    assert reading.fields["collectivite"].value == NAME
    quality = reading.fields["signataire_qualite"]
    assert quality.value == PRESIDENT_EPCI and quality.confidence >= QUALITY_TRUSTED


def test_a_president_of_an_unsure_collectivite_is_not_surely_autre():
    """The letterhead lost and "Agglomération" lost wherever it is printed: the letter names
    "Loire Forez" only, unsure, by the president's title; his title is not surely a non-EPCI's."""
    page = _scanned(0, lambda word: _agglomeration(word) or word["top"] < TOP)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (page,))
    quality = reading.fields["signataire_qualite"]
    assert quality.value != AUTRE or quality.confidence < QUALITY_TRUSTED
