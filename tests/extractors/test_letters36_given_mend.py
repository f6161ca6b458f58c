"""A letter's signatory name left to a reviewer whose given name OCR misread (a fax's or a
stroke's slip: a letter changed, an accent no one writes) is shown mended to the given name it
was read from, still for a reviewer (bench/letterstudy.py's samples: maker letters degraded as
the unseen generator's recipes do, read with real Tesseract)."""

from __future__ import annotations

import pytest

from extractors.fields.given_names import doubt_accents
from extractors.model import FieldStatus, FieldValue, PageText, Source, Word
from tests.extractors.letters import study_letter


@pytest.mark.parametrize(("seed", "field", "want"), [
    (57, "courrier_prefet.signataire_nom", "Dominique Le Bihan"),  # fax: "Dgminique Le Bihan"
    (102, "courrier_collectivite.signataire_nom", "FONTAINE Killian"),  # 150 dpi: "FONTAINE Küllian"
    (109, "courrier_collectivite.signataire_nom", "Anne-Marie Dupont"),  # 200 dpi: "Anñé-Märie Dupont"
])
def test_a_misread_given_name_is_mended_for_the_reviewer(seed, field, want, tmp_path, cog):
    _, truth, _, values = study_letter(seed, tmp_path, cog)
    name = values[field]
    assert (name.value, name.status) == (want, FieldStatus.NEEDS_REVIEW)


def _doubted(value: str, status: FieldStatus, field: str = "courrier_prefet.signataire_nom") -> FieldValue:
    page = PageText(1, 595.0, 842.0, (Word("Madame", (0, 0, 30, 10), 0.9, 0),), ocr=True, confidence=0.9)
    read = FieldValue(value, 0.5 if status is FieldStatus.NEEDS_REVIEW else 0.9, Source("scan.pdf", 1, None), status)
    return doubt_accents({field: read}, [("scan.pdf", page)])[field]


def test_only_a_name_for_a_reviewer_and_only_its_given_names_are_mended():
    assert _doubted("Dgminique Le Bihan", FieldStatus.NEEDS_REVIEW).value == "Dominique Le Bihan"
    # a borne given name, a surname, a word too short to say: as read
    for name in ("Louis-Marie LOUIS", "Jean Benoit", "Cho HUBERT", "Hervé SAINT-JEAN"):
        assert _doubted(name, FieldStatus.NEEDS_REVIEW).value == name
    # the fiche's names are not the letters' (their own rules)
    assert _doubted("Dgminique Le Bihan", FieldStatus.NEEDS_REVIEW, "s1.collectivite.elu_nom").value \
        == "Dgminique Le Bihan"
