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
        return print_rows_only(crop.point(lambda v: 0 if v < level else 255),
                               _rows_of(printed, scale, y0, 1.0, crop.height))
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
    return print_rows_only(crop.point(lambda v: 0 if v < level else 255),
                           _rows_of(printed, scale, y0, 2.0, crop.height))


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


def print_rows_only(binary: Image.Image, known: list[tuple[int, int]] = ()) -> Image.Image:
    """The black-and-white area with only the rows of print kept: a signature's loops and a
    stamp's ring between the block's lines made paper, so that the title line a signature
    crosses is read as one line of print, not as part of a drawing. A row of print is two
    glyph-sized pieces of ink on one baseline, or the row of a word the page read (`known`,
    pixel rows); without a row found, the area as it was."""
    import cv2

    pixels = np.asarray(binary)
    ink = (pixels < 128).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    pieces = [stats[i] for i in range(1, count) if stats[i][4] >= 6 and stats[i][3] >= 4
              and stats[i][2] <= 3 * stats[i][3]]
    if len(pieces) < FEW_PIECES:
        return binary
    height = float(np.median([p[3] for p in pieces]))
    glyphs = sorted((p for p in pieces if 0.6 * height <= p[3] <= 1.8 * height), key=lambda p: p[1] + p[3])
    rows, group = list(known), []
    for glyph in glyphs + [None]:
        if glyph is None or group and glyph[1] + glyph[3] - (group[0][1] + group[0][3]) > 0.3 * height:
            if len(group) >= ROW_GLYPHS:  # the glyphs' tops (accents, capitals) to below their baseline (descenders)
                bottom = float(np.median([g[1] + g[3] for g in group]))
                rows.append((int(min(g[1] for g in group) - 0.2 * height), int(bottom + 0.45 * height)))
            group = []
        if glyph is not None:
            group.append(glyph)
    if not rows:
        return binary
    kept = np.zeros(pixels.shape[0], dtype=bool)
    for top, bottom in rows:
        kept[max(0, top):max(0, bottom)] = True
    out = pixels.copy()
    out[~kept] = 255
    return Image.fromarray(out)


def _rows_of(printed: tuple[BBox, ...], scale: float, y0: int, factor: float, limit: int) -> list[tuple[int, int]]:
    """The pixel rows of the crop (enlarged by `factor`) that the words the page read lie on."""
    rows = []
    for box in printed:
        top, bottom = factor * (box[1] * scale - y0), factor * (box[3] * scale - y0)
        if bottom > 0 and top < limit:
            rows.append((int(top), int(bottom) + 1))
    return rows


ROW_GLYPHS = 2  # glyph-sized pieces of ink on one baseline that make a row of print ("La" of "La Préfète")
FEW_PIECES = 6  # pieces of ink under which the area is no print to sort
TYPED_WORDS = 4
TYPED_DARK = 0.25  # share of a typed word's ink darker than the level: print OCR reads on black and white


LOW_DPI = 200  # pixels per inch of the sheet under which the signatory area is read enlarged
A4_WIDTH_INCHES = 8.27
LIGHT_TEXT = 0.25  # share of the area's ink darker than the level under which the typed text is grey
