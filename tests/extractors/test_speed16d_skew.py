"""The skew is measured on an area-averaged thumbnail of Image.thumbnail's size: the same angles."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.ocr.orientation import _thumbnail, estimate_skew


def _page(width: int, height: int) -> Image.Image:
    """Rows of word-like bars, as a printed page's lines."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    rng = np.random.default_rng(3)
    for y in range(height // 12, height - height // 12, max(8, height // 60)):
        x = width // 10
        while x < width * 0.85:
            length = int(rng.integers(width // 60, width // 15))
            draw.rectangle((x, y, x + length, y + max(3, height // 250)), fill=20)
            x += length + width // 80
    return image


@pytest.mark.parametrize("size", [(2550, 3300), (2481, 3508), (3508, 2481), (1000, 1000), (999, 1001),
                                  (1654, 2339), (640, 480), (4032, 3024)])
def test_the_thumbnail_has_pillows_size(size):
    image = Image.new("L", size, 255)
    expected = image.copy()
    expected.thumbnail((1000, 1000))
    assert _thumbnail(image, 1000).shape == (expected.height, expected.width)


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.0, 0.6, 2.4, 5.0])
def test_the_skew_of_a_300_dpi_page_is_found(angle):
    page = _page(2480, 3508).rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    assert estimate_skew(page) == pytest.approx(angle, abs=0.21)
