"""The second reading: the lines of text the first reading skipped, cut out, enlarged and read again."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from extractors.images import components, grey, pixels as page_pixels
from extractors.ocr.engine import OcrEngine, RawWord
from extractors.ocr.resolution import ink_marks
from extractors.ocr.sheet import paper_brightness

log = logging.getLogger(__name__)

MISSED_MIN_GLYPHS = 3  # a run of fewer letter-sized marks is no line of text (a dot, a box, a stroke)
MISSED_MAX_REGIONS = 60
MISSED_MAX_SHARE = 0.06  # of the page's area: the second reading stays a fraction of the first
MISSED_MIN_CONF = 0.6
UNSURE_WORD = 0.45  # below, a first reading's word neither hides ink from the second reading nor outranks it
NOISE_WORD = 0.2  # below, it is noise (extractors.fields drop such words too)
TARGET_HEIGHT = 34  # pixels: word boxes this tall read best (Tesseract's x-height sweet spot)
MIN_MARKS = 8  # text-sized ink marks a page needs for their height to stand for its words'
MARK_TO_WORD = 1.3  # a word box (descenders included) over the median text mark's height


@dataclass(frozen=True)
class Missed:
    """The printed lines a first reading skipped, stacked on one small sheet to read (see `missed_sheet`)."""

    sheet: Image.Image
    placed: list
    scale: float
    height: float


def with_missed_text(words: list[RawWord], image: Image.Image, engine: OcrEngine) -> list[RawWord]:
    """Read again, without layout analysis, the printed lines the first reading skipped.

    Tesseract's page layout takes a block holding a signature or a stamp for a picture
    and drops its text ("Le Maire," above the ink, the name under it). Letter-sized
    marks left over once the words read are masked, lined up in runs, are such text:
    those runs alone are cut out, enlarged, stacked into one small image, and read in one
    sparse call, so the cost stays a fraction of the page's. (extractors.pages reads the
    sheets of several pages in one call: `missed_sheet`, then `with_sheet_words`.)
    """
    missed = missed_sheet(words, image)
    return words if missed is None else with_sheet_words(words, missed, engine.sparse_words(missed.sheet))


def missed_sheet(words: list[RawWord], image: Image.Image) -> Missed | None:
    """The sheet of the lines the first reading `words` of `image` skipped; None when there are none."""
    height = _word_height(words) or _marks_height(image)
    if height is None:
        return None
    # Words read with next to no confidence are often what became of the missed text: they
    # neither hide it nor stand against a better reading.
    regions = missed_regions(_confident(words), image, height)
    if not regions:
        return None
    scale = max(1.0, min(3.0, TARGET_HEIGHT / height))
    sheet, placed = _stacked(image, regions, scale, pad=int(height * 0.6))
    return Missed(sheet, placed, scale, height)


def with_sheet_words(words: list[RawWord], missed: Missed, read: list[RawWord]) -> list[RawWord]:
    """The first reading `words` with what the sparse reading `read` of `missed.sheet` adds to them."""
    height, scale, placed = missed.height, missed.scale, missed.placed
    confident = _confident(words)
    found: list[RawWord] = []
    better: dict[int, RawWord] = {}  # id of a first reading's word -> a clearer reading of it
    # A line in the margin of its neighbour's crop is read twice: the surer reading wins.
    readings = [m for m in (_unstacked(raw, placed, scale) for raw in _clipped(read)) if m]
    unsure = [w for w in words if NOISE_WORD <= w.conf < UNSURE_WORD]
    for mapped in sorted(readings, key=lambda w: -w.conf):
        # Over an unsure first reading, only a much surer one: "Vais" (0.79) is no better than "Vals" (0.43).
        if mapped.conf < 0.85 and any(_overlap(mapped, u) > 0.5 * min(mapped.width * mapped.height, u.width * u.height)
                                      for u in unsure):
            continue
        if _repeats(mapped, confident, height):
            continue
        if _plausible(mapped, height, confident + found):
            found.append(mapped)
            continue
        twin = _read_better(mapped, confident)
        if twin is not None and id(twin) not in better:
            better[id(twin)] = replace(mapped, line=twin.line)
    if not found and not better:
        return words
    log.debug("second reading: %d words found, %d read better, in %d regions", len(found), len(better), len(placed))
    kept = [better.get(id(w), w) for w in words if w.conf >= UNSURE_WORD
            or not any(_overlap(w, f) > 0.3 * w.width * w.height for f in found)]
    return sorted(kept + _lined(found, confident, height), key=lambda w: (w.line, w.left))


def _repeats(word: RawWord, known: list[RawWord], height: float) -> bool:
    """A sure word of the first reading read again: the same text, or its end, over it on its row
