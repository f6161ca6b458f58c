"""The letters' signatures on their page images: a PAdES signature, else ink by the signatory
block. Each check runs in a limited child process and is cached by what it looked at."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from extractors import images, pades, pdf_text
from extractors.errors import GuichetError
from extractors.fields import Piece, SignatureZone
from extractors.fields.courrier import ink_over_name
from extractors.fields.courrier_zone import overlaps
from extractors.model import PageText
from extractors.ocr.sheet import outside_paper_whitened
from extractors.signature import (
    PEN_STROKES,
    SignatureCheck,
    check_signature,
    specks_unproven,
    unproven_on_bilevel,
    upright,
)
from extractors.signature_arcs import ring_arc
from extractors.signature_area import words_mask
from extractors.signature_dark import dark_ink
from extractors.signature_directions import directions
from extractors.signature_double import double_rings
from extractors.signature_inner import cut_is_stamp
from extractors.signature_loops import stamp_loop
from extractors.signature_name import name_read_twice, name_written_again
from extractors.signature_pale import PALE, pale_strokes
from extractors.signature_panel import pasted_panel
from extractors.signature_pieces import broken_arcs
from extractors.signature_print import in_print_rows
from extractors.signature_retry import stamp_read_signed
from extractors.signature_ring_cut import ring_and_lettering
from extractors.signature_rings import broken_rings
from extractors.signature_script import script_letters
from extractors.signature_shapes import ring_score
from extractors.signature_stamp_rows import rows_through_stamps
from extractors.signature_unit import ink_fitted_height
from worker.core.sandbox import Limited, run_limited

if TYPE_CHECKING:
    from worker.core.context import Context

log = logging.getLogger(__name__)

SIGNATURE_DPI = 150


def code_version() -> str:
    """The version of the signature check's code: a cached check of another version is not used."""
    from worker.persistence import cache

    return cache.code_version(signature_of, check_signature, ring_score, pasted_panel, ink_fitted_height, ring_arc,
                              broken_arcs, broken_rings, stamp_loop, name_read_twice, in_print_rows, script_letters,
                              dark_ink, pades.digital_signatures, pdf_text.render_page, images.image_pages,
                              outside_paper_whitened, rows_through_stamps, ring_and_lettering,
                              directions, double_rings, pale_strokes, stamp_read_signed,
                              cut_is_stamp, words_mask)


def check_signatures(pieces: list[Piece], zones: dict[int, SignatureZone], ctx: Context,
                     forked: Callable[[], object] | None = None) -> dict[int, SignatureCheck]:
    """Each letter's signature, by index in `pieces` (`zones`: where each letter's block is).

    The letters not cached are shared among limited children, one a core (the OCR workers'
    count), each checking its letters in turn with one Tesseract reader for their signatory
    blocks (the parent's idle one, copied by the fork): the letters of a dossier, its tail, are
    checked at once on the cores the pages' reading used. If a child fails (time, memory, a
    crash), each of its letters is checked again alone, so that one bad page costs only its own
    letter. A page that cannot be rendered leaves its letter without a verdict (a reviewer
    looks). `forked`: called once every child is started, not when every letter is cached.
    """
    from worker.persistence import cache

    checks = {}
    store, limits = ctx.store, ctx.settings.limits
    code = code_version()
    todo: list[tuple[int, str, tuple]] = []  # index, cache key, the child's arguments
    for index, zone in zones.items():
        piece = pieces[index]
        page = piece.pages[zone.page]
        # whether the block is read again is part of what was computed: a letter checked
        # without it and read differently later (its name now doubted) must be checked again
        key = cache.signature_key(piece.blob, piece.blob_kind, page, zone, limits.max_image_pixels,
                                  (code if zone.read_block else f"{code}/no-block") + f"/name:{zone.name_box}")
        known = store.computed(key)  # reprocessing an unchanged letter renders nothing
        if known is not None:
            checks[index] = cache.signature_from_json(known)
            continue
        todo.append((index, key, (str(store.blobs.path(piece.blob)), piece.blob_kind, page, zone)))
    if not todo:
        return checks
    timeout = min(limits.parse_timeout, 120.0)
    cores = min(len(todo), ctx.settings.ocr_workers)
    groups = [todo[first::cores] for first in range(cores)]  # a child a core, forked from this thread
    children = [Limited(signatures_of, [args for _, _, args in group], limits.max_image_pixels,
                        timeout=timeout * len(group), memory_mb=limits.parse_memory_mb) for group in groups]
    if forked is not None:  # every child forked: a thread started now is in none of them
        forked()
    found = {}
    for group, child in zip(groups, children):
        found.update(zip((index for index, _, _ in group), _checked(child, group, limits, timeout)))
    saved: dict[str, dict] = {}
    for index, key, _ in todo:
        check = found[index]
        if isinstance(check, GuichetError):
            log.warning("signature of %s not checked: %s", pieces[index].file, check.message)
            continue
        checks[index] = check
        saved[key] = cache.signature_to_json(check)
        log.info("%s: %s (%.2f) %s", pieces[index].file, check.signed, check.confidence, check.detail)
    if saved:  # every letter's in one transaction
        store.save_computed(cache.SIGNATURE, saved)
    return checks


