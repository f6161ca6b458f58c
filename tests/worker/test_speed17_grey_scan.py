"""A grey scan's page is not rendered again in colour to look for coloured ink: its colours
are greys, the rendering would show none."""

from __future__ import annotations

import pypdfium2
from PIL import Image, ImageDraw

from extractors import pdf_text
from worker.core import signatures


def _pdf(tmp_path, mode: str) -> str:
    image = Image.new("RGB", (1240, 1754), (250, 248, 242))
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 300, 700, 700), outline=(175, 25, 35), width=12)  # a red stamp
    draw.rectangle((200, 900, 1000, 940), fill=(20, 20, 20))
    path = tmp_path / f"scan_{mode}.pdf"
    image.convert(mode).save(path, format="PDF", resolution=150, quality=90)
    return str(path)


def test_a_grey_scan_is_not_rendered_again_in_colour(tmp_path, monkeypatch):
    path = _pdf(tmp_path, "L")
    colour = pdf_text.render_page(pypdfium2.PdfDocument(path), 0, 200, 10**9, colour=True)[0]
    assert signatures.coloured_ink_whitened(colour) is None  # what the rendering would have shown
    calls = []
    monkeypatch.setattr(pdf_text, "render_page", lambda *args, **kwargs: calls.append(args))
    assert signatures._in_colour(path, "pdf", 1, 10**9) is None
    assert not calls


def test_a_colour_scan_is_still_rendered_and_its_stamp_whitened(tmp_path):
    path = _pdf(tmp_path, "RGB")
    image = signatures._in_colour(path, "pdf", 1, 10**9)
    assert image is not None and image.mode == "RGB"
    assert signatures.coloured_ink_whitened(image) is not None
