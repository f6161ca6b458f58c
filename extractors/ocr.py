"""Tesseract behind one thin wrapper, and the page-image geometry around it.

Pages are OCR'd upright: a small skew is measured and removed first, and a page whose
reading is poor is checked with Tesseract's orientation detection (OSD) and read again
turned. Word boxes are in points on the upright page; PageText.to_page maps them to the page as received.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
from PIL import Image

from extractors.checkboxes import Box, find_boxes, over_box, without_glued_tick
from extractors.dewarp import uncurled_sheet
from extractors.errors import ErrorCode, GuichetError
from extractors.geometry import scaled_warp, warped_sheet
from extractors.model import PageText, Word
from extractors.rules import without_rules

log = logging.getLogger(__name__)

# Below this mean word confidence a reading is suspicious: maybe the page is turned.
POOR_CONFIDENCE = 0.60
MIN_SKEW = 0.3  # degrees; less is not worth resampling the page
MAX_SKEW = 6.0


@dataclass(frozen=True)
class RawWord:
    """A word as an engine returns it: pixel box in the image it was given."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..1
    line: tuple[int, ...]  # block, paragraph, line (a fourth number: a line found by the second reading)


class OcrEngine(Protocol):
    """What the pipeline needs of an OCR engine."""

    def words(self, image: Image.Image) -> list[RawWord]: ...

    def orientation(self, image: Image.Image) -> tuple[int, float]: ...

    def sparse_words(self, image: Image.Image) -> list[RawWord]: ...


class TesseractEngine:
    """The only code that calls pytesseract; one Tesseract thread per call."""

    def __init__(self, lang: str = "fra", timeout: float = 120.0):
        self.lang = lang
        self.timeout = timeout
        # Tesseract's own OpenMP threads make a page several times slower on few cores;
        # pages are run in parallel instead.
        os.environ["OMP_THREAD_LIMIT"] = "1"

    def words(self, image: Image.Image) -> list[RawWord]:
        """Words with their boxes, via image_to_data on an uncompressed temporary file."""
        return self._words(image, "--psm 3")

    def sparse_words(self, image: Image.Image) -> list[RawWord]:
        """Words found anywhere, without layout analysis (psm 11): text among strokes and stamps."""
        return self._words(image, "--psm 11")

    def block_words(self, image: Image.Image) -> list[RawWord]:
        """Words of a small area read as one block of lines (psm 6): a letter's signatory block."""
        return self._words(image, "--psm 6")

    def _words(self, image: Image.Image, config: str) -> list[RawWord]:
        import pytesseract

        data = self._call(pytesseract.image_to_data, image, self.lang, config)
        words = []
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if conf < 0 or not text.strip():
                continue
            words.append(RawWord(
                text.strip(), data["left"][i], data["top"][i], data["width"][i], data["height"][i],
                conf / 100.0, (data["block_num"][i], data["par_num"][i], data["line_num"][i]),
            ))
        return words

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        """Degrees to turn the image counter-clockwise to make it upright, and a confidence."""
        import pytesseract

        try:
            osd = self._call(pytesseract.image_to_osd, image, "osd", "--psm 0")
        except GuichetError as exc:
            if exc.code is ErrorCode.OCR_TIMEOUT:
                raise
            return 0, 0.0  # too few characters to tell: leave the page as it is
        # Tesseract's "rotate" is clockwise; pages here are turned counter-clockwise.
        return (360 - int(osd.get("rotate", 0))) % 360, float(osd.get("orientation_conf", 0.0))

    def _call(self, function, image: Image.Image, lang: str, config: str):
        import pytesseract

        with tempfile.NamedTemporaryFile(suffix=".pgm") as tmp:
            image.convert("L").save(tmp.name, format="PPM")  # no compression: nearly free
            try:
                return function(tmp.name, lang=lang, config=config,
                                output_type=pytesseract.Output.DICT, timeout=self.timeout)
            except RuntimeError as exc:  # pytesseract reports its timeout this way
                if "timeout" in str(exc).lower():
                    raise GuichetError(ErrorCode.OCR_TIMEOUT) from exc
                raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc
            except pytesseract.TesseractError as exc:
                raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc


