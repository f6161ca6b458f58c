"""A sheet's effective resolution told by its letters, and a small one enlarged for the word reading.

A phone photo of a whole A4 sheet is about 100 pixels to the inch: its letters are 8 to 11
pixels tall, under what Tesseract reads well, and its layout analysis drops whole ruled
table cells (a fiche's answers). Such a page is read twice as large, with the table's rules
taken off and the light evened out (a shadow across the sheet otherwise raises Tesseract's
global threshold over the shadowed words). Only the word reading sees that image: the boxes
it finds are mapped back to the page's own pixels, where the check boxes and the signature
are looked for, so an enlargement never makes ink that is not on the page.

The measure is the letters' height, not the file's stated dpi (a photo states none) nor its
size (a photo's sheet fills only part of it): scans and faxes, whose letters are 14 pixels
tall and more, are read as they are, at no extra cost.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image

from extractors.images import components, pixels as page_pixels
from extractors.ocr.engine import RawWord
from extractors.rules import MIN_RULE, WORK_WIDTH, _rules, without_rules

SMALL_LETTERS = 13.0  # pixels: a page whose median letter is shorter is read enlarged
TARGET_LETTERS = 22.0  # pixels: the median letter's height once enlarged
LARGE_PAGE = 2000  # pixels across: letters this page holds are large enough, unmeasured
MAX_FACTOR = 2.0  # more costs time (a page's reading grows with its area) for no better words
PAPER_WINDOW = 21  # pixels: wider than any stroke of a small page's letters
MIN_LETTERS = 40  # letter-sized marks a page needs for its letters' height to be measured
WORK_HEIGHT = 1400  # pixels: larger pages' letters are measured on a copy shrunk to about this height (cost)


def letter_height(gray: Image.Image) -> float | None:
    """The median height in pixels of the page's letter-sized marks, None on a page with too few.

    Ink is found against its neighbourhood (a shadow or a grey photo keeps its letters), and
    a mark counts as a letter when it is no taller than a twentieth of the page and no wider
    than three times its height (a rule, a frame or a picture is not)."""
    import cv2

    pixels = page_pixels(gray)
    shrink = max(1, int(pixels.shape[0] // WORK_HEIGHT))
    if shrink > 1:  # a 300 dpi page: its letters are tall whatever the exact figure
        pixels = cv2.resize(pixels, (pixels.shape[1] // shrink, pixels.shape[0] // shrink),
                            interpolation=cv2.INTER_AREA)
    height, width, area = ink_marks(pixels)
    letters = height[(height >= 3) & (height <= pixels.shape[0] / 20) & (width <= 3 * height) & (area >= 4)]
    if letters.size < MIN_LETTERS:
        return None
    return float(np.median(letters)) * shrink


def ink_marks(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The height, width and area of each ink mark, ink found against its neighbourhood (a
    shadow or a grey photo keeps its letters)."""
    import cv2

    ink = cv2.adaptiveThreshold(pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    _, _, stats, _ = components(ink)
    return tuple(stats[1:, k] for k in (cv2.CC_STAT_HEIGHT, cv2.CC_STAT_WIDTH, cv2.CC_STAT_AREA))


def enlargement(gray: Image.Image) -> float:
    """How much larger the page is read: 1 unless its letters are small (see `letter_height`).
    A page 2,000 pixels wide or more (an A4 sheet at 240 dpi and up) is not measured: its
    body text is 20 pixels tall and more, and a 300 dpi scan pays nothing."""
    if min(gray.size) >= LARGE_PAGE:
        return 1.0
    height = letter_height(gray)
    if height is None or height >= SMALL_LETTERS:
        return 1.0
    return round(min(MAX_FACTOR, TARGET_LETTERS / height), 2)


def for_reading(level: Image.Image, flat: bool) -> tuple[Image.Image, float]:
    """The image the words are read from and how much larger than `level` it is.

    A page of ordinary letters: itself, with its table's rules taken off when it lies flat (a
    photographed sheet's warped rules are broken and bowed, and what is left of them misleads
    the layout more than whole rules do). A table of small letters: its light evened out, its
    rules taken off and enlarged, photographed or not (at this size a cell's rules are what
    hide its text from the layout: measured on phone photos). A page of small letters without
    a table (a letter) is read as it is: enlarged, a stamp crossing a signatory's typed name
    left the name's words too unsure to be masked as print, and the stamp's ring and the
    letters it crossed were then taken for a signature."""
    factor = enlargement(level)
    if factor == 1.0:
        return (without_rules(level) if flat else level), 1.0
    evened = evenly_lit(level)
    if not _ruled_table(page_pixels(evened)):  # a letter's page: read as before (its signature's words too)
        return (without_rules(level) if flat else level), 1.0
    size = (round(level.width * factor), round(level.height * factor))
    return without_rules(evened).resize(size, Image.Resampling.BICUBIC), factor


def _ruled_table(pixels: np.ndarray) -> bool:
    """Rules across and down the page: a table. A letter's horizontal rules alone (a footer's
    line, a sheet's edges on a photo) make none."""
    f = max(1, round(pixels.shape[1] / WORK_WIDTH))
    horizontal, vertical = _rules(pixels[::f, ::f], max(MIN_RULE // f, 3))
    return bool(horizontal.any() and vertical.any())


BOXES = ("☐", "☒")  # check boxes found in the image: their confidence is the image's, not Tesseract's


def honest_confidence(words: list[RawWord], factor: float) -> list[RawWord]:
    """Words read on an image `factor` times larger, their confidence raised to that power
    (0.95 -> 0.90, 0.85 -> 0.72, 0.77 -> 0.59 read twice as large).

    Tesseract judges the enlarged image, whose smooth strokes look cleaner than the few
    pixels they were made from: on phone photos its words read at 0.75-0.85 hold a wrong
    digit or letter often enough ("+233" for "+33", "Réurson") that a value made of them,
    trusted at 0.70 and up, was wrong where a reviewer would have caught it. A word read
    surely stays sure; a doubtful one goes to a reviewer."""
    if factor == 1.0:
        return words
    return [w if w.text in BOXES else replace(w, conf=round(w.conf ** factor, 3)) for w in words]


def words_on_page(words: list[RawWord], factor: float) -> list[RawWord]:
    """Words read on an image `factor` times larger, boxed on the page's own pixels, an elided
    article or preposition joined to its word (see `elisions_joined`)."""
    words = elisions_joined(words)
    if factor == 1.0:
        return words
    out = []
    for w in words:
        left, top = round(w.left / factor), round(w.top / factor)
        right, bottom = round((w.left + w.width) / factor), round((w.top + w.height) / factor)
        out.append(replace(w, left=left, top=top, width=max(1, right - left), height=max(1, bottom - top)))
    return out



def evenly_lit(gray: Image.Image) -> Image.Image:
    """The page divided by its paper's local brightness: a shadow's words as dark against their
    paper as the others, for Tesseract's one global threshold (which a shadow otherwise raises
    over the words in it, or sinks the lit ones under).

    The paper is the page with its strokes closed over (a grey closing wider than a letter's
    stroke), smoothed: it follows a shadow's edge within a few pixels, where a coarse maximum
    filter leaves a band of grey that Tesseract takes for a picture."""
    import cv2

    pixels = page_pixels(gray)
    paper = cv2.morphologyEx(cv2.medianBlur(pixels, 3), cv2.MORPH_CLOSE, np.ones((PAPER_WINDOW,) * 2, np.uint8))
    paper = cv2.GaussianBlur(paper.astype(np.float32), (0, 0), 5)
    return Image.fromarray(np.clip(pixels.astype(np.float32) * 255.0 / np.maximum(paper, 1), 0, 255).astype(np.uint8))


# French elided words: nothing parts them from the word they stand before ("l'Est", "d'étude").
_ELIDED = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu"}


def elisions_joined(words: list[RawWord]) -> list[RawWord]:
    """An elided word read apart from the next one on its line ("l'" "Est") joined to it ("l'Est").

    On a photographed or enlarged page an apostrophe's gap can look as wide as a space, and
    Tesseract cuts there: "Communauté de communes de l' Est Guyanais". No French text puts a
    space there. The joined word is as sure as the less sure of the two."""
    out: list[RawWord] = []
    for word in words:
        last = out[-1] if out else None
        if (last is not None and last.line == word.line and last.text[-1:] in "'’"
                and last.text[:-1].lower() in _ELIDED and word.text[:1].isalpha()
                and 0 <= word.left - (last.left + last.width) <= last.height):
            top, bottom = min(last.top, word.top), max(last.top + last.height, word.top + word.height)
            out[-1] = replace(last, text=last.text + word.text, top=top, height=bottom - top,
                              width=word.left + word.width - last.left, conf=min(last.conf, word.conf))
            continue
        out.append(word)
    return out
