"""Thématiques ticked by hand on the official form, scanned at 150-200 dpi as JPEG, read with real Tesseract.

Hand ticks run out of their boxes (an X past the corners and into the table's rule, a ✓ whose
long arm climbs over the box and is read as a word), are light (a grey pencil X) or fill the
box: every ticked box must be found and no empty one taken for ticked.
"""

from __future__ import annotations

import io
import subprocess

import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFilter

from extractors.fields.fiche import extract_fiche
from extractors.ocr.page import ocr_page
from tests.conftest import SHARED

FORM = SHARED / "forms" / "fiche-de-candidature-atelier-flash.pdf"
THEMES = ("revitalisation_centre", "entree_de_ville", "friches", "patrimoine", "logement", "mobilites",
          "economie_ess", "ecosystemes", "risques", "autre")

pytestmark = pytest.mark.skipif(not FORM.exists(), reason="the official blank form is not beside the repository")


@pytest.fixture(scope="module")
def theme_boxes() -> list[tuple[float, float, float, float]]:
    """The square of each thématique's box on page 2, in points: the "☐" glyph's ink, inside its text box."""
    with pdfplumber.open(FORM) as pdf:
        glyphs = [c for c in pdf.pages[1].chars if c["text"] == "☐"]
    glyphs.sort(key=lambda c: (c["top"], c["x0"]))
    return [(c["x0"] + 0.75, c["top"] + 2.5, c["x1"] - 1.0, c["bottom"] - 0.25) for c in glyphs[3:13]]


def scanned(dpi: int, ticks: dict[int, str], boxes) -> Image.Image:
    """Page 2 of the form printed, ticked by hand and scanned: slight blur, JPEG."""
    png = subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", str(dpi), "-gray", "-png", str(FORM)],
                         capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("L")
    draw, scale, pen = ImageDraw.Draw(image), dpi / 72, max(2, round(dpi / 75))
    for index, how in ticks.items():
        x0, top, x1, bottom = (v * scale for v in boxes[index])
        side = x1 - x0
        if how == "X past the corners":
            out = 0.15 * side
            draw.line([(x0 - out, top - out), (x1 + out, bottom + out)], fill=30, width=pen)
            draw.line([(x1 + out, top - out), (x0 - out, bottom + out)], fill=30, width=pen)
        elif how == "check over the box":
            elbow = (x0 + 0.4 * side, bottom - 1)
            draw.line([(x0 + 1, top + 0.5 * side), elbow], fill=30, width=pen)
            draw.line([elbow, (x1 + 0.3 * side, top - 0.4 * side)], fill=30, width=pen)
        elif how == "filled":
            draw.rectangle([x0, top, x1, bottom], fill=40)
        elif how == "light pencil X":
            draw.line([(x0, top), (x1, bottom)], fill=140, width=pen - 1)
            draw.line([(x1, top), (x0, bottom)], fill=140, width=pen - 1)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=55)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


@pytest.mark.parametrize("dpi", [150, 200])
@pytest.mark.parametrize("ticks", [
    {0: "X past the corners", 4: "check over the box", 8: "filled"},
    {1: "light pencil X", 5: "X past the corners"},
    {2: "check over the box", 6: "light pencil X", 9: "X past the corners"},
], ids=["x-check-filled", "light-x", "check-light-x"])
def test_every_ticked_thematique_is_read_and_no_other(engine, theme_boxes, dpi, ticks):
    page = ocr_page(scanned(dpi, ticks, theme_boxes), engine, number=2, dpi=dpi)
    fields = extract_fiche([("scan.jpg", page)])
    assert fields["s3.thematiques"].value == [THEMES[i] for i in sorted(ticks)]
    assert fields["s3.thematiques"].confidence >= 0.7
    assert fields["s3.programmes"].value is None and fields["s2.echelle"].value is None  # nothing ticked there
