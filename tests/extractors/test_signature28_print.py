"""Ink that print or the paper makes, not taken for a pen's (issue 11: unsigned letters read signed,
sure). A sheet's edge on a photo is a straight line; print's letters unmasked (a word taller than
the zone's text height says) stand in the band of their printed row; a photo's blur between two
words leaves dots, no line. Unsigned letters of the generator's maker, scanned and
photographed, are not read signed; signed ones still are."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors.signature import _classify, components, decide
from extractors.signature_print import in_print_rows

UNIT = 20


def _parts(ink: np.ndarray, words: np.ndarray | None = None, boxes=()):
    parts = [_classify(c) for c in components(ink, float(UNIT), words)]
    return in_print_rows(parts, list(boxes), float(UNIT))


def _pen(ink: np.ndarray, x: int, y: int, letters: int = 6) -> None:
    """A pen's joined slanted loops, from `y` up to two text heights, 2 px wide."""
    import cv2

    points = [(x + 16 * t + 9 * math.sin(2 * math.pi * t), y - 40 * (0.5 - 0.5 * math.cos(2 * math.pi * t)))
              for t in (k / 24 for k in range(letters * 24 + 1))]
    canvas = np.zeros(ink.shape, dtype=np.uint8)
    cv2.polylines(canvas, [np.array(points, dtype=np.int32)], False, 1, 2)
    ink |= canvas.astype(bool)


def test_a_straight_slanted_line_is_no_signature():
    ink = np.zeros((12 * UNIT, 16 * UNIT), dtype=bool)
    for y in range(UNIT, 11 * UNIT):  # a sheet's edge on a photo, slightly slanted
        x = 14 * UNIT + (y - UNIT) // 30
        ink[y, x:x + 2] = True
    check = decide(_parts(ink))
    assert check.signed is None  # unexplained ink: never "signed", nor "not signed"


def test_a_pen_stroke_beside_is_still_signed():
    ink = np.zeros((12 * UNIT, 16 * UNIT), dtype=bool)
    _pen(ink, 2 * UNIT, 6 * UNIT)
    assert decide(_parts(ink)).signed is True


def _print_row(ink: np.ndarray, x0: int, x1: int, top: int, bottom: int) -> None:
    """Print letters one beside the other (outlined boxes, 2 px strokes)."""
    for x in range(x0, x1, 16):
        ink[top:bottom, x:x + 12] = True
        ink[top + 2:bottom - 2, x + 2:x + 10] = False


def test_print_letters_in_a_printed_rows_band_are_print_however_tall():
    ink = np.zeros((10 * UNIT, 30 * UNIT), dtype=bool)
    words = np.zeros(ink.shape, dtype=bool)
    top, bottom = 2 * UNIT, 2 * UNIT + 30  # a row 1.5 text heights tall (the text height measured too small)
    words[top - 5:bottom + 5, 2 * UNIT:8 * UNIT] = True  # one word of the row masked, its neighbours not
    _print_row(ink, 2 * UNIT, 26 * UNIT, top, bottom)
    parts = _parts(ink, words, [(2 * UNIT, top, 8 * UNIT, bottom)])
    assert all(p.kind in ("text", "speck", "rule") for p in parts)
    assert decide(parts).signed is False
    # without the printed word beside them, the same letters, taller than the text height
    # says, pass for a name written by hand
    assert decide(_parts(ink, words)).signed is True


def test_a_signature_taller_than_the_row_is_not_taken_for_its_print():
    ink = np.zeros((10 * UNIT, 30 * UNIT), dtype=bool)
    words = np.zeros(ink.shape, dtype=bool)
    top, bottom = 4 * UNIT, 5 * UNIT
    words[top - 5:bottom + 5, 2 * UNIT:8 * UNIT] = True
    _print_row(ink, 2 * UNIT, 8 * UNIT, top, bottom)
    _pen(ink, 9 * UNIT, 5 * UNIT + 10)  # loops from below the row to above it, beside the word
    assert decide(_parts(ink, words, [(2 * UNIT, top, 8 * UNIT, bottom)])).signed is True


def test_a_printed_box_far_taller_than_its_row_gives_no_band():
    """A signature's initial read "S." and masked: its box, as tall as the strokes, is no row."""
    ink = np.zeros((10 * UNIT, 30 * UNIT), dtype=bool)
    words = np.zeros(ink.shape, dtype=bool)
    typed = [(2 * UNIT, 8 * UNIT, 8 * UNIT, 9 * UNIT), (9 * UNIT, 8 * UNIT, 14 * UNIT, 9 * UNIT)]
    initial = (2 * UNIT, 2 * UNIT, 2 * UNIT + 6, 6 * UNIT)
    for x0, y0, x1, y1 in typed + [initial]:
        words[y0:y1, x0:x1] = True
    _pen(ink, 3 * UNIT, 5 * UNIT)
    assert decide(_parts(ink, words, typed + [initial])).signed is True


def test_scattered_dots_crossing_the_print_are_no_pen_line():
    ink = np.zeros((6 * UNIT, 20 * UNIT), dtype=bool)
    words = np.zeros(ink.shape, dtype=bool)
    words[2 * UNIT:3 * UNIT, 2 * UNIT:6 * UNIT] = True
    words[2 * UNIT:3 * UNIT, 11 * UNIT:15 * UNIT] = True
    # a photo's blur: faint dots between two words, joined to both through their letters
    ink[2 * UNIT + 8, 5 * UNIT:12 * UNIT] = True
    ink[2 * UNIT + 8, 6 * UNIT:11 * UNIT] = False
    for x in range(6 * UNIT, 11 * UNIT, 9):
        ink[2 * UNIT + 4:2 * UNIT + 6, x:x + 2] = True
    ink[2 * UNIT + 4:2 * UNIT + 9, 6 * UNIT - 1:6 * UNIT + 1] = True
    ink[2 * UNIT + 4:2 * UNIT + 9, 11 * UNIT - 1:11 * UNIT + 1] = True
    assert decide(_parts(ink, words)).signed is not True


# seeds of bench/signstudy: unsigned letters once read signed, sure (scan 200 and 150 dpi, 1-bit, photo)
@pytest.mark.parametrize("seed", [13, 40, 86, 160, 252])
def test_unsigned_maker_letters_are_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, stamp=False)
    assert not signed
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None
    assert result.signed is not True


@pytest.mark.parametrize("seed", [1, 28, 161])
def test_signed_maker_letters_are_still_signed(tmp_path, seed):
    """A blue pen over the name scanned at 200 dpi, one whose flourish is a straight line on a
    photo, a pasted signature crossing the name on a digital letter."""
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path)
    assert signed
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is True


def test_a_signature_above_a_block_read_from_its_second_line_is_never_not_signed(tmp_path):
    """"Pour le Maire empêché, / le Premier adjoint": the block taken from its name, the area
    starts under the title and the blue signature drawn above it lies outside (scan 150 dpi)."""
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(288, tmp_path)
    assert signed and info["mode"] == "above"
    result = check_seed(288, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not False
