"""The letters' signatures on their page images: a PAdES signature, else ink by the signatory
block. Each check runs in a limited child process and is cached by what it looked at."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from extractors import images, pades, pdf_text
from extractors.errors import GuichetError
from extractors.fields import Piece, SignatureZone
from extractors.model import PageText
from extractors.ocr.sheet import outside_paper_whitened
from extractors.signature import SignatureCheck, check_signature, upright
from worker.core.sandbox import run_limited

if TYPE_CHECKING:
    from worker.core.context import Context

log = logging.getLogger(__name__)

SIGNATURE_DPI = 150


def check_signatures(pieces: list[Piece], zones: dict[int, SignatureZone], ctx: Context) -> dict[int, SignatureCheck]:
    """Each letter's signature, by index in `pieces` (`zones`: where each letter's block is).

    A page that cannot be rendered leaves its letter without a verdict (a reviewer looks).
    """
    from worker.persistence import cache

    checks = {}
    store, limits = ctx.store, ctx.settings.limits
    code = cache.code_version(signature_of, check_signature, pades.digital_signatures, pdf_text.render_page,
                              images.image_pages, outside_paper_whitened)
    for index, zone in zones.items():
        piece = pieces[index]
        page = piece.pages[zone.page]
        key = cache.signature_key(piece.blob, piece.blob_kind, page, zone, limits.max_image_pixels, code)
        known = store.computed(key)  # reprocessing an unchanged letter renders nothing
        if known is not None:
            checks[index] = cache.signature_from_json(known)
            continue
        try:
            checks[index] = run_limited(signature_of, str(store.blobs.path(piece.blob)), piece.blob_kind,
                                        page, zone, limits.max_image_pixels,
                                        timeout=min(limits.parse_timeout, 120.0), memory_mb=limits.parse_memory_mb)
        except GuichetError as exc:
            log.warning("signature of %s not checked: %s", piece.file, exc.message)
            continue
        store.save_computed(key, cache.SIGNATURE, cache.signature_to_json(checks[index]))
        log.info("%s: %s (%.2f) %s", piece.file, checks[index].signed, checks[index].confidence,
                 checks[index].detail)
    return checks


def signature_of(path: str, kind: str, page: PageText, zone: SignatureZone, max_pixels: int) -> SignatureCheck:
    """In a child process: a digital signature of the file, else ink on the rendered page."""
    if kind == "pdf":
        with open(path, "rb") as stream:
            signed = [s for s in pades.digital_signatures(stream.read()) if s.page in (None, page.number)]
        if signed:
            box = signed[0].rect if signed[0].rect and not page.ocr else zone.bbox  # rect: the page as received
            return SignatureCheck(True, 0.97 if signed[0].covers_whole_file else 0.85, box,
                                  "numerique", signed[0].describe())
        document = pdf_text.open_renderer(path)
        try:
            image, dpi = pdf_text.render_page(document, page.number - 1, SIGNATURE_DPI, max_pixels)
        finally:
            document.close()
    else:
        with open(path, "rb") as stream:
            frames = images.image_pages(stream.read(), max_pixels=max_pixels, max_pages=page.number)
            image, dpi = list(frames)[page.number - 1]
    if page.ocr:  # the words were read on the upright page: look at the same one
        image = upright(outside_paper_whitened(image.convert("L")), page.rotation, page.skew, page.warp, dpi)
    check = check_signature(image, zone.bbox, dpi, printed=zone.printed, text_height=zone.text_height)
    return replace(check, block_text=block_text(image, zone, dpi)) if page.ocr else check


def block_text(image, zone: SignatureZone, dpi: float) -> tuple[str, ...]:
    """The signatory area's lines read again on its dark ink alone: a stamp over the typed block
    often hides it from the page's OCR. Empty when it cannot be read."""
    from extractors.ocr.engine import TesseractEngine
    from extractors.signature import dark_ink

    crop = dark_ink(image, zone.bbox, dpi)
    if crop is None:
        return ()
    try:
        words = TesseractEngine(timeout=30.0).block_words(crop)
    except GuichetError:
        return ()
    lines: dict[tuple[int, ...], list] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return tuple(" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for _, ws in sorted(
        lines.items(), key=lambda item: min(w.top for w in item[1])))
