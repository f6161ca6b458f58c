"""Page images for the viewer: a PDF page (pypdfium2) or an image frame (Pillow) as PNG, cached on disk."""

from __future__ import annotations

import io
import logging
import os
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)

WIDTHS = (160, 900, 1400)  # pixel widths offered: thumbnails, the viewer, zoom
_PDFIUM = threading.Lock()  # pdfium is not thread-safe


def cached_page(cache_dir: Path, blob: Path, sha256: str, number: int, width: int) -> Path:
    """The PNG of page `number` at `width` pixels, rendered once and kept under cache_dir."""
    target = cache_dir / sha256[:2] / f"{sha256}-{number}-{width}.png"
    if target.exists():
        return target
    png = render_page(blob, number, width)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(png)
    os.replace(tmp, target)
    return target


def render_page(blob: Path, number: int, width: int) -> bytes:
    """PNG bytes of one page of a PDF or one frame of an image, `width` pixels wide."""
    from PIL import Image

    with open(blob, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF" in head:
        image = _pdf_page(blob, number, width)
    else:
        image = _image_frame(blob, number)
    if image.width != width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.convert("RGB" if image.mode not in ("L", "RGB") else image.mode).save(out, "PNG", optimize=False)
    return out.getvalue()


def _pdf_page(blob: Path, number: int, width: int):
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(blob))
        try:
            page = document[number - 1]
            scale = width / page.get_width()
            image = page.render(scale=scale, may_draw_forms=True).to_pil()
            page.close()
        finally:
            document.close()
    return image


def _image_frame(blob: Path, number: int):
    from PIL import Image, ImageOps

    with Image.open(blob) as source:
        source.seek(number - 1)
        frame = ImageOps.exif_transpose(source.copy())
    return frame
