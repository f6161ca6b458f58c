""""Not signed" is not asserted on a black-and-white page (a fax, a 1-bit scan): a light pen's
strokes are gone past the sender's threshold, so an empty signatory area there proves nothing."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFont

from extractors.fields import Piece, letter_zones
from extractors.images import two_levels as bilevel
from extractors.model import PieceKind
from extractors.signature import SignatureCheck, unproven_on_bilevel
from tests.extractors.letters import letter
from worker.core.signatures import ink_check

SCALE = 200 / 72
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _page(ink: int | None):
    """The letter's words typed on a page, a signature in `ink` (grey level) drawn over the block."""
    page = letter(ocr=True)
    zone = letter_zones([Piece(PieceKind.COURRIER_COLLECTIVITE, "fax.png", (page,))])[0]
    image = Image.new("L", (round(595 * SCALE), round(842 * SCALE)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(10.5 * SCALE))
    for word in page.words:
        draw.text((word.bbox[0] * SCALE, word.bbox[1] * SCALE), word.text, fill=0, font=font)
    if ink is not None:
        x0, y0, x1, _ = zone.name_box
        points = [((x0 + (x1 - x0) * t) * SCALE, (y0 - 18 + 9 * math.sin(14 * t)) * SCALE)
                  for t in (i / 200 for i in range(201))]
        draw.line(points, fill=ink, width=3)
    return page, zone, image


def _faxed(image: Image.Image) -> Image.Image:
    """A fax's threshold: what is lighter than mid-grey is paper."""
    return image.point(lambda v: 0 if v < 150 else 255).convert("1")


def _faxed_letter(tmp_path, seed: int, signed: bool):
    """A préfet's letter from the unseen maker, sent by fax (200 dpi, one bit), read as Guichet reads it."""
    import datetime
    import random

    from extractors.fields.courrier import read_letter
    from extractors.images import image_pages
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf
    from worker.core.signatures import signature_of

    spec = LetterSpec("prefet", "Solène Perrot", "Le Sous-préfet", "Commune de Sablé-sur-Sarthe", False, "72",
                      "Sarthe", "Pays de la Loire", "Le Mans", "72300", datetime.date(2026, 3, 12), True, signed,
                      "Revitaliser le centre", seed)
    image = degrade.fax(degrade.rasterise(letter_pdf(spec), 200)[0], random.Random(seed), "12/03/2026 PREF")
    path = tmp_path / f"fax-{seed}.tif"
    image.save(path, dpi=(200, 200))
    page_image, page_dpi = next(image_pages(path.read_bytes(), max_pixels=10**8, max_pages=1))
    page = ocr_page(page_image, TesseractEngine(), number=1, dpi=page_dpi)
    reading = read_letter(PieceKind.COURRIER_PREFET, path.name, (page,))
    assert reading.zone is not None
    return signature_of(str(path), "image", page, reading.zone, 10**8)


def test_an_empty_area_on_a_fax_is_undecided_not_unsigned(tmp_path):
    """A fax keeps no ink lighter than its threshold: whether the letter was signed in a light
    pen or not at all, its area reads empty alike, and a reviewer says which."""
    check = _faxed_letter(tmp_path, 3, signed=False)
    assert check.signed is None and check.kind == "indecise"


def test_a_dark_signature_on_a_fax_is_still_signed(tmp_path):
    page, zone, image = _page(ink=20)
    path = tmp_path / "fax.png"
    _faxed(image).save(path, dpi=(200, 200))
    check, _ = ink_check(str(path), "image", page, zone, 10**8)
    assert check.signed is True


def test_bilevel_pages_and_the_verdicts_they_leave():
    assert bilevel(Image.new("1", (20, 20), 1))
    assert bilevel(Image.new("L", (20, 20), 255).point(lambda v: v))
    grey = Image.new("L", (20, 20), 255)
    grey.putpixel((3, 3), 128)
    grey.putpixel((4, 4), 0)
    assert not bilevel(grey)
    signed = SignatureCheck(True, 0.95, None, "manuscrite", "")
    assert unproven_on_bilevel(signed) is signed
    assert unproven_on_bilevel(SignatureCheck(False, 0.92, None, "absente", "")).signed is None
