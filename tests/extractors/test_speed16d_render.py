"""A grey scan's page is drawn by pdfium straight into a grey bitmap without its grey mode
(faster), to the same grey pixels."""

from __future__ import annotations

import numpy as np
import pypdfium2
import pytest
from PIL import Image, ImageDraw

from extractors import pdf_text


def _scan(mode: str) -> Image.Image:
    """A page of print-like strokes and grey shades, in `mode`."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for n, y in enumerate(range(80, 1700, 45)):
        for x in range(80, 1100, 150):
            draw.rectangle((x, y, x + 100 - n, y + 18), fill=(40 + n * 5, 90, 200 - n * 4))
    return image.convert(mode)


def _pdf(image: Image.Image, tmp_path) -> str:
    path = tmp_path / "scan.pdf"
    # One image filling the page: a JPEG, or in black and white a CCITT fax image.
    image.save(path, format="PDF", resolution=150, **({} if image.mode == "1" else {"quality": 90}))
    return str(path)


class _Spy:
    """A pdfium page whose render calls are recorded."""

    def __init__(self, page):
        self.page, self.calls = page, []

    def __getattr__(self, name):
        return getattr(self.page, name)

    def render(self, **kwargs):
        self.calls.append(kwargs)
        return self.page.render(**kwargs)


@pytest.mark.parametrize("dpi", [150, 200, 300])
@pytest.mark.parametrize("mode", ["L", "RGB", "1"])
def test_the_pixels_are_pdfiums_grey_rendering(tmp_path, mode, dpi):
    path = _pdf(_scan(mode), tmp_path)
    expected = pypdfium2.PdfDocument(path)[0].render(scale=dpi / 72, grayscale=True).to_pil()
    image, _ = pdf_text.render_page(pypdfium2.PdfDocument(path), 0, dpi, 10**9)
    assert image.mode == "L" and image.size == expected.size
    assert np.array_equal(np.asarray(image), np.asarray(expected))


@pytest.mark.parametrize(("mode", "in_colour"), [("L", True), ("RGB", False), ("1", False)])
def test_only_a_grey_scan_is_rendered_in_colour(tmp_path, mode, in_colour):
    path = _pdf(_scan(mode), tmp_path)
    spy = _Spy(pypdfium2.PdfDocument(path)[0])
    pdf_text.render_page({0: spy}, 0, 300, 10**9)
    assert spy.calls and (not spy.calls[0].get("grayscale")) is in_colour


def test_a_page_with_more_than_its_scan_keeps_the_grey_rendering(tmp_path):
    jpeg = tmp_path / "scan.jpg"
    _scan("L").save(jpeg, quality=90)
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(595, 842)
    for matrix in (pypdfium2.PdfMatrix().scale(595, 842), pypdfium2.PdfMatrix().scale(60, 60)):
        picture = pypdfium2.PdfImage.new(document)
        with open(jpeg, "rb") as stream:
            picture.load_jpeg(stream, inline=True)
        picture.set_matrix(matrix)
        page.insert_obj(picture)
    page.gen_content()
    assert not pdf_text._grey_scan(page)  # a stamp, a logo, a text layer over the scan
    page.remove_obj(picture)
    page.gen_content()
    assert pdf_text._grey_scan(page)


def test_a_grey_scan_is_drawn_into_a_one_byte_bitmap(tmp_path):
    """Issue 16: not a colour bitmap of three bytes a pixel with one kept (~35 % more CPU)."""
    path = _pdf(_scan("L"), tmp_path)
    spy = _Spy(pypdfium2.PdfDocument(path)[0])
    image, _ = pdf_text.render_page({0: spy}, 0, 200, 10**9)
    assert spy.calls[0].get("force_bitmap_format") == pypdfium2.raw.FPDFBitmap_Gray
    assert not spy.calls[0].get("grayscale") and image.mode == "L"
