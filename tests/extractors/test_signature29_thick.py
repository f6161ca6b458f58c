"""A thick pen at low resolution (issue 11: signed letters left undecided, sent to review).

A felt pen's strokes at 150 dpi or on a photo are wide beside small type: a long sparse flourish
is then no "stroke" by the thin pen's measures, nor a script name whose bold letters fill
their boxes like a logo's shapes. Both are signatures; a logo's blot or a bold word is not."""

from __future__ import annotations

import math

import numpy as np

from extractors.signature import _classify, components, decide

UNIT = 15  # pixels per text-line height: 7 pt type at 150 dpi


def _parts(ink: np.ndarray):
    return [_classify(c) for c in components(ink, float(UNIT))]


def _felt_flourish(ink: np.ndarray, x: int, y: int, width: int = 7, loops: int = 4) -> None:
    """A felt pen's loops, five text heights tall, strokes `width` px wide (half a text height)."""
    import cv2

    points = [(x + 50 * t + 16 * math.sin(2 * math.pi * t), y - 75 * (0.5 - 0.5 * math.cos(2 * math.pi * t)))
              for t in (k / 30 for k in range(loops * 30 + 1))]
    canvas = np.zeros(ink.shape, dtype=np.uint8)
    cv2.polylines(canvas, [np.array(points, dtype=np.int32)], False, 1, width)
    ink |= canvas.astype(bool)


def test_a_felt_pens_long_flourish_is_a_signature():
    ink = np.zeros((10 * UNIT, 20 * UNIT), dtype=bool)
    _felt_flourish(ink, 2 * UNIT, 8 * UNIT, width=7)
    parts = [p for p in _parts(ink) if p.kind != "speck"]
    assert any(p.kind == "stroke" for p in parts)
    assert decide(_parts(ink)).signed is True


def test_a_dark_band_or_a_logo_is_still_no_stroke():
    ink = np.zeros((10 * UNIT, 20 * UNIT), dtype=bool)
    ink[2 * UNIT:7 * UNIT, 2 * UNIT:16 * UNIT] = True  # a filled block (logo, shadow)
    ink[3 * UNIT:6 * UNIT, 4 * UNIT:14 * UNIT] = False  # hollowed: a thick frame, still dense
    assert decide(_parts(ink)).signed is not True


def _script_letter(ink: np.ndarray, x: int, top: int, height: int, width: int, stroke: int) -> None:
    """A script capital's bowl and stem: an open loop `stroke` px thick."""
    import cv2

    canvas = np.zeros(ink.shape, dtype=np.uint8)
    cv2.ellipse(canvas, (x + width // 2, top + height // 2), (width // 2, height // 2), 0, 20, 340, 1, stroke)
    ink |= canvas.astype(bool)


def _bold_a(ink: np.ndarray, x: int, y: int) -> None:
    """A bold script 'a' three text heights tall, its bowl nearly closed: dense as a logo's shape."""
    import cv2

    canvas = np.zeros(ink.shape, dtype=np.uint8)
    points = [(x + 3 * UNIT, y + 5), (x + UNIT, y), (x + 4, y + 2 * UNIT), (x + UNIT + 8, y + 3 * UNIT - 4),
              (x + 3 * UNIT - 6, y + UNIT), (x + 3 * UNIT - 4, y + 3 * UNIT)]
    cv2.polylines(canvas, [np.array(points, dtype=np.int32)], False, 1, 9)
    ink |= canvas.astype(bool)


def test_a_bold_script_name_with_a_filled_letter_is_signed():
    """Letters four text heights tall, side by side: two open, one (a bold 'a') filling its box."""
    ink = np.zeros((8 * UNIT, 20 * UNIT), dtype=bool)
    _script_letter(ink, 1 * UNIT, 1 * UNIT, 4 * UNIT, 3 * UNIT, 7)
    _bold_a(ink, 5 * UNIT, 2 * UNIT)
    _script_letter(ink, 9 * UNIT, 2 * UNIT, 3 * UNIT, 4 * UNIT, 7)
    kinds = sorted(p.kind for p in _parts(ink) if p.kind != "speck")
    assert kinds == ["filled", "glyph", "glyph"]
    assert decide(_parts(ink)).signed is True


def test_one_open_letter_beside_a_logo_is_no_script_name():
    ink = np.zeros((8 * UNIT, 20 * UNIT), dtype=bool)
    _script_letter(ink, 1 * UNIT, 1 * UNIT, 4 * UNIT, 3 * UNIT, 7)
    _bold_a(ink, 5 * UNIT, 2 * UNIT)
    assert decide(_parts(ink)).signed is None
    # three letters, but the dense shape far from the open ones: no word
    ink = np.zeros((8 * UNIT, 30 * UNIT), dtype=bool)
    _script_letter(ink, 1 * UNIT, 1 * UNIT, 4 * UNIT, 3 * UNIT, 7)
    _script_letter(ink, 5 * UNIT, 2 * UNIT, 3 * UNIT, 4 * UNIT, 7)
    _bold_a(ink, 20 * UNIT, 2 * UNIT)
    assert decide(_parts(ink)).signed is None


def test_a_bold_script_name_scanned_at_150_dpi_is_signed(tmp_path):
    """bench/signstudy seed 84: 'Paris' in a bold blue script beside the block, scan 150 dpi."""
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(84, tmp_path)
    assert signed and info["render"] == "script"
    result = check_seed(84, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is True


def test_a_wide_sparse_shape_inside_a_stamps_ring_is_the_stamps():
    """The felt pen's measures do not reach into a stamp's disc: its emblem, its lettering run
    together, may measure so; the stamp alone is no signature."""
    import cv2

    ink = np.zeros((16 * UNIT, 24 * UNIT), dtype=bool)
    canvas = np.zeros(ink.shape, dtype=np.uint8)
    cv2.circle(canvas, (12 * UNIT, 8 * UNIT), int(7.5 * UNIT), 1, 3)
    ink |= canvas.astype(bool)
    _felt_flourish(ink, 8 * UNIT, 11 * UNIT, loops=2)
    for x in range(8 * UNIT, 16 * UNIT, 18):  # the stamp's own small lettering, a row of print
        ink[3 * UNIT:4 * UNIT, x:x + 12] = True
        ink[3 * UNIT + 2:4 * UNIT - 2, x + 2:x + 10] = False
    parts = _parts(ink)
    assert any(p.kind == "ring" for p in parts) and any(p.kind == "stroke" for p in parts)
    assert decide(parts).signed is not True
