"""A stamp's inner ring run into the print near it (a phone photo's blur): one "stroke".

A photo's blur joins a stamp's inner ring to the words it lies over (the signatory's name,
his title): one long, curved, sparse piece of ink, which measures like a pen's stroke and lies
on no one circle. Round the centre of the stamp's found ring, a circle of that piece holds
ink over a good share of its outline, seen from many directions: a ring (a pen's stroke
crosses a circle in a few points). Cut along that circle, what is left is print's letters or
the stamp's lettering, no pen's stroke; a pen through the stamp leaves long strokes.
"""

from __future__ import annotations

import math

import numpy as np

from extractors.signature_directions import directions, inked

DIRECTIONS = 48  # round the stamp's centre, where the ring's ink is looked for
SEEN = 18  # of the 48 directions holding ink on the circle at least (a pen's crossing: a few)
COVER = 0.15  # share of the circle's outline inked at least (a blurred ring run into print, partly masked)
RADII = (0.3, 1.05)  # of the found ring's radius: where an inner ring lies
SHIFT = 0.06  # of the found ring's radius: its box's centre, off the stamp's by a blur run into print
CUT = 0.12  # text-line heights either side of the circle cut out (the ring's blurred width)


def inner_ring(xs: np.ndarray, ys: np.ndarray, centre: tuple[float, float],
               radius: float) -> tuple[float, float, float] | None:
    """The circle (x, y, radius in pixels), its centre near `centre` (a found ring's box gives
    it roughly), on which the piece of ink (its pixels xs, ys) lies over a ring's share of the
    outline, the best covered; None when there is none."""
    if not len(xs):
        return None
    best, best_cover = None, 0.0
    shift = SHIFT * radius
    for cx in (centre[0] - shift, centre[0], centre[0] + shift):
        for cy in (centre[1] - shift, centre[1], centre[1] + shift):
            distance = np.hypot(xs - cx, ys - cy)
            held = directions(xs - cx, ys - cy, DIRECTIONS)
            for r in np.arange(RADII[0] * radius, RADII[1] * radius, 1.0):
                on = np.abs(distance - r) <= 0.5
                if on.sum() < 8:
                    continue
                # the outline's points inked, by angle at one-pixel steps; the directions they are seen in
                steps = max(8, int(2 * math.pi * r))
                angle = ((np.arctan2(ys[on] - cy, xs[on] - cx) + math.pi) / (2 * math.pi) * steps).astype(int) % steps
                cover = len(np.unique(angle)) / steps
                if cover > best_cover and cover >= COVER and inked(held[on], DIRECTIONS).sum() >= SEEN:
                    best, best_cover = (float(cx), float(cy), float(r)), cover
    return best


def cut_is_stamp(ink: np.ndarray, box: tuple[int, int, int, int], centre: tuple[float, float], radius: float,
                 unit: float) -> bool:
    """Whether the largest piece of ink in `box` (pixels of `ink`) is a ring round `centre` (the
    stamp's found ring: its centre, its radius) run into other ink, and, cut along that ring,
    leaves no pen's stroke."""
    from extractors.signature import _classify, components
    from extractors.signature_arcs import largest

    xs, ys = largest(ink, box)
    circle = inner_ring(xs, ys, centre, radius)
    if circle is None:
        return False
    keep = np.abs(np.hypot(xs - circle[0], ys - circle[1]) - circle[2]) > max(1.5, CUT * unit)
    x0, y0 = int(xs.min()), int(ys.min())
    rest = np.zeros((int(ys.max()) - y0 + 1, int(xs.max()) - x0 + 1), dtype=np.uint8)
    rest[ys[keep].astype(int) - y0, xs[keep].astype(int) - x0] = 1
    return not any(_classify(p).kind == "stroke" for p in components(rest.astype(bool), unit))
