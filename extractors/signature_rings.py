"""A round stamp's ring broken into pieces (a fax, a 1-bit scan, a light stamp), found by a vote.

Past a threshold a stamp's ring keeps only some of its stretches, apart, some run into its
lettering or emblem: no piece is round and no arc alone gives its circle. Every inked pixel
of the area votes for the centres at each stamp's radius from it (the ink convolved with a
circle); a ring, broken or not, gathers votes from all round one centre. A found circle is
kept when ink lies on it in most directions, on a thin band (print's rows or a signature's
loops crossing it ink the radii just outside it as much).
"""

from __future__ import annotations

import math

import numpy as np

from extractors.signature_directions import cover, directions, inked, seen
from extractors.signature_ring_cut import ring_and_lettering

RADIUS = (3.2, 7.5)  # text-line heights: a round stamp's radius (a pen's loop is smaller)
STEP = 4.0  # pixels per text-line height once the ink is shrunk for the vote
DIRECTIONS = 48  # round a circle's centre, where its ink is looked for
COVER = 0.55  # share of the directions round the centre inked on the circle
THIN = 0.3  # directions inked just outside the circle, against those on it, at most: a ring is a thin band
OUTSIDE = 1.18  # radii: just outside a ring (its lettering lies inside)
SEEN = 16  # of the 48 directions: a third of the ring in the area at least
CLOSE = 0.2  # text-line heights: the gaps closed between a broken ring's dots
SPECK = 0.2  # text-line heights: the side of the least piece of ink that votes
CANDIDATES = 20  # the best-voted circles looked at
VOTES = 0.15  # share of a circle's pixels inked: a candidate centre (a broken ring's ink is sparse)
BAND = 0.06  # radii either side of the circle where its ring's ink lies


def broken_rings(ink: np.ndarray, unit: float, most: int = 3) -> list[tuple[float, float, float, float]]:
    """(x, y, radius, cover) in `ink`'s pixels of round stamps' rings, broken or whole, best first:
    found on the ink as it is (a light stamp's ring keeps only dots), else on its larger pieces
    (a fax's specks ink every circle a little, hiding the ring among them)."""
    found = _rings(ink, unit, most)
    if found:
        return found
    despeckled = _without_specks(ink, unit)
    # no speck left out: the same ink, the same vote (nothing found)
    return [] if np.array_equal(despeckled, ink) else _rings(despeckled, unit, most)


