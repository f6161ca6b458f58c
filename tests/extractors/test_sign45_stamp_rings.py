"""Unsigned letters with an official stamp, photographed: the blur runs the stamp's rings into
the print near them, so a ring is no round piece and its strokes measure like a pen's.

- A stamp over the signatory's name (signstudy seed 17): its inner ring, run into the name's
  print, was one long "stroke". Round the found outer ring's centre it lies on a circle seen
  from most directions; cut along it, only print and lettering are left: the stamp's ink.
- A stamp by the block (seed 10): at the page's own text height its rings are found and the
  area is undecided; measured again in a smaller height, its lettering looked like strokes
  and the letter was read signed. Parts of the stamp found at the page's height, they stay
  no signature.
Inputs: the letters signstudy draws, photographed by the unseen generator, read as the pipeline
reads them.
"""

from __future__ import annotations

from pathlib import Path

from bench.signstudy import check_seed, make_file


def _read(seed: int, folder: Path):
    path, kind, _, signed = make_file(seed, folder, "photo", signed=False, stamp=True)
    assert not signed
    return check_seed(seed, path, kind, folder / f"{seed}.pages")


def test_inner_ring_run_into_the_name_is_the_stamps(tmp_path):
    check = _read(17, tmp_path)
    assert check.signed is not True


def test_a_smaller_height_keeps_a_stamp_found_at_the_page_height(tmp_path):
    check = _read(10, tmp_path)
    assert check.signed is not True
