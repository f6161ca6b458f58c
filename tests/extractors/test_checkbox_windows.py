"""A box a tick runs out of, found by scoring every window at once: the same box as trying
each window in turn (the reference below), at a fraction of the cost."""

from __future__ import annotations

import numpy as np

from extractors.checkboxes import _has_four_sides, _overrun_boxes


def _one_by_one(ink, dark, stats, side):
    """Every window tried in turn: the first of the highest score by size, top, left."""
    found = []
    for x, y, w, h, _ in stats:
        if not (side - 1 <= w <= 3 * side and side - 1 <= h <= 3 * side) or max(w, h) <= side + 2:
            continue
        best, best_score = None, 0.0
        for size in (side - 1, side, side + 1):
            for top in range(y, y + h - size + 1):
                for left in range(x, x + w - size + 1):
                    score = 0.0
                    if _has_four_sides(ink[top:top + size, left:left + size]) and top >= 2 and left >= 2 \
                            and top + size + 2 <= ink.shape[0] and left + size + 2 <= ink.shape[1]:
                        ring = np.concatenate([dark[top - 2, left - 2:left + size + 2],
                                               dark[top + size + 1, left - 2:left + size + 2],
                                               dark[top - 2:top + size + 2, left - 2],
                                               dark[top - 2:top + size + 2, left + size + 1]])
                        score = 0.0 if ring.mean() > 0.3 else 1.0 - float(ring.mean())
                    if score > best_score:
                        best, best_score = (left, top, size, size), score
        if best is not None:
            found.append(best)
    return found


def test_every_window_at_once_finds_the_box_each_window_in_turn_finds():
    rng = np.random.default_rng(2)
    found = 0
    for _ in range(400):
        height, width = (int(v) for v in rng.integers(20, 70, 2))
        ink = (rng.random((height, width)) < 0.05).astype(np.uint8)
        side = int(rng.integers(4, 16))
        for _ in range(int(rng.integers(1, 4))):  # boxes, a tick's diagonal running out of them
            size, line = side + int(rng.integers(-1, 2)), int(rng.integers(1, 3))
            top, left = int(rng.integers(0, max(1, height - size))), int(rng.integers(0, max(1, width - size)))
            ink[top:top + size, left:left + line] = ink[top:top + size, left + size - line:left + size] = 1
            ink[top:top + line, left:left + size] = ink[top + size - line:top + size, left:left + size] = 1
            for step in range(int(rng.integers(0, 2 * size))):
                ink[min(height - 1, top + step), min(width - 1, left + step)] = 1
        ink[rng.random((height, width)) < 0.03] = 0
        dark = ink | (rng.random((height, width)) < 0.05).astype(np.uint8)
        x, y = int(rng.integers(0, width // 3)), int(rng.integers(0, height // 3))
        stats = np.array([[x, y, int(rng.integers(1, width - x + 1)), int(rng.integers(1, height - y + 1)), 0]])
        expected = _one_by_one(ink, dark, stats, side)
        assert _overrun_boxes(ink, dark, stats, side) == expected
        found += bool(expected)
    assert found >= 10  # the comparison saw boxes, not only empty answers
