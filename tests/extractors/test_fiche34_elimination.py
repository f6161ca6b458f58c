"""A single-choice group's answer told by elimination (session fiche34), on the unseen maker's
fiches made, degraded and read whole by the pipeline (bench.fichestudy's study seeds: real
Tesseract). The box finder loses a crossed box ("☐ Site ou îlot” Communale ☐ Intercommunale":
the ☒ read as a quote glued to "îlot") while it reads the empty ones: with every option read
and every other box read empty, the lost box is the tick, and the choice is trusted; a tick read
beside a box OCR read as a letter ("g Intercommunale") is the one answer too (an option told by
its first words only stays a guess: tests/extractors/test_fiche30_groups.py).
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


def _read(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


def _line(words: list[tuple[str, float, float]], top: float = 90.0) -> list[Token]:
    """(text, x0, conf) words on one line of a 300 dpi scan's page."""
    return [Token(t, norm(t), "scan.pdf", 2, (x, top, x + 6.0 * len(t), top + 7.0), c, (x, top, x + 6.0 * len(t), top + 7.0))
            for t, x, c in words]


_LOST_COMMUNALE = [("☐", 232, 0.99), ("Site", 243, 0.96), ("ou", 262, 0.87), ("îlot”", 275, 0.45),
                   ("Communale", 314, 0.83), ("☐", 382, 1.0), ("Intercommunale", 393, 0.89)]


def test_the_one_box_lost_among_empty_ones_of_a_single_choice_is_its_tick():
    assert read_boxes(_line(_LOST_COMMUNALE), OPTIONS["s2.echelle"], single=True) == (["communale"], 0.8)


def test_a_lost_box_stays_a_guess_where_several_may_be_ticked_or_another_box_is_unread():
    # the same line read as a group of several choices: other ticks may be lost too
    slugs, confidence = read_boxes(_line(_LOST_COMMUNALE), OPTIONS["s2.echelle"])
    assert slugs == ["communale"] and confidence <= UNREAD
    # the Intercommunale box read as a doubted letter, not as an empty box: nothing eliminates
    doubted = [w if w[0] != "☐" or w[1] != 382 else ("g", 382, 0.81) for w in _LOST_COMMUNALE]
    slugs, confidence = read_boxes(_line(doubted), OPTIONS["s2.echelle"], single=True)
    assert confidence < 0.7


def test_a_tick_read_beside_a_box_read_as_a_letter_is_the_one_answer():
    line = [("☐", 232, 0.93), ("Site", 243, 0.96), ("ou", 262, 0.96), ("îlot", 275, 0.85),
            ("☒", 303, 1.0), ("Communale", 314, 0.95), ("g", 382, 0.81), ("Intercommunale", 393, 0.89)]
    assert read_boxes(_line(line), OPTIONS["s2.echelle"], single=True) == (["communale"], 0.8)
    # several answers allowed: the letter may be a second tick misread
    assert read_boxes(_line(line), OPTIONS["s2.echelle"])[1] < 0.7


@needs_office
def test_a_tick_read_beside_a_box_read_as_g_on_a_scan_is_trusted(tmp_path):
    """A dash fiche scanned at 150 dpi: "☒ Communale", Intercommunale's box read "g"."""
    assert _read(38, tmp_path)["s2.echelle"] == {"value": "communale", "status": "extracted"}


@needs_office
def test_a_crossed_box_lost_on_a_300_dpi_scan_is_told_by_the_empty_ones(tmp_path):
    """An official fiche scanned at 300 dpi: Communale's ☒ read into "îlot”"."""
    assert _read(16, tmp_path)["s2.echelle"] == {"value": "communale", "status": "extracted"}


@needs_office
def test_a_crossed_box_lost_on_a_table_fax_is_told_by_the_empty_ones(tmp_path):
    """A table fiche faxed: "Site ou îlot" read without its ☒, both other boxes read empty."""
    assert _read(59, tmp_path)["s2.echelle"] == {"value": "site", "status": "extracted"}
