"""A phone photo of an unsigned letter whose round stamp lies under the signatory block, across the
bottom edge of the signatory area (the next printed line, a copy list, closes the area; or the area
ends ten lines under the block): the edge cut the stamp's ring into open arcs, measured like a
pen's long strokes, and the letter was read "signed", surely. Strokes the bottom edge cuts are
looked at again on the area lengthened by a stamp's width, whole, only ink reaching into the area
kept: seen whole they are a ring, no pen's, and the check stays undecided (doubt only: a signature
seen whole is still one). Seen whole, a stamp may hold the signatory's name OCR left unread, run
into its ring: a ring found by its circle whose other pieces are only print (dense, a line high)
and crumbs is the stamp's, not a pen's stroke through it (extractors.signature._measured)."""

from __future__ import annotations

import pytest

from tests.extractors.signatures_drawn import stamped_unsigned_photo_check


# bench/signstudy seeds (--every photo), unsigned with a stamp cut by the area's bottom edge, once read
# "signed" at 0.95
@pytest.mark.parametrize("seed", [32, 51, 181, 187])
def test_an_unsigned_photo_whose_stamp_the_area_edge_cuts_is_not_read_signed(tmp_path, seed):
    result = stamped_unsigned_photo_check(seed, tmp_path)
    assert result is not None and result.signed is not True, result
