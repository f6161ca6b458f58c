"""The sheet's light evened out and its desk painted white in place: the same pixels as the
float expressions they replace (issue 16: a phone photo's sheet found with less CPU)."""

import numpy as np
from PIL import Image

from extractors.ocr import sheet
from extractors.ocr.sheet import _flattened, _whitened, paper_brightness


def _reference_flattened(pixels: np.ndarray) -> np.ndarray:
    paper = paper_brightness(pixels)
    return np.clip(pixels.astype(np.float32) * 255.0 / np.maximum(paper, 1), 0, 255).astype(np.uint8)


def _photo_like(seed: int) -> np.ndarray:
    """A grey sheet with a shadow, black letters, a dark desk border and pure black/white specks
    (pixels brighter than their paper, paper 0): every branch of the division."""
    rng = np.random.default_rng(seed)
    height, width = 600, 450
    y, x = np.mgrid[0:height, 0:width]
    page = 200 - 80 * (x / width) + rng.normal(0, 6, (height, width))
    page[rng.random((height, width)) < 0.03] = 20  # letters
    page[:40], page[:, :30] = 35, 35  # the desk
    page[100:140, 100:400] = 0  # a black band: its paper is 0 somewhere
    page[rng.random((height, width)) < 0.001] = 255
    return np.clip(page, 0, 255).astype(np.uint8)


def test_flattened_is_the_float_division_pixel_for_pixel():
    for seed in range(4):
        pixels = _photo_like(seed)
        assert np.array_equal(_flattened(pixels), _reference_flattened(pixels))


def test_whitened_paints_only_the_desk_and_keeps_the_sheet_flattened():
    pixels = _photo_like(7)
    mask = np.zeros(pixels.shape, np.uint8)
    mask[40:, 30:] = 255  # the sheet
    out = np.asarray(_whitened(Image.fromarray(pixels), mask))
    expected = _reference_flattened(pixels)
    expected[mask == 0] = 255
    assert np.array_equal(out, expected)


def test_flattened_leaves_its_input_untouched():
    pixels = _photo_like(3)
    before = pixels.copy()
    sheet._flattened(pixels)
    assert np.array_equal(pixels, before)
