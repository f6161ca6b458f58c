"""PDF pages: the text layer with pdfplumber, and page images with pypdfium2 for OCR."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import unicodedata

from PIL import Image

from extractors import isolation
from extractors.errors import ErrorCode, GuichetError
from extractors.model import PageText, Word

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 25  # fewer characters than this is not a text layer worth trusting
MIN_CLEAN_RATIO = 0.85
MIN_VOWEL_RATIO = 0.2  # font-encoding garbage is consonant soup


def open_pdf(path: str):
    """Open with pdfplumber (empty password tried); encrypted or broken files get their code."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # parses the page tree now, so its errors are raised here
    except Exception as exc:  # pdfminer raises many types on broken files
        raise pdf_error(exc) from exc
    return pdf


def pdf_error(exc: BaseException) -> GuichetError:
    """Map a pdfminer/pdfium failure to PDF_ENCRYPTED or PDF_INVALID."""
    text = f"{type(exc).__name__}: {exc}"
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        text += f" / {type(cause).__name__}: {cause}"
    if "password" in text.lower() or "encrypt" in text.lower():
        return GuichetError(ErrorCode.PDF_ENCRYPTED)
    return GuichetError(ErrorCode.PDF_INVALID, text[:200])


def structure_damage(path: str) -> str | None:
    """What is wrong with the file's skeleton (end marker, cross-reference table), if anything.

    pdfminer and PDFium silently rebuild such files; a reviewer should know the file was damaged.
    Reads the head, the tail and the table's offset only, never the whole file.
    """
    with open(path, "rb") as handle:
        base = max(handle.read(1024).find(b"%PDF-"), 0)
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 4096))
        tail = handle.read()
        if b"%%EOF" not in tail:
            return "fin de fichier absente : fichier tronqué ?"
        offsets = re.findall(rb"startxref\s+(\d+)", tail)
        if not offsets:
            return "startxref absent"
        offset = int(offsets[-1])
        for start in {offset, base + offset}:
            handle.seek(min(start, size))
            at = handle.read(40).lstrip()
            if at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at):
                return None
    return "table des références croisées invalide"


def repair(path: str, output: str, timeout: float = 60.0) -> bool:
    """Rebuild a damaged PDF with qpdf (cross-reference table, trailer); True if it wrote one."""
    try:
        command = isolation.wrap(["qpdf", "--no-warn", path, output], readable=[path],
                                 writable=[os.path.dirname(os.path.abspath(output))])
        done = subprocess.run(command, capture_output=True, timeout=timeout,
                              env=isolation.clean_environment(os.path.dirname(os.path.abspath(output))))
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode in (0, 3) and os.path.exists(output)  # 3: repaired with warnings


def text_layer_page(page, number: int) -> PageText | None:
    """The page's own text as words, or None when it has no usable text layer."""
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not text_layer_usable("".join(w["text"] for w in raw)):
        return None
    words = []
    line, line_top, line_height = -1, None, 0.0
    for w in raw:
        height = w["bottom"] - w["top"]
        if line_top is None or abs(w["top"] - line_top) > max(2.0, 0.5 * max(height, line_height)):
            line, line_top, line_height = line + 1, w["top"], height
        bbox = (round(w["x0"], 2), round(w["top"], 2), round(w["x1"], 2), round(w["bottom"], 2))
        words.append(Word(w["text"], bbox, 1.0, line))
    return PageText(number, float(page.width), float(page.height), tuple(words), ocr=False,
                    confidence=1.0)


def text_layer_usable(text: str) -> bool:
    """Enough characters, mostly printable, with the vowels real words have."""
    text = "".join(text.split())
    if len(text) < MIN_TEXT_CHARS or "(cid:" in text[:2000] and text.count("(cid:") * 6 > len(text) / 2:
        return False
    clean = sum(1 for c in text if unicodedata.category(c)[0] in "LNPS" and c != "\ufffd")
    letters = [c for c in text.lower() if c.isalpha()]
    vowels = sum(1 for c in letters if unicodedata.normalize("NFD", c)[0] in "aeiouy")
    return clean / len(text) >= MIN_CLEAN_RATIO and (
        not letters or vowels / len(letters) >= MIN_VOWEL_RATIO
    )


