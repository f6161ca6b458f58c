"""A letter's date whose "le" a fax or a photo misread ("Corte, lo 09 mars 2026", "Lodève, lé 3
mars 2026", "Lé 5 mai 2026"): the line is still the letter's date line; without it the date was
missing on faxes of bench/letterstudy.py (10 of 142 whole collectivité letters, 6 after).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench.letterstudy import letter_values, sample
from bench.signstudy import read_pages
from extractors.fields.courrier_layout import DATE, _is_date_line, date_parts
from extractors.model import FieldStatus
from schemas.cog import Cog


@pytest.mark.parametrize("line, place, written", [
    ("Corte, lo 09 mars 2026", "Corte", "09 mars 2026"),
    ("Lodève, lé 3 mars 2026", "Lodève", "3 mars 2026"),
    ("Lé 5 mai 2026", None, "5 mai 2026"),
    ("Rennes, le 16 mars 2026", "Rennes", "16 mars 2026"),
])
def test_the_date_line_with_its_le_misread(line, place, written):
    assert date_parts(line) == (place, written)


@pytest.mark.parametrize("line", ["Par délibération du 18 février 2026, lé conseil municipal a approuvé",
                                  "V/Réf. : appel à candidatures du 15 janvier 2026"])
def test_a_body_date_is_still_no_date_line(line):
    assert DATE.search(line) and not _is_date_line(SimpleNamespace(text=line))


@pytest.mark.parametrize("seed", [141, 153, 183])  # study faxes: "lo", "lé", "Lé" before the date
def test_a_faxed_letters_date_read_through_its_misread_le(tmp_path, seed):
    path, kind, truth = sample(seed, tmp_path)
    assert kind == "image"  # the fax of the study, read by real Tesseract
    pages = read_pages(path, kind, tmp_path / f"{seed}.pages")
    values = letter_values(path, kind, pages, truth["kind"], tmp_path / f"{seed}.pages", Cog.load())
    date = values[f"courrier_{truth['kind']}.date"]
    assert (date.value, date.status) == (truth["date"], FieldStatus.EXTRACTED)
