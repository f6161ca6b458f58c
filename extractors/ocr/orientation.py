"""Orientation and skew: a small slant measured, a turned page told from its reading."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from extractors.images import components, pixels as page_pixels
from extractors.ocr.engine import RawWord

# Below this mean word confidence a reading is suspicious: maybe the page is turned.
POOR_CONFIDENCE = 0.60
MIN_SKEW = 0.3  # degrees; less is not worth resampling the page
MAX_SKEW = 6.0
# A poor reading of a page whose letters stand out of their lines upwards this clearly (and
# often enough) is a poor page, not a turned one: no orientation check. Measured on 60 scanned
# and photographed pages: upright ones score -0.09 to +0.82, so a page upside down scores
# at most +0.09.
UPRIGHT_BALANCE = 0.2
UPRIGHT_MARKS = 60


def estimate_skew(gray: Image.Image, thumbnail: np.ndarray | None = None) -> float:
    """Skew in degrees (positive: content turned counter-clockwise), by projection profiles.
    `thumbnail`: `page_thumbnail(gray)`, when already made."""
    pixels = page_thumbnail(gray) if thumbnail is None else thumbnail
    ys, xs = np.nonzero(pixels < 128)
    if len(xs) < 200 or len(xs) > 0.5 * pixels.size:
        return 0.0  # blank or mostly dark (a photo): nothing to measure
    if len(xs) > 60_000:
        keep = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        xs, ys = xs[keep], ys[keep]
    xs = xs.astype(np.float64)
    ys = ys.astype(np.float64)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.2):
        theta = math.radians(angle)
        # Rows of text become sharp peaks when projected at the text's own angle.
        rows = np.round(ys * math.cos(theta) + xs * math.sin(theta)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        score = float(np.dot(counts, counts))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def page_thumbnail(gray: Image.Image) -> np.ndarray:
    """The page within 1000 x 1000 pixels the skew is measured on (see `_thumbnail`)."""
    return _thumbnail(gray, 1000)


def _thumbnail(gray: Image.Image, most: int) -> np.ndarray:
    """`gray` within most x most pixels, of Image.thumbnail's size, averaged by area.

    OpenCV's area average, not Pillow's bicubic thumbnail: a tenth of its CPU (3 ms instead
    of 27 on a 300 dpi page), and the same skew found on 153 of the 154 scanned and
    photographed pages of samples/ and samples/unseen/tune (the other: a page lying on its
    side, turned upright before it is levelled).
    """
    import cv2

    pixels = page_pixels(gray)
    width, height = gray.size
    if width <= most and height <= most:
        return pixels
    aspect = width / height
    if aspect <= 1:
        size = (_rounded(most * aspect, lambda n: abs(aspect - n / most)), most)
    else:
        size = (most, _rounded(most / aspect, lambda n: abs(aspect - most / n) if n else 0))
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)


def _rounded(number: float, error) -> int:
    """Image.thumbnail's rounding of a side: down or up, whichever keeps the aspect best."""
    return max(min(math.floor(number), math.ceil(number), key=error), 1)


def rotated_free(gray: Image.Image, degrees: float, sharp: bool = False) -> Image.Image:
    """`gray` turned by `degrees` on an expanded canvas; bicubic when `sharp` (a photographed
    sheet: see page._levelled), else bilinear."""
    # PIL's, kept: OpenCV's warpAffine costs a third of it but its 1/32-pixel interpolation
    # changes a few pixels by up to 20 levels, enough to move fields (measured with
    # bench/accuracy.py: scanned fields +1 on samples/ but -2 on samples/unseen/tune, and one
    # more sure but wrong on each).
    # The corners it uncovers take the paper's brightness: white corners on a grey scan's sparse
    # page split Tesseract's one threshold between them and the paper, and its line is lost.
    paper = int(np.median(page_pixels(gray)[::8, ::8]))
    resample = Image.Resampling.BICUBIC if sharp else Image.Resampling.BILINEAR
    return gray.rotate(degrees, resample=resample, expand=True, fillcolor=paper)


