"""Build the hostile input set the tests feed to Guichet (nothing here is committed as data)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

from PIL import Image

from tests.conftest import SHARED

FORM_PDF = SHARED / "forms" / "fiche-de-candidature-atelier-flash.pdf"

# file name -> the error code Guichet must record for it
EXPECTED = {
    "chiffre.pdf": "PDF_ENCRYPTED",
    "tronque.pdf": "PDF_REPAIRED",
    "vide.pdf": "FILE_EMPTY",
    "xref-casse.pdf": "PDF_REPAIRED",
    "bombe.zip/zeros.pdf": "ZIP_BOMB",
    "chemins.zip/../../etc/evil.pdf": "ZIP_UNSAFE_PATH",
    "geante.png": "IMAGE_TOO_LARGE",
    "programme.pdf": "FILE_TYPE_UNSUPPORTED",
    "gigogne.zip/niveau-1.zip/niveau-2.zip/niveau-3.zip/niveau-4.zip": "ZIP_TOO_DEEP",
    "nasty.odt": "OFFICE_UNSAFE",
    "charset.eml": "MAIL_CHARSET_UNDECLARED",
}


def build(folder: Path) -> dict[str, str]:
    """Write every hostile file into `folder`; return EXPECTED."""
    folder.mkdir(parents=True, exist_ok=True)
    form = FORM_PDF.read_bytes()
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(FORM_PDF),
                    str(folder / "chiffre.pdf")], check=True)
    (folder / "tronque.pdf").write_bytes(_truncated(folder / "classic.tmp"))
    (folder / "vide.pdf").write_bytes(b"")
    (folder / "xref-casse.pdf").write_bytes(_break_xref(form))
    (folder / "bombe.zip").write_bytes(_zip({"zeros.pdf": b"\0" * (60 << 20)}))
    (folder / "chemins.zip").write_bytes(_zip({"../../etc/evil.pdf": form, "ok.pdf": form}))
    (folder / "geante.png").write_bytes(_huge_png())
    (folder / "programme.pdf").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 4000)
    (folder / "gigogne.zip").write_bytes(_nested_zip(form, depth=7))
    (folder / "nasty.odt").write_bytes(_xxe_odt())
    (folder / "charset.eml").write_bytes(
        b"From: mairie@example.fr\r\nTo: atelier@example.gouv.fr\r\nSubject: Candidature\r\n"
        b"Message-ID: <charset@example.fr>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n"
        b"Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Monsieur le Pr\xe9fet, ci-joint la fiche de la commune de Vitr\xe9.\r\n"
    )
    return EXPECTED


def _truncated(scratch: Path) -> bytes:
    """A download cut before its cross-reference table and trailer."""
    subprocess.run(["qpdf", "--object-streams=disable", str(FORM_PDF), str(scratch)], check=True)
    data = scratch.read_bytes()
    scratch.unlink()
    return data[: data.rfind(b"xref")]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _nested_zip(data: bytes, depth: int) -> bytes:
    for level in range(depth):
        data = _zip({f"niveau-{depth - level}.zip" if level else "fiche.pdf": data})
    return data


def _break_xref(pdf: bytes) -> bytes:
    """Point startxref into the middle of a stream: readers must rebuild the table."""
    return re.sub(rb"startxref\s+\d+", b"startxref\n1234", pdf)


def _huge_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20000, 20000), 1).save(out, "PNG", optimize=False)
    return out.getvalue()


def _xxe_odt() -> bytes:
    content = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
               b"&xxe;</office:document-content>")
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content})
