"""Letters' dates lost to one OCR slip on bench/letterstudy.py's samples (maker letters degraded
as the unseen generator's recipes do, read with real Tesseract): a fax's "Forbach, le er avril
2026" (the "1" of "1er" lost) is the 1st of April; a fax's "Valence, le 7 avril 202G" is the 7th
of April 2026 for a reviewer (a digit guessed); a photo's "Le 1 février 2026" of the 11th is
no longer sure."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus
from tests.extractors.letters import study_letter


def _date(seed: int, folder, cog):
    _, truth, pages, values = study_letter(seed, folder, cog)
    piece = "courrier_prefet" if truth["kind"] == "prefet" else "courrier_collectivite"
    return truth, values[f"{piece}.date"], "\n".join(p.text for p in pages)


@pytest.mark.parametrize(("seed", "line", "want", "status"), [
    (171, "le er avril 2026", "2026-04-01", FieldStatus.EXTRACTED),
    (129, "le 7 avril 202G", "2026-04-07", FieldStatus.NEEDS_REVIEW),
])
def test_a_faxed_date_lost_to_one_slip_is_read(tmp_path, cog, seed, line, want, status):
    truth, value, text = _date(seed, tmp_path, cog)
    assert truth["date"] == want and line in text
    assert (value.value, value.status) == (want, status)


def test_a_photos_day_one_without_er_is_not_sure(tmp_path, cog):
    """Study sample 220: the 11th of February read "Le 1 février 2026"."""
    truth, value, text = _date(220, tmp_path, cog)
    assert truth["date"] == "2026-02-11" and "Le 1 février 2026" in text
    assert value.status is FieldStatus.NEEDS_REVIEW
