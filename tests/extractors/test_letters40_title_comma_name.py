"""A signatory block that prints the title and the name on one row, after a comma ("La
Présidente, DUVAL Karine", "Le Président, M. Olivier ROBIN"): the title is found on the
title's words without their accents, as everywhere else, and the name after it is read.
Only titles without an accent ("Le Maire, Damien Lafon") were so read before: study letters
1, 13, 171, 217, 218 (bench/letterstudy.py seeds 0:240) print it so; 13 lost its name."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire import _name_part
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import letter, prefet_letter, study_letter


@pytest.mark.parametrize(("line", "name"), [
    ("La Présidente, DUVAL Karine", "DUVAL Karine"),
    ("Le Président, M. Olivier ROBIN", "Olivier ROBIN"),
    ("Le Président, CASTAING Alain", "CASTAING Alain"),
    ("La Préfète, Anne Leroux", "Anne Leroux"),
    ("Le Maire, Damien Lafon", "Damien Lafon"),  # no accent: so read before too
])
def test_the_name_after_a_title_and_a_comma(line, name):
    assert _name_part(line) == name


@pytest.mark.parametrize(("kind", "make", "line", "name"), [
    (PieceKind.COURRIER_COLLECTIVITE, letter, "La Présidente, DUVAL Karine", "DUVAL Karine"),
    (PieceKind.COURRIER_COLLECTIVITE, letter, "Le Président, M. Olivier ROBIN", "Olivier ROBIN"),
    (PieceKind.COURRIER_PREFET, prefet_letter, "La Préfète, Anne Leroux", "Anne Leroux"),
])
def test_a_letter_signed_on_one_row_has_its_signatory(kind, make, line, name):
    reading = read_letter(kind, "lettre.pdf", (make(signatory=(line,)),))
    value = reading.fields["signataire_nom"]
    assert (value.value, value.status) == (name, FieldStatus.EXTRACTED)


def test_a_scanned_letter_signed_on_one_row(tmp_path, cog):
    """Study sample 13: the last page of a président(e)'s letter scanned at 200 dpi, its
    block "La Présidente, DUVAL Karine" (no "Je soussignée" in the body to fall back on)."""
    _, truth, pages, values = study_letter(13, tmp_path, cog)
    assert "La Présidente, DUVAL Karine" in "\n".join(p.text for p in pages)
    value = values["courrier_collectivite.signataire_nom"]
    assert truth["signataire_nom"] == "Karine Duval"
    assert (value.value, value.status) == ("DUVAL Karine", FieldStatus.EXTRACTED)
