"""A préfet's title whose place is no préfet's is never sure: a stamp or the signature's strokes
over "Sous-" of "La Sous-préfète de Sartène" leave "préfète de Sartène", read whole and surely
(fresh study draws: a sous-préfet's letter exported as the préfet's, sure). A préfet is a
département's: a title naming an arrondissement is a sous-préfet's, one naming a town (the
sous-préfecture the letterhead names) or a place the bloc-marque does not name may be either;
a bare "[Sous-]préfet," under a letterhead naming the sous-préfecture that writes, too."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from extractors.vocabulary import PREFET, SOUS_PREFET
from tests.extractors.letters import prefet_letter

SOUS_PREFECTURE = ("Sous-préfecture de Mamers", "Cabinet")


def _quality(title: str, right=()):
    page = prefet_letter(signatory=(title, "Emmanuel Aubry"), right=right, ocr=True, conf=0.95)
    value = read_letter(PieceKind.COURRIER_PREFET, "lettre.jpg", (page,)).fields.get("signataire_qualite")
    return (value.value, value.status) if value is not None else (None, None)


@pytest.mark.parametrize(("title", "right", "slug"), [
    ("Le préfet de l'arrondissement de Mamers", (), SOUS_PREFET),
    ("La préfète d'arrondissement", (), SOUS_PREFET),
    ("Le préfet de Mamers", SOUS_PREFECTURE, SOUS_PREFET),  # the town the letterhead's sous-préfecture names
    ("La préfète de Sartène", (), PREFET),  # no département the bloc-marque ("DE LA SARTHE") names
    ("Le préfet,", SOUS_PREFECTURE, SOUS_PREFET),
    ("préfet,", SOUS_PREFECTURE, SOUS_PREFET),
])
def test_a_prefets_title_naming_no_prefets_place_is_for_a_reviewer(title, right, slug):
    assert _quality(title, right) == (slug, FieldStatus.NEEDS_REVIEW)


@pytest.mark.parametrize(("title", "right", "slug"), [
    ("Le préfet de la Sarthe,", (), PREFET),
    ("La préfète de la Sarhte", (), PREFET),  # the département read with a slip
    ("Le préfet de la Sarthe,", SOUS_PREFECTURE, PREFET),
    ("Le Préfet de la région Pays de la Loire, préfet de la Sarthe", (), PREFET),
    ("Le préfet,", (), PREFET),
    ("Le Sous-préfet de Mamers", SOUS_PREFECTURE, SOUS_PREFET),
    ("Le Sous-préfet de l'arrondissement de Mamers", (), SOUS_PREFET),
])
def test_a_prefets_title_naming_its_departement_stays_sure(title, right, slug):
    assert _quality(title, right) == (slug, FieldStatus.EXTRACTED)


@pytest.mark.parametrize(("title", "right", "slug"), [
    ("réfète de la Sarthe", (), PREFET),  # "[P]réfète": its head under a stamp
    ("téfète 4 te de la Sarthe", (), PREFET),  # a stroke's letters before its place
    ("La éfète de la Sarhte", (), PREFET),
])
def test_a_prefets_title_its_head_lost_naming_its_departement(title, right, slug):
    assert _quality(title, right) == (slug, FieldStatus.EXTRACTED)


@pytest.mark.parametrize("title", ["éfet de Mamers", "réfète de Sartène", "Jean Lefet"])
def test_a_title_its_head_lost_naming_no_departement_is_no_prefets(title):
    """"[Le Sous-pr]éfet de Mamers" loses its head alike: a town says nothing sure."""
    value, status = _quality(title, SOUS_PREFECTURE)
    assert value != PREFET or status is FieldStatus.NEEDS_REVIEW


def test_a_faxed_prefets_letter_whose_title_a_stamp_cut(tmp_path, cog):
    """Study sample 393 (bench/letterstudy.py): a préfète's letter faxed, "La Préfète de l'Hérault"
    read "réfète de l'Hérat" under the stamp; the bloc-marque names the Hérault."""
    from tests.extractors.letters import study_letter

    _, truth, pages, values = study_letter(393, tmp_path, cog)
    assert "réfète de l'Hérat" in "\n".join(p.text for p in pages)
    value = values["courrier_prefet.signataire_qualite"]
    assert truth["signataire_qualite"] == PREFET
    assert (value.value, value.status) == (PREFET, FieldStatus.EXTRACTED)


def test_a_stroke_read_after_the_departement_leaves_the_title_sure():
    assert _quality("La préfète de la Sarthe 4 J") == (PREFET, FieldStatus.EXTRACTED)
