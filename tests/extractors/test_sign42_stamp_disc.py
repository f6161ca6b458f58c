"""A round stamp on a fax, its ring broken by the threshold into dots and arcs, no piece round:
its emblem (a star), its lettering or the print under it run into a stretch of the ring measure
like a pen's strokes, and the unsigned letter was read "signed", sure. A letter only stamped is
not signed: when all the ink a "signed" rests on lies inside the disc of a broken ring found by
its circle on the rest of the area's ink (extractors.signature_rings.in_broken_ring), nothing
proves a pen and the check is undecided, for a reviewer. A pen's own oval round its initials is
no stamp's ring (the ring is looked for outside the ink the verdict rests on), and a signature
going out of the stamp's disc stays signed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors.signature_rings import in_broken_ring

UNIT = 16.0  # pixels per text-line height


def _dashed_ring(ink: np.ndarray, cx: float, cy: float, radius: float, pieces: int = 24, share: float = 0.4) -> None:
    """A ring kept in `pieces` stretches covering `share` of it (a threshold's broken ring)."""
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    angle = (np.arctan2(ys - cy, xs - cx) + math.pi) / (2 * math.pi) * pieces
    ink[(np.abs(np.hypot(xs - cx, ys - cy) - radius) <= 1.5) & (angle % 1.0 < share)] = True


def _star(ink: np.ndarray, cx: int, cy: int, size: int) -> tuple[int, int, int, int]:
    """A filled five-pointed star (a stamp's emblem), its box."""
    import cv2

    points = [(cx + (size if k % 2 == 0 else 0.42 * size) * math.cos(-math.pi / 2 + k * math.pi / 5),
               cy + (size if k % 2 == 0 else 0.42 * size) * math.sin(-math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    canvas = ink.astype(np.uint8)
    cv2.fillPoly(canvas, [np.array(points, dtype=np.int32)], 1)
    ink[:] = canvas.astype(bool)
    return cx - size, cy - size, cx + size + 1, cy + size + 1


def test_an_emblem_inside_a_broken_ring_is_the_stamps():
    ink = np.zeros((300, 400), dtype=bool)
    _dashed_ring(ink, 210, 150, 90)
    box = _star(ink, 210, 150, 30)
    assert in_broken_ring(ink, box, UNIT)


def test_ink_alone_or_going_out_of_the_stamp_is_not_set_aside():
    ink = np.zeros((300, 400), dtype=bool)
    box = _star(ink, 210, 150, 30)
    assert not in_broken_ring(ink, box, UNIT)  # no ring round it
    _dashed_ring(ink, 210, 150, 90)
    ink[140:146, 150:390] = True  # a pen's stroke across the stamp and out of it
    assert not in_broken_ring(ink, (150, 120, 390, 181), UNIT)


def test_a_pens_oval_round_its_initials_is_no_stamps_ring():
    import cv2

    canvas = np.zeros((300, 400), dtype=np.uint8)
    cv2.ellipse(canvas, (200, 150), (70, 60), 0, 0, 360, 1, 3)  # the pen's oval, whole
    cv2.polylines(canvas, [np.array([(170, 170), (185, 120), (200, 170), (215, 125), (230, 170)], np.int32)],
                  False, 1, 3)
    assert not in_broken_ring(canvas.astype(bool), (127, 87, 274, 214), UNIT)


# bench/signstudy seeds (--every fax): unsigned maker letters with a round stamp whose star (5) or
# lettering and ring arcs (10) were read as a pen's strokes, "signed", sure
@pytest.mark.parametrize("seed", [5, 10])
def test_a_stamped_unsigned_fax_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, "fax", False)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result


# seed 30 (--every fax): a signed letter, its stamp beside the signature: still signed
def test_a_signed_and_stamped_fax_stays_signed(tmp_path):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(30, tmp_path, "fax")
    assert signed and info["stamp"]
    result = check_seed(30, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is True, result


# a paraph (initials in a pen's oval) drawn wholly inside a stamp's disc on a fax
# (samples/unseen/tune/04, the collectivité's letter), and seed 117 (--every fax, a thick pen's
# long strokes over the stamp's centre): the pen's sparse strokes reach the stamp's inner disc
def test_a_pens_strokes_in_the_stamps_inner_disc_stay_signed(tmp_path):
    import dataclasses
    from pathlib import Path

    from bench.signstudy import read_pages
    from extractors.fields.courrier import block_worth_reading, read_letter
    from extractors.model import PieceKind
    from worker.core.signatures import signature_of

    path = Path(__file__).parents[2] / "samples/unseen/tune/04_l-ajoupa-bouillon_slash_fax_folder/input/FAX_972_759670.tif"
    pages = read_pages(path, "image", tmp_path / "pages")
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, path.name, tuple(pages))
    zone = dataclasses.replace(reading.zone, read_block=block_worth_reading(reading))
    assert signature_of(str(path), "image", pages[zone.page], zone, 10**8).signed is True


def test_a_thick_pen_over_a_stamps_centre_stays_signed(tmp_path):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(117, tmp_path, "fax")
    assert signed and info["stamp"]
    result = check_seed(117, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is True, result
