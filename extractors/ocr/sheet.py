"""A photographed sheet found on its desk: the desk painted paper-white, the sheet warped to a rectangle."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from extractors.geometry import warped_sheet
from extractors.images import pixels as page_pixels


def outside_paper_whitened(gray: Image.Image) -> Image.Image:
    """A phone photo shows the desk around the sheet: paint it paper-coloured, keep the geometry.

    Tesseract's layout analysis otherwise takes the dark margin and the text next to it
    for a picture and drops whole columns.
    """
    found = _sheet(gray)
    return gray if found is None else _whitened(gray, found[1])


def paper_straightened(gray: Image.Image,
                       glance: np.ndarray | None = None) -> tuple[Image.Image, tuple[float, ...] | None]:
    """outside_paper_whitened, then a sheet photographed at an angle warped to a rectangle.

    A keystoned sheet's lines slope differently across the page, which no single deskew
    angle levels: Tesseract then joins a form's label column to the wrong answers. Returns
    the image and the warp in pixels (corners on `gray`, then the rectangle's size; see
    PageText.warp), None when the sheet is already an upright rectangle or not found.

    `glance`: `gray` already shrunk within 1000 pixels, given for an evenly lit page (a scan:
    see page.prepared_page), looked at first, shrunk again to 800: a page it shows no sheet on
    on a desk is not shrunk from its own pixels (~15 ms of CPU on a 300 dpi page); one it shows
    a sheet on is, as always, so a sheet found is found on the same pixels.
    """
    found = _sheet(gray, glance)
    if found is None:
        return gray, None
    outline, mask = found
    flat = _whitened(gray, mask)
    corners = sheet_corners(outline)
    if corners is None or _aligned(corners):
        return flat, None
    (tl, tr, br, bl) = corners
    width = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))  # the longer edge: no resolution lost
    height = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    warp = tuple(float(v) for v in corners.reshape(-1)) + (float(width), float(height))
    return Image.fromarray(warped_sheet(page_pixels(flat), warp)), warp


def _sheet(gray: Image.Image, glance: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """A sheet on a darker desk: its convex outline (pixels of `gray`) and a mask of it (0/255, full size).

    The sheet is the largest bright shape, 30 to 92% of the image, with a darker outside.
    `glance`: see paper_straightened.
    """
    import cv2  # lazy: only OCR needs it

    if glance is not None:
        scale = 800 / max(glance.shape)
        shrunk = cv2.resize(glance, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else glance
        if _sheet_hull(shrunk) is None:
            return None
    pixels = page_pixels(gray)
    scale = 800 / max(pixels.shape)
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    scale = min(scale, 1.0)
    found = _sheet_hull(small)
    if found is None:
        return None
    hull, mask = found
    mask = cv2.resize(mask, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_NEAREST)
    outline = (hull.reshape(-1, 2).astype(np.float64) + 0.5) / scale - 0.5
    return outline, mask


def _sheet_hull(small: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The sheet on a shrunk page (see `_sheet`): its convex hull and mask (0/255), on `small`."""
    import cv2

    _, paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = _grown(small, paper, max(contours, key=cv2.contourArea))
    share = cv2.contourArea(sheet) / float(small.size)
    if not 0.3 <= share <= 0.92:
        return None  # no sheet on a background: a scan or a rendered page
    hull = cv2.convexHull(sheet)
    mask = np.zeros(small.shape, np.uint8)
    cv2.drawContours(mask, [hull], -1, 255, thickness=cv2.FILLED)
    inside, outside = small[mask > 0], small[mask == 0]
    if outside.size == 0 or float(np.median(outside)) > 0.7 * float(np.median(inside)):
        return None  # what lies outside is as bright as paper: part of the sheet, not a desk
    if not _desk_at_a_corner(small, 0.7 * float(np.median(inside))):
        return None  # a scan's dark letterhead band, not a desk: warped, the page came out skewed
    return hull, mask


