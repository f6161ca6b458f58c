"""A région whose answer OCR lost on a scan (session 31, bench/fichestudy.py: a table's
"Région  Martinique" read "Région" alone, on a 200 dpi black-and-white scan and a 150 dpi colour
one): unknown, not unanswered; the département's région is proposed to a reviewer."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from schemas.cog import Cog
from schemas.normalise import normalise_fields
from tests.extractors.test_fiche_layouts import _page

_LINES = [(60.0, 60.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
          (60.0, 80.0, "Commune(s) concernée(s) : Fort-de-France"),
          (60.0, 95.0, "Département : Martinique"),
          (60.0, 110.0, "Région :"),
          (60.0, 125.0, "Secteur d'étude : La plaine agricole"),
          (60.0, 140.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
          (60.0, 155.0, "Intitulé de l'Atelier : Fort-de-France demain")]


def _fields(ocr: bool):
    return extract_fiche([("scan.pdf", _page(_LINES, ocr=ocr))])


def test_a_region_read_empty_on_a_scan_is_unknown_and_the_departements_is_proposed():
    raw = _fields(ocr=True)
    assert raw["s2.region"].value is None
    assert raw["s2.region"].status is FieldStatus.NEEDS_REVIEW  # not "left unanswered"
    region = normalise_fields(raw, Cog.load())["s2.region"]
    assert region.value == "02"
    assert region.status is FieldStatus.NEEDS_REVIEW  # deduced, never sure


def test_a_region_left_empty_in_a_text_layer_stays_unanswered():
    raw = _fields(ocr=False)
    assert raw["s2.region"].status is FieldStatus.MISSING
    assert normalise_fields(raw, Cog.load())["s2.region"].value is None
