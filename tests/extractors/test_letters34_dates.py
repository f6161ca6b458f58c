"""A letter's date lost to one OCR slip, found and undone: a year with a digit read as the letter
it resembles ("202G"), a month glued to its year or its day ("mai2026", "12mars"), a mark between
day and month ("12 ☒ mai"), the "1" of "1er" lost ("le er avril"), a month misread by a letter
the date parser reads ("févrïer"). A guessed digit leaves the date to a reviewer: the year's
letter, or a day "1" with no "er" (French writes "1er"; a lone "1" is often "11" or "21" cut)."""

from __future__ import annotations

import datetime

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from schemas.normalise import normalise_fields
from schemas.values import parse_french_date
from tests.extractors.letters import letter


def _date(line: str):
    text = letter(date=line, ocr=True)
    return read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (text,)).fields.get("date")


def _normalised(line: str):
    value = _date(line)
    assert value is not None, line
    return normalise_fields({"courrier_collectivite.date": value}, None)["courrier_collectivite.date"]


@pytest.mark.parametrize(("line", "want"), [
    ("Le 12 ☒ mai2026 ☒", datetime.date(2026, 5, 12)),
    ("Rennes, le 12mars 2026", datetime.date(2026, 3, 12)),
    ("Forbach, le er avril 2026", datetime.date(2026, 4, 1)),
    ("Vitré, le 3 févrïer 2026", datetime.date(2026, 2, 3)),
])
def test_a_slip_that_guesses_no_digit_leaves_the_date_sure(line, want):
    value = _normalised(line)
    assert parse_french_date(str(value.value)) == want or value.value == want.isoformat()
    assert value.status is FieldStatus.EXTRACTED


@pytest.mark.parametrize(("line", "want"), [
    ("Valence, le 7 avril 202G", "2026-04-07"),
    ("Cayenne, le 9 mars 2O26", "2026-03-09"),
    ("Brest, le 14 juin 202l", "2021-06-14"),
])
def test_a_year_with_a_digit_read_as_a_letter_is_read_for_a_reviewer(line, want):
    value = _normalised(line)
    assert value.value == want
    assert value.status is FieldStatus.NEEDS_REVIEW


def test_a_day_one_without_er_is_for_a_reviewer_and_1er_stays_sure():
    assert _normalised("Lannion, le 1 février 2026").status is FieldStatus.NEEDS_REVIEW
    assert _normalised("Lannion, le 1er février 2026").status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("line", ["Objet : Atelier des territoires Flash 202G", "N/Réf. : ÉL/AD/2026-439",
                                  "Par délibération du 18 février 2O26, le conseil municipal a approuvé"])
def test_no_date_line_where_there_is_none(line):
    assert _date(line) is None
