"""The signature measured again at a smaller text height: no stamp made a signature.

A photo's OCR may box words over two lines, doubling the page's text height; the check is run
again in the height of the words by the ink (worker.core.signatures). Measured so, a stamp's
lettering and rings, small and sparse, look like a pen's strokes. When the page's own height
found a stamp's ring, and all the ink the second measure calls a signature lies in that
stamp's disc, it is the stamp's: the first measure's answer stands.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.model import BBox

MARGIN = 0.3  # of the ring's radius: its blurred ink, and the lettering's, past the ring's box


def stamp_rings(image: Image.Image, zone: BBox, dpi: float, printed: tuple[BBox, ...],
                text_height: float) -> list[tuple[float, float, float, float]]:
    """The boxes (points on the page) of the round stamps' rings found in `zone` at the page's
    text height (`printed`: the words read there, masked as the check masks them)."""
    from extractors.signature import _classify, components, ink_mask

    scale = dpi / 72.0
    gray = np.asarray(image.convert("L"))
    x0, y0 = max(0, int(round(zone[0] * scale))), max(0, int(round(zone[1] * scale)))
    x1, y1 = min(gray.shape[1], int(round(zone[2] * scale))), min(gray.shape[0], int(round(zone[3] * scale)))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return []
    unit = text_height * scale
    crop = gray[y0:y1, x0:x1]
    words = np.zeros(crop.shape, dtype=bool)
    across, up = max(1, int(round(0.1 * unit))), max(2, int(round(0.25 * unit)))
    for box in printed:  # as check_signature masks the words
        bx0, by0, bx1, by1 = (int(round(v * scale)) for v in box)
        words[max(0, by0 - y0 - up):max(0, by1 - y0 + up), max(0, bx0 - x0 - across):max(0, bx1 - x0 + across)] = True
    parts = [_classify(c) for c in components(ink_mask(crop, unit), unit, words)]
    return [((p.box[0] + x0) / scale, (p.box[1] + y0) / scale, (p.box[2] + x0) / scale, (p.box[3] + y0) / scale)
            for p in parts if p.kind == "ring"]


def in_stamp(ink: BBox | None, rings: list[tuple[float, float, float, float]]) -> bool:
    """Whether the box of the ink (points) lies in one ring's box, widened by its blur."""
    if ink is None:
        return False
    for rx0, ry0, rx1, ry1 in rings:
        margin = MARGIN * (rx1 - rx0 + ry1 - ry0) / 4
        if rx0 - margin <= ink[0] and ry0 - margin <= ink[1] and ink[2] <= rx1 + margin and ink[3] <= ry1 + margin:
            return True
    return False


def stamp_read_signed(image: Image.Image, zone: BBox, dpi: float, printed: tuple[BBox, ...],
                      text_height: float | None, again: BBox | None) -> bool:
    """Whether the ink a second measure calls signed (`again`: its box, points) is a stamp found
    at the page's text height."""
    return bool(text_height) and in_stamp(again, stamp_rings(image, zone, dpi, printed, text_height))
