"""Digital signatures of a PDF (PAdES / PKCS#7): signature fields, /ByteRange, the page they sit on.

Presence and coverage only: the CMS itself is not verified (no trust store here); a
signature that does not cover the file's end (bytes added after signing) is reported so.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f\s]*)>")
_SUBFILTER = re.compile(rb"/SubFilter\s*/([A-Za-z0-9.#_-]+)")


@dataclass(frozen=True)
class DigitalSignature:
    """One signature of the file: where its field is (if known) and what it covers."""

    page: int | None  # 1-based page of its widget, None when the field has none
    rect: tuple[float, float, float, float] | None  # widget box, points from the top-left
    subfilter: str  # adbe.pkcs7.detached, ETSI.CAdES.detached, …
    signer: str | None  # /Name of the signature dictionary, when written
    signed_at: str | None  # /M, as written ("D:20260312…")
    covers_whole_file: bool

    def describe(self) -> str:
        """French one-liner for logs and reviewers."""
        who = f" de {self.signer}" if self.signer else ""
        tail = "" if self.covers_whole_file else " (fichier modifié après signature)"
        return f"signature numérique {self.subfilter}{who}{tail}"


def digital_signatures(data: bytes) -> tuple[DigitalSignature, ...]:
    """Every signed signature field of a PDF; empty when none (or when not a PDF)."""
    if b"/ByteRange" not in data:
        return ()
    try:
        found = _from_form(data)
    except Exception as exc:  # a damaged form must not hide a signature: fall back to the bytes
        log.debug("PDF form not readable (%s): scanning bytes for signatures", exc)
        found = ()
    return found or _from_bytes(data)


def _from_form(data: bytes) -> tuple[DigitalSignature, ...]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    pages = {page.pageid: (number, page.mediabox) for number, page in
             enumerate(PDFPage.create_pages(document), start=1)}
    form = resolve1(document.catalog.get("AcroForm"))
    fields = list(resolve1(form.get("Fields", [])) if form else [])
    out = []
    while fields:
        ref = fields.pop()
        field = resolve1(ref)
        if not isinstance(field, dict):
            continue
        fields += list(resolve1(field.get("Kids", [])) or [])
        value = resolve1(field.get("V"))
        if _name(field.get("FT")) != "Sig" or not isinstance(value, dict):
            continue
        signature = _signature(data, value, field, pages, resolve1)
        if signature:
            out.append(signature)
    return tuple(out)


def _signature(data: bytes, value: dict, field: dict, pages: dict, resolve1) -> DigitalSignature | None:
    byte_range = [int(resolve1(v)) for v in resolve1(value.get("ByteRange", []))]
    contents = resolve1(value.get("Contents")) or b""
    if len(byte_range) != 4 or not bytes(contents).strip(b"\x00"):
        return None  # an empty signature field waiting to be signed
    page_ref = field.get("P")
    page_id = getattr(page_ref, "objid", None)
    number, mediabox = pages.get(page_id, (None, None))
    rect = None
    raw_rect = resolve1(field.get("Rect"))
    if raw_rect and mediabox and number:
        x0, y0, x1, y1 = (float(resolve1(v)) for v in raw_rect)
        top = float(mediabox[3])
        rect = (min(x0, x1), top - max(y0, y1), max(x0, x1), top - min(y0, y1))
    return DigitalSignature(number, rect if rect and rect[2] > rect[0] else None,
                            _name(value.get("SubFilter")) or "inconnu", _text(value.get("Name")),
                            _text(value.get("M")), _covers(byte_range, len(data)))


def _from_bytes(data: bytes) -> tuple[DigitalSignature, ...]:
    """Signature dictionaries written in clear, when the form cannot be walked."""
    out = []
    for match in _BYTE_RANGE.finditer(data):
        window = data[max(0, match.start() - 4096):match.end() + 65536]
        contents = _CONTENTS.search(window)
        if not contents or not re.sub(rb"[0\s]", b"", contents.group(1)):
            continue
        subfilter = _SUBFILTER.search(window)
        byte_range = [int(v) for v in match.groups()]
        out.append(DigitalSignature(None, None, subfilter.group(1).decode("latin-1") if subfilter else "inconnu",
                                    None, None, _covers(byte_range, len(data))))
    return tuple(out)


def _covers(byte_range: list[int], size: int) -> bool:
    """The signed ranges run from the first byte to the last, around the signature value only."""
    start, first, second, length = byte_range
    return start == 0 and second > first and second + length == size


def _name(value) -> str | None:
    name = getattr(value, "name", None)
    return str(name) if name is not None else None


def _text(value) -> str | None:
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            return value[2:].decode("utf-16-be", "replace")
        return value.decode("latin-1")
    return str(value) if value is not None else None
