"""A given name read by OCR starting with a bare E whose common spellings start with É is not
sure, whatever accents inside go with it: "Eloise" for "Éloïse" (the É and the ï both lost),
though INSEE's register holds more "Eloise" than "Éloïse" (a register written in capitals for
decades). Real register; the words as real Tesseract reads a generated page."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.fields.given_names import capital_accent_lost, doubt_accents
from extractors.model import FieldStatus, FieldValue, FileKind, Source
from extractors.ocr.engine import TesseractEngine
from extractors.pages import ReadOptions, read_file
from tests.extractors.letters import page

FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"


@pytest.mark.parametrize(("word", "lost"), [("Eloise", True), ("ELOISE", True), ("Eleonore", True),
                                            ("Elena", True), ("Etienne", True), ("Elodie", True),
                                            ("Emma", False), ("Eve", False), ("Estelle", False)])
def test_a_bare_e_whose_common_spellings_start_with_an_accented_e(word, lost):
    assert capital_accent_lost(word) is lost


def _value(text: str) -> FieldValue:
    return FieldValue(text, 0.93, Source("scan.pdf", 1, (300, 700, 420, 712)), FieldStatus.EXTRACTED)


def test_eloise_read_on_a_scan_goes_to_review_as_read():
    scan = page([(700, [(300, "Eloise LEMAITRE")])], ocr=True)
    out = doubt_accents({"s1.collectivite.contact_nom": _value("Eloise LEMAITRE")}, [("scan.pdf", scan)])
    value = out["s1.collectivite.contact_nom"]
    assert value.value == "Eloise LEMAITRE" and value.status is FieldStatus.NEEDS_REVIEW
    typed = page([(700, [(300, "Eloise LEMAITRE")])])  # a text layer: as typed, hers
    assert doubt_accents({"s1.collectivite.contact_nom": _value("Eloise LEMAITRE")},
                         [("scan.pdf", typed)])["s1.collectivite.contact_nom"].status is FieldStatus.EXTRACTED


def test_a_name_tesseract_reads_eloise_on_a_150_dpi_scan_is_for_a_reviewer(tmp_path):
    dpi = 150
    image = Image.new("L", (int(8.27 * dpi), int(3 * dpi)), 255)
    font = ImageFont.truetype(FONT, int(11 * dpi / 72))
    ImageDraw.Draw(image).text((int(0.8 * dpi), int(1.2 * dpi)), "Référente : Eloise LEMAITRE", font=font, fill=0)
    path = tmp_path / "scan.png"
    image.save(path, dpi=(dpi, dpi))
    read = read_file(str(path), FileKind.IMAGE, "scan.png", ReadOptions(), TesseractEngine())
    words = [w for p in read.pages for w in p.words]
    assert "Eloise" in [w.text for w in words]
    box = next(w.bbox for w in words if w.text == "Eloise")
    value = FieldValue("Eloise LEMAITRE", 0.95, Source("scan.png", 1, box), FieldStatus.EXTRACTED)
    out = doubt_accents({"s1.etat.referent_nom": value}, [("scan.png", p) for p in read.pages])
    assert out["s1.etat.referent_nom"].status is FieldStatus.NEEDS_REVIEW
    assert out["s1.etat.referent_nom"].value == "Eloise LEMAITRE"
