"""Where a letter's signature should be: the signatory block and the space around it, with the
printed words there to mask before ink is looked for (extractors.signature)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields import courrier_layout as layout
from extractors.fields.courrier_layout import LetterParts, Line
from extractors.fields.signataire import name_of
from extractors.model import BBox, PageText


@dataclass(frozen=True)
class SignatureZone:
    """Where a letter's signature should be: a box of one page (upright, points), printed words to ignore."""

    page: int  # index into the letter's pages
    bbox: BBox
    printed: tuple[BBox, ...] = ()
    text_height: float = 10.5  # points: the height of a word of the letter's text
    unsure: tuple[BBox, ...] = ()  # words OCR read there but doubted (a signature read as letters)
    read_block: bool = True  # its signatory block worth reading again on dark ink (`block_worth_reading`)
    name_box: BBox | None = None  # the signatory's name line (upright points): ink over it has the block read again


def signature_zone(parts: LetterParts, pages: tuple[PageText, ...]) -> SignatureZone | None:
    """The signatory block and all the space around it where ink would be a signature.

    Signatures are drawn above, beside, across and under the block: the zone runs from the
    printed line just above the block (the date, the closing) down to the next printed line
    that is not part of the block (a footer) or the page's bottom margin, and across the
    block's half of the page to the right margin (stamps sit beside signatures). Without a
    block, everything under the closing. Printed words in it are masked, not the zone cut.
    """
    block = [parts.lines[i] for i in parts.signatory]
    if block:
        block = [l for l in block if l.page == block[0].page]
        page, height = block[0].page, max(l.height for l in block)
        first, last = min(l.top for l in block), max(l.bottom for l in block)
        above = [l for l in parts.lines if l.page == page and l not in block and l.bottom <= first + 0.5 * height]
        # up to the printed line above, however far: a block read far below the closing (its
        # quality lost under a stamp, a photo's bottom read badly) has the signature in between
        top = max((l.top for l in above), default=max(0.0, first - 8 * height)) - 0.3 * height
        bottom = last + (10 if len(block) >= 2 else 20) * height  # no name read: the signature may be lower
        # beside the block a signature may reach the text's left margin (the closing's, above)
        nearest = sorted(above, key=lambda l: l.bottom)[-3:]
        left = min([min(l.x0 for l in block) - 18 * height] + [l.x0 for l in nearest])
    elif parts.closing is not None:
        closing = parts.lines[parts.closing]
        page, height, last = closing.page, closing.height, closing.bottom
        top, bottom, left = closing.top - 0.3 * height, closing.bottom + 22 * height, 0.0
    else:
        return None
    upright = pages[page]
    sheet_w, sheet_h = upright.sheet_size  # a warped photo: the flat sheet, not the photo
    width, page_height = (sheet_h, sheet_w) if upright.rotation in (90, 270) else (sheet_w, sheet_h)
    left = min(left, 0.5 * width - 3 * height)  # the block's half of the page, whatever its indent
    text_height, typed = _text_height(upright), layout.typed_height([l for l in block if l.page == page])
    # the next printed line closes the area; a line of doubted words only is what OCR made of ink
    # (a signature's loop read "9/2)"), and the name under it may be lower still; so is a line
    # whose only sure words are far taller than print (a script signature read "66", 4 lines high)
    after = [l.top for l in parts.lines if l.page == page and l.top > last + height and l not in block
             and any(_closing_word(w, text_height, typed) for w in l.words)]
    bottom = min([bottom, page_height - 0.03 * page_height] + after)
    bbox = (max(0.0, left), max(0.0, top), width, bottom)
    printed = tuple(w.bbox for l in parts.lines if l.page == page for w in l.words
                    if overlaps(w.bbox, bbox) and (_printed(w, text_height, upright.ocr, typed)
                                                  or _civility_initial(w, l, text_height)))
    unsure = tuple(w.bbox for l in parts.lines if l.page == page for w in l.words
                   if upright.ocr and overlaps(w.bbox, bbox) and w.conf < DOUBTED
                   and len(re.sub(r"[\W\d_]", "", w.text)) >= 3)
    # only under a closing formula read: else the last lines are no sure block (`letter_fields`)
    named = name_of([l for l in block if l.page == page]) if block and parts.closing is not None else None
    name_box = tuple(round(v, 2) for v in named.line.bbox) if named and named.sure else None
    return SignatureZone(page, tuple(round(v, 2) for v in bbox), printed, round(text_height, 2), unsure,
                         name_box=name_box)


DOUBTED = 0.5  # a word OCR read with less is no print it could read: ink a reviewer should see


def _closing_word(word, text_height: float, typed: float | None) -> bool:
    """A word that makes its line print closing the signatory area: read surely enough, and of
    print's height unless read surely (ink OCR reads as a word is as tall as the strokes, and
    doubted: "66" at 0.66; a footer's large type is read surely)."""
    tall = word.bbox[3] - word.bbox[1] > TALL * min(text_height, 1.5 * (typed or text_height))
    return word.conf >= DOUBTED and (not tall or word.conf >= SURE_PRINT)


TALL = 1.8  # text heights: a word taller than this read unsure is a signature's, whatever OCR made of it
SURE_PRINT = 0.8


def _text_height(page: PageText) -> float:
    heights = sorted(w.bbox[3] - w.bbox[1] for w in page.words if len(w.text) >= 3 and w.conf >= 0.6)
    return heights[len(heights) // 2] if heights else 10.5


def _printed(word, text_height: float, ocr: bool, typed: float | None = None) -> bool:
    """A word to mask before looking for ink: OCR also "reads" signatures, as tall, unsure words,
    as lone capitals ("E D M A") read with confidence, or as a pasted script name read surely but
    far taller than the block's typed words (`typed`; a photo's text height may be loose)."""
    if not ocr:
        return True
    letters = word.text.strip(".,;:'’\"()-_")
    lone = len(letters) == 1 and letters.lower() not in ("à", "a", "y")
    height = word.bbox[3] - word.bbox[1]
    return word.conf >= 0.8 and height <= 1.6 * min(text_height, 1.5 * (typed or text_height)) and not lone


def _civility_initial(word, line: Line, text_height: float) -> bool:
    """"M." (or "J.") read surely right before the name it begins, in the name's type size: print,
    though a lone capital; a signature read as letters gives no dot and no confident name after."""
    if not re.fullmatch(r"[A-ZÀ-Ý]\.", word.text) or word.conf < 0.8:
        return False
    after = [w for w in line.words if w.bbox[0] >= word.bbox[2] - 1]
    if not after:
        return False
    name = min(after, key=lambda w: w.bbox[0])
    size, name_size = word.bbox[3] - word.bbox[1], name.bbox[3] - name.bbox[1]
    return name.conf >= 0.8 and len(name.text) >= 2 and name.bbox[0] - word.bbox[2] <= text_height \
        and abs(name_size - size) <= 0.4 * text_height


def overlaps(box: BBox, zone: BBox) -> bool:
    """Whether two boxes share some area."""
    return box[0] < zone[2] and box[2] > zone[0] and box[1] < zone[3] and box[3] > zone[1]
