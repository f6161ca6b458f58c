"""Find printed check boxes on a page image and tell ticked from empty by the ink inside.

OCR reads a box as noise ("[l", "O1", "&"); the form's answers live in those boxes, so
boxes are found in the image itself and given to the page as words "☐" and "☒".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

EMPTY_INK = 0.04  # share of dark pixels inside an empty box (noise, JPEG artefacts)
TICKED_INK = 0.12


@dataclass(frozen=True)
class Box:
    """A check box in pixels of the image it was found in, and its state."""

    left: int
    top: int
    size: int
    ticked: bool
    confidence: float


def find_boxes(gray: Image.Image, text_height: float) -> list[Box]:
    """Square outlines about the size of a letter, with their state."""
    import cv2  # lazy: only pages that are OCR'd need it

    pixels = np.asarray(gray)
    ink = cv2.adaptiveThreshold(pixels, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = 0.45 * text_height, 1.8 * text_height
    boxes = []
    for x, y, w, h, _area in stats[1:count]:
        if not (low <= w <= high and low <= h <= high and 0.75 <= w / h <= 1.33):
            continue
        window = ink[y:y + h, x:x + w]
        if not _has_four_sides(window):
            continue
        boxes.append(_state(ink, int(x), int(y), int(max(w, h))))
    return boxes


def _has_four_sides(window: np.ndarray) -> bool:
    """Each side of the square is an almost unbroken line of ink (a letter "O" has no corners)."""
    h, w = window.shape
    band = max(1, min(h, w) // 6)
    sides = (window[:band, :].max(axis=0), window[-band:, :].max(axis=0),
             window[:, :band].max(axis=1), window[:, -band:].max(axis=1))
    corners = (window[:band, :band], window[:band, -band:], window[-band:, :band], window[-band:, -band:])
    return all(side.mean() >= 0.85 for side in sides) and all(corner.any() for corner in corners)


def _state(ink: np.ndarray, x: int, y: int, size: int) -> Box:
    inset = max(2, size // 4)
    inside = ink[y + inset:y + size - inset, x + inset:x + size - inset]
    share = float(inside.mean()) if inside.size else 0.0
    if share >= TICKED_INK:
        return Box(x, y, size, True, round(min(1.0, 0.7 + share), 3))
    if share <= EMPTY_INK:
        return Box(x, y, size, False, round(1.0 - share / EMPTY_INK * 0.3, 3))
    # In between: a faint tick or a dirty box; say so with a low confidence.
    return Box(x, y, size, share > (EMPTY_INK + TICKED_INK) / 2, 0.4)
