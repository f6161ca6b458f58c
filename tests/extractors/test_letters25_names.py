"""Session 25's letter names: a civility OCR slipped ("Mmé", "Mne", "Mrne") is no part of the name."""

from __future__ import annotations

import pytest

from extractors.fields.signataire import name_of
from tests.extractors.letters import row_line


@pytest.mark.parametrize("civility", ["Mme", "Mmé", "Mme.", "Mne", "Mrne", "MMÉ"])
def test_a_civility_read_with_a_slip_is_left_out_of_the_name(civility):
    name = name_of([row_line(320, 600, f"{civility} Amandine Rigaud", 0)])
    assert name is not None and name.text == "Amandine Rigaud"


@pytest.mark.parametrize("written", ["Mélanie Rigaud", "Mehdi Rigaud", "Nelly Rigaud"])
def test_first_names_that_look_alike_are_kept(written):
    name = name_of([row_line(320, 600, written, 0)])
    assert name is not None and name.text == written
