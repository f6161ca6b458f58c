"""A round loop with large marks inside is a paraph (initials drawn in a loop by hand) unless it is
one of a stamp's two rings: a stamp's outer ring holds an inner ring round its emblem (a star, a
coat of arms), and the emblem, filled or run into the stamp's central words, is as tall as a
hand's initials. A loop with a second circle of ink about its own centre, inside or round it,
is a stamp's ring; a hand drawing a loop round its initials draws no second one round the same
centre.
"""

from __future__ import annotations

import numpy as np

from extractors.signature_directions import cover, directions, inked, seen

SECTORS = 48  # directions round the loop's centre
COVER = 0.6  # share of the directions inked on the second circle: a ring, not letters crossing it
BAND = 0.05  # radii either side of a tried circle where its ink lies
INNER = (0.4, 0.8)  # loop radii: a stamp's inner ring (its emblem and central words inside)
OUTER = (1.2, 1.9)  # loop radii: the outer ring round a stamp's inner one
STEP = 0.02  # loop radii between the circles tried


def stamp_loop(ink: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the round loop boxed `box` (pixels of `ink`, the area's ink, print left out) has
    a second circle of ink about its centre, inside it or round it: a stamp's ring."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    radius = (box[2] - box[0] + box[3] - box[1]) / 4
    ys, xs = np.nonzero(ink)
    if radius <= 0 or not len(xs):
        return False
    dist = np.hypot(xs - cx, ys - cy) / radius
    held = directions(xs - cx, ys - cy, SECTORS)
    for low, high in (INNER, OUTER):
        for scale in np.arange(low, high, STEP):
            # the directions whose point of the circle lies in the area: a ring cut by its edge counts there
            visible = seen(cx, cy, scale * radius, ink.shape, SECTORS)
            if cover(inked(held[np.abs(dist - scale) <= BAND], SECTORS), visible, SECTORS / 2) >= COVER:
                return True
    return False
