"""Ink the signature check would take for a pen's, that print or the paper's edge also make.

- A straight line: a pen's stroke that long curves (letters, loops, a flourish); a line whose
  outline is no longer than its box's diagonal is a sheet's edge on a photo, a rule seen
  askew, a fold. It is left unexplained (undecided), not taken for a signature.
- Print letters run together: a word the OCR read surely but taller than the zone's text
  height says (an accent over a descender, "agréer,", on a page whose text height is its
  small letters') is not masked, and its joined letters look like a short stroke. A dense
  stroke standing in a row of letters of its height is such a word, not a pen.
- A pen line crossing the print leaves the masked words in long pieces; a photo's blur
  between two words leaves scattered dots whose outline is shorter than their spread.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from extractors.signature_double import within

if TYPE_CHECKING:
    from extractors.signature import InkComponent

STRAIGHT = 1.15  # outline (half) / box diagonal: a straight line is ~1, a pen's letters 2 and more
DENSE = 0.45  # ink / box: a pen's stroke that long is sparse (loops, slant: at most ~0.3 measured)
ROW_HEIGHT = 2.0  # text-line heights: a word's letters, however loose the measured text height
ROW_MATES = 2  # letters of the row beside the stroke
WHOLE = 0.8  # outline (half) / spread: a pen line's piece is at least as long as it spreads


def straight(part: InkComponent) -> bool:
    """Whether a long thin piece of ink is a straight line (a piece crossing print is measured
    by what lies outside the words: apart, its pieces' outlines say nothing of its shape)."""
    return not part.crossing and part.length <= STRAIGHT * math.hypot(part.width, part.height)


def print_run(part: InkComponent, mates: list[InkComponent]) -> bool:
    """Whether a dense `part` (a "stroke") is print's letters run together: it stands in a row
    of letters (`mates`: glyphs, words, small text) of about its height."""
    if part.fill < DENSE or part.height > ROW_HEIGHT:
        return False
    centre, size = (part.box[1] + part.box[3]) / 2, part.box[3] - part.box[1]
    row = [g for g in mates if g is not part and abs((g.box[1] + g.box[3]) / 2 - centre) <= 0.6 * size
           and 0.5 <= (g.box[3] - g.box[1]) / max(size, 1) <= 2.0]
    return len(row) >= ROW_MATES


def whole_line(part: InkComponent) -> bool:
    """Whether ink left of a crossing piece is a line, not scattered dots."""
    return part.length >= WHOLE * max(part.width, part.height)


BAND = 0.3  # of a printed word's height: its row's band, above and below
BESIDE = 2.0  # text-line heights: from the printed word, the letters of its row
ROW_BOX = 1.5  # of the printed words' median box height: taller is no row of print


def in_print_rows(parts: list[InkComponent], boxes: list[tuple[int, int, int, int]],
                  unit: float) -> list[InkComponent]:
    """`parts` with the letters of printed rows called "text": ink within the band of a word
    OCR read there (`boxes`, pixels) and beside it is the row's print that was not masked (a
    word too tall for the mask, one OCR missed), not a hand's letters, however tall the text
    height makes them."""
    # each row's band, from its printed words, reaching along the row letter by letter; a word
    # boxed taller than the others (a signature's initial read "S.", a photo's two lines) is no row
    heights = sorted(b[3] - b[1] for b in boxes)
    usual = ROW_BOX * heights[len(heights) // 2] if heights else 0
    anchors = [(bx0, bx1, by0 - BAND * (by1 - by0), by1 + BAND * (by1 - by0)) for bx0, by0, bx1, by1 in boxes
               if by1 - by0 <= usual]
    todo = [p for p in parts if p.kind in ("stroke", "glyph", "word")]
    found: set[int] = set()
    while True:
        more = [p for p in todo if id(p) not in found and any(
            top <= p.box[1] and p.box[3] <= bottom and max(ax0 - p.box[2], p.box[0] - ax1, 0) <= BESIDE * unit
            for ax0, ax1, top, bottom in anchors)]
        if not more:
            break
        for p in more:
            found.add(id(p))
            anchors += [next((p.box[0], p.box[2], top, bottom) for ax0, ax1, top, bottom in anchors
                             if top <= p.box[1] and p.box[3] <= bottom)]
    return [replace(p, kind="text") if id(p) in found else p for p in parts]


def in_text_row(glyph: InkComponent, glyphs: list[InkComponent]) -> bool:
    """Print: at least three glyphs of about one height side by side on one line."""
    if not 0.15 <= glyph.height <= 1.5:
        return False
    centre = (glyph.box[1] + glyph.box[3]) / 2
    size = glyph.box[3] - glyph.box[1]
    same_row = [g for g in glyphs if abs((g.box[1] + g.box[3]) / 2 - centre) <= 0.6 * size
                and 0.5 <= (g.box[3] - g.box[1]) / max(size, 1) <= 2.0]
    return len(same_row) >= 3


def beyond_print(parts: list[InkComponent], box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """The boxes of the pieces out of `box` that are neither print (in a row of letters), dust, a
    rule nor a whole ring, three quarters of a text line long at least: ink a pen may have left
    (past a fax's threshold a light pen's loops break into pieces shorter than a line)."""
    mates = [p for p in parts if p.kind in ("glyph", "word", "text")]
    return [p.box for p in parts if p.kind in ("stroke", "glyph", "filled", "line", "word")
            and max(p.width, p.height) >= PEN_PIECE and not within(p.box, box) and not in_text_row(p, mates)]


PEN_PIECE = 0.75  # text-line heights: a broken pen line's piece (a fax's specks are a third of a line)
