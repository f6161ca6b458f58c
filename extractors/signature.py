"""Is a letter signed? Ink near the signatory block on the page image, told apart from print, stamps and logos.

Pure: the caller renders the page and says where the signatory block is. Handwriting
(or a scanned-in signature) is long, thin, curving strokes of irregular height; print is
rows of small glyphs of one height; a stamp is a ring with small text inside; a logo is
filled shapes. What cannot be told apart with confidence is left undecided.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from extractors.model import BBox
from extractors.signature_arcs import only_ring_arcs, stamp_drawn
from extractors.signature_area import in_crop, words_mask, zone_pixels
from extractors.signature_double import double_rings, in_double_ring, within
from extractors.signature_loops import stamp_loop
from extractors.signature_pale import PALE, pale_strokes
from extractors.signature_panel import pasted_panel
from extractors.signature_pieces import broken_arcs
from extractors.signature_print import beyond_print, in_print_rows, in_text_row, print_run, straight, whole_line
from extractors.signature_rings import broken_stamp_drawn, in_broken_ring
from extractors.signature_script import script_letters
from extractors.signature_shapes import STAMP_SEARCH, flat_score, frame_score, ring_score, stamp_circle
from extractors.signature_stamp_rows import ink_rows, rows_through_stamps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict: signed (True/False), or None when undecidable; where the ink is (points)."""

    signed: bool | None
    confidence: float
    bbox: BBox | None = None
    kind: str = "manuscrite"  # "manuscrite" (ink on the page), "numerique" (PAdES), "absente"
    detail: str = ""
    block_text: tuple[str, ...] = ()  # the signatory area read again on its dark ink alone (scans)


