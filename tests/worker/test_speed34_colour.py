"""A letter's page with its coloured ink made paper (worker.core.signatures.coloured_ink_whitened),
its paper's colour found on histograms (speed34): the same pixels as the full computation
(test_speed32_colour's reference: the page in floats, its medians sorted), on pages of an odd
and an even number of pixels (the median is then the mean of the two middle values), on tinted
paper (the white balance) and white, and on the generator's photographed letters."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests.worker.test_speed32_colour import _reference, _tinted
from worker.core import signatures


def _page(size: tuple[int, int], paper: tuple[int, int, int], seed: int) -> Image.Image:
    """Paper of this colour with grain, grey print and a few coloured strokes."""
    rng = np.random.default_rng(seed)
    height, width = size
    rgb = np.clip(np.array(paper) + rng.normal(0, 12, (height, width, 3)), 0, 255)
    rows = rng.integers(0, height, height // 4)
    rgb[rows, : width // 2] = rng.integers(0, 90, (len(rows), 1, 1))  # print
    rgb[:, width // 2: width // 2 + 3] = (40, 60, 200)  # a blue stroke
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


@pytest.mark.parametrize("size", [(61, 47), (60, 48), (301, 199), (300, 200)])  # odd, even pixel counts
@pytest.mark.parametrize("paper", [(250, 250, 248), (236, 214, 176), (200, 205, 230)])
def test_the_paper_found_on_histograms_whitens_the_same_pixels(size, paper):
    for seed in range(3):
        image = _page(size, paper, seed)
        whitened, reference = signatures.coloured_ink_whitened(image), _reference(image)
        assert (whitened is None) == (reference is None)
        if reference is not None:
            assert np.array_equal(np.asarray(whitened), np.asarray(reference))


@pytest.mark.parametrize("seed", [5, 31, 57])
def test_a_photographed_letter_is_whitened_as_before(tmp_path, seed):
    from bench.signstudy import make_file

    path, kind, _, _ = make_file(seed, tmp_path, "photo", stamp=True)
    image = signatures._in_colour(str(path), kind, 1, 10**8)
    assert image is not None and _tinted(image)
    whitened, reference = signatures.coloured_ink_whitened(image), _reference(image)
    assert whitened is not None and np.array_equal(np.asarray(whitened), np.asarray(reference))
