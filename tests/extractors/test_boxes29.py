"""Check boxes of a retyped fiche on a scan (session 29): a typed empty box "[ ]" whose blank
OCR read as a brace ("[{]") is an empty box, not a crossed box misread (it ticked its option)."""

from __future__ import annotations

import pytest

from extractors.fields.boxes import box_state
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page

_THEMES = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
           "Aménagement des friches", "Protection et valorisation du patrimoine", "Adaptation de l'offre de logements",
           "Adaptation des mobilités", "Accompagnement des projets socio-économiques (ESS) et économiques",
           "Protection, restauration et gestion des écosystèmes et des ressources naturelles", "Gestion des risques",
           "Autre (préciser)"]


def _dash_fiche(marks: dict[int, str]):
    """A 'dash' layout's thématiques as a 200 dpi scan reads them: the label on its own line,
    each option under it behind its typed box ("[]", "[X]", or `marks`' reading of it)."""
    lines = [(60.0, 100.0, "INTITULÉ DE L'ATELIER"), (60.0, 115.0, "Fort-de-France demain — vivre avec le risque"),
             (60.0, 130.0, "THÉMATIQUE(S)")]
    for n, theme in enumerate(_THEMES):
        lines.append((60.0, 145.0 + 15 * n, f"{marks.get(n, '[]')} {theme}"))
    lines.append((60.0, 145.0 + 15 * len(_THEMES), "PRÉSENTATION DU PROJET ET DE LA PROBLÉMATIQUE"))
    lines.append((60.0, 160.0 + 15 * len(_THEMES), "Une partie du territoire est exposée aux inondations."))
    conf = {"[X]": 0.91, "[{]": 0.44, "[]": 0.8}
    return extract_fiche([("scan.pdf", _page(lines, ocr=True, conf=conf))])


def test_an_empty_typed_box_read_with_a_brace_inside_ticks_nothing():
    value = _dash_fiche({0: "[{]", 4: "[{]", 8: "[X]"})["s3.thematiques"]
    assert value.value == ["risques"]
    assert value.status is FieldStatus.EXTRACTED


def test_a_typed_cross_is_still_read_ticked_beside_braced_empty_boxes():
    value = _dash_fiche({0: "[{]", 2: "[X]", 8: "[X]"})["s3.thematiques"]
    assert value.value == ["friches", "risques"]


@pytest.mark.parametrize("text, state", [("[{]", False), ("[_]", False), ("[ ]", False), ("[]", False), ("( )", False),
                                         ("[X]", True), ("[x", True), ("[/]", None), ("[|]", None), ("||", None),
                                         ("(ESS)", None), ("{Les", None)])
def test_box_states_of_typed_boxes(text, state):
    assert box_state(text) is state
