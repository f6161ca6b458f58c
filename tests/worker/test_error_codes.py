"""Each error code from a real input that provokes it, read by the pipeline and found on its file.

The codes other tests already provoke (hostile files, mail, sandbox, Outlook, upload) are not
repeated here; tests/test_vocabulary.py checks that every code is asserted somewhere.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import replace

from PIL import Image, ImageDraw

from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.model import Part
from extractors.ocr.engine import TesseractEngine
from tests.conftest import SHARED
from tests.contract import validate_export
from tests.engines import CrashingEngine, ScriptedEngine
from worker.core import intake as intake_module, pipeline
from worker.core.context import make_context
from worker.core.export import export_dossier, file_issues

FORMS = SHARED / "forms"
ROBUSTNESS = SHARED / "robustness"


def codes_of(parts: list[Part], store, settings, engine, cog) -> tuple[dict[str, set[str]], dict]:
    """The codes found on each file (index.json's way), and the dossier's export."""
    intake = intake_module.intake_files(parts, "/codes", store=store, settings=settings)
    pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    found: dict[str, set[str]] = {}
    for issue in file_issues(store, intake.dossier_id):
        found.setdefault(issue["file"], set()).add(issue["code"])
    export = export_dossier(store, intake.dossier_id)
    validate_export(export)
    return found, export


def document_error(export: dict, name: str) -> str | None:
    [document] = [d for d in export["documents"] if d["file"] == name]
    return (document.get("error") or {}).get("code")


def png_with_text(text: str = "Fiche de candidature") -> bytes:
    image = Image.new("L", (900, 300), 255)
    ImageDraw.Draw(image).text((40, 120), text, fill=0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def image_pdf() -> bytes:
    """A one-page PDF that is only an image: read by OCR."""
    out = io.BytesIO()
    Image.open(io.BytesIO(png_with_text())).save(out, "PDF", resolution=150)
    return out.getvalue()


def limited(settings, **limits):
    return replace(settings, limits=replace(settings.limits, **limits))


# PDF --------------------------------------------------------------------------------------------

def test_a_pdf_over_the_page_limit_is_read_to_the_limit(store, settings, engine, cog):
    pdf = (FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes()  # four pages
    found, export = codes_of([Part("fiche.pdf", pdf)], store, limited(settings, max_pages=2), engine, cog)
    assert found["fiche.pdf"] == {ErrorCode.PDF_TOO_MANY_PAGES}
    assert export["documents"][0]["pages"] == [1, 2]


def test_a_pdf_with_no_document_in_it_is_invalid(store, settings, engine, cog):
    found, export = codes_of([Part("vide.pdf", b"%PDF-1.4\n%%EOF\n")], store, settings, engine, cog)
    assert found["vide.pdf"] == {ErrorCode.PDF_INVALID}
    assert document_error(export, "vide.pdf") == ErrorCode.PDF_INVALID


def test_a_page_that_cannot_be_rendered_is_unreadable(store, settings, engine, cog):
    # 20,000 dpi with no pixel cap: PDFium refuses a bitmap of billions of pixels.
    settings = replace(limited(settings, max_image_pixels=10**13), ocr_dpi=20_000)
    found, export = codes_of([Part("scan.pdf", image_pdf())], store, settings, engine, cog)
    assert found["scan.pdf"] == {ErrorCode.PAGE_UNREADABLE}
    assert export["documents"][0]["pages"] == [1]


# Images and OCR ---------------------------------------------------------------------------------

def test_a_truncated_image_is_invalid(store, settings, engine, cog):
    png = png_with_text()
    found, export = codes_of([Part("coupee.png", png[: len(png) // 2])], store, settings, engine, cog)
    assert found["coupee.png"] == {ErrorCode.IMAGE_INVALID}
    assert document_error(export, "coupee.png") == ErrorCode.IMAGE_INVALID


def test_an_image_format_pillow_cannot_decode_is_unsupported(store, settings, engine, cog):
    heic = (ROBUSTNESS / "image" / "paperless__simple.heic").read_bytes()
    found, export = codes_of([Part("photo.heic", heic)], store, settings, engine, cog)
    assert found["photo.heic"] == {ErrorCode.IMAGE_UNSUPPORTED}
    assert document_error(export, "photo.heic") == ErrorCode.IMAGE_UNSUPPORTED


def test_tesseract_over_its_time_gives_ocr_timeout_on_the_page(store, settings, cog):
    found, export = codes_of([Part("scan.png", png_with_text())], store, settings,
                             TesseractEngine("fra", timeout=0.001), cog)
    assert found["scan.png"] == {ErrorCode.OCR_TIMEOUT}
    assert export["documents"][0]["pages"] == [1]  # the page is kept, empty, for a reviewer


def test_tesseract_failing_gives_ocr_failed_on_the_page(store, settings, cog):
    found, _ = codes_of([Part("scan.png", png_with_text())], store, settings,
                        TesseractEngine("zzz", timeout=60), cog)  # no such language installed
    assert found["scan.png"] == {ErrorCode.OCR_FAILED}


def test_an_engine_that_crashes_costs_the_file_not_the_dossier(store, settings, cog):
    found, export = codes_of([Part("scan.png", png_with_text()),
                              Part("fiche.pdf", (FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes())],
                             store, settings, CrashingEngine(), cog)
    assert found["scan.png"] == {ErrorCode.PARSE_CRASHED}
    assert export["status"] == "processed" and export["completeness"]["pieces"]["fiche"] is True


def test_the_pipeline_reads_pages_through_the_engine_it_is_given(store, settings, cog):
    engine = ScriptedEngine("Courrier de soutien de la commune")
    found, export = codes_of([Part("scan.png", png_with_text("illisible"))], store, settings, engine, cog)
    assert found == {}
    [document] = export["documents"]
    assert document["ocr"] is True  # the image says "illisible": the words are the engine's
    assert " ".join(store.document_text(export["id"], document["kind"]).split()) == engine.text


# Archives ---------------------------------------------------------------------------------------

def test_a_password_protected_zip_member_is_zip_encrypted(store, settings, engine, cog, tmp_path):
    (tmp_path / "fiche.pdf").write_bytes((FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes())
    subprocess.run(["zip", "-q", "-P", "secret", "envoi.zip", "fiche.pdf"], cwd=tmp_path, check=True)
    found, _ = codes_of([Part("envoi.zip", (tmp_path / "envoi.zip").read_bytes())], store, settings, engine, cog)
    assert found["envoi.zip/fiche.pdf"] == {ErrorCode.ZIP_ENCRYPTED}


def test_a_truncated_zip_is_invalid(store, settings, engine, cog):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("fiche.pdf", (FORMS / "fiche-de-candidature-atelier-flash.pdf").read_bytes())
    cut = out.getvalue()[:2000]  # the central directory is gone
    found, _ = codes_of([Part("envoi.zip", cut)], store, settings, engine, cog)
    assert found["envoi.zip"] == {ErrorCode.ZIP_INVALID}


# Office documents -------------------------------------------------------------------------------

def test_a_password_protected_office_file_is_office_encrypted(store, settings, engine, cog):
    locked = (ROBUSTNESS / "office" / "unstructured__password_protected.xlsx").read_bytes()
    found, export = codes_of([Part("tableau.xlsx", locked)], store, settings, engine, cog)
    assert found["tableau.xlsx"] == {ErrorCode.OFFICE_ENCRYPTED}
    assert document_error(export, "tableau.xlsx") == ErrorCode.OFFICE_ENCRYPTED


def test_a_docx_with_broken_xml_is_office_invalid(store, settings, engine, cog):
    source = zipfile.ZipFile(FORMS / "fiche-de-candidature-atelier-flash.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for info in source.infolist():
            data = source.read(info)
            broken.writestr(info, data[: len(data) // 3] if info.filename == "word/document.xml" else data)
    found, export = codes_of([Part("fiche.docx", out.getvalue())], store, settings, engine, cog)
    assert found["fiche.docx"] == {ErrorCode.OFFICE_INVALID}
    assert document_error(export, "fiche.docx") == ErrorCode.OFFICE_INVALID


def test_a_conversion_past_its_time_is_office_conversion_failed(store, settings, engine, cog):
    docx = (FORMS / "fiche-de-candidature-atelier-flash.docx").read_bytes()
    found, export = codes_of([Part("fiche.docx", docx)], store, limited(settings, office_timeout=0.01), engine, cog)
    assert found["fiche.docx"] == {ErrorCode.OFFICE_CONVERSION_FAILED}
    assert document_error(export, "fiche.docx") == ErrorCode.OFFICE_CONVERSION_FAILED


# Mail -------------------------------------------------------------------------------------------

def test_a_message_the_mail_parser_dies_on_is_mail_invalid(store, settings):
    """MIME parts nested far past any limit: the standard library recurses until it gives up."""
    depth = 1200
    raw = (b"From: mairie@example.fr\r\nSubject: Candidature\r\nMessage-ID: <deep@example.fr>\r\n"
           + b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(depth))
           + b"Content-Type: text/plain\r\n\r\nBonjour\r\n"
           + b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth))))
    message = intake_module.parse_message(raw, "profond.eml", settings)
    assert [issue.code for issue in message.issues] == [ErrorCode.MAIL_INVALID]


# No input ---------------------------------------------------------------------------------------

def test_an_error_raised_without_a_code_is_internal_error():
    """INTERNAL_ERROR is what a GuichetError says when the code that raised it named none."""
    error = GuichetError(detail="état imprévu")
    assert error.code is ErrorCode.INTERNAL_ERROR
    assert error.message == f"{MESSAGES[ErrorCode.INTERNAL_ERROR]} (état imprévu)"
