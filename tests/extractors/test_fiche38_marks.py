"""Check boxes on grey scans (session fiche38): in a group where the box finder squared a
crossed box (☒), a mark OCR read in another box's place ("a Revitalisation" at 0.70) or a box
read into its option's first word ("El'Autre" at 0.47) is an empty box misread, no tick; the
answer read without it stays for a reviewer. On a fax such a mark still says ticked
(boxes._unread_ticks). Words laid out as the study seeds' 150 and 200 dpi scans read them; then
the seeds read whole (real maker, real LibreOffice and Tesseract: bench.fichestudy).
"""

from __future__ import annotations

import shutil

import pytest

from bench.fichestudy import fields_of, make_files, read_pages
from extractors.fields.boxes import UNREAD, read_boxes
from extractors.fields.form import OPTIONS
from extractors.fields.layout import Token, norm

needs_office = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                  reason="the maker converts its fiches with LibreOffice")

_THEMES = [o.text for o in OPTIONS["s3.thematiques"]]


def _group(boxes: dict[int, tuple[str, float]], swallowed: dict[int, tuple[str, float]] | None = None,
           bilevel: bool | None = False) -> list[Token]:
    """The thématiques of a grey scan, one line each: the box glyph or mark read, then the
    option; `swallowed`: the option's first word read from the box's place, box and word as one."""
    tokens = []
    for n, option in enumerate(_THEMES):
        top, x = 100.0 + 23 * n, 99.0
        words = option.split()
        if n in boxes:
            text, conf = boxes[n]
            box = (90.0, top, 97.0, top + 7)
            tokens.append(Token(text, norm(text), "scan.pdf", 2, box, conf, box, bilevel))
        if swallowed and n in swallowed:
            text, conf = swallowed[n]
            box = (90.0, top, x + 5.0 * len(words[0]), top + 8)
            tokens.append(Token(text, norm(text), "scan.pdf", 2, box, conf, box, bilevel))
            x, words = box[2] + 3.0, words[1:]
        for word in words:
            box = (x, top, x + 5.0 * len(word), top + 8)
            tokens.append(Token(word, norm(word), "scan.pdf", 2, box, 0.95, box, bilevel))
            x = box[2] + 3.0
    return tokens


def test_a_letter_read_in_a_box_place_beside_crossed_boxes_the_finder_squared_is_no_tick():
    # seed 38 (150 dpi): "a Revitalisation", economie_ess and autre squared crossed
    boxes = {n: ("☐", 0.96) for n in range(10)} | {0: ("a", 0.70), 6: ("☒", 1.0), 9: ("☒", 1.0)}
    slugs, confidence = read_boxes(_group(boxes), OPTIONS["s3.thematiques"])
    assert slugs == ["economie_ess", "autre"] and confidence <= UNREAD


def test_a_box_read_into_its_option_beside_a_crossed_box_the_finder_squared_is_no_tick():
    # seed 40 (200 dpi): "El'Autre (préciser)", revitalisation_centre squared crossed
    boxes = {n: ("☐", 0.99) for n in range(9)} | {0: ("☒", 1.0)}
    slugs, confidence = read_boxes(_group(boxes, swallowed={9: ("El'Autre", 0.47)}), OPTIONS["s3.thematiques"])
    assert slugs == ["revitalisation_centre"] and confidence <= UNREAD


def _fields(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


@needs_office
def test_the_themes_of_a_150_dpi_scan_with_an_empty_box_read_as_a_letter(tmp_path):
    assert _fields(38, tmp_path)["s3.thematiques"] == {"value": ["economie_ess", "autre"],
                                                       "status": "needs_review"}


@needs_office
def test_the_themes_of_a_200_dpi_scan_with_an_empty_box_read_into_its_option(tmp_path):
    assert _fields(40, tmp_path)["s3.thematiques"] == {"value": ["revitalisation_centre"],
                                                       "status": "needs_review"}
