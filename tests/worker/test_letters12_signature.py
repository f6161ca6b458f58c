"""Unsigned letters from the unseen maker, scanned at 150 and 200 dpi, whose name begins with a
civility "M." in bold: the lone capital with its dot is print, not ink left unidentified."""

from __future__ import annotations

import datetime
import random

import pytest

from extractors.fields.courrier import read_letter
from extractors.images import image_pages
from extractors.model import PieceKind
from extractors.ocr.engine import TesseractEngine
from extractors.ocr.page import ocr_page
from worker.core.signatures import signature_of


def _scanned_letter(tmp_path, seed: int, dpi: int, signed: bool):
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf

    spec = LetterSpec("prefet", "Solène Perrot", "Le Sous-préfet", "Commune de Sablé-sur-Sarthe", False, "72",
                      "Sarthe", "Pays de la Loire", "Le Mans", "72300", datetime.date(2026, 3, 12), True, signed,
                      "Revitaliser le centre", seed)
    image = degrade.scan(degrade.rasterise(letter_pdf(spec), dpi)[0], random.Random(seed))
    path = tmp_path / f"letter-{seed}.png"
    image.save(path, dpi=(dpi, dpi))
    page_image, page_dpi = next(image_pages(path.read_bytes(), max_pixels=10**8, max_pages=1))
    page = ocr_page(page_image, TesseractEngine(), number=1, dpi=page_dpi)
    reading = read_letter(PieceKind.COURRIER_PREFET, path.name, (page,))
    assert reading.zone is not None
    return signature_of(str(path), "image", page, reading.zone, 10**8)


@pytest.mark.parametrize(("seed", "dpi"), [(3, 200), (33, 150)])
def test_an_unsigned_letter_whose_name_begins_with_m_dot_is_unsigned(tmp_path, seed, dpi):
    check = _scanned_letter(tmp_path, seed, dpi, signed=False)
    assert check.signed is False


@pytest.mark.parametrize(("seed", "dpi"), [(3, 200), (33, 150)])
def test_the_same_letters_signed_are_signed(tmp_path, seed, dpi):
    check = _scanned_letter(tmp_path, seed, dpi, signed=True)
    assert check.signed is True
