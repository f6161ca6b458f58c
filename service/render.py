"""Page images for the viewer: a PDF page (pypdfium2) or an image frame (Pillow) as PNG, cached on disk.

The file is untrusted and its size says nothing of its pages (a 3 KB PDF can declare a
page 12,000 points tall), so every image has a pixel budget, and it is rendered in a
confined child process with its own memory and time limits (worker.core.sandbox): one
hostile page costs its own child, never the web process's memory nor the other pages.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path

from worker.core import sandbox

log = logging.getLogger(__name__)

WIDTHS = (160, 900, 1400)  # pixel widths offered: thumbnails, the viewer, zoom
MAX_PIXELS = 4_000_000  # a 1400 px wide A4 page is 2.8 Mpx; a longer page gets a lower scale
RENDER_TIMEOUT = 60.0
RENDER_MEMORY_MB = 1024  # address space the rendering child may add to what the web process maps


class PageNotRendered(Exception):
    """A page too costly to draw within the render child's limits."""


def cached_page(cache_dir: Path, blob: Path, sha256: str, number: int, width: int) -> Path:
    """The PNG of page `number` at `width` pixels (or less), rendered once and kept under cache_dir.

    Raises PageNotRendered when the page cannot be rendered within the limits (the sandbox's
    PARSE_MEMORY, PARSE_TIMEOUT or PARSE_CRASHED).
    """
    target = cache_dir / sha256[:2] / f"{sha256}-{number}-{width}.png"
    if target.exists():
        return target
    try:
        png = sandbox.run_limited(render_page, str(blob), number, width, timeout=RENDER_TIMEOUT,
                                  memory_mb=_mapped_mb() + RENDER_MEMORY_MB)
    except sandbox.GuichetError as exc:
        raise PageNotRendered(str(exc)) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(png)
    os.replace(tmp, target)
    return target


def _mapped_mb() -> int:
    """The web process's address space (libraries, its threads' stacks): the forked child starts with it."""
    with open("/proc/self/status") as status:
        size = next((line for line in status if line.startswith("VmSize:")), "VmSize: 0 kB")
    return int(size.split()[1]) // 1024


def fitted_size(width: float, height: float, wanted: int, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """`wanted` pixels wide with the source's proportions, shrunk to fit `max_pixels`."""
    scale = wanted / max(width, 1e-6)
    if width * height * scale * scale > max_pixels:
        scale = (max_pixels / max(width * height, 1e-6)) ** 0.5
    return max(1, min(int(width * scale), wanted)), max(1, int(height * scale))


def render_page(blob: str, number: int, width: int) -> bytes:
    """PNG bytes of one page of a PDF or one frame of an image, at most `width` pixels wide
    and MAX_PIXELS in all. Call it through run_limited: it reads an untrusted file."""
    from PIL import Image

    with open(blob, "rb") as handle:
        head = handle.read(1024)
    image = _pdf_page(blob, number, width) if b"%PDF" in head else _image_frame(blob, number, width)
    size = fitted_size(image.width, image.height, width)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.convert("RGB" if image.mode not in ("L", "RGB") else image.mode).save(out, "PNG", optimize=False)
    return out.getvalue()


def _pdf_page(blob: str, number: int, width: int):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(blob)
    try:
        page = document[number - 1]
        page_width, page_height = page.get_size()
        scale = fitted_size(page_width, page_height, width)[0] / max(page_width, 1e-6)
        image = page.render(scale=scale, may_draw_forms=True).to_pil()
        page.close()
    finally:
        document.close()
    return image


def _image_frame(blob: str, number: int, width: int):
    from PIL import Image, ImageOps

    with Image.open(blob) as source:
        source.seek(number - 1)
        source.draft("RGB", fitted_size(source.width, source.height, width))  # JPEG: decode smaller
        source.load()
        factor = source.width // fitted_size(source.width, source.height, width)[0]
        frame = source.reduce(factor) if factor > 1 else source.copy()  # never a full-size copy
    return ImageOps.exif_transpose(frame)