def _checked(child: Limited, group: list[tuple[int, str, tuple]], limits,
             timeout: float) -> list[SignatureCheck | GuichetError]:
    """The checks of a child's letters; when the child failed (time, memory, a crash), each
    letter checked again alone, so that one bad page costs only its own letter."""
    try:
        return child.result()
    except GuichetError as exc:
        if len(group) == 1:
            return [exc]
        log.info("signatures checked one by one: %s", exc.message)
        return [_alone(args, limits, timeout) for _, _, args in group]


def _alone(args: tuple, limits, timeout: float) -> SignatureCheck | GuichetError:
    try:
        return run_limited(signature_of, *args, limits.max_image_pixels, timeout=timeout,
                           memory_mb=limits.parse_memory_mb)
    except GuichetError as exc:
        return exc


def signatures_of(letters: list[tuple[str, str, PageText, SignatureZone]],
                  max_pixels: int) -> list[SignatureCheck | GuichetError]:
    """In a child process: `signature_of` of each letter (path, kind, page, zone), their
    signatory blocks read by one Tesseract call; a letter whose page cannot be rendered gets
    its error."""
    inked: list[tuple[SignatureCheck, Image.Image | None] | GuichetError] = []

    def crops():
        for path, kind, page, zone in letters:
            try:
                inked.append(ink_check(path, kind, page, zone, max_pixels))
            except GuichetError as exc:
                inked.append(exc)
            if not isinstance(inked[-1], GuichetError) and inked[-1][1] is not None:
                yield inked[-1][1]

    # a block read again (surely, or if the ink lies over the name): Tesseract started first
    # loads its model while the pages are checked
    early = any(page.ocr and (zone.read_block or zone.name_box) for _, _, page, zone in letters)
    read = iter(block_lines_streamed(crops(), len(letters)) if early else block_lines(list(crops())))
    return [one if isinstance(one, GuichetError) else
            replace(one[0], block_text=next(read)) if one[1] is not None else one[0] for one in inked]


def signature_of(path: str, kind: str, page: PageText, zone: SignatureZone, max_pixels: int) -> SignatureCheck:
    """In a child process: a digital signature of the file, else ink on the rendered page."""
    check, crop = ink_check(path, kind, page, zone, max_pixels)
    return check if crop is None else replace(check, block_text=block_lines([crop])[0])