def page_has_marks(page) -> bool:
    """Whether a page without text has anything to OCR (images or drawn shapes)."""
    return bool(page.images or page.curves or len(page.rects) > 3 or page.chars)


def render_page(document, index: int, dpi: int, max_pixels: int) -> tuple[Image.Image, float]:
    """Render page `index` in grey at `dpi`, lowered if the page would exceed `max_pixels`."""
    try:
        page = document[index]
        width, height = page.get_size()
        scale = dpi / 72.0
        if width * height * scale * scale > max_pixels:
            scale = (max_pixels / max(width * height, 1.0)) ** 0.5
        scanned = scanned_image(page, scale * 72.0)
        if scanned is not None:
            return scanned
        image = page.render(scale=scale, grayscale=True).to_pil()
    except Exception as exc:  # pdfium errors are not typed usefully
        raise GuichetError(ErrorCode.PAGE_UNREADABLE, str(exc)[:200]) from exc
    return image, scale * 72.0


SCAN_DPI_TOLERANCE = 0.1  # an embedded scan within 10 % of the resolution asked is taken as it is


def scanned_image(page, dpi: float) -> tuple[Image.Image, float] | None:
    """A scanned page's own image, in grey at its own resolution, when the page is nothing but
    one grey or colour image filling it at about `dpi`; else None (the page is rendered).

    Rendering such a page resamples the scan by a fraction of a pixel (3300 rows become 3301)
    for about 0.1 s of CPU; its image is the scan itself, decoded in a tenth of that.
    """
    import pypdfium2.raw as pdfium

    if page.get_rotation() or pdfium.FPDFPage_GetAnnotCount(page):
        return None
    objects = list(page.get_objects(max_depth=0))
    if len(objects) != 1 or objects[0].type != pdfium.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    a, b, c, d, e, f = image.get_matrix().get()
    left, bottom, right, top = page.get_cropbox()
    if b or c or max(abs(e - left), abs(f - bottom), abs(a - (right - left)), abs(d - (top - bottom))) > 0.5:
        return None  # not upright, or not filling the page exactly
    meta = image.get_metadata()
    if (meta.bits_per_pixel, meta.colorspace) not in ((8, pdfium.FPDF_COLORSPACE_DEVICEGRAY),
                                                     (24, pdfium.FPDF_COLORSPACE_DEVICERGB)):
        return None
    own_x, own_y = meta.width * 72.0 / a, meta.height * 72.0 / d
    if max(abs(own_x - dpi), abs(own_y - dpi)) > SCAN_DPI_TOLERANCE * dpi or abs(own_x - own_y) > 0.01 * own_x:
        return None
    scan = image.get_bitmap(render=False).to_pil().convert("L")
    return (scan, own_x) if _drawn_alike(page, scan) else None


def _drawn_alike(page, scan: Image.Image) -> bool:
    """Whether the page drawn small looks like its image (no mask, inverted decode or other
    surprise of the file changes what a reader sees): a render at 1/16 costs ~20 ms. Compared
    by blocks of 64 pixels, where PDFium's aliasing of fine print averages out."""
    import numpy as np

    small = page.render(scale=scan.width / page.get_width() / 16, grayscale=True).to_pil().convert("L")
    mine = scan.reduce(16).resize(small.size).reduce(4)
    return float(np.abs(np.asarray(small.reduce(4), np.int16) - np.asarray(mine, np.int16)).mean()) < 20.0


def open_renderer(path: str):
    """pypdfium2's document, for page images (not thread-safe: use from one thread)."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(path)
    except Exception as exc:
        raise pdf_error(exc) from exc
