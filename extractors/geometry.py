"""Map boxes from an upright (turned, deskewed) page image back to the page as received."""

from __future__ import annotations

import logging
import math

from extractors.model import BBox

log = logging.getLogger(__name__)


def upright_size(width: float, height: float, skew: float, rotation: int) -> tuple[float, float]:
    """Size of the page once deskewed (canvas expanded, as PIL does) and turned."""
    theta = math.radians(skew)
    w = abs(width * math.cos(theta)) + abs(height * math.sin(theta))
    h = abs(width * math.sin(theta)) + abs(height * math.cos(theta))
    return (h, w) if rotation in (90, 270) else (w, h)


def to_page(bbox: BBox, width: float, height: float, skew: float, rotation: int) -> BBox:
    """The box on the page as received, from a box on its upright image (same units)."""
    if not skew and not rotation:
        return bbox
    x0, top, x1, bottom = bbox
    points = [_point(x, y, width, height, skew, rotation) for x in (x0, x1) for y in (top, bottom)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


def _point(x: float, y: float, width: float, height: float, skew: float, rotation: int) -> tuple[float, float]:
    theta = math.radians(skew)
    dw = abs(width * math.cos(theta)) + abs(height * math.sin(theta))
    dh = abs(width * math.sin(theta)) + abs(height * math.cos(theta))
    # Undo the quarter turn (the deskewed canvas was turned counter-clockwise by `rotation`).
    if rotation == 90:
        x, y = dw - y, x
    elif rotation == 180:
        x, y = dw - x, dh - y
    elif rotation == 270:
        x, y = y, dh - x
    # Undo the deskew: the upright canvas is the page turned by -skew about its centre.
    cx, cy = x - dw / 2, y - dh / 2
    return cx * math.cos(theta) - cy * math.sin(theta) + width / 2, cx * math.sin(theta) + cy * math.cos(theta) + height / 2
