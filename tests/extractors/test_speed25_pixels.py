"""Issue 16: a page's pixels seen as an array without a copy (np.asarray copies a 300 dpi page
out through tobytes, a dozen times a page); the same values, read-only as before."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from PIL import Image

from extractors.images import pixels
from extractors.ocr import in_process
from extractors.ocr.page import ocr_page
from tests.extractors.test_ocr import LINES, drawn_page


def _page() -> Image.Image:
    return drawn_page(LINES, (1400, 1000), 34, 90, 120, 120)


def test_a_grey_page_is_seen_in_place_with_the_values_a_copy_holds():
    page = _page()
    seen = pixels(page)
    assert np.array_equal(seen, np.asarray(page)) and seen.shape == (1000, 1400)
    assert np.shares_memory(seen, pixels(page))  # the page's own memory, not a copy each time
    assert not seen.flags.writeable  # as np.asarray's: no step may change a page in place
    expected = np.asarray(page).copy()
    del page
    gc.collect()
    assert np.array_equal(seen, expected)  # the memory lives as long as the array


def test_other_images_are_copied_as_before():
    colour = Image.new("RGB", (30, 20), (10, 20, 30))
    assert np.array_equal(pixels(colour), np.asarray(colour))
    large = Image.new("L", (5000, 4000), 7)  # 20 MB: rows in more than one of Pillow's blocks
    assert np.array_equal(pixels(large), np.asarray(large))
    assert pixels(Image.new("L", (0, 5))).shape == (5, 0)


@pytest.mark.skipif(not in_process.available(), reason="libtesseract not found")
def test_a_page_is_prepared_and_read_without_copying_its_pixels_out(engine, monkeypatch):
    page = _page()
    expected = ocr_page(page, engine, number=1, dpi=200)

    def no_copy(self, *args, **kwargs):
        raise AssertionError("a page's pixels copied out")

    monkeypatch.setattr(Image.Image, "tobytes", no_copy)
    assert ocr_page(page, engine, number=1, dpi=200) == expected
