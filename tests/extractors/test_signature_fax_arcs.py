"""A light or fine pen past a fax's threshold keeps only the arcs of its loops, apart, each too
short to be a stroke: two tall thin arcs with sparse pieces about them are a signature. Print's
letters are dense; a stamp faxed alone, or an empty block, is never called signed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractors.signature import InkComponent, decide
from tests.extractors.signatures_fax import faxed_letter, read_faxed


def test_a_fine_black_pen_faxed_into_arcs_is_a_signature(tmp_path):
    check, _ = read_faxed(faxed_letter(34, 150, "gap", "black", 0.55, False, True, "fax"), 150, tmp_path, "arcs")
    assert check is not None and check.signed is True, check


@pytest.mark.parametrize("seed, dpi, stamp, how", [(103, 300, False, "fax"), (106, 300, False, "bin"),
                                                  (108, 150, False, "bin"), (30, 150, False, "fax"),
                                                  (110, 200, False, "fax")])
def test_unsigned_faxed_letters_are_never_called_signed(tmp_path, seed, dpi, stamp, how):
    check, _ = read_faxed(faxed_letter(seed, dpi, "gap", "black", 1.0, stamp, False, how), dpi, tmp_path, "empty")
    assert check is None or check.signed is not True, check


def _arc(x: int, y: int, height: float, fill: float = 0.2, stroke: float = 0.08) -> InkComponent:
    """A glyph-like piece 20 px per text line, `height` lines tall."""
    return InkComponent((x, y, x + 12, y + int(20 * height)), 0.6, height, fill, stroke, 2.0 * height, 0.0,
                        kind="glyph")


def test_two_thin_tall_arcs_with_pieces_about_them_are_a_pens_loops():
    parts = [_arc(0, 0, 1.5), _arc(60, 50, 0.6), _arc(100, 10, 0.7), _arc(150, 30, 1.4)]
    assert decide(parts).signed is True


@pytest.mark.parametrize("change", ["dense", "one_arc", "thick", "narrow", "round"])
def test_print_like_pieces_or_a_single_arc_stay_undecided(change):
    """Dense letters, one arc alone (a parenthesis), strokes as thick as print's, all within a
    letter's width, or arcs round a centre as tall as wide (a faxed stamp's broken ring): no pen's loops."""
    parts = [_arc(0, 0, 1.5), _arc(60, 50, 0.6), _arc(100, 10, 0.7), _arc(150, 30, 1.4)]
    if change == "dense":
        parts = [replace(p, fill=0.5) for p in parts]
    elif change == "one_arc":
        parts = parts[:3]
    elif change == "thick":
        parts = [replace(p, stroke=0.2) for p in parts]
    elif change == "round":  # a ring's left and right arcs, its top and bottom pieces
        parts = [_arc(0, 30, 1.5), _arc(80, 30, 1.5), _arc(40, 0, 0.6), _arc(40, 80, 0.6)]
    else:  # all within a letter's width, one over the other
        parts = [replace(p, box=(0, p.box[1] + 60 * i, 12, p.box[3] + 60 * i)) for i, p in enumerate(parts)]
    assert decide(parts).signed is None