(an unsure one is what the second reading is there to replace).

    A box Tesseract draws too short ("Stéphane" boxed up to "Stéph") or one pixel tall leaves
    the word's ink uncovered, and the second reading reads it a second time ("Stéphane ane")."""
    text = _bare(word.text)
    if len(text) < 2:
        return False
    centre = word.top + word.height / 2
    return any(abs(k.top + k.height / 2 - centre) <= 0.6 * height
               and min(k.left + k.width, word.left + word.width) - max(k.left, word.left) > 0
               and _bare(k.text).endswith(text) for k in known)


def _bare(text: str) -> str:
    return text.lower().strip(".,;:!?«»\"'()[]")


def _confident(words: list[RawWord]) -> list[RawWord]:
    return [w for w in words if w.conf >= UNSURE_WORD]


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

    out = []
    for word in words:
        following = [w.left for w in words if w.line == word.line and w.left > word.left]
        right = min(following, default=word.left + word.width + 1) - 1
        out.append(replace(word, width=max(1, min(word.width, right - word.left))))
    return out


def _word_height(words: list[RawWord]) -> float | None:
    heights = sorted(w.height for w in words if len(w.text) >= 3 and w.conf >= 0.6)
    return float(heights[len(heights) // 2]) if len(heights) >= 5 else None


def _marks_height(image: Image.Image) -> float | None:
    """A word box's height told by the page's ink, for a page whose first reading found too few
    words to measure theirs: Tesseract's layout took the only block of a letter's last page,
    beside a signature or under a stamp, for a picture, or a phone photo's small letters for
    noise. At that size letters run together: a mark is a letter or a word, as tall as a
    line's letters; a rule (flat), a frame or a picture (tall) is not."""
    pixels = page_pixels(grey(image))
    height, width, area = ink_marks(pixels)
    text = height[(height >= 3) & (height <= pixels.shape[0] / 40) & (width <= 40 * height) & (area >= 4)]
    return float(np.median(text)) * MARK_TO_WORD if text.size >= MIN_MARKS else None


def missed_regions(words: list[RawWord], image: Image.Image, height: float) -> list[tuple[int, int, int, int]]:
    """Pixel boxes of runs of letter-sized ink marks that no word read covers.

    Looked for at half size first, leniently (a quarter of the work on a whole page), then
    checked at full size in the few places found, where blur and joined letters are told apart.
    """
    import cv2

    pixels = page_pixels(grey(image))
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


_INK_BELOW = np.minimum(-(-185 * np.arange(256) // 255), 215).astype(np.uint8)  # see `_ink`


def _ink(pixels: np.ndarray, words: list[RawWord], height: float, origin: tuple[int, int],
         step: int = 1) -> np.ndarray:
    """Ink outside the words read, as 0/1: darker than 185/255 of the local paper (blurred photo
    strokes are grey). `pixels` is a part of the page from `origin`, at 1/`step` of its size.

    In integers: a page-sized float division would cost more than all the rest; and by a table
    of each paper brightness's darkest ink, one look-up and one comparison a pixel (~5 ms less a
    300 dpi page than the products): a pixel p is ink on paper q when 255 p < 185 q and p < 215,
    that is p < min(ceil(185 q / 255), 215).
    """
    import cv2

    paper = paper_brightness(pixels)
    ink = np.less(pixels, cv2.LUT(paper, _INK_BELOW)).view(np.uint8)
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

    count, labels, stats, centres = components(ink)
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
    count, run_labels, run_stats, _ = components(runs)
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
