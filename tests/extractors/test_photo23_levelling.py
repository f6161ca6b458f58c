"""A photographed sheet, warped flat, is levelled by a bicubic turn: its small letters keep their
strokes' contrast (a bilinear turn, after the warp's own resampling, blurred them enough that the
words read worse than on the sheet left unlevelled). A scan is levelled as before."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.ocr.orientation import rotated_free
from extractors.ocr.page import _levelled

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def skewed_small_letters(degrees: float = 1.2) -> Image.Image:
    """Lines of 10-pixel letters (a phone photo of a whole sheet), turned by `degrees`."""
    image = Image.new("L", (900, 500), 240)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 13)
    for row in range(14):
        draw.text((40, 30 + 32 * row), "Revitalisation du centre-ville et des entrées de ville 2026", fill=60, font=font)
    return image.filter(ImageFilter.GaussianBlur(0.6)).rotate(degrees, Image.Resampling.BICUBIC, fillcolor=240)


def stroke_contrast(image: Image.Image) -> float:
    """The paper's level minus the darkest strokes' (their 1st percentile)."""
    pixels = np.asarray(image, dtype=np.float64)
    return float(np.percentile(pixels, 90) - np.percentile(pixels, 1))


def test_a_photographed_sheet_is_levelled_without_blurring_its_letters():
    gray = skewed_small_letters()
    photo, _, skew, _ = _levelled(gray, flat=False)
    scan, _, same_skew, _ = _levelled(gray, flat=True)
    assert skew == same_skew and abs(skew) >= 1.0
    assert stroke_contrast(photo) >= stroke_contrast(scan) + 5, (stroke_contrast(photo), stroke_contrast(scan))


def test_a_scan_is_levelled_as_before():
    gray = skewed_small_letters()
    scan, _, skew, _ = _levelled(gray, flat=True)
    paper = int(np.median(np.asarray(gray)[::8, ::8]))
    before = gray.rotate(-skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=paper)
    assert np.array_equal(np.asarray(scan), np.asarray(before))
    assert np.array_equal(np.asarray(rotated_free(gray, -skew)), np.asarray(before))
