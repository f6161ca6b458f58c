"""A phone photo of an unsigned letter whose round stamp lies over the signatory's name line: OCR
read none of that line (or only a word of it), so the printed name under the stamp, run into the
stamp's inner ring and lettering, made a long "pen stroke" and the letter was read "signed". The
name line found on the ink beside the stamp (dense letters of print height, outside the ring) is
carried across the stamp's disc like a line OCR read (extractors.signature_stamp_rows.ink_rows):
undecided, never signed (no signed study letter changed: a pen's strokes go on above and below
the line)."""

from __future__ import annotations

import pytest

from tests.extractors.signatures_drawn import stamped_unsigned_photo_check


# bench/signstudy seeds (--every photo), unsigned with a stamp over the name line, once read "signed"
@pytest.mark.parametrize("seed", [70, 80, 86, 217])
def test_an_unsigned_photo_with_a_stamp_over_the_unread_name_is_not_read_signed(tmp_path, seed):
    result = stamped_unsigned_photo_check(seed, tmp_path)
    assert result is not None and result.signed is not True, result
