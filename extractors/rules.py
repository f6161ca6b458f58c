"""A table's rules taken off a page image before it is read.

Tesseract's layout analysis takes text that sits on a rule (a label on a table's cell border,
an answer on a dotted line's underline) as part of a drawing, and drops it: on a scanned
table fiche whole label cells vanish. Long straight runs of ink are no letters; painted
over with the paper beside them, the text they touched reads like any other. Word boxes do
not move: the image keeps its size and geometry.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.images import grey, pixels as page_pixels

RULE_LENGTH = 0.1  # of the page's width: a line of blurred words is shorter, a table's rule longer
MIN_RULE = 40  # pixels, on the smallest images
PAPER_REACH = 7  # pixels either side of a rule where the paper is found
THICK_SHARE, MIN_THICK = 0.004, 5  # of the page's width, in pixels: a rule is thinner
DARK_SHARE = 0.6  # of the paper's tone: darker is print
MIN_ROWS, MIN_COLUMNS = 3, 2  # rules of a table, at the least


WORK_WIDTH = 900  # pixels: rules are found on the page shrunk to about this width (cost)


def without_rules(gray: Image.Image) -> Image.Image:
    """`gray` with its long horizontal and vertical rules painted over in the paper's tone."""
    import cv2

    pixels = page_pixels(grey(gray))
    if min(pixels.shape) < 3 * MIN_RULE:
        return gray
    # Found on a shrunk copy (the darkest pixel of each block: thin rules survive), painted
    # on the page: a fraction of a page read's cost.
    f = max(1, round(pixels.shape[1] / WORK_WIDTH))
    small = cv2.erode(pixels, np.ones((f, f), np.uint8), anchor=(0, 0))[::f, ::f] if f > 1 else pixels
    horizontal, vertical = _rules(small, max(MIN_RULE // f, 3))
    if not horizontal.any() and not vertical.any():
        return gray
    out, changed = pixels.copy(), False
    rows, columns = _nearest(small.shape[0], pixels.shape[0]), _nearest(small.shape[1], pixels.shape[1])
    for axis, found, across in ((0, horizontal, (2 * PAPER_REACH + 1, 1)), (1, vertical, (1, 2 * PAPER_REACH + 1))):
        if not found.any():
            continue
        # The mask brought to the page's size (nearest pixel) and widened across its rules, made
        # only in the bands of rows (columns) holding rules, with a margin wide enough for every
        # filter below to see what it sees on the whole page: the same pixels, a fraction of the
        # work (a table's rules cover a tenth of its rows).
        spread = np.ones((f + 2, 1) if axis == 0 else (1, f + 2), np.uint8)
        used = found.any(axis=1 - axis)[rows if axis == 0 else columns].astype(np.uint8)
        used = cv2.dilate(used[:, None] if axis == 0 else used[None, :], spread).ravel() > 0
        for start, end in _bands(used, _MARGIN):
            lo, hi = max(0, start - f - 2), min(len(used), end + f + 2)  # the spread's reach
            if axis == 0:
                strip = cv2.dilate(found[rows[lo:hi]][:, columns], spread)[start - lo:end - lo]
                cut = (slice(start, end), slice(None))
            else:
                strip = cv2.dilate(found[rows][:, columns[lo:hi]], spread)[:, start - lo:end - lo]
                cut = (slice(None), slice(start, end))
            part = pixels[cut]
            # Only the rule's own ink, with its soft edges: the letters beside it are left as they are.
            rule = (strip & cv2.dilate(_ink(part, 31), np.ones((3, 3), np.uint8))) > 0
            paper = cv2.dilate(part, np.ones(across, np.uint8))  # the lightest pixel across the rule
            out[cut][rule] = paper[rule]
            changed = changed or bool((paper[rule] != part[rule]).any())
    return Image.fromarray(out) if changed else gray


def _nearest(size: int, target: int) -> np.ndarray:
    """Which of `size` indexes each of `target` takes when resized by the nearest pixel: OpenCV's
    own mapping (cv2.resize INTER_NEAREST), asked of a column of indexes."""
    import cv2

    index = np.arange(size, dtype=np.float32)[:, None]
    return cv2.resize(index, (1, target), interpolation=cv2.INTER_NEAREST).ravel().astype(np.intp)


# Rows a filter of `without_rules` reaches beyond the band it works on: the ink's threshold
# window (31) and its 3 x 3 dilation, and the paper's reach across a rule.
_MARGIN = 31 // 2 + 1 + PAPER_REACH + 1


def _bands(used: np.ndarray, margin: int) -> list[tuple[int, int]]:
    """Runs of the True indexes of `used`, each widened by `margin` (clipped), overlapping runs merged."""
    flags = np.concatenate(([False], used, [False])).astype(np.int8)
    starts, ends = np.flatnonzero(np.diff(flags) == 1), np.flatnonzero(np.diff(flags) == -1)
    out: list[tuple[int, int]] = []
    for start, end in zip(starts, ends):
        start, end = max(0, int(start) - margin), min(len(used), int(end) + margin)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _ink(pixels: np.ndarray, block: int) -> np.ndarray:
    """Ink against the local paper, as 0/1: photos and scans are lit unevenly."""
    import cv2

    return cv2.adaptiveThreshold(pixels, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def _rules(pixels: np.ndarray, least: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks (0/1) of the thin horizontal and vertical rules of a page image."""
    import cv2

    width = pixels.shape[1]
    ink = _ink(pixels, max(11, (31 * width // 2550) | 1))
    length = max(least, int(RULE_LENGTH * width))
    thick = max(3, int(THICK_SHARE * width))
    # Filled dark areas (a heading in reversed video, a photo's edge) and what lies around
    # them are no place for rules: the dark between white letters would pass for one.
    dark = (pixels < DARK_SHARE * np.percentile(pixels, 90)).astype(np.uint8)
    filled = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((thick, thick), np.uint8))
    near_filled = cv2.dilate(filled, np.ones((2 * thick + 1, length), np.uint8))
    masks = []
    for run, across, least_rules in (((1, length), (thick, 1), MIN_ROWS), ((length, 1), (1, thick), MIN_COLUMNS)):
        rule = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones(run, np.uint8))
        # A rule is thin: a filled band is no rule.
        band = cv2.morphologyEx(rule, cv2.MORPH_OPEN, np.ones(across, np.uint8))
        rule = rule & (1 - cv2.dilate(band, np.ones((3, 3), np.uint8))) & (1 - near_filled)
        # A table has rules in numbers; a lone straight stroke is a signature's or an underline.
        count = cv2.connectedComponents(cv2.dilate(rule, np.ones((3, 3), np.uint8)))[0] - 1
        masks.append(rule if count >= least_rules else np.zeros_like(rule))
    return masks[0], masks[1]
