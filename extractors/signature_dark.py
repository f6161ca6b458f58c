"""The signatory area on its darkest ink alone, to read its typed title and name again.

A grey or coloured stamp, light strokes and the paper's tint over the block hide it from the
page's OCR; thresholded at a dark level, the typed text stays and they go.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.model import BBox


def dark_ink(image: Image.Image, zone: BBox, dpi: float, level: int = 110,
             printed: tuple[BBox, ...] = ()) -> Image.Image | None:
    """The signatory area with only its darkest ink, black on white: a grey or coloured stamp,
    light strokes and the paper's tint gone, so the typed title and name under them can be read.
    `printed`: the boxes (points) of the words read there, whose own ink says whether the typed
    text is dark (a grey stamp beside it is much ink, and no sign of a blurred photo)."""
    scale = dpi / 72.0
    x0, y0, x1, y1 = (int(round(v * scale)) for v in zone)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(image.width, x1), min(image.height, y1)
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    crop = image.convert("L").crop((x0, y0, x1, y1))
    if image.width / A4_WIDTH_INCHES >= LOW_DPI:  # a photo's stated dpi says nothing: its width does
        return crop.point(lambda v: 0 if v < level else 255)
    # A phone photo or a 150 dpi scan: letters a few pixels high, read better twice as large;
    # and a blurred photo's typed text is grey, lighter than `level` where only a signature's
    # strokes are that dark: there, Tesseract thresholds the grey itself.
    crop = crop.resize((2 * crop.width, 2 * crop.height), Image.Resampling.LANCZOS)
    pixels = np.asarray(crop)
    paper = np.median(pixels)
    ink = int((pixels < paper - 40).sum())
    typed = _typed_darkness(pixels, paper, level, [tuple(int(round(2 * (v * scale - o))) for v, o in
                                                          zip(box, (x0, y0, x0, y0))) for box in printed])
    # little dark ink: a blurred photo's grey print, unless the typed words' own ink is dark (a grey
    # stamp over a scan's block is much light ink, and only thresholding takes it away)
    if ink and (pixels < level).sum() < LIGHT_TEXT * ink and (typed is None or typed < TYPED_DARK):
        return crop
    return crop.point(lambda v: 0 if v < level else 255)


def _typed_darkness(pixels: np.ndarray, paper: float, level: int, boxes: list[tuple[int, ...]]) -> float | None:
    """The median, over the typed words' boxes (pixels of the crop), of the share of their ink
    darker than `level`; None with too few words to say (a signature crosses one or two)."""
    shares = []
    for bx0, by0, bx1, by1 in boxes:
        cell = pixels[max(0, by0):max(0, by1), max(0, bx0):max(0, bx1)]
        ink = int((cell < paper - 40).sum()) if cell.size else 0
        if ink >= 8:
            shares.append((cell < level).sum() / ink)
    return float(np.median(shares)) if len(shares) >= TYPED_WORDS else None


TYPED_WORDS = 4
TYPED_DARK = 0.25  # share of a typed word's ink darker than the level: print OCR reads on black and white


LOW_DPI = 200  # pixels per inch of the sheet under which the signatory area is read enlarged
A4_WIDTH_INCHES = 8.27
LIGHT_TEXT = 0.25  # share of the area's ink darker than the level under which the typed text is grey
