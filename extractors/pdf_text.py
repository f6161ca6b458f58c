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


def render_page(document, index: int, dpi: int, max_pixels: int,
                colour: bool = False) -> tuple[Image.Image, float]:
    """Render page `index` in grey (in colour with `colour`) at `dpi`, lowered if the page would
    exceed `max_pixels`."""
    try:
        page = document[index]
        width, height = page.get_size()
        scale = dpi / 72.0
        if width * height * scale * scale > max_pixels:
            scale = (max_pixels / max(width * height, 1.0)) ** 0.5
        if not colour and _grey_scan(page):
            # The same pixels as pdfium's grey rendering: drawn straight into a one-byte grey
            # bitmap, without pdfium's grey mode (slower, and a grey image does not need it).
            # ~35 % less CPU than a colour rendering's channel (R = G = B), the way before, and
            # the same pixels on the 118 grey-scan pages of samples/, tune and d19 (150-300 dpi).
            import numpy as np
            import pypdfium2.raw as pdfium_c

            bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
            pixels = bitmap.to_numpy()
            image = Image.fromarray(np.array(pixels.reshape(pixels.shape[:2])))  # a copy: the bitmap is freed
        else:
            image = page.render(scale=scale, grayscale=not colour).to_pil()
    except Exception as exc:  # pdfium errors are not typed usefully
        raise GuichetError(ErrorCode.PAGE_UNREADABLE, str(exc)[:200]) from exc
    return image, scale * 72.0


def _grey_scan(page) -> bool:
    """A page that is one 8-bit grey image and nothing else: a scan in grey levels.

    pdfium renders it in colour twice as fast as in grey, and the colours are greys whose
    luminance is their level: the grey rendering exactly (checked on every such page of
    samples/ and samples/unseen/tune, at 150 and 300 dpi). Not so for a colour scan (its grey
    comes from another formula), a 1-bit fax (slower in colour) or a page of text (smoothed
    differently in grey)."""
    return _scan_image(page) == (1, 8)  # FPDF_COLORSPACE_DEVICEGRAY, 8 bits


def _scan_image(page) -> tuple[int, int] | None:
    """(colour space, bits per pixel) of a page that is one image and nothing else (a scan), else None."""
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != 3:  # FPDF_PAGEOBJ_IMAGE
        return None
    meta = objects[0].get_metadata()
    return int(meta.colorspace), int(meta.bits_per_pixel)


def grey_scan_page(document, index: int) -> bool:
    """Page `index` is a scan in grey levels alone (`_grey_scan`): rendered in colour, every
    pixel is a grey (R = G = B), so it holds no coloured ink."""
    try:
        return _grey_scan(document[index])
    except Exception:  # pdfium errors are not typed usefully: the rendering will tell
        return False


def one_bit_scan_page(document, index: int) -> bool:
    """Page `index` is a black-and-white scan: one image of one bit a pixel and nothing else.
    Rendered at another resolution its edges are greyed: the page image does not show it."""
    try:
        scan = _scan_image(document[index])
    except Exception:  # pdfium errors are not typed usefully: the rendering will tell
        return False
    return scan is not None and scan[1] == 1


def open_renderer(path: str):
    """pypdfium2's document, for page images (not thread-safe: use from one thread)."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(path)
    except Exception as exc:
        raise pdf_error(exc) from exc