def _rings(ink: np.ndarray, unit: float, most: int) -> list[tuple[float, float, float, float]]:
    """The vote: the ink, shrunk, convolved with a circle of each stamp's radius; the best-voted
    centres checked on the ink at full size (`_refined`)."""
    import cv2

    factor = STEP / unit
    if factor < 1.0:
        small = cv2.resize(ink.astype(np.float32), None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) > 0.05
    else:
        factor, small = 1.0, ink.astype(bool)
    small_f = small.astype(np.float32)
    ys, xs = np.nonzero(ink)
    if len(xs) < 20:
        return []
    found: list[tuple[float, float, float, float]] = []
    candidates = []
    for radius in np.arange(RADIUS[0] * unit * factor, RADIUS[1] * unit * factor, 1.0):
        size = int(math.ceil(radius)) + 2
        yy, xx = np.mgrid[-size:size + 1, -size:size + 1]
        kernel = (np.abs(np.hypot(yy, xx) - radius) <= 0.75).astype(np.float32)
        kernel /= kernel.sum()
        votes = cv2.filter2D(small_f, -1, kernel, borderType=cv2.BORDER_CONSTANT)
        # the best centres at this radius
        for _ in range(2):
            cy, cx = np.unravel_index(int(np.argmax(votes)), votes.shape)
            if votes[cy, cx] < VOTES:
                break
            candidates.append((float(votes[cy, cx]), cx / factor, cy / factor, radius / factor))
            votes[max(0, cy - size // 2):cy + size // 2 + 1, max(0, cx - size // 2):cx + size // 2 + 1] = 0
    candidates.sort(reverse=True)
    for _, cx, cy, radius in candidates[:CANDIDATES]:
        if any(math.hypot(cx - f[0], cy - f[1]) < 0.5 * f[2] for f in found):
            continue  # a ring of a stamp found already (its inner ring, the same one)
        best = _refined(ys, xs, cx, cy, radius, unit, ink.shape)
        if best is not None:
            found.append(_outermost(ys, xs, best, unit, ink.shape))
        if len(found) >= most:
            break
    return found


def broken_stamp_drawn(clean: np.ndarray, gray: np.ndarray, unit: float,
                       strokes: list[tuple[int, int, int, int]]) -> bool:
    """Whether every stroke (its box) is a part of one stamp whose ring, broken, is found by its
    circle (`broken_rings`): an arc of that ring, or, the ring's band cut out, pieces that
    are the stamp's inner ring, lettering or emblem (`stamp_drawn`). `clean`: the ink, print left
    out; `gray`: the area's grey levels. Only a ring whose ink is black as a threshold leaves it
    (a fax, a 1-bit scan) is taken broken: a coloured ring read grey is whole, a pen run into it."""
    circles = broken_rings(clean, unit)
    if not circles:
        return False
    ys, xs = np.mgrid[0:clean.shape[0], 0:clean.shape[1]]
    for circle in circles:
        ring = clean & (np.abs(np.hypot(xs - circle[0], ys - circle[1]) / circle[2] - 1.0) <= RING_BAND)
        if np.percentile(gray[ring], 25) > BLACK:
            continue  # a coloured stamp's ring, whole as printed (a pen run into it), not broken by a threshold
        if all(_of_broken_stamp(clean, box, circle[:3], unit) for box in strokes):
            return True
    return False


def _of_broken_stamp(clean: np.ndarray, box: tuple[int, int, int, int], circle: tuple[float, float, float],
                     unit: float) -> bool:
    """Whether a stroke (its box) is a part of the stamp whose ring is `circle` (x, y, radius)."""
    from extractors.signature_arcs import arc_fit, largest, radial, stamp_drawn

    cx, cy, radius = circle
    distance = radial(clean, box, [circle])
    if not len(distance) or not len(distance[0]) or np.percentile(distance[0], 98) > DISC:
        return False  # out of the stamp's disc
    ring_box = (int(cx - radius), int(cy - radius), int(cx + radius), int(cy + radius))
    on_ring = float(np.mean(np.abs(distance[0] - 1.0) <= RING_BAND))
    if on_ring >= ON_RING:  # a stretch of the ring itself: curved as the ring is (a pen's line lying there is not)
        (_, _, own), error = arc_fit(*largest(clean, box))
        return error <= ARC_FIT * unit and own >= ARC_RADIUS * radius
    if on_ring > OFF_RING:
        # run into the ring and off it: a stretch of the ring with its lettering, else a pen's line across it
        return ring_and_lettering(clean, box, circle, RING_BAND, unit)
    # off the ring: the stamp's inner ring, its lettering along the ring or its emblem
    return stamp_drawn(clean, [box], [ring_box])


BLACK = 90  # grey level: the darkest quarter of a thresholded ring's ink (a coloured stamp's, a grey pen's: more)
ON_RING = 0.85  # share of a stroke's pixels on a broken ring's band: a stretch of the ring
ARC_FIT = 0.2  # text-line heights: rms distance of a stretch of a broken ring to its own circle (ragged)
ARC_RADIUS = 0.5  # a stretch of the ring curves no tighter than this share of the ring's radius (a pen's hook does)
DISC = 1.15  # radii: a stroke of the stamp lies within its ring
RING_BAND = 0.12  # radii either side of a broken ring's circle: its ring's ink
OFF_RING = 0.05  # share of a stroke's pixels on the ring's band, at most, for a part of the stamp inside it


def _without_specks(ink: np.ndarray, unit: float) -> np.ndarray:
    """The ink with a fax's or a scan's specks left out: a broken ring's dots, closed along it,
    join into pieces; a speck stays alone and small (scattered, they would ink any circle)."""
    import cv2

    size = max(3, int(round(CLOSE * unit)) | 1)
    closed = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    kept = stats[:, 4] >= (SPECK * unit) ** 2
    kept[0] = False
    return kept[labels] & ink


def _outermost(ys: np.ndarray, xs: np.ndarray, ring: tuple[float, float, float, float], unit: float,
               shape: tuple[int, int]) -> tuple[float, float, float, float]:
    """The outermost ring round about the same centre (the vote may have found the inner one)."""
    cx, cy, radius, _ = ring
    for scale in np.arange(1.8, 1.05, -0.04):
        if scale * radius > RADIUS[1] * unit:
            continue
        wider = _refined(ys, xs, cx, cy, scale * radius, unit, shape)
        if wider is not None and math.hypot(wider[0] - cx, wider[1] - cy) < 0.15 * radius:
            return wider
    return ring


def _refined(ys: np.ndarray, xs: np.ndarray, cx: float, cy: float, radius: float,
             unit: float, shape: tuple[int, int]) -> tuple[float, float, float, float] | None:
    """The circle near (cx, cy, radius) best covered by ink at full size, if it is a ring's."""
    step = max(1.0, unit / STEP / 2)
    radii = [radius * scale for scale in (0.97, 1.0, 1.03)]
    reach = radius * 1.03 * (1 + BAND) + step + 2  # no ink farther from (cx, cy) lies on any circle tried
    near = (np.abs(xs - cx) <= reach) & (np.abs(ys - cy) <= reach)
    ys_near, xs_near = ys[near], xs[near]
    # nor ink off the annulus holding every circle's band, their centres within step * sqrt(2) of (cx, cy)
    width = max(max(BAND * r, 1.5) for r in radii) + step * math.sqrt(2) + 1
    dist = np.hypot(ys_near - cy, xs_near - cx)
    band = (dist >= radii[0] - width) & (dist <= radii[-1] + width)
    centres = [(cx + dx, cy + dy) for dx in (-step, 0.0, step) for dy in (-step, 0.0, step)]
    ys_near, xs_near = ys_near[band], xs_near[band]
    if _most_cover(ys_near, xs_near, (cx, cy), centres, radii, step * math.sqrt(2), shape) < COVER:
        return None  # too few directions inked round (cx, cy) for any of them: none is a ring's
    covers = _covers(ys_near, xs_near, centres, radii, BAND, shape).ravel()
    best = int(np.argmax(covers))  # the first best, centres then radii in order
    if covers[best] < COVER:
        return None
    (x, y), r, cover = centres[best // 3], radii[best % 3], float(covers[best])
    if _cover(ys, xs, x, y, r * OUTSIDE, BAND / 2, shape) > THIN * cover:
        return None  # as much ink just outside: rows of print, a signature's loops, no thin ring
    return x, y, r, cover


def _cover(ys: np.ndarray, xs: np.ndarray, cx: float, cy: float, radius: float, band: float,
           shape: tuple[int, int]) -> float:
    """Share of the 48 directions round (cx, cy) whose point of the circle lies in the area
    (`shape`: a stamp cut by the area's edge is seen in part) with ink within `band` radii of
    the circle; 0 when less than SEEN of them lie in the area."""
    reach = radius + max(band * radius, 1.5) + 1  # ink farther along x or y lies on no band
    near = (np.abs(xs - cx) <= reach) & (np.abs(ys - cy) <= reach)
    return float(_covers(ys[near], xs[near], [(cx, cy)], [radius], band, shape)[0, 0])


def _most_cover(ys: np.ndarray, xs: np.ndarray, middle: tuple[float, float], centres: list[tuple[float, float]],
                radii: list[float], shift: float, shape: tuple[int, int]) -> float:
    """The most any circle's cover (`_covers`) may be: the directions round `middle` of the ink,
    widened by as many as moving the centre by `shift` at most turns the ink on a circle's band."""
    nearest = min(r - max(BAND * r, 1.5) for r in radii) - shift  # from `middle`, of ink on any band
    if nearest <= shift * 1.01:
        return 1.0
    turn = int(math.asin(shift / nearest) / (2 * math.pi) * DIRECTIONS + 1e-6) + 1  # in directions
    hit = inked(directions(xs - middle[0], ys - middle[1], DIRECTIONS), DIRECTIONS)
    wide = hit.copy()
    for k in range(1, turn + 1):
        wide |= np.roll(hit, k) | np.roll(hit, -k)
    cx = np.array([c[0] for c in centres])[:, None]
    cy = np.array([c[1] for c in centres])[:, None]
    visible = seen(cx, cy, np.array(radii)[None, :], shape, DIRECTIONS)
    return float(cover(wide, visible, SEEN).max())


def _covers(ys: np.ndarray, xs: np.ndarray, centres: list[tuple[float, float]], radii: list[float], band: float,
            shape: tuple[int, int]) -> np.ndarray:
    """`_cover` of every circle of a centre in `centres` and a radius in `radii` ([centre, radius]):
    the ink's distances measured once a centre, its directions once for all radii."""
    cx = np.array([c[0] for c in centres])[:, None]
    cy = np.array([c[1] for c in centres])[:, None]
    dy, dx = ys[None, :] - cy, xs[None, :] - cx
    dist = np.hypot(dy, dx)
    on = np.stack([np.abs(dist - radius) <= max(band * radius, 1.5) for radius in radii], axis=1)
    anywhere = np.flatnonzero(on.any(axis=1))  # pixels (centre * len(ys) + pixel) on some circle
    sector = directions(dx.ravel()[anywhere], dy.ravel()[anywhere], DIRECTIONS)
    code = anywhere // max(1, len(ys)) * DIRECTIONS + sector  # (centre, direction) of each
    hit = np.stack([np.bincount(code[on[:, k].ravel()[anywhere]], minlength=len(centres) * DIRECTIONS) > 0
                    for k in range(len(radii))], axis=1)
    hit = hit.reshape(len(centres), DIRECTIONS, len(radii)).transpose(0, 2, 1)
    return cover(hit, seen(cx, cy, np.array(radii)[None, :], shape, DIRECTIONS), SEEN)


def in_broken_ring(clean: np.ndarray, box: tuple[int, int, int, int], unit: float,
                   others: list[tuple[int, int, int, int]] = (), fine: list[tuple[int, int, int, int]] = ()) -> bool:
    """Whether all the ink in `box` (the ink a verdict "signed" rests on), and every piece in
    `others` (the area's other ink neither print nor dust), lie in the disc of a round stamp whose
    broken ring is found by its circle (`broken_rings`). Past a fax's threshold a stamp's
    lettering, emblem and ring stretches measure like a pen's strokes or letters: when no ink
    beyond print lies out of the stamp, nothing proves a pen (a signature by or over a stamp
    leaves some of its strokes or letters out of the disc). The ring is found on the ink outside
    `box` alone: a pen's own loop or oval round its initials is no stamp's ring. A fine stroke
    (`fine`: sparse, a pen's thin line) reaching into the stamp's inner disc is a pen's: a stamp
    holds there only its emblem (solid) or its words (print)."""
    x0, y0, x1, y1 = box
    rest = clean.copy()
    rest[y0:y1, x0:x1] = False
    pieces = [_pixels(clean, piece) for piece in [box, *others]]
    if not len(pieces[0][0]):
        return False
    lines = [_pixels(clean, piece) for piece in fine]
    return any(all(not len(xs) or np.percentile(np.hypot(xs - cx, ys - cy) / radius, 98) <= DISC
                   for xs, ys in pieces) and not any(
        len(xs) and np.percentile(np.hypot(xs - cx, ys - cy) / radius, 2) < INNER for xs, ys in lines)
        for cx, cy, radius, _ in broken_rings(rest, unit))


INNER = 0.55  # radii: a stamp's inner disc, inside its lettering (its emblem or central words)


def _pixels(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The ink's pixels (xs, ys) in `box`."""
    ys, xs = np.nonzero(ink[box[1]:box[3], box[0]:box[2]])
    return xs + box[0], ys + box[1]
