"""Groups where several options may be ticked (session fiche36, fiche34's rule brought back where
the page is known to be no fax): the boxes the box finder lost, where it read every other box
empty and no tick was read, are the ticks, and trusted. On grey scans the finder squares empty
boxes but loses crossed ones (the cross merges with the box's sides): "☐ Aménagement des
friches" then "Protection et valorisation du patrimoine" with no box. On a fax (a page whose
image is black and white only: PageText.bilevel), or a page not known to hold grey levels, lost
boxes stay for a reviewer (test_fiche22_scans: fax noise loses empty boxes too).
Words laid out as the study seeds' scans read them; the pages' source as pages.read_file tells
it (real images, real Tesseract); then the seeds read whole (bench.fichestudy).
"""

from __future__ import annotations

import io
import shutil
import tempfile

import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.fichestudy import fields_of, make_files, read_pages
from extractors.fields.boxes import UNREAD, read_boxes
from extractors.fields.form import OPTIONS
from extractors.fields.layout import Token, norm

needs_office = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                  reason="the maker converts its fiches with LibreOffice")

_THEMES = [o.text for o in OPTIONS["s3.thematiques"]]


def _group(boxes: dict[int, tuple[str, float]], bilevel: bool | None = False) -> list[Token]:
    """The thématiques of a 150 dpi scan, one line each: box glyph (if read) then the option."""
    tokens = []
    for n, option in enumerate(_THEMES):
        top = 100.0 + 23 * n
        x = 99.0
        if n in boxes:
            text, conf = boxes[n]
            box = (90.0, top, 97.0, top + 7)
            tokens.append(Token(text, norm(text), "scan.pdf", 2, box, conf, box, bilevel))
        for word in option.split():
            box = (x, top, x + 5.0 * len(word), top + 8)
            tokens.append(Token(word, norm(word), "scan.pdf", 2, box, 0.95, box, bilevel))
            x = box[2] + 3.0
    return tokens


_LOST_THREE = {n: ("☐", 0.96) for n in range(10) if n not in (2, 3, 9)}  # seed 37: friches, patrimoine, autre


def test_the_boxes_lost_among_boxes_read_empty_on_a_grey_page_are_the_ticks_trusted():
    assert read_boxes(_group(_LOST_THREE), OPTIONS["s3.thematiques"], listed=True) == \
        (["friches", "patrimoine", "autre"], 0.8)


def test_on_a_fax_the_same_lost_boxes_stay_for_a_reviewer():
    slugs, confidence = read_boxes(_group(_LOST_THREE, bilevel=True), OPTIONS["s3.thematiques"], listed=True)
    assert slugs == ["friches", "patrimoine", "autre"] and confidence <= UNREAD


def test_on_a_page_whose_source_is_not_known_they_stay_for_a_reviewer():
    slugs, confidence = read_boxes(_group(_LOST_THREE, bilevel=None), OPTIONS["s3.thematiques"], listed=True)
    assert slugs == ["friches", "patrimoine", "autre"] and confidence <= UNREAD


def test_a_lost_box_beside_a_tick_read_stays_a_guess():
    boxes = {n: ("☐", 0.96) for n in range(10) if n != 3} | {5: ("☒", 1.0)}
    slugs, confidence = read_boxes(_group(boxes), OPTIONS["s3.thematiques"])
    assert "mobilites" in slugs and confidence <= UNREAD


def test_a_lost_box_among_boxes_ocr_read_stays_a_guess():
    # no box read by the finder: OCR's "[]" may stand for a ticked box as well (a photo's)
    boxes = {n: ("[]", 0.7) for n in range(10) if n != 3}
    slugs, confidence = read_boxes(_group(boxes), OPTIONS["s3.thematiques"])
    assert slugs == ["patrimoine"] and confidence <= UNREAD


def _sheet() -> Image.Image:
    image = Image.new("L", (1240, 600), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    draw = ImageDraw.Draw(image)
    for n, theme in enumerate(_THEMES[:6]):
        draw.rectangle((60, 40 + 90 * n, 84, 64 + 90 * n), outline=0, width=2)
        draw.text((110, 36 + 90 * n), theme, fill=0, font=font)
    return image


def _read(image: Image.Image, fmt: str):
    from extractors.model import FileKind
    from extractors.ocr.engine import TesseractEngine
    from extractors.pages import ReadOptions, read_file

    buf = io.BytesIO()
    image.save(buf, fmt, **({"compression": "group4"} if fmt == "TIFF" else {}), dpi=(150, 150))
    kind = FileKind.PDF if fmt == "PDF" else FileKind.IMAGE
    with tempfile.NamedTemporaryFile(suffix="." + fmt.lower()) as tmp:
        tmp.write(buf.getvalue())
        tmp.flush()
        return read_file(tmp.name, kind, "x", ReadOptions(), TesseractEngine()).pages[0]


def test_a_faxed_page_is_read_as_black_and_white_and_a_grey_scan_as_grey():
    sheet = _sheet()
    assert _read(sheet.convert("1"), "TIFF").bilevel is True  # a fax's G4 TIFF
    assert _read(sheet.convert("1"), "PDF").bilevel is True  # a scan to 1 bit, in a PDF
    grey = sheet.point(lambda v: 235 if v > 128 else 40)  # paper and ink greys, a grey scan's
    assert _read(grey, "PDF").bilevel is False
    assert _read(grey.convert("RGB"), "JPEG").bilevel is False  # a photo


def test_the_page_source_is_kept_by_the_store(store):
    from extractors.model import PageText, ReadResult, Word

    words = (Word("Friches", (300.0, 200.0, 340.0, 212.0), 0.9, 0),)
    pages = tuple(PageText(n, 600.0, 800.0, words, ocr=True, confidence=0.9, bilevel=b)
                  for n, b in ((1, True), (2, False), (3, None)))
    reading = store.save_reading("cd" * 32, 1, ReadResult(pages), (), 0.1)
    assert [p.bilevel for p in store.pages(reading.id)] == [True, False, None]


def _fields(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


@needs_office
def test_three_themes_whose_boxes_the_finder_lost_on_a_150_dpi_scan_are_trusted(tmp_path):
    assert _fields(37, tmp_path)["s3.thematiques"] == {"value": ["friches", "patrimoine", "autre"],
                                                       "status": "extracted"}


@needs_office
def test_a_programme_whose_box_the_finder_lost_on_a_200_dpi_scan_is_trusted(tmp_path):
    assert _fields(44, tmp_path)["s3.programmes"] == {"value": ["villages_d_avenir"], "status": "extracted"}
