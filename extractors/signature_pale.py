"""Pale ink in an area the signature check found empty: "not signed" needs the whole area empty.

The check's ink mask (extractors.signature.ink_mask) seeds ink on clearly dark pixels; a light
pen (light blue, grey, a fine nib) on a soft, dim phone photo stays fainter than that seed
everywhere but where it runs into the print, whose mask then hides it: the area reads empty,
"not signed", surely. Looked at again with the ink's thresholds lowered, such a signature
shows its long, thin strokes, while the paper's grain and the print's blurred edges (masked
with the words) make no pen's stroke.
"""

from __future__ import annotations

import numpy as np

PALE = "traits pâles dans la zone : signature possible"  # the detail of the doubt
PALE_STRONG = (0.9, 18)  # ratio to the paper below, contrast above: a pale pen's darkest pixels
PALE_FAINT = (0.95, 9)  # the same for the pixels joined to them: its thin edges
GRAIN = 0.8  # pixels: the smoothing that takes a photo's grain and JPEG noise off


def pale_mask(gray: np.ndarray, unit: float) -> np.ndarray:
    """Ink as True with the ink mask's thresholds lowered (a pale pen's strokes kept whole). The
    paper is the page closed (lightened, then darkened back) over a stroke's width: unlike the
    lightest level near a pixel, it follows a photo's shading, whose edge would pass for ink
    at these thresholds; the page is smoothed a little first, so that its grain does not."""
    import cv2

    size = max(3, int(unit * 0.8) | 1)
    level = cv2.GaussianBlur(gray, (0, 0), GRAIN).astype(np.float32)
    square = np.ones((size, size), np.uint8)
    paper = cv2.GaussianBlur(cv2.erode(cv2.dilate(level, square), square), (0, 0), size / 2)
    ratio, contrast = level / np.maximum(paper, 1.0), paper - level
    strong = (ratio < PALE_STRONG[0]) & (contrast > PALE_STRONG[1])
    faint = (ratio < PALE_FAINT[0]) & (contrast > PALE_FAINT[1])
    count, labels = cv2.connectedComponents(faint.astype(np.uint8), connectivity=8)
    seeded = np.zeros(count, dtype=bool)
    seeded[np.unique(labels[strong])] = True
    seeded[0] = False
    return seeded[labels]


def pale_strokes(crop: np.ndarray, unit: float, words: np.ndarray, printed: list[tuple[int, int, int, int]],
                 stamps: list[tuple[int, int, int, int]] = ()) -> tuple[int, int, int, int] | None:
    """The box (pixels of `crop`) of a pen's strokes found on the area's pale ink, None when
    even so it holds none (`words`: the printed words' mask, `printed`: their boxes; `stamps`:
    the boxes of the stamps' rings and frames the first look found, their inside left out: a
    stamp's fainter lettering and inner ring, joined anew, would measure like strokes)."""
    from extractors.signature import PEN_STROKES, _classify, components, decide
    from extractors.signature_print import in_print_rows

    ignored = words.copy()
    for x0, y0, x1, y1 in stamps:
        margin = int(STAMP_MARGIN * max(x1 - x0, y1 - y0))
        ignored[max(0, y0 - margin):y1 + margin, max(0, x0 - margin):x1 + margin] = True
    parts = in_print_rows([_classify(c) for c in components(pale_mask(crop, unit), unit, ignored)], printed, unit)
    found = decide(parts)
    return found.bbox if found.signed and PEN_STROKES in found.detail else None


STAMP_MARGIN = 0.1  # of a stamp's ring box: its ring's blur round it
