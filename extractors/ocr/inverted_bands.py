"""Reversed text (light on a dark band) made dark on light before reading."""

from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.images import components, pixels as page_pixels


def reversed_bands_inverted(gray: Image.Image, glance: np.ndarray | None = None) -> Image.Image:
    """Light text on a dark band (a form's section headings, a coloured letterhead) turned dark on light.

    Tesseract reads reversed text poorly, worst on photos: "ANNEXE 1 – LES DYNAMIQUES DU
    TERRITOIRE" came out as "NNEXE 1 - LES DYNAMIQUES DU TERRITOI". A band is a wide, low,
    nearly full rectangle much darker than the paper; only its box is inverted.

    `glance`: the page already shrunk within 1000 pixels (the skew's thumbnail: see
    page.prepared_page), looked at first: a page it shows no band on (most pages) is not shrunk
    again (~15 ms of CPU on a 300 dpi page); one it shows a band on is, as always, so a band is
    inverted over the same pixels. (The two shrunk pages differ by a grey level here and there,
    OpenCV weighing a pixel by the exact scale or by the sizes: no band's worth.)
    """
    import cv2

    if glance is not None and not _bands(glance)[2]:
        return gray
    pixels = page_pixels(gray)
    scale = min(1.0, 1000 / max(pixels.shape))
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    _, labels, bands = _bands(small)
    out = None
    for label, x, y, w, h in bands:
        # A margin around the band: its blurred edge lies partly outside its box.
        m = 3
        bx0, by0 = max(0, x - m), max(0, y - m)
        bx1, by1 = min(small.shape[1], x + w + m), min(small.shape[0], y + h + m)
        band = (labels[by0:by1, bx0:bx1] == label).astype(np.uint8)
        outline, _ = cv2.findContours(band, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(band, outline, -1, 1, thickness=cv2.FILLED)  # the letters' holes filled: one solid band
        band = cv2.dilate(band, np.ones((3, 3), np.uint8))
        x0, y0 = int(bx0 / scale), int(by0 / scale)
        x1, y1 = min(pixels.shape[1], int(np.ceil(bx1 / scale))), min(pixels.shape[0], int(np.ceil(by1 / scale)))
        mask = cv2.resize(band, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        out = pixels.copy() if out is None else out
        region = out[y0:y1, x0:x1]
        region[mask > 0] = 255 - region[mask > 0]
        # The band's edge, grey either way, would stay as a frame around the heading: paper instead.
        k = np.ones((max(5, int(0.2 * h / scale)),) * 2, np.uint8)
        edge = (cv2.dilate(mask, k) > 0) & (cv2.erode(mask, k, borderType=cv2.BORDER_CONSTANT, borderValue=0) == 0)
        region[edge] = 255
    return gray if out is None else Image.fromarray(out)


def _bands(small: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, list[tuple[int, int, int, int, int]]]:
    """The dark mask of a shrunk page, its closed shapes' labels, and the shapes that are bands
    (label, x, y, w, h)."""
    import cv2

    paper = float(np.percentile(small, 90))
    dark = (small < 0.45 * paper).astype(np.uint8)
    if not dark.any():
        return dark, None, []
    # The light letters inside a band are holes in it: closed, the band is one solid block.
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = components(closed)
    height, width = small.shape
    bands = []
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        # Wide and low; a little slanted on a photo, so its box is not quite full.
        if w < 0.25 * width or not 0.006 * height <= h <= 0.06 * height or area < 0.7 * w * h:
            continue
        if not 0.5 <= dark[y:y + h, x:x + w].mean() <= 0.97:  # no light inside: a plain bar, no text
            continue
        bands.append((label, x, y, w, h))
    return dark, labels, bands
