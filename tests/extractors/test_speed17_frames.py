"""A check box's frame looked for by running sums and maxima: the same sums and maxima as
numpy's sliding windows they replace (a box's shape has few windows: their set-up cost more)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from extractors.checkboxes import _window_max, _window_sums


@pytest.mark.parametrize("seed", range(20))
def test_running_sums_and_maxima_are_the_sliding_windows(seed):
    rng = np.random.default_rng(seed)
    height, width = (int(v) for v in rng.integers(1, 90, 2))
    ink = (rng.random((height, width)) < rng.random()).astype(np.int32)
    for n in range(1, max(height, width) + 1):
        for axis, length in ((0, height), (1, width)):
            if n > length:
                continue
            windows = sliding_window_view(ink, n, axis=axis)
            assert np.array_equal(_window_sums(ink, n, axis), windows.sum(axis=-1))
            assert np.array_equal(_window_max(ink, n, axis), windows.max(axis=-1))
