"""Curled paper flattened: the bowed text lines and table rules of a photographed sheet made straight.

The four-corner warp (ocr.sheet.paper_straightened) undoes the camera's angle but not a sheet
that was curled or bent: its rows still bow, a label then lies level with the next row's
answer and Tesseract joins or splits lines. Here the bow is measured on the lines
themselves and removed by a smooth displacement field:

- traces: the centre lines of text lines and of horizontal rules (ink joined along the
  row, vertical rules taken out), and the centre lines of long vertical rules;
- a low-order polynomial field fitted to them by least squares, each trace keeping its
  own level: rows bow by dy(x, y), columns by dx(x, y);
- the field sampled on a coarse grid (see geometry.curl_grid for the layout stored after
  the four corners in PageText.warp), and the image remapped from that grid, so that the
  OCR image, the signature check's re-rendering (signature.upright) and the mapping of word
  boxes back to the page (geometry.to_page) all use the same numbers.

Only a clear curl is removed: a flat scan, or a photo whose lines are already straight to
within a fraction of a text line, is returned untouched (same pixels, no grid).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from PIL import Image

from extractors.geometry import grid_weights
from extractors.images import components, pixels as page_pixels

log = logging.getLogger(__name__)

WORK_SIDE = 1800  # pixels: the field is measured on the sheet at most this large (about 150 dpi on A4)
GRID = (9, 13)  # nodes across and down: smooth fields only, ~70 x 65 points on A4
MIN_BOW = 0.25  # of a text line's height: a lesser bow is left (Tesseract copes, resampling costs)
MIN_OFF = 0.08  # of a text line's height: rows this far off straight (RMS), else flat enough
MIN_TRACES = 6
DEGREE_X = 4  # the bow along a row: a curl is one or two arcs
DEGREE_Y = 3  # how the bow changes down the page


@dataclass(frozen=True)
class Curl:
    """A displacement grid in pixels of the flattened image: source = node + (dx, dy)."""

    dx: np.ndarray  # rows x columns
    dy: np.ndarray
    bow: float  # the largest bow removed along a row, pixels
    text_height: float


EVEN_LIGHT = 0.09  # paper brightness spread (of its brightest) under which a page is a scan, not a photo


def evenly_lit(gray: Image.Image) -> bool:
    """A scan or a rendered page, not a photo: paper equally bright all over, no desk in view.

    Measured on 50 pages of samples/ and samples/unseen/tune: scans and faxes spread at most
    0.07, phone photos (shading, the desk) 0.12 and more. A scanner presses the
    sheet flat, so such a page is not looked at for a curl, whose measure costs ~0.1 s a page.
    """
    import cv2

    # PIL's box reduction first: a page-sized area resize (or array copy) costs ten times more.
    small = cv2.resize(page_pixels(gray.reduce(max(1, min(gray.size) // 256))), (64, 64), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((9, 9), np.uint8))[4:-4, 4:-4]  # the paper around the print
    bright = float(np.percentile(paper, 95))
    return bright - float(np.percentile(paper, 5)) < EVEN_LIGHT * max(1.0, bright)


def uncurled_sheet(gray: Image.Image, warp: tuple[float, ...] | None) -> tuple[Image.Image, tuple[float, ...] | None]:
    """The warped sheet (or the page: `warp` None) with its curl removed, and `warp` with the grid appended.

    Both come back as they were when there is no curl to remove. An unwarped page that is
    uncurled gets the identity warp (its own corners) before its grid; see geometry.curl_grid.
    """
    pixels = page_pixels(gray)
    flat, curl = flattened(pixels)
    if curl is None:
        return gray, warp
    if warp is None:
        h, w = pixels.shape
        warp = (0.0, 0.0, float(w), 0.0, float(w), float(h), 0.0, float(h), float(w), float(h))
    rows, columns = curl.dx.shape
    grid = (float(columns), float(rows), *(float(v) for v in curl.dx.ravel()), *(float(v) for v in curl.dy.ravel()))
    return Image.fromarray(flat), tuple(warp[:10]) + grid


def flattened(gray: np.ndarray) -> tuple[np.ndarray, Curl | None]:
    """The sheet with its curl removed, and the grid used; the pixels unchanged and None when flat."""
    curl = measure_curl(gray)
    if curl is None:
        return gray, None
    return remapped(gray, curl.dx, curl.dy), curl


def measure_curl(gray: np.ndarray) -> Curl | None:
    """The sheet's curl as a grid of displacements (pixels of `gray`), None when there is none to remove."""
    import cv2

    scale = min(1.0, WORK_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _ink(small)
    height = _text_height(ink)
    if height is None:
        return None
    tall = _vertical_strokes(ink, height)  # rows and columns both need them
    rows = _row_traces(ink, tall, height)
    if len(rows) < MIN_TRACES:
        return None
    h, w = small.shape
    fit = _fitted(rows, w, h, height)
    if fit is None or fit.bow < MIN_BOW * height or fit.straight < MIN_OFF * height or fit.left > 0.7 * fit.straight:
        if fit is not None:
            log.debug("no curl to remove: bow %.1f px for text %.1f px, rows %.2f px off straight, %.2f px off the fit",
                      fit.bow, height, fit.straight, fit.left)
        return None
    columns = _column_traces(tall, height)
    dx = np.zeros_like(fit.field)
    if len(columns) >= 3:
        # The same fit with x and y swapped: columns bow by dx(y, x).
        side = _fitted([(ys, xs) for xs, ys in columns], h, w, height, lines=False)
        if side is not None and side.bow >= MIN_BOW * height and side.left <= 0.7 * side.straight:
            dx = side.field.T
    dy, bow = fit.field, fit.bow
    log.debug("curl: bow %.1f px for text %.1f px, rows %.2f px off straight, %.2f px off the fit; "
              "%d rows, %d columns", bow, height, fit.straight, fit.left, len(rows), len(columns))
    return Curl(dx / scale, dy / scale, bow / scale, height / scale)


def remapped(gray: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """`gray` resampled through a displacement grid spanning it (pixels of `gray`)."""
    import cv2

    h, w = gray.shape
    rows, columns = dx.shape
    down, across = grid_weights(rows, h, np.arange(h)), grid_weights(columns, w, np.arange(w))
    map_x = (down @ dx @ across.T + np.arange(w)[None, :]).astype(np.float32)
    map_y = (down @ dy @ across.T + np.arange(h)[:, None]).astype(np.float32)
    return cv2.remap(gray, map_x, map_y, interpolation=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                     borderValue=255)


def _ink(gray: np.ndarray) -> np.ndarray:
    """Ink as 0/1: clearly darker than the paper around it (uneven light evened out)."""
    import cv2

    block = max(15, (min(gray.shape) // 40) | 1)
    return (cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 8)
            ).astype(np.uint8)


def _text_height(ink: np.ndarray) -> float | None:
    """The median height of letter-sized marks, pixels."""

    _, _, stats, _ = components(ink)
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    letters = h[(h >= 5) & (h <= 80) & (w <= 2.5 * h) & (w >= 0.15 * h) & (area >= 10)]
    return float(np.median(letters)) if len(letters) >= 30 else None


def _vertical_strokes(ink: np.ndarray, height: float) -> np.ndarray:
    """Ink of vertical strokes at least 2.5 text lines long: rules, never letters."""
    import cv2

    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((int(2.5 * height), 1), np.uint8))


def _row_traces(ink: np.ndarray, tall: np.ndarray, height: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Centre lines of text lines and horizontal rules: (x, y) points every half text height."""
    import cv2

    # Vertical rules (`tall`) would join a table's rows into one shape: taken out first.
    flat = ink & (1 - cv2.dilate(tall, np.ones((1, 5), np.uint8)))
    # Letters, then words, joined along the row; rows above and below stay apart.
    joined = cv2.morphologyEx(flat, cv2.MORPH_CLOSE, np.ones((1, max(3, int(1.2 * height))), np.uint8))
    return _traces(joined, flat, height, long=4.0, thick=2.5)


def _column_traces(tall: np.ndarray, height: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Centre lines of long vertical rules (from `tall`, the page's vertical strokes), as (x, y)
    points (text has no long vertical strokes)."""
    import cv2

    tall = cv2.morphologyEx(tall, cv2.MORPH_CLOSE, np.ones((int(height), 1), np.uint8))
    traces = _traces(tall.T.copy(), tall.T.copy(), height, long=8.0, thick=0.6)
    return [(ys, xs) for xs, ys in traces]


def _traces(joined: np.ndarray, ink: np.ndarray, height: float, *, long: float,
            thick: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each long, thin shape of `joined` as points (x, centre y of its ink) in bins of half a text height."""

    count, labels, stats, _ = components(joined)
    step = max(2, int(height / 2))
    out = []
    for label in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[label])
        if w < long * height or h > thick * height + 0.15 * w:  # a bowed line spans more rows than it is thick
            continue
        shape = labels[y:y + h, x:x + w] == label
        tops, bottoms = shape.argmax(axis=0), h - shape[::-1].argmax(axis=0)
        if np.median(bottoms - tops) > thick * height:
            continue  # lines run together, a block of text or a picture
        mask = shape & (ink[y:y + h, x:x + w] > 0)
        weight = mask.sum(axis=0).astype(np.float64)
        moment = (mask * np.arange(h)[:, None]).sum(axis=0).astype(np.float64)
        bins = np.arange(w) // step
        total = np.bincount(bins, weight)
        centre = np.bincount(bins, moment)
        xs = np.bincount(bins, weight * np.arange(w))
        keep = total >= 0.5 * step  # a bin with some ink: not a gap between words
        if keep.sum() < 4:
            continue
        out.append((x + xs[keep] / total[keep], y + centre[keep] / total[keep]))
    return out


@dataclass(frozen=True)
class _Fit:
    field: np.ndarray  # displacement across the traces on the grid (rows x columns), pixels
    bow: float  # the field's largest bow along a trace, pixels
    straight: float  # RMS distance of the points from a straight line through each trace
    left: float  # RMS distance of the points from the fitted field


def _fitted(traces: list[tuple[np.ndarray, np.ndarray]], width: int, height: int, text: float,
            lines: bool = True) -> _Fit | None:
    """A displacement field across traces that should be straight and level, or None when they are.

    Model: a trace's point (x, y) lies at y = level + f(x, level), f a polynomial in x (no
    term without x: a function of y alone only moves rows up or down, which no trace shows)
    times a polynomial in y. Levels and coefficients are solved together, the level inside f
    taken from the previous round; points and whole traces far off the fit (a signature, a
    logo, two lines run together) are dropped. A field that bows more than any trace does is
    distrusted and a lower degree down the page tried. A field is only kept when it explains
    the traces clearly better than straight lines do (the mean slope is left out: deskew
    turns the page, this only bends it).
    """
    # Steep traces are handwriting or pictures: after the four-corner warp, rows are near level.
    traces = [t for t in traces if abs(np.polyfit(t[0], t[1], 1)[0]) <= 0.1]
    if len(traces) < MIN_TRACES:
        return None
    long = [t for t in traces if np.ptp(t[0]) >= 0.3 * width]
    seen = max((np.ptp(t[1] - np.polyval(np.polyfit(t[0], t[1], 1), t[0])) for t in long), default=0.0)
    levels = np.array([float(np.mean(t[1])) for t in traces])
    spread_y = (levels.max() - levels.min()) / height
    degree_x = DEGREE_X if long else 2
    degree_y = 0 if spread_y < 0.15 else 1 if spread_y < 0.35 or len(traces) < 12 else DEGREE_Y
    for degree in sorted({degree_y, min(degree_y, 1)}, reverse=True):
        fit = _solved(traces, width, height, text, degree_x, degree, lines)
        if fit is None:
            return None
        if fit.bow <= 1.5 * seen + 0.5 * text:
            return fit
        log.debug("curl fit of degree %d down the page distrusted: bow %.1f px, traces bow %.1f px",
                  degree, fit.bow, seen)
    return None


def _solved(traces, width: int, height: int, text: float, degree_x: int, degree_y: int,
            lines: bool) -> _Fit | None:
    xs = np.concatenate([t[0] for t in traces])
    ys = np.concatenate([t[1] for t in traces])
    which = np.concatenate([np.full(len(t[0]), i) for i, t in enumerate(traces)])
    n = len(traces)
    levels = np.array([float(np.mean(t[1])) for t in traces])
    u_range = (2 * xs.min() / width - 1, 2 * xs.max() / width - 1)
    v_range = (2 * levels.min() / height - 1, 2 * levels.max() / height - 1)
    u = 2 * xs / width - 1
    keep = np.ones(len(xs), bool)
    for _ in range(4):
        v = 2 * levels[which] / height - 1
        basis = _basis(u, v, degree_x, degree_y)
        coefficients, levels = _least_squares(basis, ys, which, keep, n)
        residual = ys - levels[which] - basis @ coefficients
        spread = max(0.05 * text, 1.4826 * float(np.median(np.abs(residual[keep]))))
        keep = np.abs(residual) <= max(3 * spread, 0.15 * text)
        # A whole trace off the fit goes: its points would bend the field towards it.
        off = np.bincount(which, np.abs(residual), n) / np.bincount(which, minlength=n)
        keep &= (off <= max(3 * float(np.median(off)), 0.2 * text))[which]
    if keep.sum() < 0.5 * len(xs):
        return None
    # The same points about a straight line of its own through each trace (any slope: what no bend explains).
    slopes, straight_levels = _least_squares(u[:, None] * np.eye(n)[which], ys, which, keep, n, ridge=0.0)
    straight = ys - straight_levels[which] - u * slopes[which]
    # The field's bow along each trace, without the mean slope, where the trace has points.
    along = basis @ coefficients
    along = along - np.bincount(which, along * keep, n)[which] / np.maximum(np.bincount(which, keep, n), 1)[which]
    slope = float((along * u * keep).sum() / max((u * u * keep).sum(), 1e-9))
    along = along - slope * u
    lows = np.full(n, np.inf)
    highs = np.full(n, -np.inf)
    np.minimum.at(lows, which[keep], along[keep])
    np.maximum.at(highs, which[keep], along[keep])
    bows = (highs - lows)[np.isfinite(lows)]
    # The field on the grid, each node held within the region the traces cover.
    columns, rows = GRID if lines else GRID[::-1]
    gu = np.clip(np.linspace(-1, 1, columns), *u_range)
    gv = np.clip(np.linspace(-1, 1, rows), *v_range)
    uu, vv = np.meshgrid(gu, gv)
    field = (_basis(uu.ravel(), vv.ravel(), degree_x, degree_y) @ coefficients).reshape(rows, columns)
    # Without the mean slope (a turn: deskew's job) and the row means (no row moves as a whole).
    field = field - slope * gu[None, :]
    field = field - field.mean(axis=1, keepdims=True)
    return _Fit(field, float(np.percentile(bows, 90)) if len(bows) else 0.0,
                float(np.sqrt(np.mean(straight[keep] ** 2))), float(np.sqrt(np.mean(residual[keep] ** 2))))


def _least_squares(basis: np.ndarray, ys: np.ndarray, which: np.ndarray, keep: np.ndarray, n: int,
                   ridge: float = 0.001) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients of `basis` and one level per trace fitting `ys` at the kept points.

    Each trace's level is solved out (the points' offsets from their trace's mean are fitted),
    which keeps the system as small as the basis. A light ridge keeps the field flat where
    traces are few rather than swinging.
    """
    count = np.maximum(np.bincount(which, keep, n), 1)
    mean_y = np.bincount(which, ys * keep, n) / count
    mean_b = np.stack([np.bincount(which, column * keep, n) for column in basis.T], axis=1) / count[:, None]
    centred, target = (basis - mean_b[which])[keep], (ys - mean_y[which])[keep]
    normal = centred.T @ centred + ridge * keep.sum() * np.eye(basis.shape[1])
    coefficients = np.linalg.lstsq(normal, centred.T @ target, rcond=None)[0]
    return coefficients, mean_y - mean_b @ coefficients


def _basis(u: np.ndarray, v: np.ndarray, degree_x: int, degree_y: int) -> np.ndarray:
    """Legendre polynomials P_a(u) P_b(v), a >= 1 (every term varies along the row), b <= degree_y."""
    from numpy.polynomial import legendre

    pu = [legendre.legval(u, [0] * a + [1]) for a in range(1, degree_x + 1)]
    pv = [legendre.legval(v, [0] * b + [1]) for b in range(degree_y + 1)]
    return np.stack([a * b for a in pu for b in pv], axis=1)
