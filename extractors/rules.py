"""A table's rules taken off a page image before it is read.

Tesseract's layout analysis takes text that sits on a rule (a label on a table's cell border,
an answer on a dotted line's underline) as part of a drawing, and drops it: on a scanned
table fiche whole label cells vanish. Long straight runs of ink are no letters; painted
over with the paper beside them, the text they touched reads like any other. Word boxes do
not move: the image keeps its size and geometry.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

RULE_LENGTH = 0.1  # of the page's width: a line of blurred words is shorter, a table's rule longer
MIN_RULE = 40  # pixels, on the smallest images
PAPER_REACH = 7  # pixels either side of a rule where the paper is found
THICK_SHARE, MIN_THICK = 0.004, 5  # of the page's width, in pixels: a rule is thinner
DARK_SHARE = 0.6  # of the paper's tone: darker is print


def without_rules(gray: Image.Image) -> Image.Image:
    """`gray` with its long horizontal and vertical rules painted over in the paper's tone."""
    import cv2

    pixels = np.asarray(gray.convert("L"))
    if min(pixels.shape) < 3 * MIN_RULE:
        return gray
    # Ink against the local paper: photos are lit unevenly.
    ink = cv2.adaptiveThreshold(pixels, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    length = max(MIN_RULE, int(RULE_LENGTH * pixels.shape[1]))
    out = pixels.copy()
    thick = max(MIN_THICK, int(THICK_SHARE * pixels.shape[1]))
    # Filled dark areas (a heading in reversed video, a photo's edge) and what lies around
    # them are no place for rules: the dark between white letters would pass for one.
    dark = (pixels < DARK_SHARE * np.percentile(pixels, 90)).astype(np.uint8)
    filled = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((thick, thick), np.uint8))
    near_filled = cv2.dilate(filled, np.ones((2 * thick + 1, length), np.uint8))
    for run, across in (((1, length), (2 * PAPER_REACH + 1, 1)), ((length, 1), (1, 2 * PAPER_REACH + 1))):
        rule = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones(run, np.uint8))
        if not rule.any():
            continue
        # A rule is thin: a filled band (a heading in reversed video, a photo's edge) is no rule.
        band = cv2.morphologyEx(rule, cv2.MORPH_OPEN, np.ones((thick, 1) if run[0] == 1 else (1, thick), np.uint8))
        rule = cv2.dilate(rule & (1 - cv2.dilate(band, np.ones((3, 3), np.uint8))) & (1 - near_filled),
                          np.ones((3, 1) if run[0] == 1 else (1, 3), np.uint8))  # with its soft edges
        # The lightest pixel across the rule is the paper beside it.
        paper = cv2.dilate(pixels, np.ones(across, np.uint8))
        out[rule > 0] = paper[rule > 0]
    return Image.fromarray(out) if not np.array_equal(out, pixels) else gray
