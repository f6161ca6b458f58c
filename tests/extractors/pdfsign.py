"""Small PDFs with a PAdES signature, signed for real (self-signed key), for the tests."""

from __future__ import annotations

import datetime as dt
import io
import re

from PIL import Image, ImageDraw

SIGNATURE_HEX = 8192  # room for the CMS, in hex digits


def unsigned_pdf(pages: int = 1) -> bytes:
    """A PDF of `pages` image pages (Pillow's writer: classic cross-reference tables)."""
    images = []
    for number in range(pages):
        image = Image.new("RGB", (595, 842), "white")
        ImageDraw.Draw(image).text((60, 60), f"Page {number + 1}", fill="black")
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=72, save_all=True, append_images=images[1:])
    return out.getvalue()


def signed_pdf(pages: int = 1, sign_page: int = 1, empty: bool = False) -> bytes:
    """`unsigned_pdf` plus an incremental update: a signature field on `sign_page`, signed (CAdES detached)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    data = unsigned_pdf(pages)
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    root = document.xrefs[-1].trailer["Root"].objid
    pages_ref = document.catalog["Pages"].objid
    page_id = [p.pageid for p in PDFPage.create_pages(document)][sign_page - 1]
    size = max(max(x.get_objids()) for x in document.xrefs) + 1
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    sig, widget = size, size + 1
    objects = {
        sig: (f"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
              f"/Name (Isabelle Le Callennec) /M (D:20260312110000+01'00') "
              f"/ByteRange [0 {'0' * 10} {'0' * 10} {'0' * 10}] /Contents <{'0' * SIGNATURE_HEX}> >>"),
        widget: (f"<< /FT /Sig /Type /Annot /Subtype /Widget /T (Signature1) /V {sig} 0 R "
                 f"/P {page_id} 0 R /Rect [320 300 480 360] /F 132 >>"),
        root: f"<< /Type /Catalog /Pages {pages_ref} 0 R /AcroForm << /Fields [{widget} 0 R] /SigFlags 3 >> >>",
    }
    update, offsets = b"\n", {}
    for number, body in objects.items():
        offsets[number] = len(data) + len(update)
        update += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref_at = len(data) + len(update)
    table = "xref\n0 1\n0000000000 65535 f \n" + "".join(
        f"{n} 1\n{offsets[n]:010d} 00000 n \n" for n in sorted(offsets))
    trailer = f"trailer\n<< /Size {size + 2} /Root {root} 0 R /Prev {previous} >>\nstartxref\n{xref_at}\n%%EOF\n"
    pdf = bytearray(data + update + (table + trailer).encode("latin-1"))
    return bytes(pdf) if empty else _sign(pdf)


def _sign(pdf: bytearray) -> bytes:
    start = pdf.index(b"/Contents <") + len(b"/Contents ")
    end = start + SIGNATURE_HEX + 2
    ranges = f"/ByteRange [0 {start:010d} {end:010d} {len(pdf) - end:010d}]".encode()
    at = pdf.index(b"/ByteRange [")
    pdf[at:at + len(ranges)] = ranges
    signed = bytes(pdf[:start]) + bytes(pdf[end:])
    cms = _cms(signed).hex().encode()
    pdf[start + 1:start + 1 + len(cms)] = cms
    return bytes(pdf)


def _cms(data: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Isabelle Le Callennec")])
    now = dt.datetime(2026, 3, 12, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=365))
            .sign(key, hashes.SHA256()))
    return pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(cert, key, hashes.SHA256()).sign(
        serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])
