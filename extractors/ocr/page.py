"""Reading one page image: straightened, turned upright, deskewed, read, read again where text was missed.

Pages are OCR'd upright: a small skew is measured and removed first, and a page whose
reading is poor is checked with Tesseract's orientation detection (OSD) and read again
turned. Word boxes are in points on the upright page; PageText.to_page maps them to the page as received.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image

from extractors.dewarp import evenly_lit, uncurled_sheet
from extractors.geometry import scaled_warp
from extractors.images import grey
from extractors.model import PageText, Word
from extractors.ocr.checkbox_words import boxes_of, with_checkboxes
from extractors.ocr.engine import OcrEngine, RawWord
from extractors.ocr.inverted_bands import reversed_bands_inverted
from extractors.ocr.orientation import (
    MIN_SKEW,
    estimate_skew,
    for_osd,
    has_ink,
    looks_turned,
    mean_conf,
    page_thumbnail,
    quarter_turned,
    reads_better,
    rotated_free,
    standing_words,
    upright_by_letters,
)
from extractors.ocr.resolution import for_reading, honest_confidence, words_on_page
from extractors.ocr.second_reading import Missed, missed_sheet, with_sheet_words
from extractors.ocr.sheet import paper_straightened


def ocr_page(image: Image.Image, engine: OcrEngine, *, number: int, dpi: float) -> PageText:
    """Read one page: a photographed sheet warped flat and uncurled, turned upright if need be,
    then deskewed; boxes in points."""
    first = first_reading(image, engine, number=number, dpi=dpi)
    return finished(first, engine.sparse_words(first.missed.sheet) if first.missed else [])


@dataclass
class FirstReading:
    """A page read once, with the lines it skipped to read again (`missed`: None when none)."""

    number: int
    size: tuple[int, int]
    dpi: float
    words: list[RawWord]  # boxed on the image read, `factor` times larger than `upright`
    upright: Image.Image  # the levelled image, rules kept: for the check boxes
    missed: Missed | None
    rotation: int
    skew: float
    warp: tuple[float, ...] | None
    factor: float = 1.0
    boxes: Future | None = None  # its check boxes (`page_boxes`), looked for beside the missed lines' cutting


def first_reading(image: Image.Image, engine: OcrEngine, *, number: int, dpi: float) -> FirstReading:
    """A page straightened, turned upright, deskewed and read; the lines it skipped cut out
    (read again by `finished`'s caller, several pages at once if it likes: one Tesseract
    start, ~0.15 s of CPU, instead of one a page)."""
    return first_readings([(number, image, dpi)], engine)[0]


def first_readings(images: list[tuple[int, Image.Image, float]], engine: OcrEngine) -> list[FirstReading]:
    """`first_reading` of each (number, image, dpi), the pages read by one Tesseract process:
    the same words, one start instead of one a page."""
    pages = _Preparing(images)
    read = engine.words_each(pages)  # each page prepared while Tesseract reads the one before
    if len(read) < 2:
        return [read_prepared(pages.page(i), words, engine) for i, words in enumerate(read)]
    # Tesseract hands a batch's words all at once: its pages' missed lines are cut out side by
    # side (after the last batch, the other core would wait for them)
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda item: read_prepared(pages.page(item[0]), item[1], engine), enumerate(read)))


class _Preparing(Sequence):
    """The images to read of pages prepared one by one as they are asked for (`prepared`)."""

    def __init__(self, images: list[tuple[int, Image.Image, float]]):
        self.images = images
        self.prepared: list[Prepared] = []

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.page(index).read

    def page(self, index: int) -> Prepared:
        index = range(len(self))[index]
        while len(self.prepared) <= index:
            number, image, dpi = self.images[len(self.prepared)]
            self.prepared.append(prepared_page(image, number=number, dpi=dpi))
        return self.prepared[index]


@dataclass
class Prepared:
    """A page made ready for its first reading: `read` is what Tesseract reads."""

    number: int
    size: tuple[int, int]
    dpi: float
    gray: Image.Image  # straightened, reversed bands inverted: what a turned page is turned from
    flat: bool  # a scan or a fax, not a photographed sheet
    warp: tuple[float, ...] | None
    level: Image.Image
    read: Image.Image
    skew: float
    factor: float  # how much larger `read` is than `level` (small letters are read enlarged)


def prepared_page(image: Image.Image, *, number: int, dpi: float) -> Prepared:
    """A page straightened (a photographed sheet warped flat and uncurled), its reversed bands
    inverted, deskewed, and on a flat scan its table rules taken off for reading."""
    received = grey(image)
    scan = evenly_lit(received)
    # A scan's page shrunk once (~15 ms of CPU at 300 dpi) for its skew, glanced at first for a
    # desk around it and for reversed bands: most scans show neither, and are not shrunk again.
    glance = page_thumbnail(received) if scan else None
    straight, warp = paper_straightened(received, glance)
    if warp is not None or not scan:  # a scanned sheet lies flat: no curl to look for
        straight, warp = uncurled_sheet(straight, warp)  # a curled sheet's rows bow even once warped flat
    gray = reversed_bands_inverted(straight, glance if straight is received else None)
    flat = warp is None
    return Prepared(number, image.size, dpi, gray, flat, warp,
                    *_levelled(gray, flat, glance if gray is received else None))


def read_prepared(page: Prepared, words: list[RawWord], engine: OcrEngine) -> FirstReading:
    """The first reading of a prepared page from its `words`: a page read poorly checked for
    being turned (and read again turned), the lines it skipped cut out."""
    gray, upright, read, skew, factor = page.gray, page.level, page.read, page.skew, page.factor
    rotation = 0
    if looks_turned(words) and has_ink(gray) and (standing_words(words) or not upright_by_letters(gray)):
        turn, confidence = engine.orientation(for_osd(gray))
        if turn and confidence >= 1.0:
            turned = _read_level(quarter_turned(gray, turn), engine, page.flat)
            if reads_better(turned[0], words):
                (words, upright, read, skew, factor), rotation = turned, turn
    first = FirstReading(page.number, page.size, page.dpi, words, upright, None, rotation, skew, page.warp, factor)
    # the check boxes need the words alone: looked for on a thread of their own while the missed
    # lines are cut out (after a dossier's last page, the other core is idle for both)
    first.boxes = _aside(page_boxes, first)
    first.missed = missed_sheet(words, read)  # the rules found once, for both readings
    return first


def _aside(function: Callable, *args) -> Future:
    """`function(*args)` on a short thread of its own, started now; its value or error in the future."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(function(*args))
        except BaseException as exc:  # raised where the value is taken
            future.set_exception(exc)

    threading.Thread(target=run, name="check-boxes", daemon=True).start()
    return future


