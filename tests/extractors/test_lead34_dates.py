"""A letter's date with a mark OCR glued between its month and its year ("Sainte-Rose, 25
septembre-2026": a speck or a stroke of the signature read as a hyphen) is still its date."""

from __future__ import annotations

import datetime

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from schemas.values import parse_french_date
from tests.extractors.letters import letter


@pytest.mark.parametrize("line, written", [
    ("Sainte-Rose, 25 septembre-2026", "25 septembre-2026"),
    ("Vitré, le 12 mars,2026", "12 mars,2026"),
    ("Corte, le 3 octobre - 2026", "3 octobre - 2026"),
])
def test_a_mark_between_month_and_year_keeps_the_date_line(line, written):
    text = letter(date=line, ocr=True)
    value = read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (text,)).fields["date"].value
    assert value == written
    assert parse_french_date(value) == parse_french_date(written.replace("-", " ").replace(",", " "))


def test_the_parsed_date_of_a_glued_mark():
    assert parse_french_date("25 septembre-2026") == datetime.date(2026, 9, 25)
    assert parse_french_date("le 1er mars.2026") == datetime.date(2026, 3, 1)


def test_a_reference_number_is_still_no_date_line():
    text = letter(date=None, head=("Commune de Vitré", "N/Réf. : 12 mars-2026/45"), ocr=True)
    assert read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (text,)).fields.get("date") is None
