"""The height of a line of text on a scanned page, from the printed words' ink, for the signature check.

OCR boxes its words tight to their ink. On some photos it boxes many of them twice as tall
as their ink (a box over two lines), and the page's median word height doubles; measured in it,
a signature looks half its size, its strokes like specks. The words by the signature whose box
fits their ink still say how tall the text is.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.model import BBox


def ink_fitted_height(image: Image.Image, zone: BBox, dpi: float, printed: tuple[BBox, ...],
                      text_height: float) -> float:
    """`text_height` (points, the page's median word height), or the height of the zone's printed
    words whose box fits their ink when the page's is far taller (its boxes stand over two lines)."""
    from extractors.signature import ink_mask

    scale = dpi / 72.0
    gray = np.asarray(image.convert("L"))
    x0, y0, x1, y1 = (int(round(v * scale)) for v in zone)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(gray.shape[1], x1), min(gray.shape[0], y1)
    if x1 - x0 < 8 or y1 - y0 < 8:
        return text_height
    ink = ink_mask(gray[y0:y1, x0:x1], text_height * scale)
    fitted, spans = [], []
    smallest = SMALLEST * float(np.median([b[3] - b[1] for b in printed])) * scale if printed else 0.0
    for box in printed:
        bx0, by0, bx1, by1 = (int(round(v * scale)) for v in box)  # in the zone's pixels
        bx0, by0 = max(bx0 - x0, 0), max(by0 - y0, 0)
        bx1, by1 = min(bx1 - x0, ink.shape[1]), min(by1 - y0, ink.shape[0])
        if by1 - by0 < smallest or bx1 - bx0 < 4:
            continue  # a comma, a dot: no line's height
        rows = np.nonzero(ink[by0:by1, bx0:bx1].any(axis=1))[0]
        if len(rows):
            spans.append((rows[-1] - rows[0] + 1, by1 - by0))
        if len(rows) and rows[-1] - rows[0] + 1 >= FITTED * (by1 - by0):
            fitted.append(by1 - by0)
    if len(fitted) < 3:
        fitted = _ink_heights(spans)
    if len(fitted) < 3 or np.median(fitted) / scale >= TALLER * text_height:
        return text_height  # the boxes fit their ink: OCR's heights stand
    return float(np.median(fitted)) / scale


def _ink_heights(spans: list[tuple[int, int]]) -> list[int]:
    """The words' ink heights (pixels) when no box by the signature fits its ink, a photo's OCR
    having boxed every word there taller than its ink, all by about one ratio; empty when the
    words' ink spans their boxes unevenly (print the ink mask lost in part, boxes over two lines'
    ink): then the page's height stands."""
    if len(spans) < INKED_WORDS:
        return []
    ratios = np.array([ink / box for ink, box in spans])
    low, high = np.percentile(ratios, [25, 75])
    return [ink for ink, _ in spans] if high - low <= SAME_RATIO else []


INKED_WORDS = 8  # words whose ink heights, taken together, are the text's height (a few could be caps or dots)
SAME_RATIO = 0.15  # spread of the middle half of the words' ink / box ratios: boxed alike, all too tall
FITTED = 0.9  # share of its box's height a word's ink spans when the box fits it
SMALLEST = 0.5  # of the zone's median word box: a smaller box is a mark's (a comma, a dot), not a word's
TALLER = 0.75  # the page's text height this much taller than the zone's fitted words: boxes over two lines