def page_boxes(first: FirstReading):
    """The check boxes of a first reading's page, looked for while its missed lines are read:
    `finished` uses them unless those lines change the words' median height."""
    return boxes_of(words_on_page(first.words, first.factor), first.upright)


def finished(first: FirstReading, missed_words: list[RawWord], boxes=None) -> PageText:
    """The page of a first reading, with `missed_words` (the reading of its `missed` sheet)
    and its check boxes (`boxes`: from `page_boxes`, or None to look for them now)."""
    if boxes is None and first.boxes is not None:
        boxes = first.boxes.result()
    words = first.words if first.missed is None else with_sheet_words(first.words, first.missed, missed_words)
    # the check boxes are found on the page's own pixels: an enlarged image's blur makes no box
    words = with_checkboxes(words_on_page(words, first.factor), first.upright, boxes)
    words = honest_confidence(words, first.factor)  # after the check boxes, tuned on Tesseract's own
    scale = 72.0 / first.dpi
    return PageText(
        number=first.number,
        width=first.size[0] * scale,  # the page as received: what the review UI shows
        height=first.size[1] * scale,
        words=_page_words(words, scale),
        ocr=True,
        confidence=round(mean_conf(words), 4),
        rotation=first.rotation,
        skew=first.skew,
        warp=scaled_warp(first.warp, scale),
    )


def _read_level(gray: Image.Image, engine: OcrEngine,
                flat: bool) -> tuple[list[RawWord], Image.Image, Image.Image, float, float]:
    """`_levelled`, then read: the words, the levelled image, the image read, the skew removed
    and how much larger the image read is."""
    level, read, skew, factor = _levelled(gray, flat)
    return engine.words(read), level, read, skew, factor


def _levelled(gray: Image.Image, flat: bool,
              thumbnail=None) -> tuple[Image.Image, Image.Image, float, float]:
    """A small skew removed, then the image to read made (see resolution.for_reading: rules
    off a flat scan, a page of small letters enlarged); returns the levelled image (rules
    kept, for the check boxes), the image to read (also the second reading's), the skew
    removed and how much larger the image read is.

    A photographed sheet (not `flat`) is turned bicubic: it was resampled once already (warped
    flat), its letters are 8 to 11 pixels tall, and a second bilinear pass blurred them enough
    that reading it unlevelled gave more words, and surer ones (measured on 81 photographed
    pages of fresh generator draws: words found 0.876 -> 0.887, as many sure-but-wrong). A
    scan's page is turned as before (its reading unchanged). `thumbnail`: the skew's
    (orientation.page_thumbnail of `gray`) when already made."""
    skew = estimate_skew(gray, thumbnail)
    level = gray if abs(skew) < MIN_SKEW else rotated_free(gray, -skew, sharp=not flat)
    read, factor = for_reading(level, flat)
    return level, read, round(skew, 2) if level is not gray else 0.0, factor


def _page_words(words: list[RawWord], scale: float) -> tuple[Word, ...]:
    """Words in points on the upright page; PageText.to_page maps them back for display."""
    line_index: dict[tuple[int, int, int], int] = {}
    out = []
    for raw in words:
        line = line_index.setdefault(raw.line, len(line_index))
        box = (raw.left * scale, raw.top * scale, (raw.left + raw.width) * scale, (raw.top + raw.height) * scale)
        out.append(Word(raw.text, tuple(round(v, 2) for v in box), round(raw.conf, 3), line))
    return tuple(out)
