"""A smear on a photo read as a word: a box far wider than its letters could be, read with no
confidence ("CORRE" over 336 points where "temporaires avant les travaux" stood)."""

from __future__ import annotations

from statistics import median

from extractors.fields.layout import Token

SMEAR_CONF = 0.2  # a word OCR hardly read
# Width per letter over the answer's text height: the 12,800 answer words of the scanned study
# cases (d39, d40, tune) give at most 1.0 below SMEAR_CONF and 2.4 above it ("DEAL" spaced out);
# a smear's box spans words it could not read (3.7).
SMEAR_WIDTH = 3.0


def smears(tokens: list[Token]) -> set[int]:
    """Indices of the answer's words that are a smear: read at very low confidence, with a box
    far wider than its letters at the answer's text height."""
    heights = [t.bbox[3] - t.bbox[1] for t in tokens if t.norm and t.conf >= SMEAR_CONF]
    if not heights:
        return set()
    height = median(heights)
    found = set()
    for i, t in enumerate(tokens):
        letters = max(1, len(t.text))
        ratio = (t.bbox[2] - t.bbox[0]) / letters / height if height > 0 else 0.0
        if t.conf < SMEAR_CONF and ratio > SMEAR_WIDTH:
            found.add(i)
    return found
