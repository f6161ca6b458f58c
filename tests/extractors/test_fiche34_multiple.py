"""Groups where several options may be ticked (session fiche34): the boxes the box finder lost,
where it read every other box empty and no tick was read, are the ticks, and trusted. On scans
the finder squares empty boxes but loses crossed ones (the cross merges with the box's sides):
"☐ Aménagement des friches" then "Protection et valorisation du patrimoine" with no box. Beside
a tick read, or where OCR rather than the finder read the boxes, a lost box stays a guess.
Words laid out as the study seeds' scans read them, then the seeds read whole (bench.fichestudy,
real Tesseract).
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

_THEMES = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
           "Aménagement des friches", "Protection et valorisation du patrimoine",
           "Adaptation de l'offre de logements", "Adaptation des mobilités",
           "Accompagnement des projets socio-économiques (ESS) et économiques",
           "Protection, restauration et gestion des écosystèmes et des ressources naturelles",
           "Gestion des risques", "Autre (préciser)"]


def _group(boxes: dict[int, tuple[str, float]], glued: dict[int, tuple[str, float]] | None = None) -> list[Token]:
    """The thématiques of a 150 dpi scan, one line each: box glyph (if read) then the option."""
    tokens = []
    for n, option in enumerate(_THEMES):
        top = 100.0 + 23 * n
        words = option.split()
        if n in (glued or {}):
            words[0] = glued[n][0]
        x = 99.0
        if n in boxes:
            text, conf = boxes[n]
            tokens.append(Token(text, norm(text), "scan.pdf", 2, (90.0, top, 97.0, top + 7), conf,
                                (90.0, top, 97.0, top + 7)))
        elif n in (glued or {}):
            x = 90.0  # the box read with the word, over the boxes' column
        for i, word in enumerate(words):
            conf = glued[n][1] if i == 0 and n in (glued or {}) else 0.95
            box = (x, top, x + 5.0 * len(word), top + 8)
            tokens.append(Token(word, norm(word), "scan.pdf", 2, box, conf, box))
            x = box[2] + 3.0
    return tokens


def test_the_boxes_lost_among_boxes_read_empty_are_the_ticks_trusted():
    # seed 37 (slash, 150 dpi): friches, patrimoine and autre ticked, their boxes lost
    boxes = {n: ("☐", 0.96) for n in range(10) if n not in (2, 3, 9)}
    assert read_boxes(_group(boxes), OPTIONS["s3.thematiques"], listed=True) == \
        (["friches", "patrimoine", "autre"], 0.8)


def test_a_lost_box_beside_a_tick_read_stays_a_guess():
    boxes = {n: ("☐", 0.96) for n in range(10) if n != 3} | {5: ("☒", 1.0)}
    slugs, confidence = read_boxes(_group(boxes), OPTIONS["s3.thematiques"])
    assert "mobilites" in slugs and confidence <= UNREAD


def test_a_lost_box_among_boxes_ocr_read_stays_a_guess():
    # no box read by the finder: OCR's "[]" may stand for a ticked box as well (a photo's)
    boxes = {n: ("[]", 0.7) for n in range(10) if n != 3}
    slugs, confidence = read_boxes(_group(boxes), OPTIONS["s3.thematiques"])
    assert slugs == ["patrimoine"] and confidence <= UNREAD


def _read(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


@needs_office
def test_three_themes_whose_boxes_the_finder_lost_on_a_150_dpi_scan_are_trusted(tmp_path):
    assert _read(37, tmp_path)["s3.thematiques"] == {"value": ["friches", "patrimoine", "autre"],
                                                     "status": "extracted"}


@needs_office
def test_a_programme_whose_box_the_finder_lost_on_a_200_dpi_scan_is_trusted(tmp_path):
    assert _read(44, tmp_path)["s3.programmes"] == {"value": ["villages_d_avenir"], "status": "extracted"}
