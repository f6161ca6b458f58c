"""A double-ringed stamp (two round outlines about one centre, the outer one often broken on a
150 dpi scan): its lettering between the rings, run together along the arc, measures like a
pen's long strokes. No pen draws one loop inside another about the same centre, so what lies
wholly within the outer outline is the stamp's, never proof of a signature."""

from __future__ import annotations

import math

CENTRED = 0.15  # of the outer outline's size: how far apart the two centres may be
INNER = (0.4, 0.85)  # the inner ring's size / the outer outline's


def double_rings(parts: list, rings: list) -> list:
    """The outer outlines (kind ring or stroke, round enough) of double-ringed stamps among `parts`."""
    found = []
    for outer in parts:
        if outer.kind not in ("ring", "stroke") or outer.ring < 0.5:
            continue
        ox, oy, size = _centre_size(outer.box)
        for inner in rings:
            if inner is outer or not within(inner.box, outer.box):
                continue
            ix, iy, isize = _centre_size(inner.box)
            if math.hypot(ix - ox, iy - oy) <= CENTRED * size and INNER[0] <= isize / size <= INNER[1]:
                found.append(outer)
                break
    return found


def in_double_ring(part, outer: list) -> bool:
    """Whether `part` is one of the outlines or lies wholly within one."""
    return any(part is o or within(part.box, o.box) for o in outer)


def _centre_size(box: tuple[int, int, int, int]) -> tuple[float, float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, max(box[2] - box[0], box[3] - box[1])


def within(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    """`box` inside `outer`, two pixels of slack."""
    return box[0] >= outer[0] - 2 and box[1] >= outer[1] - 2 and box[2] <= outer[2] + 2 and box[3] <= outer[3] + 2
