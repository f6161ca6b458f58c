"""A scanned PDF page read from its own image: the scan as it is, not a render resampling it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors import pdf_text


def _scan(width: int, height: int) -> Image.Image:
    image = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(image)
    for y in range(100, height - 100, 60):  # lines of "text": dark bars with gaps
        for x in range(120, width - 120, 90):
            draw.rectangle((x, y, x + 60, y + 18), fill=30)
    return image


def _pdf(image: Image.Image, dpi: float) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def _decoded(image: Image.Image) -> Image.Image:
    """The image as the PDF holds it (JPEG-compressed by Pillow)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(_pdf(image, 300))
    return next(document[0].get_objects(max_depth=0)).get_bitmap(render=False).to_pil().convert("L")


@pytest.fixture
def a4_scan():
    return _scan(2481, 3508)  # A4 at 300 dpi: 595.44 x 841.92 points


def test_a_scan_at_the_ocr_resolution_is_its_own_image(tmp_path, a4_scan):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(a4_scan, 300))
    document = pdf_text.open_renderer(str(path))
    image, dpi = pdf_text.render_page(document, 0, 300, 120_000_000)
    assert image.size == a4_scan.size and dpi == pytest.approx(300.0)
    assert np.array_equal(np.asarray(image), np.asarray(_decoded(a4_scan)))  # no resampling at all


def test_a_scan_far_from_the_ocr_resolution_is_rendered(tmp_path):
    path = tmp_path / "scan200.pdf"
    path.write_bytes(_pdf(_scan(1654, 2339), 200))
    image, dpi = pdf_text.render_page(pdf_text.open_renderer(str(path)), 0, 300, 120_000_000)
    assert dpi == 300.0 and abs(image.width - 2481) <= 1


def test_a_page_with_more_than_its_scan_is_rendered(tmp_path, a4_scan):
    import pypdfium2

    path = tmp_path / "annotated.pdf"
    document = pypdfium2.PdfDocument(_pdf(a4_scan, 300))
    page = document[0]
    mark = pypdfium2.PdfImage.new(document)
    mark.set_bitmap(pypdfium2.PdfBitmap.from_pil(Image.new("RGB", (50, 50), (0, 0, 0))))
    mark.set_matrix(pypdfium2.PdfMatrix().scale(100, 100).translate(200, 300))
    page.insert_obj(mark)
    page.gen_content()
    document.save(str(path))
    rendered = pdf_text.render_page(pdf_text.open_renderer(str(path)), 0, 300, 120_000_000)[0]
    assert pdf_text.scanned_image(pdf_text.open_renderer(str(path))[0], 300.0) is None
    assert np.asarray(rendered)[1900:2200, 900:1200].mean() < 60  # the black square drawn over the scan


def test_a_page_drawn_unlike_its_image_is_rendered(tmp_path, a4_scan, monkeypatch):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(a4_scan, 300))
    monkeypatch.setattr(pdf_text, "_drawn_alike", lambda page, scan: False)
    image, dpi = pdf_text.render_page(pdf_text.open_renderer(str(path)), 0, 300, 120_000_000)
    assert dpi == 300.0 and not np.array_equal(np.asarray(image), np.asarray(_decoded(a4_scan)))