def ink_check(path: str, kind: str, page: PageText, zone: SignatureZone,
              max_pixels: int) -> tuple[SignatureCheck, Image.Image | None]:
    """A digital signature of the file, else ink on the rendered page; and, on an OCR'd page,
    its signatory area on dark ink to read again (`block_lines`), None when there is none or
    when reading it again could change nothing (`SignatureZone.read_block`)."""
    if kind == "pdf":
        with open(path, "rb") as stream:
            signed = [s for s in pades.digital_signatures(stream.read()) if s.page in (None, page.number)]
        if signed:
            box = signed[0].rect if signed[0].rect and not page.ocr else zone.bbox  # rect: the page as received
            return SignatureCheck(True, 0.97 if signed[0].covers_whole_file else 0.85, box,
                                  "numerique", signed[0].describe()), None
        document = pdf_text.open_renderer(path)
        try:
            image, dpi = pdf_text.render_page(document, page.number - 1, SIGNATURE_DPI, max_pixels)
            pasted = [] if page.ocr else pasted_images(document, page.number - 1, zone.bbox)
            one_bit = page.ocr and pdf_text.one_bit_scan_page(document, page.number - 1)
        finally:
            document.close()
    else:
        one_bit = False
        with open(path, "rb") as stream:
            frames = images.image_pages(stream.read(), max_pixels=max_pixels, max_pages=page.number)
            image, dpi = list(frames)[page.number - 1]
    black_and_white = page.ocr and images.two_levels(image)  # before turning it: a rotation greys the edges
    if page.ocr:  # the words were read on the upright page: look at the same one
        image = upright(outside_paper_whitened(image.convert("L")), page.rotation, page.skew, page.warp, dpi)
    check = check_signature(image, zone.bbox, dpi, printed=zone.printed, text_height=zone.text_height,
                            unsure=zone.unsure, black_and_white=black_and_white)
    if kind == "pdf" and check.signed is not True:
        check = _pasted_signature(pasted, zone) or check
    if check.signed is None and page.ocr and check.detail != PALE:  # pale strokes were no doubt of the height
        # a photo's OCR may box words over two lines, doubling the page's text height: measured in
        # the height of the words by the signature that fit their ink, strokes seen as specks are
        # strokes. Only a signature so found is taken; what it would not find stays undecided.
        height = ink_fitted_height(image, zone.bbox, dpi, zone.printed, zone.text_height)
        again = check_signature(image, zone.bbox, dpi, printed=zone.printed, text_height=height, unsure=zone.unsure,
                                black_and_white=black_and_white) \
            if height != zone.text_height else check
        # a stamp the page's own height found is no signature at a smaller one
        check = again if again.signed is True and not stamp_read_signed(
            image, zone.bbox, dpi, zone.printed, zone.text_height, height) else check
    if check.signed is False:
        check = _above_the_area(image, zone, dpi, page, check)
    if page.ocr:
        check = _name_again(check, page, zone)
    if black_and_white:
        check = unproven_on_bilevel(check)
    elif one_bit:  # a 1-bit scan rendered at another resolution: greyed, not seen black and white
        check = specks_unproven(check)
    # a name under the signature's ink is read again too: the strokes may have cut or lengthened it
    if not (page.ocr and (zone.read_block or ink_over_name(zone, check.bbox if check.signed else None))):
        return check, None
    uncoloured = coloured_ink_whitened(_in_colour(path, kind, page.number, max_pixels))
    if uncoloured is not None:
        # the same page with its coloured stamp and strokes made paper, turned as the words were read
        image = upright(outside_paper_whitened(uncoloured), page.rotation, page.skew, page.warp, dpi)
    return check, block_crop(image, zone, dpi)


def _above_the_area(image: Image.Image, zone: SignatureZone, dpi: float, page: PageText,
                    check: SignatureCheck) -> SignatureCheck:
    """"Not signed" asserted only if the band above the area is empty of a pen's strokes too: a
    block whose first lines were not taken for it ("Pour le Maire empêché, / le Premier adjoint")
    starts the area below them, and a signature drawn above the block lies outside it."""
    height = zone.text_height or 10.5
    band = (zone.bbox[0], max(0.0, zone.bbox[1] - ABOVE * height), zone.bbox[2], zone.bbox[1] + height)
    if band[3] - band[1] < 2 * height:
        return check
    inside = [w for w in page.words if overlaps(w.bbox, band)]
    printed = tuple(w.bbox for w in inside if not page.ocr or w.conf >= 0.8)
    unsure = tuple(w.bbox for w in inside if page.ocr and w.conf < 0.8)
    above = check_signature(image, band, dpi, printed=printed, text_height=zone.text_height, unsure=unsure)
    if above.signed is not True or PEN_STROKES not in above.detail:
        return check
    return SignatureCheck(None, 0.45, above.bbox, "indecise", "traits au-dessus du bloc : signature possible")


ABOVE = 8  # text-line heights above the signatory area where a signature drawn over the block may lie


