"""A letter's last page received alone that holds only its signatory block (no closing, objet
nor body): the page is the block, its title and name read there. Study letters 339, 379, 460
(bench/letterstudy.py: a fax, a scan, a photo of page 2 of 2) lost their quality, two their name:
the page's first lines were taken for a letterhead and the block read after them."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PageText, PieceKind
from extractors.vocabulary import AUTRE, MAIRE
from tests.extractors.letters import page, study_letter


def _block_alone(*rows: str) -> PageText:
    return page([(100 + 30 * i, [(330, text)]) for i, text in enumerate(rows)] + [(800, [(290, "2/2")])], ocr=True,
                conf=0.93)


@pytest.mark.parametrize(("rows", "slug", "name"), [
    (("Corte, le 9 mars 2026", "Maire de Corte,", "Soizic Sainte-Marie"), MAIRE, "Soizic Sainte-Marie"),
    (("La Vice-présidente déléguée à", "l'aménagement", "MARTIN Fabienne"), AUTRE, "MARTIN Fabienne"),
])
def test_a_page_holding_the_block_alone(rows, slug, name):
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "page2.jpg", (_block_alone(*rows),))
    quality, signer = reading.fields["signataire_qualite"], reading.fields.get("signataire_nom")
    assert (quality.value, quality.status) == (slug, FieldStatus.EXTRACTED)
    assert signer is not None and signer.value == name


@pytest.mark.parametrize(("seed", "slug"), [(379, MAIRE), (460, AUTRE)])
def test_study_letters_whose_last_page_is_the_block_alone(seed, slug, tmp_path, cog):
    _, truth, pages, values = study_letter(seed, tmp_path, cog)
    quality = values["courrier_collectivite.signataire_qualite"]
    name = values["courrier_collectivite.signataire_nom"]
    assert truth["signataire_qualite"] == slug
    assert (quality.value, quality.status) == (slug, FieldStatus.EXTRACTED)
    assert name.value is not None
