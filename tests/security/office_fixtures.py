"""Office files with links to outside content, and a loopback HTTP listener that records requests."""

from __future__ import annotations

import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

RED = (230, 20, 20)


def red_png(size: int = 300) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), RED).save(out, "PNG")
    return out.getvalue()


class Listener:
    """An HTTP server on 127.0.0.1 that answers every GET with a red PNG and keeps the paths."""

    def __init__(self):
        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                requests.append((self.path, self.headers.get("User-Agent")))
                body = red_png()
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_HEAD = do_PROPFIND = do_OPTIONS = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def linked_image_docx(target: str) -> bytes:
    """A .docx whose only picture is linked (a:blip r:link) to `target`, not embedded."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("Fiche de candidature : voir l'image ci-dessous.")
    document.add_picture(io.BytesIO(red_png(20)), width=Cm(8))
    document.add_paragraph("Fin du document.")
    buffer = io.BytesIO()
    document.save(buffer)
    return _rewrite(buffer.getvalue(), {
        "word/document.xml": lambda x: x.replace(b"r:embed=", b"r:link="),
        "word/_rels/document.xml.rels": lambda x: _external_image_rel(x, target),
    })


def _external_image_rel(rels: bytes, target: str) -> bytes:
    start = rels.index(b"Target=\"media/")
    end = rels.index(b"\"", start + len(b"Target=\"")) + 1
    return rels[:start] + f'Target="{target}" TargetMode="External"'.encode() + rels[end:]


def _rewrite(data: bytes, edits: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edits:
                content = edits[info.filename](content)
            target.writestr(info, content)
    return out.getvalue()


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">
 <office:body><office:text>
  <text:p>Fiche de candidature : voir l'image ci-dessous.</text:p>
  <text:p><draw:frame draw:name="img" text:anchor-type="as-char" svg:width="8cm" svg:height="8cm">
   <draw:image xlink:href="{target}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>
  </draw:frame></text:p>
  <text:p>Voir <text:a xlink:type="simple" xlink:href="https://www.example.org/">le site</text:a>.</text:p>
 </office:text></office:body>
</office:document-content>"""

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def linked_image_odt(target: str) -> bytes:
    """An .odt whose draw:image points to `target` (http://, file:///...)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", ODT_CONTENT.replace("{target}", target), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def red_fraction(pdf: bytes) -> float:
    """Share of the first page's pixels that are the fixtures' red."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=0.5).to_pil().convert("RGB")
    finally:
        document.close()
    import numpy

    pixels = numpy.asarray(image)
    red = (pixels[..., 0] > 180) & (pixels[..., 1] < 80) & (pixels[..., 2] < 80)
    return float(red.mean())
