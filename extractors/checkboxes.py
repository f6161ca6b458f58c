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
    # Boxes of a 300 dpi page are 30-40 px wide: half the resolution finds them at a quarter of the cost.
    scale = 2 if text_height >= 24 else 1
    if scale > 1:
        pixels = cv2.resize(pixels, None, fx=1 / scale, fy=1 / scale, interpolation=cv2.INTER_AREA)
        text_height /= scale
    ink = cv2.adaptiveThreshold(pixels, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31 if scale == 1 else 15, 15)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = 0.45 * text_height, 1.8 * text_height
    boxes = []
    for x, y, w, h, _area in stats[1:count]:
        if not (low <= w <= high and low <= h <= high and 0.75 <= w / h <= 1.33):
            continue
        window = ink[y:y + h, x:x + w]
        if not _has_four_sides(window):
            continue
        box = _state(pixels, int(x), int(y), int(max(w, h)))
        boxes.append(Box(box.left * scale, box.top * scale, box.size * scale, box.ticked, box.confidence))
    return boxes


def _has_four_sides(window: np.ndarray) -> bool:
    """Each side of the square is an almost unbroken line of ink (a letter "O" has no corners)."""
    h, w = window.shape
    band = max(1, min(h, w) // 6)
    sides = (window[:band, :].max(axis=0), window[-band:, :].max(axis=0),
             window[:, :band].max(axis=1), window[:, -band:].max(axis=1))
    corner = max(2, min(h, w) // 4)  # blur rounds the corners of a small box
    corners = (window[:corner, :corner], window[:corner, -corner:], window[-corner:, :corner],
               window[-corner:, -corner:])
    return all(side.mean() >= 0.75 for side in sides) and all(corner.any() for corner in corners)


def _state(pixels: np.ndarray, x: int, y: int, size: int) -> Box:
    """Ticked when the inside of the box is dark compared with its outline and the paper.

    Measured on grey levels, not on thresholded ink: on a blurred photo a small empty
    box's outline bleeds inwards, while a tick darkens its centre much more.
    """
    inset = max(2, round(size * 0.3))
    inside = pixels[y + inset:y + size - inset, x + inset:x + size - inset]
    outline = np.concatenate([pixels[y, x:x + size], pixels[y + size - 1, x:x + size],
                              pixels[y:y + size, x], pixels[y:y + size, x + size - 1]])
    around = pixels[max(0, y - size // 2):y + size + size // 2, max(0, x - size):x]
    paper = float(np.percentile(around, 90)) if around.size else 255.0
    ink = paper - float(np.percentile(outline, 25))
    if inside.size == 0 or ink < 20:
        return Box(x, y, size, False, 0.3)
    darkness = (paper - float(inside.mean())) / ink
    if darkness >= 0.35:
        return Box(x, y, size, True, round(min(1.0, 0.6 + darkness), 3))
    if darkness <= 0.18:
        return Box(x, y, size, False, round(min(1.0, 1.0 - darkness), 3))
    return Box(x, y, size, darkness > 0.26, 0.4)  # in between: a reviewer should look