def ocr_page(image: Image.Image, engine: OcrEngine, *, number: int, dpi: float) -> PageText:
    """Read one page: a photographed sheet warped flat and uncurled, turned upright if need be, then deskewed; boxes in points."""
    straight, warp = paper_straightened(image.convert("L"))
    straight, warp = uncurled_sheet(straight, warp)  # a curled sheet's rows bow even once warped flat
    gray = reversed_bands_inverted(straight)
    flat = warp is None  # a scan or a fax, not a photographed sheet
    words, upright, read, skew = _read_level(gray, engine, flat)
    rotation = 0
    if _looks_turned(words) and _has_ink(gray):
        turn, confidence = engine.orientation(_for_osd(gray))
        if turn and confidence >= 1.0:
            turned = _read_level(_turn(gray, turn), engine, flat)
            if _better(turned[0], words):
                (words, upright, read, skew), rotation = turned, turn
    words = with_missed_text(words, read, engine)  # the rules found once, for both readings
    words = with_checkboxes(words, upright)
    scale = 72.0 / dpi
    return PageText(
        number=number,
        width=image.width * scale,  # the page as received: what the review UI shows
        height=image.height * scale,
        words=_page_words(words, scale),
        ocr=True,
        confidence=round(_mean_conf(words), 4),
        rotation=rotation,
        skew=skew,
        warp=scaled_warp(warp, scale),
    )


def outside_paper_whitened(gray: Image.Image) -> Image.Image:
    """A phone photo shows the desk around the sheet: paint it paper-coloured, keep the geometry.

    Tesseract's layout analysis otherwise takes the dark margin and the text next to it
    for a picture and drops whole columns.
    """
    found = _sheet(gray)
    return gray if found is None else _whitened(gray, found[1])


def paper_straightened(gray: Image.Image) -> tuple[Image.Image, tuple[float, ...] | None]:
    """outside_paper_whitened, then a sheet photographed at an angle warped to a rectangle.

    A keystoned sheet's lines slope differently across the page, which no single deskew
    angle levels: Tesseract then joins a form's label column to the wrong answers. Returns
    the image and the warp in pixels (corners on `gray`, then the rectangle's size; see
    PageText.warp), None when the sheet is already an upright rectangle or not found.
    """
    found = _sheet(gray)
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
    return Image.fromarray(warped_sheet(np.asarray(flat), warp)), warp


def _sheet(gray: Image.Image) -> tuple[np.ndarray, np.ndarray] | None:
    """A sheet on a darker desk: its convex outline (pixels of `gray`) and a mask of it (0/255, full size).

    The sheet is the largest bright shape, 30 to 92% of the image, with a darker outside.
    """
    import cv2  # lazy: only OCR needs it

    pixels = np.asarray(gray)
    scale = 800 / max(pixels.shape)
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    scale = min(scale, 1.0)
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
    mask = cv2.resize(mask, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_NEAREST)
    outline = (hull.reshape(-1, 2).astype(np.float64) + 0.5) / scale - 0.5
    return outline, mask


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
    flat = _flattened(np.asarray(gray))
    flat[mask == 0] = 255
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


