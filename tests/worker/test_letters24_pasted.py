"""A signature pasted as an image over the printed name of a digital letter (the unseen maker's)."""

from __future__ import annotations

import datetime

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from extractors.pdf_text import open_pdf, text_layer_page
from worker.core.signatures import signature_of


def _digital_letter(tmp_path, seed: int, signed: bool):
    from samples.unseen.maker.letters import LetterSpec, letter_pdf

    spec = LetterSpec("collectivite", "Jérôme Zimmermann", "Le Maire de Tigery", "Commune de Tigery", False, "91",
                      "Essonne", "Île-de-France", "Tigery", "91250", datetime.date(2026, 7, 19), True, signed,
                      "Revitaliser le centre", seed)
    path = tmp_path / f"letter-{seed}.pdf"
    path.write_bytes(letter_pdf(spec))
    pdf = open_pdf(str(path))
    pages = tuple(text_layer_page(page, i + 1) for i, page in enumerate(pdf.pages))
    pdf.close()
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, path.name, pages)
    assert reading.zone is not None
    return signature_of(str(path), "pdf", pages[reading.zone.page], reading.zone, 10**8)


def test_a_signature_image_pasted_over_the_name_is_a_signature(tmp_path):
    """The pasted image's strokes lie over the typed name, whose box the page's check leaves out
    as print: it found no ink and said "not signed", surely (COURRIER_COLLECTIVITE_NON_SIGNE on a
    signed letter). On a text layer an image's ink is no print: looked at alone, it is signed."""
    check = _digital_letter(tmp_path, 24, signed=True)
    assert check.signed is True and check.detail == "signature collée en image"


@pytest.mark.parametrize("seed", [24, 48])
def test_the_same_letters_unsigned_are_not_signed(tmp_path, seed):
    """Unsigned, no image is pasted there; a stamp alone (a ring) is no signature either."""
    assert _digital_letter(tmp_path, seed, signed=False).signed is False
