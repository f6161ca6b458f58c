"""A stretch of a broken stamp's ring run into the lettering along it (a 1-bit scan, a fax): one
piece of ink, partly on the ring and partly inside it, measures like a pen's long stroke. Cut
along the ring's band, a stretch of the ring spans a wide angle of it, and what is left lies in
the band of the stamp's lettering inside it; a pen's stroke crossing the ring spans little of it,
and goes on out of the disc or across its inside.
"""

from __future__ import annotations

import math

import numpy as np

from extractors.signature_directions import directions, inked

SPAN = math.pi / 2  # radians of the ring a stretch of it covers at least (a pen crossing it: far less)
SECTORS = 72  # directions round the centre the span is counted in
LETTERING = 0.4  # radii: the lettering along a thresholded stamp's ring, thickened, reaches in this far


def ring_and_lettering(clean: np.ndarray, box: tuple[int, int, int, int], circle: tuple[float, float, float],
                       band: float, unit: float) -> bool:
    """Whether the largest piece of ink in `box` is a stretch of the ring `circle` (x, y, radius,
    pixels of `clean`; its ink within `band` radii of it) run into the stamp's lettering."""
    import cv2

    from extractors.signature_arcs import largest, radial, stamp_drawn

    xs, ys = largest(clean, box)
    if not len(xs):
        return False
    cx, cy, radius = circle
    distance = np.hypot(xs - cx, ys - cy) / radius
    on = np.abs(distance - 1.0) <= band
    spanned = int(inked(directions(xs[on] - cx, ys[on] - cy, SECTORS), SECTORS).sum())
    if spanned * 2 * math.pi / SECTORS < SPAN:
        return False  # no stretch of the ring: a pen's stroke crossing or touching it
    rest = np.zeros(clean.shape, dtype=np.uint8)
    rest[ys[~on].astype(int), xs[~on].astype(int)] = 1
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    least = max(4, (unit * 0.1) ** 2)
    ring_box = (int(cx - radius), int(cy - radius), int(cx + radius), int(cy + radius))
    pieces = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, area in stats[1:] if area >= least]
    off_ring = rest.astype(bool)

    def lettering(piece: tuple[int, int, int, int]) -> bool:  # the band inside the ring, or the stamp's own parts
        low = np.percentile(radial(off_ring, piece, [circle])[0], 2)
        return low >= LETTERING or stamp_drawn(off_ring, [piece], [ring_box])

    return all(lettering(piece) for piece in pieces)
