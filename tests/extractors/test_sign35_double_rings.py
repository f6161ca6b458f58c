"""A double-ringed stamp on a 150 dpi grey scan: its lettering between the two rings, run together
along the arc (the outer ring often broken), measured like a pen's long strokes and an unsigned
letter read "signed". What lies wholly within a round outline holding a second ring about the same
centre is the stamp's (extractors.signature_double); having left such strokes out, the check stays
undecided rather than assert "not signed"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from extractors.signature_double import double_rings, in_double_ring


def _part(box, kind="stroke", ring=0.0):
    return SimpleNamespace(box=box, kind=kind, ring=ring)


def test_a_broken_outline_round_a_ring_is_a_double_ringed_stamp():
    outer = _part((0, 0, 250, 250), "stroke", 0.6)
    inner = _part((60, 60, 190, 190), "ring", 0.95)
    lettering = _part((10, 20, 60, 90))
    assert double_rings([outer, inner, lettering], [inner]) == [outer]
    assert in_double_ring(lettering, [outer])


def test_a_loop_off_the_ring_centre_or_a_single_ring_is_not():
    inner = _part((60, 60, 190, 190), "ring", 0.95)
    off = _part((50, 50, 400, 300), "stroke", 0.6)  # a pen's loop round the stamp, centred elsewhere
    assert double_rings([off, inner], [inner]) == []
    assert double_rings([inner], [inner]) == []


# bench/signstudy seeds, unsigned with a stamp, once read "signed" on a 150 dpi scan:
# 50 and 51 (--every scan150), 66 and 79 (--every scan150 --unsigned)
@pytest.mark.parametrize("seed", [50, 51, 66, 79])
def test_an_unsigned_letter_with_a_double_ringed_stamp_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, "scan150", False)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result