def reversed_bands_inverted(gray: Image.Image) -> Image.Image:
    """Light text on a dark band (a form's section headings, a coloured letterhead) turned dark on light.

    Tesseract reads reversed text poorly, worst on photos: "ANNEXE 1 – LES DYNAMIQUES DU
    TERRITOIRE" came out as "NNEXE 1 - LES DYNAMIQUES DU TERRITOI". A band is a wide, low,
    nearly full rectangle much darker than the paper; only its box is inverted.
    """
    import cv2

    pixels = np.asarray(gray)
    scale = min(1.0, 1000 / max(pixels.shape))
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    paper = float(np.percentile(small, 90))
    dark = (small < 0.45 * paper).astype(np.uint8)
    if not dark.any():
        return gray
    # The light letters inside a band are holes in it: closed, the band is one solid block.
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    height, width = small.shape
    out = None
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        # Wide and low; a little slanted on a photo, so its box is not quite full.
        if w < 0.25 * width or not 0.006 * height <= h <= 0.06 * height or area < 0.7 * w * h:
            continue
        if not 0.5 <= dark[y:y + h, x:x + w].mean() <= 0.97:  # no light inside: a plain bar, no text
            continue
        # A margin around the band: its blurred edge lies partly outside its box.
        m = 3
        bx0, by0 = max(0, x - m), max(0, y - m)
        bx1, by1 = min(small.shape[1], x + w + m), min(small.shape[0], y + h + m)
        band = (labels[by0:by1, bx0:bx1] == label).astype(np.uint8)
        outline, _ = cv2.findContours(band, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(band, outline, -1, 1, thickness=cv2.FILLED)  # the letters' holes filled: one solid band
        band = cv2.dilate(band, np.ones((3, 3), np.uint8))
        x0, y0 = int(bx0 / scale), int(by0 / scale)
        x1, y1 = min(pixels.shape[1], int(np.ceil(bx1 / scale))), min(pixels.shape[0], int(np.ceil(by1 / scale)))
        mask = cv2.resize(band, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        out = pixels.copy() if out is None else out
        region = out[y0:y1, x0:x1]
        region[mask > 0] = 255 - region[mask > 0]
        # The band's edge, grey either way, would stay as a frame around the heading: paper instead.
        k = np.ones((max(5, int(0.2 * h / scale)),) * 2, np.uint8)
        edge = (cv2.dilate(mask, k) > 0) & (cv2.erode(mask, k, borderType=cv2.BORDER_CONSTANT, borderValue=0) == 0)
        region[edge] = 255
    return gray if out is None else Image.fromarray(out)


def _flattened(pixels: np.ndarray) -> np.ndarray:
    """Divide by the local paper brightness (a max filter at low resolution): uneven light gone."""
    paper = _paper(pixels)
    return np.clip(pixels.astype(np.float32) * 255.0 / np.maximum(paper, 1), 0, 255).astype(np.uint8)


def _paper(pixels: np.ndarray) -> np.ndarray:
    """The local brightness of the paper: a max filter at an eighth of the size, smoothed, enlarged back."""
    import cv2

    small = cv2.resize(pixels, (max(1, pixels.shape[1] // 8), max(1, pixels.shape[0] // 8)),
                       interpolation=cv2.INTER_AREA)
    paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((7, 7), np.uint8)), (0, 0), 3)
    return cv2.resize(paper, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_LINEAR)


def _read_level(gray: Image.Image, engine: OcrEngine,
                flat: bool) -> tuple[list[RawWord], Image.Image, Image.Image, float]:
    """OCR after removing a small skew, on a flat scan with the table's rules taken off;
    returns the words, the levelled image (rules kept, for the check boxes), the image read
    (for the second reading) and the skew removed.

    A photographed sheet keeps its rules: once warped its rules are broken and bowed, and
    what is left of them misleads the layout more than whole rules do (measured on photos)."""
    skew = estimate_skew(gray)
    level = gray if abs(skew) < MIN_SKEW else _rotate_free(gray, -skew)
    read = without_rules(level) if flat else level
    return engine.words(read), level, read, round(skew, 2) if level is not gray else 0.0


MISSED_MIN_GLYPHS = 3  # a run of fewer letter-sized marks is no line of text (a dot, a box, a stroke)
MISSED_MAX_REGIONS = 60
MISSED_MAX_SHARE = 0.06  # of the page's area: the second reading stays a fraction of the first
MISSED_MIN_CONF = 0.6
UNSURE_WORD = 0.45  # below, a first reading's word neither hides ink from the second reading nor outranks it
NOISE_WORD = 0.2  # below, it is noise (extractors.fields drop such words too)
TARGET_HEIGHT = 34  # pixels: word boxes this tall read best (Tesseract's x-height sweet spot)


def with_missed_text(words: list[RawWord], image: Image.Image, engine: OcrEngine) -> list[RawWord]:
    """Read again, without layout analysis, the printed lines the first reading skipped.

    Tesseract's page layout takes a block holding a signature or a stamp for a picture
    and drops its text ("Le Maire," above the ink, the name under it). Letter-sized
    marks left over once the words read are masked, lined up in runs, are such text:
    those runs alone are cut out, enlarged, stacked into one small image, and read in one
    sparse call, so the cost stays a fraction of the page's.
    """
    height = _word_height(words)
    if height is None:
        return words
    # Words read with next to no confidence are often what became of the missed text: they
    # neither hide it nor stand against a better reading.
    confident = [w for w in words if w.conf >= UNSURE_WORD]
    regions = missed_regions(confident, image, height)
    if not regions:
        return words
    scale = max(1.0, min(3.0, TARGET_HEIGHT / height))
    sheet, placed = _stacked(image, regions, scale, pad=int(height * 0.6))
    from dataclasses import replace

    found: list[RawWord] = []
    better: dict[int, RawWord] = {}  # id of a first reading's word -> a clearer reading of it
    # A line in the margin of its neighbour's crop is read twice: the surer reading wins.
    readings = [m for m in (_unstacked(raw, placed, scale) for raw in _clipped(engine.sparse_words(sheet))) if m]
    unsure = [w for w in words if NOISE_WORD <= w.conf < UNSURE_WORD]
    for mapped in sorted(readings, key=lambda w: -w.conf):
        # Over an unsure first reading, only a much surer one: "Vais" (0.79) is no better than "Vals" (0.43).
        if mapped.conf < 0.85 and any(_overlap(mapped, u) > 0.5 * min(mapped.width * mapped.height, u.width * u.height)
                                      for u in unsure):
            continue
        if _plausible(mapped, height, confident + found):
            found.append(mapped)
            continue
        twin = _read_better(mapped, confident)
        if twin is not None and id(twin) not in better:
            better[id(twin)] = replace(mapped, line=twin.line)
    if not found and not better:
        return words
    log.debug("second reading: %d words found, %d read better, in %d regions", len(found), len(better), len(regions))
    kept = [better.get(id(w), w) for w in words if w.conf >= UNSURE_WORD
            or not any(_overlap(w, f) > 0.3 * w.width * w.height for f in found)]
    return sorted(kept + _lined(found, confident, height), key=lambda w: (w.line, w.left))


def _read_better(word: RawWord, known: list[RawWord]) -> RawWord | None:
    """The one word of the first reading `word` reads again, when it reads it much more surely.

    A crop enlarged out of its page is sometimes clearer: "Détens:" (0.63) is "Défense" (0.88).
    """
    if word.conf < 0.85 or not any(c.isalnum() for c in word.text):
        return None
    twins = [k for k in known if _overlap(word, k) >= 0.6 * min(word.width * word.height, k.width * k.height)]
    if len(twins) != 1:
        return None
    twin = twins[0]
    if not any(c.isalnum() for c in twin.text) or abs(len(twin.text) - len(word.text)) > max(1, len(twin.text) // 3):
        return None  # not the same word read again: a quote, a speck, half a word
    same_size = abs(twin.width - word.width) <= 0.3 * max(twin.width, word.width)
    return twin if same_size and twin.conf <= word.conf - 0.2 and twin.text != word.text else None


def _clipped(words: list[RawWord]) -> list[RawWord]:
    """Boxes ending where the next word of their line begins.

    In sparse mode Tesseract may box a line's first word as wide as the whole line, which
    would hide the words after it.
    """
    from dataclasses import replace

    out = []
    for word in words:
        following = [w.left for w in words if w.line == word.line and w.left > word.left]
        right = min(following, default=word.left + word.width + 1) - 1
        out.append(replace(word, width=max(1, min(word.width, right - word.left))))
    return out


def _word_height(words: list[RawWord]) -> float | None:
    heights = sorted(w.height for w in words if len(w.text) >= 3 and w.conf >= 0.6)
    return float(heights[len(heights) // 2]) if len(heights) >= 5 else None


def missed_regions(words: list[RawWord], image: Image.Image, height: float) -> list[tuple[int, int, int, int]]:
    """Pixel boxes of runs of letter-sized ink marks that no word read covers.

    Looked for at half size first, leniently (a quarter of the work on a whole page), then
    checked at full size in the few places found, where blur and joined letters are told apart.
    """
    import cv2

    pixels = np.asarray(image.convert("L"))
    if height < 20:
        found = _runs(_ink(pixels, words, height, (0, 0)), height)
    else:
        # The darkest pixel of each 2x2 block: thin strokes survive at half size.
        half = cv2.erode(pixels, np.ones((2, 2), np.uint8), anchor=(0, 0))[::2, ::2]
        found = set()
        margin = int(height)
        for x0, y0, x1, y1 in _runs(_ink(half, words, height, (0, 0), step=2), height / 2, lenient=True):
            cx0, cy0 = max(0, 2 * x0 - margin), max(0, 2 * y0 - margin)
            cx1, cy1 = min(pixels.shape[1], 2 * x1 + margin), min(pixels.shape[0], 2 * y1 + margin)
            crop = _ink(pixels[cy0:cy1, cx0:cx1], words, height, (cx0, cy0))
            for rx0, ry0, rx1, ry1 in _runs(crop, height):
                found.add((rx0 + cx0, ry0 + cy0, rx1 + cx0, ry1 + cy0))
        found = list(found)
    regions = [r for r in found if not any(o != r and _contains(o, r) for o in found)]
    # Bounded cost: the largest runs first, up to a small share of the page.
    regions.sort(key=lambda r: (r[2] - r[0]) * (r[3] - r[1]), reverse=True)
    kept, total = [], 0
    for region in regions[:MISSED_MAX_REGIONS]:
        total += (region[2] - region[0]) * (region[3] - region[1])
        if total > MISSED_MAX_SHARE * pixels.size:
            break
        kept.append(region)
    return sorted(kept, key=lambda r: (r[1], r[0]))


def _ink(pixels: np.ndarray, words: list[RawWord], height: float, origin: tuple[int, int],
         step: int = 1) -> np.ndarray:
    """Ink outside the words read, as 0/1: darker than 185/255 of the local paper (blurred photo
    strokes are grey). `pixels` is a part of the page from `origin`, at 1/`step` of its size.

    In integers: a page-sized float division would cost more than all the rest.
    """
    paper = _paper(pixels).astype(np.uint16)
    ink = ((pixels.astype(np.uint16) * 255 < 185 * paper) & (pixels < 215)).astype(np.uint8)
    pad = max(1, int(height * 0.15))
    ox, oy = origin
    for w in words:
        x0, y0 = (w.left - pad - ox) // step, (w.top - pad - oy) // step
        x1, y1 = (w.left + w.width + pad - ox) // step + 1, (w.top + w.height + pad - oy) // step + 1
        if x1 > 0 and y1 > 0 and x0 < ink.shape[1] and y0 < ink.shape[0]:
            ink[max(0, y0):y1, max(0, x0):x1] = 0
    return ink


def _runs(ink: np.ndarray, unit: float, lenient: bool = False) -> list[tuple[int, int, int, int]]:
    """Boxes of runs of letter-sized marks in a binary ink mask, `unit` the height of a word box."""
    import cv2

    count, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h, area = (stats[:, i] for i in range(5))
    # A letter, or letters run together by blur or bold print: about the text's height, not a
    # long stroke, a rule or a blot. (`unit` is a word box's height, ascenders and descenders
    # included: an "a" is a quarter of it.)
    low, high, wide, least, fill = (0.15, 2.0, 8.0, 0.01, 0.9) if lenient else (0.2, 1.6, 6.0, 0.02, 0.8)
    glyph = (h >= low * unit) & (h <= high * unit) & (w <= wide * unit) & (area >= least * unit * unit) \
        & (area <= fill * w * h)
    glyph[0] = False  # the background
    if not glyph.any():
        return []
    glyphs = glyph[labels].astype(np.uint8)
    # Letters of one word or line join; lines above and below stay apart.
    runs = cv2.dilate(glyphs, np.ones((max(1, int(0.25 * unit)), max(3, int(1.2 * unit))), np.uint8))
    count, run_labels, run_stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    # How many letters each run holds: a mark is worth its width in letters.
    owners = run_labels[centres[glyph, 1].astype(int), centres[glyph, 0].astype(int)]
    worth = np.bincount(owners, weights=np.maximum(1.0, w[glyph] / (0.45 * unit)), minlength=count)
    least_worth, least_width, most_height = (2, 1.5, 4.0) if lenient else (MISSED_MIN_GLYPHS, 2.0, 3.0)
    out = []
    for label in range(1, count):
        rx, ry, rw, rh, _ = run_stats[label]
        if worth[label] >= least_worth and rw >= least_width * unit and rh <= most_height * unit:
            out.append((int(rx), int(ry), int(rx + rw), int(ry + rh)))
    return out


def _contains(outer: tuple[int, int, int, int], inner: tuple[int, int, int, int]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _stacked(image: Image.Image, regions, scale: float, pad: int):
    """The regions (padded) enlarged and stacked on one white sheet; where each landed."""
    boxes = [(max(0, x0 - pad), max(0, y0 - pad), min(image.width, x1 + pad), min(image.height, y1 + pad))
             for x0, y0, x1, y1 in regions]
    gap = 2 * pad * scale
    width = int(max(b[2] - b[0] for b in boxes) * scale + 2 * gap)
    total = int(sum((b[3] - b[1]) * scale + gap for b in boxes) + gap)
    sheet = Image.new("L", (width, total), 255)
    placed, y = [], gap
    for box in boxes:
        crop = image.crop(box)
        if scale > 1:
            crop = crop.resize((max(1, int(crop.width * scale)), max(1, int(crop.height * scale))),
                               Image.Resampling.LANCZOS)
        sheet.paste(crop, (int(gap), int(y)))
        placed.append((box, int(gap), int(y), crop.width, crop.height))
        y += crop.height + gap
    return sheet, placed


def _unstacked(raw: RawWord, placed, scale: float) -> RawWord | None:
    """A word of the stacked sheet back in the page's pixels; None if it straddles two crops."""
    cx, cy = raw.left + raw.width / 2, raw.top + raw.height / 2
    for index, (box, left, top, width, height) in enumerate(placed):
        if left <= cx <= left + width and top <= cy <= top + height:
            x = box[0] + (raw.left - left) / scale
            y = box[1] + (raw.top - top) / scale
            return RawWord(raw.text, int(round(x)), int(round(y)), max(1, int(round(raw.width / scale))),
                           max(1, int(round(raw.height / scale))), raw.conf, (-1 - index, 0, 0))
    return None


def _plausible(word: RawWord, height: float, known: list[RawWord]) -> bool:
    """Kept: read with confidence, of the text's size, with letters, not over a word already read."""
    if word.conf < MISSED_MIN_CONF or not any(c.isalnum() for c in word.text):
        return False
    if not 0.35 * height <= word.height <= 2.5 * height:  # a stroke through a word makes its box taller
        return False
    if len(word.text) == 1 and not word.text.isalnum():
        return False
    area = word.width * word.height
    return not any(_overlap(word, other) > 0.3 * area for other in known)


def _overlap(a: RawWord, b: RawWord) -> float:
    x = min(a.left + a.width, b.left + b.width) - max(a.left, b.left)
    y = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return max(0, x) * max(0, y)


def _lined(found: list[RawWord], words: list[RawWord], height: float) -> list[RawWord]:
    """Words of the second reading put on lines: an existing line they continue, or new ones."""
    from dataclasses import replace

    out: list[RawWord] = []
    new_lines: list[tuple[RawWord, tuple[int, ...]]] = []
    next_line = 0
    for word in sorted(found, key=lambda w: (w.top, w.left)):
        same = [w for w in words if _same_row(w, word)
                and min(abs(w.left - word.left - word.width), abs(word.left - w.left - w.width)) <= 3 * height]
        if same:
            out.append(replace(word, line=same[0].line))
            continue
        line = next((key for first, key in new_lines if _same_row(first, word)), None)
        if line is None:  # a new line, in reading order right after the line read above it
            next_line += 1
            centre = word.top + word.height / 2
            above = max((w for w in words if w.top + w.height / 2 < centre),
                        key=lambda w: (w.top + w.height / 2, w.line), default=None)
            line = (*(above.line if above else (0, 0, 0)), next_line)
            new_lines.append((word, line))
        out.append(replace(word, line=line))
    return out


def _same_row(a: RawWord, b: RawWord) -> bool:
    """On one printed line: their heights overlap by most of the smaller (an accent makes a box taller)."""
    overlap = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return overlap >= 0.6 * min(a.height, b.height)


def with_checkboxes(words: list[RawWord], image: Image.Image) -> list[RawWord]:
    """Replace what OCR made of check boxes by the boxes found in the image ("☐"/"☒")."""
    heights = sorted(w.height for w in words if len(w.text) >= 3)
    if not heights:
        return words
    boxes = find_boxes(image, heights[len(heights) // 2])
    if not boxes:
        return words
    boxes = [b for b in boxes if not any(_letter_of(b, w) for w in words)]
    kept = [w for w in words if not any(_mostly_inside(w, b) or over_box(w.left, w.top, w.width, w.height, w.conf,
                                                                          w.text, b) for b in boxes)]
    for b in boxes:  # "XRevitalisation": the tick glued to the option's first word
        kept = [_unglued(w, b) for w in kept]
    for box in boxes:
        line = min(kept, key=lambda w: abs(w.top + w.height / 2 - box.top - box.size / 2)
                   + (0 if w.left > box.left else 1e6), default=None)
        kept.append(RawWord("☒" if box.ticked else "☐", box.left, box.top, box.size, box.size,
                            box.confidence, line.line if line else (0, 0, 0)))
    return sorted(kept, key=lambda w: (w.line, w.left))


def _unglued(word: RawWord, box: Box) -> RawWord:
    text, left, width = without_glued_tick(word.text, word.left, word.top, word.width, word.height, box)
    return word if text == word.text else replace(word, text=text, left=left, width=width)


def _letter_of(box: Box, word: RawWord) -> bool:
    """A square "D" or "O" inside a word read with confidence is a letter, not a box."""
    if word.conf < 0.7 or sum(c.isalnum() for c in word.text) < 3:
        return False
    inside_x = word.left - 2 <= box.left and box.left + box.size <= word.left + word.width + 2
    inside_y = word.top - box.size / 2 <= box.top <= word.top + word.height
    return inside_x and inside_y and box.size < 0.6 * word.width


def _mostly_inside(word: RawWord, box: Box) -> bool:
    x0, y0 = max(word.left, box.left), max(word.top, box.top)
    x1 = min(word.left + word.width, box.left + box.size)
    y1 = min(word.top + word.height, box.top + box.size)
    overlap = max(0, x1 - x0) * max(0, y1 - y0)
    return overlap >= 0.5 * max(1, word.width * word.height)


def estimate_skew(gray: Image.Image) -> float:
    """Skew in degrees (positive: content turned counter-clockwise), by projection profiles."""
    small = gray.copy()
    small.thumbnail((1000, 1000))
    pixels = np.asarray(small)
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


def _rotate_free(gray: Image.Image, degrees: float) -> Image.Image:
    return gray.rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


def _turn(gray: Image.Image, degrees: int) -> Image.Image:
    """Turn counter-clockwise by a multiple of 90 degrees, losslessly."""
    methods = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
               270: Image.Transpose.ROTATE_270}
    return gray.transpose(methods[degrees]) if degrees in methods else gray


def _looks_turned(words: list[RawWord]) -> bool:
    """A poor reading, or words standing on end: Tesseract read lines of a turned page."""
    if _mean_conf(words) < POOR_CONFIDENCE:
        return True
    long_words = [w for w in words if len(w.text) >= 3]
    standing = sum(1 for w in long_words if w.height > 1.5 * w.width)
    return bool(long_words) and standing > len(long_words) / 2


def _better(turned: list[RawWord], first: list[RawWord]) -> bool:
    """The turned reading wins if it reads better, or as well with lines lying flat."""
    if _mean_conf(turned) > _mean_conf(first):
        return True
    return not _looks_turned(turned) and _mean_conf(turned) >= _mean_conf(first) - 0.05


def _for_osd(gray: Image.Image) -> Image.Image:
    """OSD needs letters of some size: only very large pages are halved to save time."""
    if max(gray.size) <= 3600:
        return gray
    return gray.resize((max(1, gray.width // 2), max(1, gray.height // 2)))


def _has_ink(gray: Image.Image) -> bool:
    small = gray.copy()
    small.thumbnail((400, 400))
    dark = float((np.asarray(small) < 128).mean())
    return 0.002 < dark < 0.5


def _mean_conf(words: list[RawWord]) -> float:
    weight = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / weight if weight else 0.0


def _page_words(words: list[RawWord], scale: float) -> tuple[Word, ...]:
    """Words in points on the upright page; PageText.to_page maps them back for display."""
    line_index: dict[tuple[int, int, int], int] = {}
    out = []
    for raw in words:
        line = line_index.setdefault(raw.line, len(line_index))
        box = (raw.left * scale, raw.top * scale, (raw.left + raw.width) * scale, (raw.top + raw.height) * scale)
        out.append(Word(raw.text, tuple(round(v, 2) for v in box), round(raw.conf, 3), line))
    return tuple(out)
