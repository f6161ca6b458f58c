"""A box the image measured neither ticked nor empty (a fax's grey inside: `checkboxes.IN_BETWEEN`)
was told empty by a hair and the group's choice exported sure, one programme lost (a fax of the
official layout). A tick may be lost there: the choice as read, for a reviewer; boxes measured
clearly empty keep the choice sure. (A box told ticked by a hair, a light pencil's X, is read:
tests/extractors/test_checkboxes_scans.py.)"""

from __future__ import annotations

import pytest

from extractors.checkboxes import IN_BETWEEN
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from schemas.normalise import review_below
from tests.extractors.box_groups import group_lines
from tests.extractors.test_fiche_layouts import _page

_PROGRAMMES = ["Action cœur de ville", "Petites villes de demain", "Villages d'avenir", "Territoires d'industrie",
               "Aucun"]


def _programmes(empty_box_conf: float):
    lines = group_lines("PROGRAMME(S) DE L'ANCT CONCERNÉ(S)", _PROGRAMMES, {3: "☒"}, "☐",
                        intitule="Reconvertir la friche de l'usine")
    page = _page(lines, ocr=True, conf={"☒": 0.98, "☐": empty_box_conf})
    return extract_fiche([("fax.tif", page)])["s3.programmes"]


def test_a_box_told_empty_by_a_hair_leaves_the_choice_for_review():
    value = _programmes(IN_BETWEEN)
    assert value.value == ["territoires_d_industrie"]
    assert value.confidence < review_below("s3.programmes")


@pytest.mark.parametrize("conf", [0.82, 0.95])
def test_boxes_measured_clearly_keep_the_choice_sure(conf):
    value = _programmes(conf)
    assert value.value == ["territoires_d_industrie"] and value.status is FieldStatus.EXTRACTED
    assert value.confidence >= review_below("s3.programmes")
