"""A pasted picture in the signatory area: a panel of even tone, a little darker than the paper.

A signature is often a scanned image pasted into the letter: on the printed page it is a
rectangle of the scan's grey or cream paper, its ink faint inside it (a light pen scanned,
printed, then photographed). Its ink may be too pale to be told from the panel's grain, but
the panel itself shows that something was put there: "not signed" cannot be asserted over it.

A panel is found by its edges: a long, straight top edge (darker below, each side even along
it), a bottom edge the other way 2-10 text lines lower over the same width, the tone between
them darker than the paper outside. A row of print has uneven edges (its letters), a photo's
shading has no straight step, a rule is a line, not a band.
"""

from __future__ import annotations

import numpy as np

STEP = 8.0  # grey levels: the panel's tone below the paper's
EVEN = 6.0  # grey levels: the roughness along an edge's either side, its slow shading taken out
SAME_TONE = 0.8  # the share of the panel's pixels of its tone
DARKEST = 80.0  # grey levels: a darker band is a filled block (a logo, a dark bandeau), not a pasted scan


def pasted_panel(gray: np.ndarray, unit: float) -> tuple[int, int, int, int] | None:
    """The box (pixels of `gray`) of a pasted panel in it, or None; `unit` is a text line's height in pixels."""
    import cv2

    smooth = cv2.medianBlur(np.ascontiguousarray(gray, dtype=np.uint8), max(3, int(unit * 0.5) | 1))
    smooth = smooth.astype(np.float32)
    band, gap = max(2, int(unit * 0.5)), max(1, int(unit * 0.15))
    height = smooth.shape[0]
    if height <= 2 * (band + gap) + 2:
        return None
    total = np.vstack([np.zeros((1, smooth.shape[1]), np.float32), np.cumsum(smooth, axis=0)])
    rows = np.arange(band + gap, height - band - gap)
    below = (total[rows + gap + band] - total[rows + gap]) / band
    above = (total[rows - gap] - total[rows - gap - band]) / band
    step = below - above  # negative: darker below (a panel's top); positive: its bottom
    long = 4 * unit
    tops, bottoms = [], []
    for i, row in enumerate(rows):
        for start, end in _runs(step[i] <= -STEP):
            if end - start >= long and _even(below[i, start:end], above[i, start:end]):
                tops.append((int(row), start, end))
        for start, end in _runs(step[i] >= STEP):
            if end - start >= long and _even(below[i, start:end], above[i, start:end]):
                bottoms.append((int(row), start, end))
    for top, a, b in tops:
        for bottom, c, d in bottoms:
            left, right = max(a, c), min(b, d)
            if not 2 * unit <= bottom - top <= 10 * unit or right - left < long:
                continue
            inside = smooth[top + gap:bottom - gap, left:right]
            outside = np.concatenate([smooth[max(0, top - gap - band):top - gap, left:right].ravel(),
                                      smooth[bottom + gap:bottom + gap + band, left:right].ravel()])
            if outside.size and STEP <= float(np.median(outside) - np.median(inside)) <= DARKEST \
                    and _one_tone(inside):
                return left, top, right, bottom
    return None


def _runs(row: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a row."""
    edges = np.diff(np.concatenate(([0], row.astype(np.int8), [0])))
    return list(zip(np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist()))


def _one_tone(inside: np.ndarray) -> bool:
    """The band between the edges of one tone down each column (sparse, pale ink aside; a shadow
    shades it across): a pasted scan's paper, not rows of print with their white between."""
    spread = np.abs(inside - np.median(inside, axis=0))
    return float(np.mean(spread <= 2 * STEP)) >= SAME_TONE


def _even(*sides: np.ndarray) -> bool:
    """Each side of an edge of one tone along it (its slow shading aside): a panel's border, not letters."""
    def rough(values: np.ndarray) -> float:
        size = max(3, len(values) // 8)
        trend = np.convolve(np.pad(values, size, mode="edge"), np.ones(size) / size, mode="same")[size:-size]
        return float(np.std(values - trend))
    return all(rough(side) <= EVEN for side in sides)