def _desk_at_a_corner(small: np.ndarray, dark: float) -> bool:
    """A desk shows along two sides of the image that meet, at least: a phone frames the whole
    sheet, or crops it on a side or two. A scanned page's dark bandeau (a letterhead printed
    across the top, or a footer band) lines one side only, or two opposite ones."""
    k = max(2, min(small.shape) // 50)
    strips = (small[:k], small[:, -k:], small[-k:], small[:, :k])  # top, right, bottom, left
    desk = [float(np.median(strip)) <= dark for strip in strips]
    return any(desk[i] and desk[(i + 1) % 4] for i in range(4))


def _grown(small: np.ndarray, paper: np.ndarray, core: np.ndarray) -> np.ndarray:
    """The sheet's outline: its brightest part grown over the whole sheet, up to the desk's sharp edge.

    A shadow across the sheet can be as dark as the desk, so a threshold cuts it off (and
    the shadowed labels would be painted white). Flooded from the bright part and from the
    dark image border, the sheet stops where brightness jumps: at its edge, not at a
    shadow's soft one. Text is blurred away first.
    """
    import cv2

    markers = np.zeros(small.shape, np.int32)
    inside = np.zeros(small.shape, np.uint8)
    cv2.drawContours(inside, [core], -1, 1, thickness=cv2.FILLED)
    margin = max(3, small.shape[0] // 80)
    markers[cv2.erode(inside, np.ones((2 * margin + 1,) * 2, np.uint8)) > 0] = 1
    border = np.zeros(small.shape, bool)
    border[:3, :], border[-3:, :], border[:, :3], border[:, -3:] = True, True, True, True
    markers[border & (paper == 0) & (inside == 0)] = 2
    if not (markers == 2).any() or not (markers == 1).any():
        return core  # no desk at the border: nothing to grow against
    smooth = cv2.medianBlur(small, 7)
    cv2.watershed(cv2.cvtColor(smooth, cv2.COLOR_GRAY2BGR), markers)
    grown = (markers == 1).astype(np.uint8)
    contours, _ = cv2.findContours(grown, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return max(contours, key=cv2.contourArea) if contours else core


def _whitened(gray: Image.Image, mask: np.ndarray) -> Image.Image:
    # Even out the light first (a grey sheet next to white would turn black under
    # Tesseract's global threshold), then paint the desk white.
    flat = _flattened(page_pixels(gray))
    np.bitwise_or(flat, ~mask, out=flat)  # the mask is 0 or 255: the desk (0) made 255, the sheet kept
    return Image.fromarray(flat)


def sheet_corners(outline: np.ndarray) -> np.ndarray | None:
    """The four corners of a convex sheet outline (top-left, top-right, bottom-right, bottom-left), or None.

    The outline simplified until four points remain (a curled edge bulges, so a few
    tolerances are tried), else its smallest enclosing rectangle; None when that is no
    plausible sheet: not convex, angles far from square, or not covering the outline.
    """
    import cv2

    hull = outline.astype(np.float32).reshape(-1, 1, 2)
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for tolerance in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, tolerance * perimeter, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float64)
            break
        if len(approx) < 4:
            break
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float64)
    quad = _clockwise(quad)
    if not cv2.isContourConvex(quad.astype(np.float32).reshape(-1, 1, 2)):
        return None
    for i in range(4):
        a, b = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        angle = math.degrees(math.acos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1)))
        if not 60 <= angle <= 120:
            return None
    area = cv2.contourArea(quad.astype(np.float32))
    if not 0.9 <= area / max(1.0, cv2.contourArea(hull)) <= 1.15:
        return None
    return quad


def _clockwise(quad: np.ndarray) -> np.ndarray:
    """Corners in clockwise order on the image (y down), from the one nearest the top-left."""
    centre = quad.mean(axis=0)
    quad = quad[np.argsort(np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0]))]
    return np.roll(quad, -int(np.argmin(quad.sum(axis=1))), axis=0)


def _aligned(corners: np.ndarray) -> bool:
    """Already an upright rectangle: every corner within 1% of the diagonal from its bounding box's corner."""
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    return float(np.linalg.norm(corners - box, axis=1).max()) <= 0.01 * math.hypot(x1 - x0, y1 - y0)


def _flattened(pixels: np.ndarray) -> np.ndarray:
    """Divide by the local paper brightness (a max filter at low resolution): uneven light gone."""
    paper = paper_brightness(pixels)
    # In place, in float32 as before (the same pixels): a page-sized temporary less at each
    # step, ~35 % of this division's CPU on a phone photo. Nothing is below 0: no lower clip.
    flat = pixels.astype(np.float32)
    flat *= 255.0
    flat /= np.maximum(paper, 1)
    np.minimum(flat, 255.0, out=flat)
    return flat.astype(np.uint8)


def paper_brightness(pixels: np.ndarray) -> np.ndarray:
    """The local brightness of the paper: a max filter at an eighth of the size, smoothed, enlarged back."""
    import cv2

    small = cv2.resize(pixels, (max(1, pixels.shape[1] // 8), max(1, pixels.shape[0] // 8)),
                       interpolation=cv2.INTER_AREA)
    paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((7, 7), np.uint8)), (0, 0), 3)
    return cv2.resize(paper, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_LINEAR)
