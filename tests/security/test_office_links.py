"""Issue 12, High 1: LibreOffice fetched linked images (http:// and file:///) while converting.

Each attack is replayed through run_limited, as the pipeline calls the converter: a loopback
HTTP listener must receive no request and the red image it (or the local file) holds must
not be in the PDF. Both layers are tested alone: the package rewrite, and bubblewrap.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from extractors import office
from extractors.errors import ErrorCode, GuichetError
from extractors.model import FileKind
from tests.security.office_fixtures import Listener, linked_image_docx, linked_image_odt, red_fraction, red_png
from worker.core.sandbox import run_limited


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def red_file(tmp_path):
    path = tmp_path / "secret-scan.png"
    path.write_bytes(red_png())
    return path


def _attacks(listener, red_file):
    return {
        "docx-http": (FileKind.DOCX, linked_image_docx(f"{listener.url}/docx.png")),
        "odt-http": (FileKind.ODT, linked_image_odt(f"{listener.url}/odt.png")),
        "odt-file": (FileKind.ODT, linked_image_odt(f"file://{red_file}")),
    }


def _convert(data: bytes, kind: FileKind) -> bytes:
    return run_limited(office.convert_to_pdf, data, kind, 120.0, timeout=200, memory_mb=3072)


def _text(pdf: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].get_textpage().get_text_range()
    finally:
        document.close()


@pytest.mark.parametrize("attack", ["docx-http", "odt-http", "odt-file"])
def test_linked_image_is_neither_fetched_nor_rendered(listener, red_file, attack):
    kind, data = _attacks(listener, red_file)[attack]
    pdf = _convert(data, kind)
    assert listener.requests == []
    assert red_fraction(pdf) == 0.0
    assert "Fiche de candidature" in _text(pdf)  # the document itself is still converted


@pytest.mark.parametrize("attack", ["docx-http", "odt-file"])
def test_bubblewrap_alone_stops_a_link_the_rewrite_missed(listener, red_file, attack, monkeypatch):
    monkeypatch.setattr(office, "without_external_links", lambda data, kind: data)  # inherited by the fork
    kind, data = _attacks(listener, red_file)[attack]
    pdf = _convert(data, kind)
    assert listener.requests == []
    assert red_fraction(pdf) == 0.0


def test_the_attack_is_real_without_both_layers(listener, red_file, monkeypatch):
    """The control: unconfined and unrewritten, LibreOffice does fetch (so the tests above can fail)."""
    monkeypatch.setattr(office, "without_external_links", lambda data, kind: data)
    monkeypatch.setenv("GUICHET_SANDBOX", "off")
    kind, data = _attacks(listener, red_file)["docx-http"]
    pdf = office.convert_to_pdf(data, kind, 120.0)
    assert listener.requests and "LibreOffice" in (listener.requests[0][1] or "")
    assert red_fraction(pdf) > 0.05


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def test_rewrite_keeps_hyperlinks_and_internal_images():
    odt = linked_image_odt("Pictures/inside.png")
    assert office.without_external_links(odt, FileKind.ODT) == odt  # nothing outside: unchanged bytes
    cleaned = office.without_external_links(linked_image_odt("../../etc/guichet/photo.png"), FileKind.ODT)
    content = _part(cleaned, "content.xml")
    assert b"etc/guichet" not in content and b"https://www.example.org/" in content
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_rewrite_drops_fetching_fields_and_external_relationships():
    docx = linked_image_docx("\\\\fileserver\\share\\logo.png")
    docx_rels = _part(docx, "word/_rels/document.xml.rels")
    assert b"fileserver" in docx_rels
    document = _part(docx, "word/document.xml").replace(
        b"<w:body>",
        b'<w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IN</w:instrText></w:r>'
        b'<w:r><w:instrText>CLUDEPICTURE "http://10.0.0.1/x.png" \\d</w:instrText></w:r>'
        b'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        b'<w:p><w:fldSimple w:instr=" HYPERLINK &quot;https://www.example.org/&quot; "/></w:p>', 1)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, document if info.filename == "word/document.xml" else source.read(info))
    cleaned = office.without_external_links(out.getvalue(), FileKind.DOCX)
    rels = _part(cleaned, "word/_rels/document.xml.rels")
    body = _part(cleaned, "word/document.xml")
    assert b"fileserver" not in rels and b"styles.xml" in rels
    assert b"10.0.0.1" not in body and b"https://www.example.org/" in body


def test_entity_declaration_after_the_first_mebibyte_is_refused():
    """Low finding: check_office read only the first 1 MiB of each part."""
    padding = b"<!-- " + b"x" * (1 << 20) + b" -->"
    odt = linked_image_odt("Pictures/inside.png")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "content.xml":
                content = content.replace(b"?>", b"?>" + padding + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
            target.writestr(info, content)
    with pytest.raises(GuichetError) as caught:
        office.check_office(out.getvalue(), FileKind.ODT)
    assert caught.value.code is ErrorCode.OFFICE_UNSAFE