def _name_again(check: SignatureCheck, page: PageText, zone: SignatureZone) -> SignatureCheck:
    """The signatory's name read twice in the block: a script-font signature (an e-signing tool's,
    printed and scanned), small as print. Over ink the check left undecided, it is the signature;
    read as print and masked, the area is not the empty one "not signed" needs."""
    if check.signed is None and name_written_again(page.words, zone.bbox, zone.name_box, check.bbox,
                                                   zone.text_height):
        return SignatureCheck(True, NAME_AGAIN_CONFIDENCE, check.bbox, "manuscrite",
                              "nom du signataire en écriture script")
    if check.signed is False and name_read_twice(page.words, zone.bbox, zone.name_box):
        return SignatureCheck(None, 0.45, check.bbox, "indecise",
                              "nom lu deux fois : signature en écriture script possible")
    return check


NAME_AGAIN_CONFIDENCE = 0.8


def pasted_images(document, index: int, zone: tuple[float, ...]) -> list[tuple[Image.Image, tuple[float, ...]]]:
    """The images a digital letter's page places over its signatory area (a signature pasted in),
    each on white, with its box in points (top-left origin); none for a scanned page's whole image."""
    import pypdfium2.raw as pdfium_c

    page = document[index]
    width, height = page.get_size()
    found = []
    for placed in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        left, bottom, right, top = placed.get_bounds()
        box = (left, height - top, right, height - bottom)
        if right - left >= PASTED_WIDTH * width or not overlaps(box, zone):
            continue
        drawn = placed.get_bitmap(render=True).to_pil().convert("RGBA")
        paper = Image.new("RGBA", drawn.size, (255, 255, 255, 255))
        paper.alpha_composite(drawn)
        found.append((paper.convert("L"), box))
    return found


PASTED_WIDTH = 0.6  # of the page's width: an image as wide is a scanned page or a banner, no pasted signature


def _pasted_signature(pasted: list[tuple[Image.Image, tuple[float, ...]]],
                      zone: SignatureZone) -> SignatureCheck | None:
    """A signature pasted as an image over the printed name, on a digital letter: the page's ink
    check takes its strokes for the name's print and cannot call it. On a text layer, print is
    text: an image's ink there is no print, but a signature, a stamp or a logo. Looked at alone,
    with no ring nor frame (a stamp) nor filled shape (a logo, a blot), ink enough for a few
    letters is a signature."""
    from extractors.signature import _classify, components, ink_mask

    for image, box in pasted:
        scale = image.width / max(box[2] - box[0], 1.0)  # the image's pixels per point
        unit = (zone.text_height or 10.5) * scale
        parts = [_classify(c) for c in components(ink_mask(np.asarray(image), unit), unit)]
        kinds = {p.kind for p in parts}
        inked = [p for p in parts if p.kind not in ("speck", "rule")]
        if kinds & {"ring", "frame", "filled", "print"} or len(inked) < PASTED_PARTS:
            continue
        return SignatureCheck(True, PASTED_CONFIDENCE, tuple(round(v, 2) for v in box), "manuscrite",
                              "signature collée en image")
    return None


PASTED_PARTS = 3  # strokes or letters: fewer is a mark, no signature
PASTED_CONFIDENCE = 0.85


def _in_colour(path: str, kind: str, number: int, max_pixels: int) -> Image.Image | None:
    """The page as received, in colour (the signature check looks at it in grey); None for an
    image file without colour or a PDF page that is a grey scan."""
    if kind == "pdf":
        document = pdf_text.open_renderer(path)
        try:
            if pdf_text.grey_scan_page(document, number - 1):
                return None  # its colours are greys: rendered again, it would show none
            return pdf_text.render_page(document, number - 1, SIGNATURE_DPI, max_pixels, colour=True)[0]
        finally:
            document.close()
    with open(path, "rb") as stream:
        data = stream.read()
    if not images.in_colour(data):
        return None
    return list(images.image_pages(data, max_pixels=max_pixels, max_pages=number, colour=True))[-1][0]


COLOURED = 70  # spread between a pixel's strongest and weakest channel: ink with a hue, not black or grey
CAST_COLOURED = 25  # the same spread once the paper's own tint is taken off (a photo's warm light)
TINTED = 15  # the paper's own spread from which it is tinted by the light, not white


