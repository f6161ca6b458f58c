"""A stamp over the typed name on a phone photo, the name under it unread: its line of print,
joined to the stamp's inner ring and lettering, made a long "pen stroke" and an unsigned letter
read "signed". Carrying the printed lines across the stamp (extractors.signature_stamp_rows) did
not apply there: the photo's OCR boxes its words over two lines, the page's text height doubles,
and the stamp's radius measured less than two of it; and a line carried to 0.9 of the radius bit
into the ring's band (ring_score inks it from 0.8), leaving no round ring but a "stroke". The
lines now stop short of the ring, and a stamp's least radius is 1.5 text heights."""

from __future__ import annotations

import pytest

from extractors.signature_stamp_rows import INSIDE, rows_through_stamps


def test_a_carried_line_stops_short_of_the_rings_band():
    assert INSIDE < 0.8  # extractors.signature_shapes.ring_score: a ring's ink from 0.8 of its radius
    ring = (100, 100, 300, 300)  # radius 100 px
    rows = rows_through_stamps([(10, 190, 60, 210)], [ring], 20.0)
    assert rows and rows[0][0] >= 100 + 0.2 * 100 and rows[0][2] <= 300 - 0.2 * 100


def test_a_stamp_under_two_doubled_text_heights_still_carries_the_lines():
    ring = (100, 100, 300, 300)  # radius 100 px: 1.8 of a photo's doubled text height of 55 px
    assert rows_through_stamps([(10, 190, 60, 210)], [ring], 55.0)
    assert not rows_through_stamps([(10, 190, 60, 210)], [ring], 75.0)  # 1.3: a pen's loop's size


# bench/signstudy seed 17 (--every photo), unsigned, a stamp over the typed name: once read "signed"
@pytest.mark.parametrize("seed", [17])
def test_an_unsigned_photo_with_a_stamp_over_the_name_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, "photo")
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result
