"""Fiche values read on scans and photos (session 19): a slip that makes another French word,
a check box doubled on an option's line. Synthetic values and tokens."""

from __future__ import annotations

import pytest

from extractors.fields import nlp
from extractors.fields.boxes import UNREAD, read_boxes
from extractors.fields.form import OPTIONS
from extractors.fields.plausible import implausible
from tests.extractors.test_fiche_layouts import _tokens


@pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")
@pytest.mark.parametrize("text", ["Mare", "Présidcnt", "Adjomte au maire"])
def test_a_quality_one_slip_from_a_mandate_is_implausible(text):
    """"Mare" is a French word (a pond), so the lexicon passes it; as an élu's quality it is
    "Maire" misread, and a reviewer must see it."""
    assert implausible("s1.collectivite.elu_qualite", text)


@pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")
@pytest.mark.parametrize("text", ["Maire", "Première adjointe", "Vice-président chargé de l'aménagement", "Présidente"])
def test_a_mandate_is_plausible(text):
    assert not implausible("s1.collectivite.elu_qualite", text)


def test_two_boxes_before_one_option_make_the_group_doubtful():
    """A photo's curved line brought the next option's box ("Aucun", its line lost) onto
    "Territoires d'industrie": "☐ ☒ Territoires". Which box is whose is unknown."""
    tokens = _tokens("☐ Action cœur de ville ☐ Petites villes de demain ☐ Villages d'avenir ☐ ☒ Territoires d'industrie")
    tokens = [t.__class__(t.text, t.norm, t.file, t.page, t.bbox, 0.9, t.page_bbox) for t in tokens]
    slugs, confidence = read_boxes(tokens, OPTIONS["s3.programmes"])
    assert confidence <= UNREAD
    plain = _tokens("☐ Action cœur de ville ☐ Petites villes de demain ☐ Villages d'avenir ☒ Territoires d'industrie ☐ Aucun")
    slugs, confidence = read_boxes(plain, OPTIONS["s3.programmes"])
    assert slugs == ["territoires_d_industrie"] and confidence > UNREAD
