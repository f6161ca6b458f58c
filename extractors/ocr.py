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
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image

from extractors.checkboxes import Box, find_boxes
from extractors.errors import ErrorCode, GuichetError
from extractors.model import PageText, Word

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
    line: tuple[int, int, int]  # block, paragraph, line


class OcrEngine(Protocol):
    """What the pipeline needs of an OCR engine."""

    def words(self, image: Image.Image) -> list[RawWord]: ...

    def orientation(self, image: Image.Image) -> tuple[int, float]: ...


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
        import pytesseract

        data = self._call(pytesseract.image_to_data, image, self.lang, "--psm 3")
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
    """Read one page: turned upright if need be, then deskewed; boxes in points."""
    gray = outside_paper_whitened(image.convert("L"))
    words, upright, skew = _read_level(gray, engine)
    rotation = 0
    if _looks_turned(words) and _has_ink(gray):
        turn, confidence = engine.orientation(_for_osd(gray))
        if turn and confidence >= 1.0:
            turned_words, turned_image, turned_skew = _read_level(_turn(gray, turn), engine)
            if _better(turned_words, words):
                words, upright, skew, rotation = turned_words, turned_image, turned_skew, turn
    words = with_checkboxes(words, upright)
    return PageText(
        number=number,
        width=gray.width * 72.0 / dpi,
        height=gray.height * 72.0 / dpi,
        words=_page_words(words, 72.0 / dpi),
        ocr=True,
        confidence=round(_mean_conf(words), 4),
        rotation=rotation,
        skew=skew,
    )


def outside_paper_whitened(gray: Image.Image) -> Image.Image:
    """A phone photo shows the desk around the sheet: paint it paper-coloured, keep the geometry.

    Tesseract's layout analysis otherwise takes the dark margin and the text next to it
    for a picture and drops whole columns.
    """
    import cv2  # lazy: only OCR needs it

    pixels = np.asarray(gray)
    scale = 800 / max(pixels.shape)
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    _, paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return gray
    sheet = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(sheet) / float(small.size)
    if not 0.3 <= share <= 0.92:
        return gray  # no sheet on a background: a scan or a rendered page
    mask = np.zeros(small.shape, np.uint8)
    cv2.drawContours(mask, [cv2.convexHull(sheet)], -1, 255, thickness=cv2.FILLED)
    inside, outside = small[mask > 0], small[mask == 0]
    if outside.size == 0 or float(np.median(outside)) > 0.7 * float(np.median(inside)):
        return gray  # what lies outside is as bright as paper: part of the sheet, not a desk
    mask = cv2.resize(mask, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_NEAREST)
    # Even out the light first (a grey sheet next to white would turn black under
    # Tesseract's global threshold), then paint the desk white.
    flat = _flattened(pixels)
    flat[mask == 0] = 255
    return Image.fromarray(flat)


def _flattened(pixels: np.ndarray) -> np.ndarray:
    """Divide by the local paper brightness (a max filter at low resolution): uneven light gone."""
    import cv2

    small = cv2.resize(pixels, (max(1, pixels.shape[1] // 8), max(1, pixels.shape[0] // 8)),
                       interpolation=cv2.INTER_AREA)
    paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((7, 7), np.uint8)), (0, 0), 3)
    paper = cv2.resize(paper, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_LINEAR)
    return np.clip(pixels.astype(np.float32) * 255.0 / np.maximum(paper, 1), 0, 255).astype(np.uint8)


def _read_level(gray: Image.Image, engine: OcrEngine) -> tuple[list[RawWord], Image.Image, float]:
    """OCR after removing a small skew; returns the words, the image read and the skew removed."""
    skew = estimate_skew(gray)
    if abs(skew) < MIN_SKEW:
        return engine.words(gray), gray, 0.0
    level = _rotate_free(gray, -skew)
    return engine.words(level), level, round(skew, 2)


def with_checkboxes(words: list[RawWord], image: Image.Image) -> list[RawWord]:
    """Replace what OCR made of check boxes by the boxes found in the image ("☐"/"☒")."""
    heights = sorted(w.height for w in words if len(w.text) >= 3)
    if not heights:
        return words
    boxes = find_boxes(image, heights[len(heights) // 2])
    if not boxes:
        return words
    boxes = [b for b in boxes if not any(_letter_of(b, w) for w in words)]
    kept = [w for w in words if not any(_mostly_inside(w, b) for b in boxes)]
    for box in boxes:
        line = min(kept, key=lambda w: abs(w.top + w.height / 2 - box.top - box.size / 2)
                   + (0 if w.left > box.left else 1e6), default=None)
        kept.append(RawWord("☒" if box.ticked else "☐", box.left, box.top, box.size, box.size,
                            box.confidence, line.line if line else (0, 0, 0)))
    return sorted(kept, key=lambda w: (w.line, w.left))


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