def upright(image: Image.Image, rotation: int, skew: float, warp: tuple[float, ...] | None = None,
            dpi: float = 72.0) -> Image.Image:
    """The page image as OCR read it: warped flat and uncurled by `warp` (points; the image is
    at `dpi`), turned counter-clockwise by `rotation`, deskewed by `skew`.

    Words of an OCR'd page are boxed on this image (see extractors.ocr and geometry).
    """
    if warp:
        from extractors.dewarp import remapped
        from extractors.geometry import curl_grid, warped_sheet

        scale = dpi / 72.0
        pixels = warped_sheet(np.asarray(image), warp, scale)
        grid = curl_grid(warp)
        if grid is not None:  # the same grid OCR's image was remapped with, in this image's pixels
            pixels = remapped(pixels, grid[0] * scale, grid[1] * scale)
        image = Image.fromarray(pixels)
    methods = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
               270: Image.Transpose.ROTATE_270}
    if rotation in methods:
        image = image.transpose(methods[rotation])
    if skew:
        image = image.rotate(-skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    return image


def check_signature(image: Image.Image, zone: BBox, dpi: float, *, printed: tuple[BBox, ...] = (),
                    text_height: float | None = None, unsure: tuple[BBox, ...] = (),
                    black_and_white: bool = False, through_stamps: bool = True,
                    below: float | None = None) -> SignatureCheck:
    """Look for a signature in `zone` (points) of the page `image` rendered at `dpi`.

    `printed` are the boxes (points) of the words read there, ignored; `text_height` (points)
    is the height of a line of the letter's text, the unit every shape is measured in (a
    phone photo has no trustworthy dpi, its text has a height). `unsure` are the boxes of
    words OCR read there but doubted: ink under them is no print OCR left unread.
    `black_and_white`: the page is a fax or a 1-bit scan, where a stamp's ring breaks into arcs.
    `through_stamps`: strokes are looked at again with the printed lines carried across a stamp.
    `below` (points): the zone was lengthened from there to see ink its edge cut whole; ink wholly under it is left out.
    """
    scale = dpi / 72.0
    gray = np.asarray(image.convert("L"))
    x0, y0, x1, y1 = zone_pixels(zone, scale, gray.shape)
    if x1 - x0 < 8 or y1 - y0 < 8:
        return SignatureCheck(None, 0.0, zone, detail="zone hors de la page")
    unit = (text_height or _median_height(printed) or 10.5) * scale
    crop = gray[y0:y1, x0:x1]
    printed_px = [in_crop(box, scale, (x0, y0)) for box in printed]
    words = words_mask(crop.shape, printed_px, unit)
    ink = ink_mask(crop, unit)
    parts = in_print_rows([_classify(c) for c in components(ink, unit, words)], printed_px, unit)
    parts = parts if below is None else [p for p in parts if p.box[1] + y0 < below * scale]
    check, stamps = decide(parts), []
    if check.detail == PARAPH:  # a loop with a second ring about its centre is a stamp's, no hand's paraph
        stamps = [p.box for p in parts if p.kind == "ring" and stamp_loop(ink & ~words, p.box)]
        check = decide(parts, stamps) if stamps else check
    strokes = [p for p in parts if p.kind == "stroke"]
    if black_and_white and check.signed and strokes and only_ring_arcs(ink & ~words, [p.box for p in strokes], unit):
        # a stamp's ring broken by the threshold: its arcs, and what lies in its disc, prove no pen
        check = SignatureCheck(None, 0.45, _union(strokes), "indecise",
                               "traits dans l'anneau d'un cachet : signature non prouvée")
    if check.signed and PEN_STROKES in check.detail and stamp_drawn(
            ink & ~words, [p.box for p in strokes], [p.box for p in parts if p.kind == "ring"], unit):
        # every "stroke" is a found stamp's inner ring, lettering or emblem cut by the print's
        # mask (a pen over a stamp crosses its bands): only the rest of the ink may prove a pen
        rest = decide([replace(p, kind="speck") if p.kind == "stroke" else p for p in parts], stamps)
        check = rest if rest.signed else SignatureCheck(None, 0.45, _union(strokes), "indecise",
                                                        "traits d'un cachet : signature non prouvée")
    ring_boxes = [p.box for p in parts if p.kind == "ring"]
    rows: list[tuple[int, int, int, int]] = []
    # the lines OCR read; then, still signed, with those it left unread found on the ink (a photo's
    # name line under a stamp): more print masked may join pieces anew, so it only doubts further
    for more in (lambda: rows_through_stamps(printed_px, ring_boxes, unit),
                 lambda: rows_through_stamps(ink_rows(parts, ring_boxes), ring_boxes, unit)):
        added = more() if through_stamps and check.signed and PEN_STROKES in check.detail else []
        rows += added
        if added and check_signature(image, zone, dpi, printed=printed + tuple(
                ((bx0 + x0) / scale, (by0 + y0) / scale, (bx1 + x0) / scale, (by1 + y0) / scale)
                for bx0, by0, bx1, by1 in rows), text_height=unit / scale, unsure=unsure,
                black_and_white=black_and_white, through_stamps=False, below=below).signed is not True:
            # the strokes were lines of print under a stamp (OCR read them beside it only), joined to
            # its lettering or rings: carried across the stamp's disc, the print leaves no pen's stroke
            check = SignatureCheck(None, 0.45, _union(strokes), "indecise",
                                   "traits d'un cachet sur des lignes imprimées : signature non prouvée")
    if below is None and check.signed and PEN_STROKES in check.detail and y1 < gray.shape[0] and any(
            p.box[3] >= y1 - y0 - 1 for p in strokes) and check_signature(
            image, zone[:3] + (min(gray.shape[0], y1 + EDGE_REACH * unit) / scale,), dpi, printed=printed,
            text_height=unit / scale, unsure=unsure, black_and_white=black_and_white, below=zone[3]).signed is not True:
        # strokes cut by the area's bottom edge (a stamp under the block): seen whole, they are no pen's
        check = SignatureCheck(None, 0.45, _union(strokes), "indecise", EDGE_CUT)
    if check.signed and PEN_STROKES in check.detail and not any(p.kind == "ring" for p in parts) \
            and broken_stamp_drawn(ink & ~words, crop, unit, [p.box for p in strokes]):
        # a stamp's ring broken into pieces (a 1-bit scan, a fax, a light stamp), no piece round,
        # found by its circle: every "stroke" is an arc of it, its lettering or its emblem
        check = SignatureCheck(None, 0.45, _union(strokes), "indecise",
                               "traits d'un cachet à l'anneau brisé : signature non prouvée")
    if black_and_white and check.signed and check.bbox and in_broken_ring(
            ink & ~words, check.bbox, unit, beyond_print(parts, check.bbox), [
                p.box for p in strokes if p.fill <= FINE_STROKE]):
        check = SignatureCheck(None, 0.45, check.bbox, "indecise", IN_STAMP_DISC)  # all ink in a stamp's disc
    if check.signed is False and _under_doubted_words(parts, [in_crop(b, scale, (x0, y0)) for b in unsure]):
        # a script-font or fine signature OCR read as words it doubted ("Rose Nlarie Lordinot"),
        # its letters in a row like print's: not the empty area "not signed" needs
        check = SignatureCheck(None, 0.45, None, "indecise", "encre lue comme des mots incertains")
    if check.signed is False and pasted_panel(crop, unit) is not None:
        # a pasted picture's panel, its pale ink lost in the panel's grain: something was put there
        check = SignatureCheck(None, 0.45, None, "indecise", "image collée dans la zone : encre pâle possible")
    if check.signed is False and (pale := pale_strokes(crop, unit, words, printed_px, [
            p.box for p in parts if p.kind in ("ring", "frame")])) is not None:
        # a light pen on a dim photo, fainter than the ink's seed: the area is not empty
        check = SignatureCheck(None, 0.45, pale, "indecise", PALE)
    if check.signed is False and y1 - y0 < 4 * unit:  # a sliver at the page's edge: the area is not all there
        check = SignatureCheck(None, 0.4, None, "indecise", "zone de signature trop petite")
    if check.bbox is not None:  # ink box back to points on the page
        bx0, by0, bx1, by1 = check.bbox
        box = ((bx0 + x0) / scale, (by0 + y0) / scale, (bx1 + x0) / scale, (by1 + y0) / scale)
        return SignatureCheck(check.signed, check.confidence, tuple(round(v, 2) for v in box),
                              check.kind, check.detail)
    return SignatureCheck(check.signed, check.confidence, zone, check.kind, check.detail)


def unproven_on_bilevel(check: SignatureCheck) -> SignatureCheck:
    """"Not signed" read on a black-and-white page is not asserted: a light signature (grey or
    blue ink, a fine pen) leaves nothing, or a few dots like the line's noise, past a fax's
    threshold, so an empty area there is no proof; the answer is undecided, for a reviewer."""
    if check.signed is not False:
        return check
    return SignatureCheck(None, BILEVEL_DOUBT, check.bbox, "indecise",
                          "page en noir et blanc : une encre claire a pu y disparaître")


BILEVEL_DOUBT = 0.45


def specks_unproven(check: SignatureCheck) -> SignatureCheck:
    """"Not signed" over a few specks is not asserted on a black-and-white scan: the scanner's
    threshold keeps a light pen's ink but breaks a fine pen's line into dots, which lie in rows
    like print's letters (taken for print) but for a few; on such a page the specks may be a
    signature's remains, the area is not the empty one "not signed" needs."""
    if check.signed is not False or not check.detail.startswith(SPECKS):
        return check
    return SignatureCheck(None, BILEVEL_DOUBT, check.bbox, "indecise",
                          "quelques taches sur une page en noir et blanc : trait fin brisé possible")


def _median_height(boxes: tuple[BBox, ...]) -> float | None:
    heights = sorted(b[3] - b[1] for b in boxes)
    return heights[len(heights) // 2] if heights else None


def ink_mask(gray: np.ndarray, unit: float) -> np.ndarray:
    """Ink as True: darker than the local paper (uneven light and grey paper evened out).

    Clearly dark pixels seed the ink; fainter pixels joined to them are kept, so that thin,
    light strokes (grey or blue ink, 150 dpi, a soft photo) stay whole while the paper's
    grain and JPEG noise, faint and unseeded, are left out.
    """
    import cv2

    size = max(3, int(unit * 0.8) | 1)
    paper = cv2.dilate(gray, np.ones((size, size), np.uint8))
    paper = cv2.GaussianBlur(paper, (0, 0), size / 2).astype(np.float32)
    level = gray.astype(np.float32)
    ratio, contrast = level / np.maximum(paper, 1.0), paper - level
    strong = (ratio < 0.8) & (contrast > 35)
    faint = (ratio < 0.9) & (contrast > 18)
    count, labels = cv2.connectedComponents(faint.astype(np.uint8), connectivity=8)
    seeded = np.zeros(count, dtype=bool)
    seeded[np.unique(labels[strong])] = True
    seeded[0] = False
    return seeded[labels]


@dataclass(frozen=True)
class InkComponent:
    """One connected stroke or glyph, measured in text-line heights, and what it looks like."""

    box: tuple[int, int, int, int]  # pixels in the zone
    width: float
    height: float
    fill: float  # ink / box area
    stroke: float  # mean stroke width
    length: float  # length of the stroke (half the outline)
    ring: float  # 0..1: how much it is the round outline of a stamp
    frame: float = 0.0  # 0..1: how much of its ink lies on its box's border (a rectangular stamp)
    flat: float = 0.0  # 0..1: the longest horizontal run of ink across its width (underlined print)
    kind: str = ""  # speck, rule, print, ring, frame, stroke, line, glyph, filled
    crossing: bool = False  # the ink goes on into a printed word: a stroke over the print, not a stray mark
    past: float = 0.0  # crossing: how far its ink goes on above or below the print it touches (a word's ends: 0)


def components(ink: np.ndarray, unit: float, words: np.ndarray | None = None) -> list[InkComponent]:
    """Each connected group of ink pixels with its measures (lengths in text-height units).

    Ink inside `words` (printed words' boxes) is print: a group wholly inside them is left
    out, and a group that leaves them (a signature crossing the name, a stamp over it) is
    measured by what lies outside, so the glyphs it touches neither hide nor lengthen it.
    """
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    smallest = _smallest(unit)
    out = []
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        if area < smallest:
            continue
        mask = labels[y:y + h, x:x + w] == label
        crossing, past = False, 0
        if words is not None:
            outside = mask & ~words[y:y + h, x:x + w]
            if outside.sum() < smallest:
                continue
            crossing = bool((mask & ~outside).any())
            rows, cols = np.nonzero(outside.any(axis=1))[0], np.nonzero(outside.any(axis=0))[0]
            if crossing:
                printed = np.nonzero((mask & ~outside).any(axis=1))[0]
                past = max(int(printed[0] - rows[0]), int(rows[-1] - printed[-1]), 0)
            mask = outside[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
            x, y = x + int(cols[0]), y + int(rows[0])
        out += [replace(p, crossing=crossing, past=past / unit) for p in _measured(mask.astype(np.uint8), x, y, unit)]
    return out


def _smallest(unit: float) -> float:
    """Fewer ink pixels than this are dust."""
    return max(4, (unit * 0.1) ** 2)


def _measured(mask: np.ndarray, x: int, y: int, unit: float, search: bool = True) -> list[InkComponent]:
    """One group measured; a stamp's ring is measured apart from the strokes that touch or cross it."""
    import cv2

    h, w = mask.shape
    area = int(mask.sum())
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    perimeter = sum(cv2.arcLength(c, True) for c in contours)
    part = InkComponent((x, y, x + w, y + h), w / unit, h / unit, area / float(w * h),
                        2.0 * area / max(perimeter, 1.0) / unit, perimeter / 2.0 / unit,
                        ring_score(mask), frame_score(mask), flat_score(mask))
    if part.ring >= 0.75 and max(part.width, part.height) >= 2.0:
        centre, radius, out, inner = ((h - 1) / 2, (w - 1) / 2), (h + w) / 4, [part], 0.78
    else:
        # a stamp's ring run into other ink (print OCR left unread, a photo's blur): no box is
        # round, the ring is found by its circle
        circle = stamp_circle(mask, unit) if search and max(part.width, part.height) >= STAMP_SEARCH else None
        if circle is None:
            return [part]
        # the lettering along the ring goes too: run into the other ink, it would be one long shape
        centre, radius, inner = circle[:2], circle[2], 0.65
        out = [_ring_part(mask, centre, radius, x, y, unit)]
    ys, xs = np.mgrid[0:h, 0:w]
    dist = np.hypot(ys - centre[0], xs - centre[1]) / radius
    rest = mask.copy()
    rest[(dist > inner) & (dist < 1.1)] = 0  # the ring itself; what is left inside is text or a signature
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    for label in range(1, count):
        sx, sy, sw, sh, sa = (int(v) for v in stats[label])
        if sa >= _smallest(unit):
            piece = (labels[sy:sy + sh, sx:sx + sw] == label).astype(np.uint8)
            out += [p for p in _measured(piece, x + sx, y + sy, unit, search=False) if p.ring < 0.75]
    if not search or part.ring >= 0.75:
        return out
    ring = out[0].box
    pens = [p for p in out[1:] if p.length >= PEN_PIECE and (p.fill < WORD_FILL or p.height > WORD_HEIGHT)]
    if not any(p.length >= PEN_PIECE and not within(p.box, ring) for p in out[1:]) and pens or any(
            not within(p.box, ring) for p in pens):
        # the ring was run into no print outside it but into a pen's piece, or into ink outside that
        # is no print (sparse, or taller than a line): a pen's stroke through the stamp; cut with the
        # ring it would be crumbs, whole it is the signature it is (only print and crumbs: the stamp's)
        return [part]
    return out


PEN_PIECE = 1.5  # text-line heights: a sparse piece this long outside a stamp is a pen's, not dust


def _ring_part(mask: np.ndarray, centre: tuple[float, float], radius: float, x: int, y: int,
               unit: float) -> InkComponent:
    """The stamp's ring found by its circle, as a component of its own (its box the circle's)."""
    h, w = mask.shape
    y0, x0 = max(0, int(centre[0] - radius)), max(0, int(centre[1] - radius))
    y1, x1 = min(h, int(centre[0] + radius) + 1), min(w, int(centre[1] + radius) + 1)
    side = (y1 - y0 + x1 - x0) / 2 / unit
    return InkComponent((x + x0, y + y0, x + x1, y + y1), (x1 - x0) / unit, (y1 - y0) / unit, 0.1, 0.1,
                        math.pi * radius / unit, 1.0 if side >= 2.0 else 0.0)


def _classify(part: InkComponent) -> InkComponent:
    """Name what a component looks like (sizes in text-line heights)."""
    longest, shortest = max(part.width, part.height), min(part.width, part.height)
    if longest < 0.3 or part.fill * part.width * part.height < 0.03:  # a dot, or a few scattered pixels
        kind = "speck"
    elif shortest < 0.5 and longest >= 6 * max(shortest, 0.05) and part.fill >= 0.3:
        kind = "rule"  # a printed line, the edge of the sheet
    elif part.ring >= 0.75 and longest >= 2.0:
        kind = "ring"
    elif part.frame >= 0.8 and shortest >= 1.0:
        kind = "frame"  # a rectangular stamp's border
    elif part.flat >= 0.85 and part.height <= 1.6 and part.width >= 3.0:
        kind = "print"  # underlined print: letters joined by their underline
    elif part.fill >= 0.45 and part.stroke >= 0.35 and longest >= 0.8:
        kind = "filled"  # a logo, a blot, a dark band
    elif part.height <= 0.6 and part.fill >= 0.6:
        kind = "text"  # blurred print run together (a date OCR read unsure), lower than a line, dense
    elif longest >= 1.8 and part.height <= WORD_HEIGHT and part.fill >= WORD_FILL:
        kind = "word"  # a printed word's letters run together (a photo's blur): one line high and dense
    elif longest >= 1.8 and part.stroke <= 0.45 and part.length >= 3.5:
        kind = "line" if straight(part) else "stroke"
    elif longest >= 3.0 and part.stroke <= THICK_PEN and part.length >= 8.0 and part.fill <= 0.35:
        kind = "line" if straight(part) else "stroke"  # a thick pen's long, sparse flourish
    elif part.height >= FELT_HEIGHT and part.stroke <= FELT_PEN and part.length >= FELT_LENGTH and part.fill <= 0.35:
        # a felt pen at 150 dpi or on a photo, its strokes wider still beside small type: a
        # sparse line many text heights long and tall, which no print, blot nor logo draws
        kind = "line" if straight(part) else "stroke"
    elif part.height <= 0.6 and part.fill >= 0.5:
        kind = "text"  # small dense letters: print OCR left unread (a footer) or the edge of a masked word
    else:
        kind = "glyph"
    return replace(part, kind=kind)


THICK_PEN = 0.6  # text-line heights: a felt pen's stroke width beside small type
FELT_PEN, FELT_HEIGHT, FELT_LENGTH = 0.9, 2.5, 16.0  # text-line heights: a felt pen's wider stroke, its flourish's size
WORD_HEIGHT = 1.2  # text-line heights: no taller than a line of print
WORD_FILL = 0.45  # ink / box: a pen's stroke that long is sparse (loops, slant: at most ~0.3 measured)
PEN_STROKES = "trait(s) manuscrit(s)"  # the detail of a signature told by its pen strokes
PARAPH = "paraphe : initiales dans une boucle"
DOUBLE_RING = "traits d'un cachet à double anneau : signature non prouvée"
IN_STAMP_DISC = "encre dans le disque d'un cachet à l'anneau brisé : signature non prouvée"
EDGE_CUT = "traits coupés par le bas de la zone : cachet possible"
EDGE_REACH = 4.5  # text-line heights under the area: a stamp's diameter, the rest of a ring its edge cut
FINE_STROKE = 0.25  # ink / box: a pen's line (a stamp's emblem, solid, fills 0.28-0.4 broken by a fax)
SPECKS = "quelques taches"  # the detail of "not signed" over a few small marks


def decide(parts: list[InkComponent], stamps: list[tuple[int, int, int, int]] = ()) -> SignatureCheck:
    """Signed when handwriting strokes are there; not signed when only print, stamps, rules are.
    `stamps`: the boxes of rings known to be a stamp's (no paraph's loop)."""
    rings = [p for p in parts if p.kind in ("ring", "frame")]
    paraphs = [r for r in rings if r.box not in stamps and _initials_in_loop(r, parts)]
    if paraphs:  # a loop drawn by hand round large initials: no stamp has only that inside it
        inside = [p for r in paraphs for p in parts if p is r or within(p.box, r.box) and p.kind != "speck"]
        return SignatureCheck(True, 0.8, _union(inside), "manuscrite", PARAPH)
    outer = double_rings(parts, rings)  # a double-ringed stamp's lettering is the stamp's, however long
    loose = [p for p in parts if p.kind not in ("ring", "frame", "speck", "rule") and not in_double_ring(p, outer)
             and (_long_stroke(p) or not any(within(p.box, r.box) for r in rings))]  # a stamp's text, not a signature
    mates = [p for p in parts if p.kind in ("glyph", "word", "text")]
    runs = [p for p in loose if p.kind == "stroke" and print_run(p, mates)]  # print's letters run together
    strokes = [p for p in loose if p.kind == "stroke" and p not in runs]
    if strokes:
        main = max(strokes, key=lambda p: p.length)
        strong = main.length >= 8 and max(main.width, main.height) >= 3
        confidence = 0.95 if strong else 0.85 if main.length >= 5 else 0.75
        return SignatureCheck(True, confidence, _union(strokes), "manuscrite",
                              f"{len(strokes)} {PEN_STROKES}")
    glyphs = [p for p in loose if p.kind == "glyph"]
    script = script_letters(glyphs, [p for p in loose if p.kind == "filled"])
    if script:
        # letters taller than the text, side by side: a name written by hand (or a pasted
        # script-font signature), each letter apart, over or beside the typed name
        return SignatureCheck(True, 0.8, _union(script), "manuscrite", f"{len(script)} lettre(s) manuscrite(s)")
    across = [g for g in glyphs if g.crossing and g.fill <= 0.1 and max(g.width, g.height) >= 2
              and (g.past > 0 or g.height <= 0.3) and whole_line(g)]
    if across:  # a long thin loop going on under the typed words: a pen stroke over the print
        # (ink sticking out only beside the print, in its rows and as tall as its letters, is a
        # word wider than its OCR box on a photo; a pen's line out of it is thin or goes past them)
        return SignatureCheck(True, 0.75, _union(across), "manuscrite", "trait fin sur le texte imprimé")
    # A fine pen drawn across the typed title: the mask of the print cuts it into loops that
    # each leave the words; several long thin pieces going on under the print are one signature.
    thin = [g for g in glyphs if g.crossing and g.fill <= 0.15 and g.stroke <= 0.12 and g.length >= 1.0
            and whole_line(g)]
    if len(thin) >= 2 and sum(g.length for g in thin) >= 4 and _span(thin) >= 3:
        return SignatureCheck(True, 0.75, _union(thin), "manuscrite", "traits fins sur le texte imprimé")
    # a word run together is print where it stands in a row of print (a line OCR left unread),
    # else ink unexplained like a glyph; the row's other letters may lie inside a stamp's ring
    words = [p for p in loose if p.kind == "word"] + runs
    row_mates = mates + runs
    isolated = [g for g in glyphs + words if not in_text_row(g, row_mates)]
    # a logo, print joined by a rule, a straight line (a sheet's edge, a fold): unsure
    filled = [p for p in loose if p.kind in ("filled", "print", "line")]
    stamp = " ; cachet sans signature" if rings else ""
    if outer and any(_long_stroke(p) for p in parts if in_double_ring(p, outer)):
        # what looked like pen strokes was left out as the stamp's: not an empty area
        return SignatureCheck(None, 0.45, _union(isolated + filled) or outer[0].box, "indecise", DOUBLE_RING)
    if not isolated and not filled:
        return SignatureCheck(False, 0.88 if rings else 0.92, None, "absente", "aucune encre manuscrite" + stamp)
    if not filled and len(isolated) <= 2 and all(max(g.width, g.height) < 0.8 and not g.crossing for g in isolated):
        return SignatureCheck(False, 0.8, None, "absente", SPECKS + stamp)
    arcs = broken_arcs(glyphs)
    if arcs:  # a light pen's loops past a fax's threshold: thin tall arcs apart, no print's letters
        return SignatureCheck(True, 0.75, _union(arcs), "manuscrite", f"boucles d'un trait fin ({len(arcs)} morceaux)")
    return SignatureCheck(None, 0.45, _union(isolated + filled), "indecise", "encre non identifiée")


def _initials_in_loop(ring: InkComponent, parts: list[InkComponent]) -> bool:
    """A round loop with only one to three tall pen marks inside (initials, a paraph): a stamp's
    ring holds small lettering, an inner ring, an emblem; letters 1.5 lines tall are no stamp's."""
    if ring.kind != "ring":
        return False
    inside = [p for p in parts if p is not ring and p.kind != "speck" and within(p.box, ring.box)]
    if not 1 <= len(inside) <= 3 or any(p.kind not in ("stroke", "glyph") for p in inside):
        return False
    if all(p.height >= 1.5 for p in inside):
        return True
    # A loop drawn across the typed name: the print's mask cut the initials' lower halves off,
    # what is left is still pen-sized (no stamp's small lettering), one mark an initial's height.
    return ring.crossing and any(p.height >= 1.5 for p in inside) and all(max(p.width, p.height) >= 1.0
                                                                          for p in inside)


def _under_doubted_words(parts: list[InkComponent], boxes: list[tuple[int, ...]]) -> bool:
    """Whether ink that is neither a speck, a rule nor a stamp's lies under a word OCR doubted."""
    rings = [p.box for p in parts if p.kind in ("ring", "frame")]
    return any(p.kind not in ("speck", "rule", "ring", "frame") and not any(within(p.box, r) for r in rings)
               and any(p.box[0] < b[2] and b[0] < p.box[2] and p.box[1] < b[3] and b[1] < p.box[3] for b in boxes)
               for p in parts)


def _span(parts: list[InkComponent]) -> float:
    """The width of a group of components, in text-line heights."""
    box = _union(parts)
    unit = (parts[0].box[3] - parts[0].box[1]) / max(parts[0].height, 1e-6)  # pixels per text-line height
    return (box[2] - box[0]) / max(unit, 1e-6)


def _long_stroke(part: InkComponent) -> bool:
    """A stroke too long to be a stamp's lettering (a felt pen's, wider, not: inside a stamp's disc,
    its emblem or lettering run together may measure so)."""
    return part.kind == "stroke" and part.length >= 5 and part.stroke <= THICK_PEN


def _union(parts: list[InkComponent]) -> tuple[int, int, int, int] | None:
    if not parts:
        return None
    return (min(p.box[0] for p in parts), min(p.box[1] for p in parts),
            max(p.box[2] for p in parts), max(p.box[3] for p in parts))
