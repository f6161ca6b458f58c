"""The signature measured again at a smaller text height: no stamp made a signature.

A photo's OCR may box words over two lines, doubling the page's text height; the check is run
again in the height of the words by the ink (worker.core.signatures). Measured so, a stamp's
lettering and rings, small and sparse, look like a pen's strokes. When the page's own height
found a stamp's ring, and each stroke the second measure calls a signature is a part of that
stamp (`stamp_drawn`), it is the stamp's: the first measure's answer stands.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.model import BBox


def _parts(gray: np.ndarray, zone: BBox, dpi: float, printed: tuple[BBox, ...], text_height: float):
    """The area's ink with the print masked (pixels of the zone's crop) and its parts (classified),
    measured in `text_height` (points) as check_signature measures them; None off the page."""
    from extractors.signature import _classify, components, ink_mask
    from extractors.signature_area import in_crop, words_mask, zone_pixels

    scale = dpi / 72.0
    x0, y0, x1, y1 = zone_pixels(zone, scale, gray.shape)
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    unit = text_height * scale
    crop = gray[y0:y1, x0:x1]
    words = words_mask(crop.shape, [in_crop(box, scale, (x0, y0)) for box in printed], unit)
    ink = ink_mask(crop, unit)
    return ink & ~words, [_classify(c) for c in components(ink, unit, words)], unit


def stamp_read_signed(image: Image.Image, zone: BBox, dpi: float, printed: tuple[BBox, ...],
                      text_height: float | None, height: float) -> bool:
    """Whether the strokes a second measure in `height` (points) calls a signature are each a
    part of a stamp whose ring the page's own text height found (`stamp_drawn`: its inner ring,
    its lettering, its emblem); a pen's stroke over the stamp crosses its bands."""
    from extractors.signature_arcs import stamp_drawn

    gray = np.asarray(image.convert("L"))
    own = _parts(gray, zone, dpi, printed, text_height) if text_height else None
    rings = [p.box for p in own[1] if p.kind == "ring"] if own else []
    if not rings:
        return False
    clean, parts, _ = _parts(gray, zone, dpi, printed, height)
    # the stamp's pieces cut off its ring measured in the page's height: its lettering is small there
    return stamp_drawn(clean, [p.box for p in parts if p.kind == "stroke"], rings, own[2])
