"""Content decides what a file is; names and extensions never do."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

from PIL import Image

from extractors.model import FileKind
from extractors.sniff import sniff


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (10, 10), 255).save(out, "PNG")
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_pdf_found_after_leading_garbage():
    assert sniff(b"\x00\x00junk%PDF-1.7\n...") is FileKind.PDF


def test_images_by_magic_bytes():
    assert sniff(_png()) is FileKind.IMAGE
    assert sniff(b"\xff\xd8\xff\xe0" + b"\x00" * 20) is FileKind.IMAGE
    assert sniff(b"II*\x00" + b"\x00" * 20) is FileKind.IMAGE


def test_office_formats_are_told_from_plain_zips():
    assert sniff(_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<t/>"})) is FileKind.DOCX
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert sniff(odt) is FileKind.ODT
    assert sniff(_zip({"a.pdf": b"%PDF-1.4"})) is FileKind.ZIP


def test_mail_and_mbox():
    msg = EmailMessage()
    msg["From"] = "a@b.fr"
    msg["Subject"] = "Candidature"
    msg.set_content("Bonjour")
    raw = msg.as_bytes()
    assert sniff(raw) is FileKind.EMAIL
    assert sniff(b"From a@b.fr Mon Jan  1 00:00:00 2026\n" + raw) is FileKind.MBOX


def test_windows_executable_named_pdf_is_unknown():
    assert sniff(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100) is FileKind.UNKNOWN


def test_plain_text_is_not_mail():
    assert sniff(b"Compte rendu: rien a signaler\nSuite du texte") is FileKind.UNKNOWN
