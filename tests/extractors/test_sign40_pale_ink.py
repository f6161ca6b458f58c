"""A phone photo of a letter signed in light-blue ink with a fine pen: the strokes stay fainter
than the ink mask's seed everywhere but where they run into the printed name, masked with it, so
the area read empty and the letter "not signed" at 0.92. "Not signed" is asserted only when the
whole area is empty of ink other than print: looked at again with the ink's thresholds lowered
(extractors.signature_pale, the paper found by closing, so that a photo's shading is no ink), the
signature's long thin strokes show and the check stays undecided. Unsigned photos, shaded by the
sheet's curl, are still read unsigned."""

from __future__ import annotations

import pytest


# bench/signstudy seed 192 (--every photo): light-blue pen, 0.55 weight, over the name, read unsigned
def test_a_pale_signature_on_a_photo_is_not_read_unsigned(tmp_path):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(192, tmp_path, "photo")
    assert signed and info["ink"] == "light_blue"
    result = check_seed(192, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not False, result


# unsigned photos read "not signed" (183: the sheet's curl shades the area; 184: a stamp there)
@pytest.mark.parametrize("seed", [183, 184])
def test_an_unsigned_photo_shaded_by_its_curl_is_still_read_unsigned(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, "photo")
    assert not signed
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is False, result
