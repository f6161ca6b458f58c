"""A scanned letter whose letterhead is a dark band across the top is a scan, not a sheet on a desk.

Taken for a photographed sheet, the page below the band was warped to a rectangle, and the
page came out turned by several degrees (its letter then read badly).
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.orientation import estimate_skew
from extractors.ocr.sheet import paper_straightened
from tests.extractors.test_perspective import flat_page, photo

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BODY = ("J'ai l'honneur de vous adresser la candidature de la commune à l'appel à projets",
        "Atelier des territoires Flash, pour le projet intitulé Atelier : valoriser le",
        "patrimoine bâti et fédérer les acteurs du territoire autour d'un projet partagé.")


def bandeau_letter(band: int, footer: bool = False, tilt: float = 0.0) -> Image.Image:
    """A4 at 150 dpi, scanned grey: a dark band `band` pixels high across the top with the
    collectivité's name in white, then the letter's text; maybe a dark footer band too."""
    page = Image.new("L", (1240, 1754), 236)
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 1240, band], fill=48)
    draw.text((90, band // 3), "MAIRIE DE SAINT-LÉONARD", fill=245, font=ImageFont.truetype(FONT, 44))
    font = ImageFont.truetype(FONT, 22)
    for i in range(12):
        draw.text((110, band + 120 + 60 * i), BODY[i % 3], fill=25, font=font)
    draw.text((760, band + 900), "Le Maire,", fill=25, font=font)
    if footer:
        draw.rectangle([0, 1754 - band // 2, 1240, 1754], fill=60)
    if tilt:
        page = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=236)
    noise = np.random.default_rng(3).normal(0, 4, (page.height, page.width))
    return Image.fromarray(np.clip(np.asarray(page, np.float32) + noise, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("band, footer, tilt", [(150, False, 0.0), (260, False, -0.8), (180, False, 1.2),
                                               (200, True, 1.0)])
def test_a_letterhead_band_is_not_a_desk(band, footer, tilt):
    straight, warp = paper_straightened(bandeau_letter(band, footer, tilt))
    assert warp is None
    assert estimate_skew(straight) == pytest.approx(tilt, abs=0.3)


def test_a_sheet_on_a_desk_is_still_warped():
    image, _ = photo(flat_page()[0])
    assert paper_straightened(image)[1] is not None
