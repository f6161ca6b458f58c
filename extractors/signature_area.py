"""A signatory area in pixels: the zone cropped from the page, and the printed words' mask in it,
as every measure of its ink takes them (check_signature, the retry at another text height)."""

from __future__ import annotations

import numpy as np

from extractors.model import BBox


def zone_pixels(zone: BBox, scale: float, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """The zone (points) in the page's pixels, clipped to the page."""
    x0, y0, x1, y1 = (int(round(v * scale)) for v in zone)
    return max(0, x0), max(0, y0), min(shape[1], x1), min(shape[0], y1)


def in_crop(box: BBox, scale: float, origin: tuple[int, int]) -> tuple[int, int, int, int]:
    """A box in points, in the pixels of a crop whose top left corner is `origin`."""
    bx0, by0, bx1, by1 = (int(round(v * scale)) for v in box)
    return bx0 - origin[0], by0 - origin[1], bx1 - origin[0], by1 - origin[1]


def words_mask(shape: tuple[int, ...], printed_px: list[tuple[int, int, int, int]], unit: float) -> np.ndarray:
    """The printed words (their boxes in the crop's pixels), with room for accents and descenders."""
    words = np.zeros(shape, dtype=bool)
    across, up = max(1, int(round(0.1 * unit))), max(2, int(round(0.25 * unit)))
    for bx0, by0, bx1, by1 in printed_px:
        words[max(0, by0 - up):max(0, by1 + up), max(0, bx0 - across):max(0, bx1 + across)] = True
    return words
