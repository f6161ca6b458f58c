"""Lines of print running through a round stamp: OCR reads a line's words beside the stamp but
loses those under it (the stamp's ink over them), so the print under the stamp stays in the ink,
joined to the stamp's lettering, inner ring or emblem, in long pieces the signature check takes
for a pen's strokes. The band of each printed line that reaches the stamp's disc, carried across
the disc, is print too; strokes that vanish once it is masked were print and the stamp's, not a
pen's (a pen's signature over a stamp goes on above and below the lines).

On a phone photo OCR may read none of the signatory's name line (the stamp over it, the blur):
the line is then found on the ink itself, its letters beside the stamp (`ink_rows`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.signature import InkComponent

ROW_BOX = 1.8  # of the printed words' median box height: taller is no line of print (a two-line box)
REACH = 4.0  # text-line heights between a printed word and the disc: the same line going on under it
INSIDE = 0.9  # radii: the disc a line is carried across, inside the ring (cut, the ring would be arcs)
LEAST = 2.0  # text-line heights: a stamp's least radius (a pen's loop is smaller)


def rows_through_stamps(boxes: list[tuple[int, int, int, int]], rings: list[tuple[int, int, int, int]],
                        unit: float) -> list[tuple[int, int, int, int]]:
    """The boxes (pixels) of the printed lines (`boxes`: the words OCR read) carried across each
    round stamp's disc (`rings`: its ring's box) they reach: the print under the stamp."""
    heights = sorted(b[3] - b[1] for b in boxes)
    usual = ROW_BOX * heights[len(heights) // 2] if heights else 0
    found = []
    for rx0, ry0, rx1, ry1 in rings:
        cx, cy, radius = (rx0 + rx1) / 2, (ry0 + ry1) / 2, (rx1 - rx0 + ry1 - ry0) / 4
        if radius < LEAST * unit:
            continue
        for bx0, by0, bx1, by1 in boxes:
            nearest = min(max(cy, by0), by1) - cy  # from the centre, the line's nearest height
            if by1 - by0 > usual or abs(nearest) >= INSIDE * radius:
                continue  # no line of print, or one passing above or below the stamp's inside
            half = (INSIDE ** 2 * radius ** 2 - nearest ** 2) ** 0.5
            left, right = int(cx - half), int(cx + half) + 1
            if max(bx0 - right, left - bx1, 0) > REACH * unit:
                continue  # a word of the line far from the stamp: the line may end before it
            found.append((left, by0, right, by1))
    return found


ROW_KINDS = ("text", "word", "print")  # print's letters, alone or run together (a pen's dense pieces: glyphs, blots)
LETTER_HEIGHT = 1.2  # text-line heights: a printed letter or word, no taller than a line
LETTER_FILL = 0.45  # ink / box: print is dense (a pen's piece that size is sparse)
SAME_ROW = 0.6  # of a letter's height: the centres of two letters of one line lie this near
WORD_WIDTH = 2.0  # text-line heights: a dense piece this wide is a word's letters run together, a line alone


def ink_rows(parts: list[InkComponent], rings: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The boxes (pixels) of lines of print found on the ink (`parts`: the area's measured
    components): a dense piece of a letter's height outside every stamp's ring (`rings`, their
    boxes) with at least one more on its line, or a word's width alone; the line's box spans
    them. OCR left them unread (a photo, a 1-bit scan), so `rows_through_stamps` has no word of
    theirs to carry across the stamp (sizes of `parts` in text-line heights)."""
    letters = [p for p in parts if p.kind in ROW_KINDS and p.height <= LETTER_HEIGHT and p.fill >= LETTER_FILL]

    def outside(box) -> bool:
        return not any(box[0] < r[2] and r[0] < box[2] and box[1] < r[3] and r[1] < box[3] for r in rings)

    found = []
    for anchor in letters:
        if not outside(anchor.box):
            continue
        centre, size = (anchor.box[1] + anchor.box[3]) / 2, anchor.box[3] - anchor.box[1]
        line = [p for p in letters if abs((p.box[1] + p.box[3]) / 2 - centre) <= SAME_ROW * size
                and 0.5 <= (p.box[3] - p.box[1]) / max(size, 1) <= 2.0]  # letters of about its height
        if len(line) >= 2 or anchor.width >= WORD_WIDTH:
            found.append((min(p.box[0] for p in line), min(p.box[1] for p in line),
                          max(p.box[2] for p in line), max(p.box[3] for p in line)))
    return sorted(set(found))
