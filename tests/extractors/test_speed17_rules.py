"""The rule mask brought to the page's size only in the bands holding rules: the same
pixels as OpenCV's full-page nearest resize it replaces."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors.rules import _nearest, without_rules
from tests.extractors.test_rules import table_page


@pytest.mark.parametrize(("height", "width", "f"), [(3508, 2480, 3), (1754, 1240, 2), (1001, 2999, 4), (97, 61, 3)])
def test_the_nearest_indexes_are_opencvs_resize(height, width, f):
    small = (np.random.default_rng(width).random((-(-height // f), -(-width // f))) > 0.5).astype(np.uint8)
    expected = cv2.resize(small, (width, height), interpolation=cv2.INTER_NEAREST)
    assert np.array_equal(small[_nearest(small.shape[0], height)][:, _nearest(small.shape[1], width)], expected)


def test_a_large_table_page_keeps_its_size_and_loses_its_rules():
    page = table_page().resize((1700 * 2, 900 * 2), Image.Resampling.NEAREST)  # worked on shrunk by 4
    clean = np.asarray(without_rules(page))
    assert clean.shape == np.asarray(page).shape
    assert clean[2 * 136, 600:1600].mean() > 200  # paper where the rule under the first label was
