"""Session 29: a phone number a photo or a scan read as low as a speck, and a name's accents
lost over capitals put back from the dossier's other text. Words as Tesseract read them on
the maker's photos and scans (draws 47 and 48)."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.fields.name_accents import accents_written_elsewhere
from extractors.model import FieldStatus, FieldValue, PageText, Source, Word
from tests.extractors.table_pages import table_page

REVIEW = FieldStatus.NEEDS_REVIEW


def _section1(phone):
    """Section 1's state half as a two-column table; the referent's number given as
    (text, x0, x1, confidence) words on its line."""
    rows = [("SECTION 1 – LES PORTEURS DE L'ATELIER", None), ("Le service de l'État", None),
            ("Service de l'État pilote", "DEAL de La Réunion"), ("Nom et prénom du référent", "Lucie TÉCHER"),
            ("Fonction", "Chargée de mission planification"), ("Courriel", "techer.lucie@deal-reunion.gouv.fr"),
            ("Téléphone", phone), ("La collectivité", None), ("Collectivité porteuse", "Commune du Port")]
    page = table_page(rows)
    return extract_fiche([("IMG_20260301_101500.jpg", page)])["s1.etat.referent_telephone"]


@pytest.mark.parametrize("phone, read", [
    ([("0262812129", 303, 363, 0.17)], "0262812129"),  # a photo: the whole number at 0.17
    ([("06.72.58.39.40", 294, 378, 0.19)], "06.72.58.39.40"),
    ([("05", 216, 230, 0.0), ("85", 236, 246, 0.9), ("77", 248, 258, 0.9), ("09", 260, 270, 0.9),
      ("50", 273, 283, 0.9)], "05 85 77 09 50"),  # a scan: the first group over the cell's rule, at 0.00
])
def test_a_phone_number_read_as_low_as_a_speck_is_kept_for_review(phone, read):
    value = _section1(phone)
    assert value.value == read and value.status is REVIEW


def test_a_lone_doubted_digit_pair_is_still_a_speck_without_four_groups():
    value = _section1([("05", 216, 230, 0.0), ("85", 236, 246, 0.9), ("77", 248, 258, 0.9), ("09", 260, 270, 0.9)])
    assert value.value == "85 77 09"


def _page(file: str, words: list[tuple[str, float]], ocr: bool = True) -> tuple[str, PageText]:
    placed = tuple(Word(text, (60.0 + 50 * i, 100.0, 100.0 + 50 * i, 112.0), conf, 0)
                   for i, (text, conf) in enumerate(words))
    return file, PageText(1, 612.0, 792.0, placed, ocr=ocr, confidence=0.85)


def _elu(name: str, letter: list[tuple[str, float]]) -> str:
    fiche = _page("IMG_1.jpg", [("Nom", 0.9), ("et", 0.9), ("prénom", 0.9), (name, 0.83)])
    fields = {"s1.collectivite.elu_nom": FieldValue(name, 0.8, Source("IMG_1.jpg", 1, (0, 0, 1, 1)), REVIEW)}
    return accents_written_elsewhere(fields, [fiche, _page("IMG_2.jpg", letter)])["s1.collectivite.elu_nom"].value


def test_a_surname_in_capitals_takes_the_accents_the_letter_writes_surely():
    """"BARTHELEMY Odile" on a photo's fiche; "Odile BARTHÉLEMY" (0.90) under the letter's signature."""
    assert _elu("BARTHELEMY Odile", [("Odile", 0.86), ("BARTHÉLEMY", 0.90)]) == "BARTHÉLEMY Odile"
    assert _elu("Odile Barthelemy", [("Odile", 0.86), ("BARTHÉLEMY", 0.90)]) == "Odile Barthélemy"


@pytest.mark.parametrize("letter", [
    [("Sainté-Luce", 0.71)],  # a fax's speck read as an accent, doubted
    [("sainté", 0.95)],  # not written as a name
    [("Sainté", 0.95), ("SAÏNTE", 0.95)],  # two spellings: none
])
def test_an_accent_only_a_doubt_or_a_common_word_gives_is_not_taken(letter):
    assert _elu("Stéphane SAINTE-ROSE", letter) == "Stéphane SAINTE-ROSE"