def coloured_ink_whitened(image: Image.Image | None) -> Image.Image | None:
    """The page in grey with its coloured ink (a red or blue stamp, a blue signature) made paper:
    typed text is black, and a red stamp is as dark in grey as the title under it. None for a
    page with no colour.

    A photo's light tints the paper (warm, yellowish) and dulls the inks: a violet stamp there
    is little more coloured than the paper itself. Each channel is first scaled so that the
    paper is grey (white balance), then a pixel is coloured ink when its channels still spread."""
    if image is None or image.mode not in ("RGB", "RGBA", "CMYK", "P", "YCbCr"):
        return None
    rgb8 = np.asarray(image.convert("RGB"))
    channels = [rgb8[..., c] for c in range(3)]
    spread = _spread(*channels)
    # The paper: the median colour of the brighter half (by grey level, the mean of the channels).
    # Found on histograms, not on the page in floats sorted (the same values, a third of the CPU).
    total = channels[0].astype(np.uint16) + channels[1] + channels[2]
    middle = _median(_GREY_LEVEL, np.bincount(total.ravel(), minlength=_GREY_LEVEL.size))
    brighter = (_GREY_LEVEL >= middle)[total]
    paper = np.array([_median(_BYTE, np.bincount(c[brighter], minlength=256)) for c in channels], np.float32)
    coloured = spread > COLOURED
    if paper.max() - paper.min() >= TINTED:  # a scanner's white paper keeps the plain rule
        scale = paper.max() / np.maximum(paper, 1.0)
        # each channel scaled by a look-up of its 256 levels: the very products rgb * scale makes
        coloured |= _spread(*((_BYTE * scale[c])[channels[c]] for c in range(3))) > CAST_COLOURED
    if not coloured.any():
        return None
    grey = image.convert("L")
    grey.paste(255, mask=Image.fromarray(coloured.astype(np.uint8) * 255))
    return grey


_BYTE = np.arange(256, dtype=np.float32)  # a channel's levels
# a pixel's mean level by the sum of its channels (exact in floats): computed by the same mean
_GREY_LEVEL = np.stack([np.arange(766, dtype=np.float32), np.zeros(766, np.float32), np.zeros(766, np.float32)],
                       axis=1).mean(axis=1)


def _median(values: np.ndarray, counts: np.ndarray) -> np.float32:
    """np.median of the values that `counts[i]` times hold `values[i]` (`values` ascending):
    its middle one or two taken, their mean made by np.median itself (the same rounding)."""
    ends = np.cumsum(counts)
    n = int(ends[-1])
    middle = [n // 2 - 1, n // 2] if n % 2 == 0 else [n // 2]
    return np.median(values[np.searchsorted(ends, middle, side="right")])


def _spread(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each pixel's strongest channel less its weakest, channel against channel: the same values
    as max(axis=2) - min(axis=2), a reduction over 3 that cost a whole page 0.14 s of CPU."""
    return np.maximum(np.maximum(r, g), b) - np.minimum(np.minimum(r, g), b)


def block_crop(image: Image.Image, zone: SignatureZone, dpi: float) -> Image.Image | None:
    """The signatory area on its dark ink alone: a stamp over the typed block often hides it
    from the page's OCR. None when there is no area to read."""
    return dark_ink(image, zone.bbox, dpi, printed=zone.printed)


def block_lines(crops: list[Image.Image]) -> list[tuple[str, ...]]:
    """The lines read on each signatory area, in one Tesseract call; all empty when it fails."""
    from extractors.ocr.engine import TesseractEngine

    try:
        readings = TesseractEngine(timeout=30.0).blocks_words(crops)
    except GuichetError:
        return [() for _ in crops]
    return [_lines(words) for words in readings]


def block_lines_streamed(crops, bound: int) -> list[tuple[str, ...]]:
    """`block_lines` of the crops `crops` makes as it is iterated (`bound` at most), read by one
    Tesseract process started before the first is made; every crop made even if it fails."""
    from extractors.ocr.engine import TesseractEngine

    handed = []
    try:
        readings = TesseractEngine(timeout=30.0).blocks_words_streamed(
            (handed.append(crop) or crop for crop in crops), bound)
    except GuichetError:
        readings = None
    rest = list(crops)  # the letters after the one Tesseract stopped at: checked all the same
    if readings is None:
        return [() for _ in handed + rest]
    return [_lines(words) for words in readings]


def _lines(words) -> tuple[str, ...]:
    lines: dict[tuple[int, ...], list] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return tuple(" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for _, ws in sorted(
        lines.items(), key=lambda item: min(w.top for w in item[1])))
