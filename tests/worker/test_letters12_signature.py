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


def test_ink_over_a_sure_name_has_the_block_read_again(tmp_path):
    """The name read surely (no block worth reading for its values), a signature drawn over it: the
    block is cropped to be read again, the strokes may have cut or lengthened the name."""
    import math

    from PIL import Image, ImageDraw, ImageFont

    from extractors.fields import Piece, letter_zones
    from tests.extractors.letters import letter
    from worker.core.signatures import ink_check

    coll = PieceKind.COURRIER_COLLECTIVITE
    page = letter(ocr=True)
    zone = letter_zones([Piece(coll, "scan.png", (page,))])[0]
    assert zone.read_block is False and zone.name_box is not None
    scale = 150 / 72
    image = Image.new("L", (round(595 * scale), round(842 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", round(10.5 * scale))
    for word in page.words:
        draw.text((word.bbox[0] * scale, word.bbox[1] * scale), word.text, fill=0, font=font)
    x0, y0, x1, y1 = zone.name_box
    points = [((x0 - 10 + (x1 - x0 + 20) * t) * scale, (y0 - 8 + 14 * math.sin(12 * t)) * scale)
              for t in (i / 200 for i in range(201))]
    draw.line(points, fill=20, width=3)
    path = tmp_path / "scan.png"
    image.save(path, dpi=(150, 150))
    check, crop = ink_check(str(path), "image", page, zone, 10**8)
    assert check.signed is True and crop is not None
