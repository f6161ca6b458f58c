"""Map boxes from an upright page image (turned, then deskewed) back to the page as received."""

from __future__ import annotations

import logging
import math

from extractors.model import BBox

log = logging.getLogger(__name__)


def to_page(bbox: BBox, width: float, height: float, skew: float, rotation: int) -> BBox:
    """The box on the page as received, from a box on its upright image (same units).

    The upright image is the page turned counter-clockwise by `rotation`, then turned
    by -`skew` degrees about its centre on an expanded canvas (as PIL's expand=True does).
    """
    if not skew and not rotation:
        return bbox
    x0, top, x1, bottom = bbox
    points = [_point(x, y, width, height, skew, rotation) for x in (x0, x1) for y in (top, bottom)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


def _point(x: float, y: float, width: float, height: float, skew: float, rotation: int) -> tuple[float, float]:
    turned_w, turned_h = (height, width) if rotation in (90, 270) else (width, height)
    theta = math.radians(skew)
    canvas_w = abs(turned_w * math.cos(theta)) + abs(turned_h * math.sin(theta))
    canvas_h = abs(turned_w * math.sin(theta)) + abs(turned_h * math.cos(theta))
    cx, cy = x - canvas_w / 2, y - canvas_h / 2
    tx = cx * math.cos(theta) - cy * math.sin(theta) + turned_w / 2
    ty = cx * math.sin(theta) + cy * math.cos(theta) + turned_h / 2
    if rotation == 90:
        return width - ty, tx
    if rotation == 180:
        return width - tx, height - ty
    if rotation == 270:
        return ty, height - tx
    return tx, ty