def quarter_turned(gray: Image.Image, degrees: int) -> Image.Image:
    """Turn counter-clockwise by a multiple of 90 degrees, losslessly."""
    methods = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
               270: Image.Transpose.ROTATE_270}
    return gray.transpose(methods[degrees]) if degrees in methods else gray


def looks_turned(words: list[RawWord]) -> bool:
    """A poor reading, or words standing on end: Tesseract read lines of a turned page."""
    return mean_conf(words) < POOR_CONFIDENCE or standing_words(words)


def standing_words(words: list[RawWord]) -> bool:
    """Most words taller than wide: lines of a page turned a quarter."""
    long_words = [w for w in words if len(w.text) >= 3]
    standing = sum(1 for w in long_words if w.height > 1.5 * w.width)
    return bool(long_words) and standing > len(long_words) / 2


def upright_by_letters(gray: Image.Image) -> bool:
    """Whether the letters alone show the page the right way up, without asking Tesseract.

    Latin print has far more letters rising above the line's core (capitals, b d f h k l t,
    accents) than falling below it (g j p q y): a page upside down shows the reverse. Only
    a clear excess counts; a page of figures, capitals or tables tells nothing.
    """
    balance, marks = ascender_balance(gray)
    return marks >= UPRIGHT_MARKS and balance >= UPRIGHT_BALANCE


def ascender_balance(gray: Image.Image) -> tuple[float, int]:
    """(rising - falling) / (rising + falling) over the letters that leave their line's core, and how many do.

    Letters are the ink marks of about the text's size; a line is a run of them whose centres
    are close in height; its core the median top and bottom of its letters.
    """
    import cv2

    pixels = page_pixels(gray)
    scale = min(1.0, 1700 / max(pixels.shape))
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    ink = (small < 0.6 * float(np.percentile(small, 90))).astype(np.uint8)
    _, _, stats, _ = components(ink)
    x, y, w, h, area = (stats[1:, i].astype(np.float64) for i in range(5))
    plausible = (h >= 4) & (w <= 3 * h) & (h <= 80)
    if plausible.sum() < 50:
        return 0.0, 0
    size = float(np.median(h[plausible]))
    letter = plausible & (h >= 0.5 * size) & (h <= 2.5 * size) & (w <= 2.5 * size) & (area >= 0.1 * w * h)
    if letter.sum() < 50:
        return 0.0, 0
    tops, heights = y[letter], h[letter]
    centres = tops + heights / 2
    order = np.argsort(centres)
    breaks = np.flatnonzero(np.diff(centres[order]) > 0.35 * size) + 1
    rising = falling = 0
    for line in np.split(order, breaks):
        if len(line) < 6:
            continue
        top, bottom = tops[line], tops[line] + heights[line]
        core_top, core_bottom = float(np.median(top)), float(np.median(bottom))
        core = max(1.0, core_bottom - core_top)
        rising += int((top < core_top - 0.3 * core).sum())
        falling += int((bottom > core_bottom + 0.3 * core).sum())
    total = rising + falling
    return ((rising - falling) / total if total else 0.0), total


def reads_better(turned: list[RawWord], first: list[RawWord]) -> bool:
    """The turned reading wins if it reads better, or as well with lines lying flat."""
    if mean_conf(turned) > mean_conf(first):
        return True
    return not looks_turned(turned) and mean_conf(turned) >= mean_conf(first) - 0.05


def for_osd(gray: Image.Image) -> Image.Image:
    """OSD needs letters of some size: only very large pages are halved to save time."""
    if max(gray.size) <= 3600:
        return gray
    return gray.resize((max(1, gray.width // 2), max(1, gray.height // 2)))


def has_ink(gray: Image.Image) -> bool:
    small = gray.copy()
    small.thumbnail((400, 400))
    dark = float((page_pixels(small) < 128).mean())
    return 0.002 < dark < 0.5


def mean_conf(words: list[RawWord]) -> float:
    weight = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / weight if weight else 0.0
