"""Lines of print running through a round stamp: OCR reads a line's words beside the stamp but
loses those under it (the stamp's ink over them), so the print under the stamp stays in the ink,
joined to the stamp's lettering, inner ring or emblem, in long pieces the signature check takes
for a pen's strokes. The band of each printed line that reaches the stamp's disc, carried across
the disc, is print too; strokes that vanish once it is masked were print and the stamp's, not a
pen's (a pen's signature over a stamp goes on above and below the lines).
"""

from __future__ import annotations

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
