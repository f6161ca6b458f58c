"""How a case's pieces reach the bureau: PDFs, office files, scans, photos, merged PDFs, zips."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from . import degrade, images, office
from .build import Build


def _pages(n: int, start: int = 1) -> list[int]:
    return list(range(start, start + n))


def _rng(b: Build, purpose: str) -> random.Random:
    return random.Random(f"{b.dossier.key}:{purpose}")


def digital_pdfs(b: Build, names: dict[str, str]) -> None:
    """Each piece as the PDF exported from the word processor."""
    for kind, piece in b.pieces.items():
        data = piece.pdf.read_bytes()
        b.write_input(names[kind], data)
        b.add_document(names[kind], data, _pages(piece.pages), kind, ocr=False)


def office_fiche(b: Build, names: dict[str, str], fmt: str) -> None:
    """The fiche as the filled .docx (or .odt), the letters as PDFs."""
    fiche = b.pieces["fiche"]
    source = fiche.docx
    if fmt == "odt":
        source = office.convert([fiche.docx], "odt", b.work / "odt")[0]
    pages = office.pdf_page_count(office.convert([source], "pdf", b.work / fmt)[0])
    data = source.read_bytes()
    b.write_input(names["fiche"], data)
    b.add_document(names["fiche"], data, _pages(pages), "fiche", ocr=False)
    _letters_only(b, names)


def _letters_only(b: Build, names: dict[str, str]) -> None:
    for kind, piece in b.pieces.items():
        if kind != "fiche":
            data = piece.pdf.read_bytes()
            b.write_input(names[kind], data)
            b.add_document(names[kind], data, _pages(piece.pages), kind, ocr=False)


def scanned_pages(b: Build, kind: str, dpi: int, turns: dict[int, int] | None = None) -> list:
    """The pages of one piece as scanned images; turns maps page number -> 90/180."""
    rng = _rng(b, f"scan:{kind}")
    pngs = office.render_pages(b.pieces[kind].pdf, dpi, b.work / f"gray{dpi}", gray=True)
    return [degrade.scan_page(png, rng, (turns or {}).get(i, 0)) for i, png in enumerate(pngs, 1)]


def scanned_pdfs(b: Build, names: dict[str, str], dpi: int = 150) -> None:
    """Each piece printed, signed, and scanned into its own image-only PDF."""
    for kind in b.pieces:
        out = b.input_dir / names[kind]
        degrade.images_to_pdf(scanned_pages(b, kind, dpi), out, dpi, "Canon iR-ADV C3530")
        data = out.read_bytes()
        b.add_document(names[kind], data, _pages(b.pieces[kind].pages), kind, ocr=True)


def scanned_merged(b: Build, name: str, turns: dict[str, dict[int, int]], dpi: int = 150) -> None:
    """All pieces through the feeder at once: one image-only PDF, some sheets turned."""
    pages, spans = [], []
    for kind in b.pieces:
        scans = scanned_pages(b, kind, dpi, turns.get(kind))
        spans.append((kind, _pages(len(scans), len(pages) + 1)))
        pages += scans
    out = b.input_dir / name
    degrade.images_to_pdf(pages, out, dpi, "RICOH IM C3000")
    data = out.read_bytes()
    for kind, span in spans:
        b.add_document(name, data, span, kind, ocr=True)


def photo_files(b: Build, kind: str, start: dt.datetime, orientations: dict[int, int],
                counter: list[int]) -> list[tuple[str, bytes]]:
    """Each page of a piece photographed; returns (file name, bytes) in page order."""
    rng = _rng(b, f"photo:{kind}")
    pngs = office.render_pages(b.pieces[kind].pdf, 150, b.work / "rgb150")
    files = []
    for i, png in enumerate(pngs, 1):
        taken = start + dt.timedelta(seconds=17 * counter[0])
        counter[0] += 1
        name = f"IMG_{taken:%Y%m%d_%H%M%S}.jpg"
        out = b.work / name
        degrade.save_photo(degrade.photo_page(png, rng), out, taken, orientations.get(i, 1))
        files.append((name, out.read_bytes()))
    return files


def photos(b: Build, start: dt.datetime, orientations: dict[str, dict[int, int]]) -> None:
    """Every page of every piece as a separate phone photo (JPEG with EXIF)."""
    counter = [0]
    for kind in b.pieces:
        for name, data in photo_files(b, kind, start, orientations.get(kind, {}), counter):
            b.write_input(name, data)
            b.add_document(name, data, [1], kind, ocr=True)


def site_photo_pdf(b: Build, caption: str) -> Path:
    """A one-page 'annexe photographique' (an `autre` piece), via LibreOffice."""
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    title = document.add_paragraph()
    title.add_run("Annexe photographique").bold = True
    title.runs[0].font.size = Pt(14)
    buf = io.BytesIO()
    images.site_photo(_rng(b, "site").randint(0, 9999)).save(buf, "JPEG", quality=70)
    document.add_paragraph().add_run().add_picture(io.BytesIO(buf.getvalue()), width=Cm(16))
    legend = document.add_paragraph(caption)
    legend.alignment = WD_ALIGN_PARAGRAPH.CENTER
    legend.runs[0].italic = True
    path = b.work / "photo_site.docx"
    document.core_properties.created = document.core_properties.modified = \
        dt.datetime(2026, 1, 5, 9, 0)
    document.save(str(path))
    office.make_zip_deterministic(path)
    return office.convert([path], "pdf", b.work / "pdf")[0]


def merged_pdf(b: Build, name: str, order: list[str], caption: str) -> None:
    """All pieces merged into one digital PDF, in the given order ('autre' = site photo)."""
    parts, spans, next_page = [], [], 1
    for kind in order:
        pdf = site_photo_pdf(b, caption) if kind == "autre" else b.pieces[kind].pdf
        count = office.pdf_page_count(pdf)
        parts.append((pdf, "1-z"))
        spans.append((kind, _pages(count, next_page)))
        next_page += count
    out = b.input_dir / name
    office.merge_pdfs(parts, out)
    data = out.read_bytes()
    for kind, span in spans:
        b.add_document(name, data, span, kind, ocr=False)


def zipped(b: Build, name: str, start: dt.datetime) -> None:
    """A .zip of the fiche PDF, a scanned collectivité letter and a photographed préfet letter."""
    members = [("Fiche de candidature.pdf", b.pieces["fiche"].pdf.read_bytes(), "fiche", False)]
    scan = b.work / "scan_coll.pdf"
    degrade.images_to_pdf(scanned_pages(b, "courrier_collectivite", 150), scan, 150,
                          "EPSON Scan")
    members.append(("Courrier du Président.pdf", scan.read_bytes(), "courrier_collectivite", True))
    (_, photo), = photo_files(b, "courrier_prefet", start, {}, [0])
    members.append(("lettre_sous-prefet.jpg", photo, "courrier_prefet", True))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data, kind, ocr in members:
            archive.writestr(zipfile.ZipInfo(member, office.FIXED_ZIP_TIME), data)
            b.add_document(f"{name}/{member}", data, _member_pages(b, kind, member), kind, ocr)
    b.write_input(name, buf.getvalue())


def _member_pages(b: Build, kind: str, member: str) -> list[int]:
    return [1] if member.endswith(".jpg") else _pages(b.pieces[kind].pages)
