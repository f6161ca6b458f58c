"""A stamp's broken ring on a black-and-white page: its arcs are no pen's strokes.

Past a fax's or a 1-bit scan's threshold a round stamp's ring breaks into pieces; a long piece
looks like a pen's stroke (long, thin, curved). An arc of a ring lies on one circle, wide as a
stamp (a pen's loop is smaller, a signature's stroke lies on no circle). When every stroke of
the area is such an arc or lies inside the disc of one, nothing proves a signature: undecided.
On any page (`stamp_drawn`), strokes that are each a part of a found stamp (its inner ring,
its lettering, its emblem) prove no pen either.
"""

from __future__ import annotations

import numpy as np

ARC_FIT = 0.1  # text-line heights: the rms distance of an arc's pixels to its circle
ARC_RADIUS = (2.5, 7.0)  # text-line heights: a stamp's ring (a pen's loop is smaller)


def largest(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The pixels (xs, ys, in `ink`'s frame) of the largest piece of ink in `box`."""
    import cv2

    x0, y0, x1, y1 = box
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink[y0:y1, x0:x1].astype(np.uint8), connectivity=8)
    if count < 2:
        return np.zeros(0), np.zeros(0)
    ys, xs = np.nonzero(labels == 1 + int(np.argmax(stats[1:, 4])))
    return xs.astype(float) + x0, ys.astype(float) + y0


def ring_arc(ink: np.ndarray, box: tuple[int, int, int, int], unit: float) -> tuple[float, float, float] | None:
    """(x, y, radius) in pixels when the largest piece of ink in `box` is an arc of a stamp's ring."""
    xs, ys = largest(ink, box)
    if len(xs) < 20:
        return None
    circle, error = arc_fit(xs, ys)
    if error > ARC_FIT * unit or not ARC_RADIUS[0] * unit <= circle[2] <= ARC_RADIUS[1] * unit:
        return None
    return circle


def arc_fit(xs: np.ndarray, ys: np.ndarray) -> tuple[tuple[float, float, float], float]:
    """The least-squares circle through points, and the rms distance of the points to it."""
    circle = fitted(xs, ys)
    return circle, float(np.sqrt(np.mean((np.hypot(xs - circle[0], ys - circle[1]) - circle[2]) ** 2)))


def fitted(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float]:
    """The least-squares circle through points."""
    solution, *_ = np.linalg.lstsq(np.c_[2 * xs, 2 * ys, np.ones(len(xs))], xs ** 2 + ys ** 2, rcond=None)
    cx, cy = float(solution[0]), float(solution[1])
    return cx, cy, float(np.sqrt(max(solution[2] + cx ** 2 + cy ** 2, 0.0)))


def only_ring_arcs(ink: np.ndarray, boxes: list[tuple[int, int, int, int]], unit: float) -> bool:
    """Whether every stroke (its box, pixels of `ink`) lies in the band of one stamp's ring: the
    circle of an arc among them."""
    circles = [c for c in (ring_arc(ink, box, unit) for box in boxes) if c is not None]
    if not circles:
        return False

    def in_band(box: tuple[int, int, int, int]) -> bool:
        for distance in radial(ink, box, circles):
            if np.mean(np.abs(distance - 1.0) <= BAND) >= IN_BAND:
                return True
            if (box[3] - box[1]) / unit <= CENTRE_TEXT and distance.max() <= 1.0 - BAND:
                return True  # the stamp's own words at its centre, letters run together: print-high
        return False

    return all(in_band(box) for box in boxes)


def radial(ink: np.ndarray, box: tuple[int, int, int, int],
            circles: list[tuple[float, float, float]]) -> list[np.ndarray]:
    """The distances of a stroke's pixels from each circle's centre, in its radii (none if empty)."""
    xs, ys = largest(ink, box)
    return [np.hypot(xs - cx, ys - cy) / r for cx, cy, r in circles] if len(xs) else []


BAND = 0.3  # radii: the ring, its lettering and an inner ring lie this near the circle
CENTRE_TEXT = 1.6  # text-line heights: a stamp's central words, no pen's stroke that low
IN_BAND = 0.85  # the share of a stroke's pixels in the band: a pen's strokes cross the stamp's inside


def stamp_drawn(ink: np.ndarray, boxes: list[tuple[int, int, int, int]],
                rings: list[tuple[int, int, int, int]], unit: float | None = None) -> bool:
    """Whether every stroke (its box, pixels of `ink`) is a part of a round stamp whose ring was
    found (`rings`, their boxes): an arc of a ring concentric with it (its inner ring), a band of
    its lettering along the ring, or its emblem or words at its centre. Cut by the print's mask
    they measure like a pen's strokes; a pen's stroke over a stamp crosses these bands. Given the
    text height `unit` (pixels), a stroke that is a ring round the stamp's centre run into print
    (a photo's blur), cut along it to no pen's stroke, is the stamp's too (`cut_is_stamp`)."""
    from extractors.signature_inner import cut_is_stamp

    circles = [((r[0] + r[2]) / 2, (r[1] + r[3]) / 2, (r[2] - r[0] + r[3] - r[1]) / 4) for r in rings
               if abs((r[2] - r[0]) - (r[3] - r[1])) <= ROUND * max(r[2] - r[0], r[3] - r[1])]
    if not circles or not boxes:
        return False

    def of_stamp(box: tuple[int, int, int, int]) -> bool:
        for d in radial(ink, box, circles):
            low, high = np.percentile(d, [2, 98])
            concentric = np.mean(np.abs(d - np.median(d)) <= ON_CIRCLE) >= 0.9
            if concentric or (low >= LETTERING[0] and high <= LETTERING[1]) or high <= CENTRE:
                return True
        return unit is not None and any(cut_is_stamp(ink, box, (cx, cy), r, unit) for cx, cy, r in circles)

    return all(of_stamp(box) for box in boxes)


ROUND = 0.12  # a ring's box, width against height: a stamp's is square (run into other ink: not taken)
ON_CIRCLE = 0.08  # radii: an arc of a circle concentric with the ring (a stamp's inner ring)
LETTERING = (0.55, 1.1)  # radii: the band of a stamp's lettering, between its inner and outer rings
CENTRE = 0.58  # radii: a stamp's emblem or central words, inside its inner ring
