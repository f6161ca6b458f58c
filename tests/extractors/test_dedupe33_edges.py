"""One rule for a table's rule read as a bracket at a fiche answer's edge: the fiche's reading
cuts it (extractors.fields.text_edges), the values' cleaning (schemas.values) no longer does."""

from __future__ import annotations

import pytest

from extractors.fields.text_edges import without_rule_marks
from schemas.values import clean_text


@pytest.mark.parametrize(("read", "text"), [
    (")Commune de Vitré", "Commune de Vitré"),
    (") Commune de Vitré", "Commune de Vitré"),
    ("]Ville de Saint-André-de-Lidon", "Ville de Saint-André-de-Lidon"),
    ("} Impression et diffusion", "Impression et diffusion"),
    ("(Re)qualifier le centre", "(Re)qualifier le centre"),
    ("(CCKB)", "(CCKB)"),
])
def test_a_bracket_before_an_answers_first_word_is_the_cells_rule(read, text):
    assert without_rule_marks(read) == text


def test_the_values_cleaning_leaves_brackets_to_the_fiches_reading():
    # a form's blank and a bullet still go, whatever the piece
    assert clean_text("__ Aurélien PARIS") == "Aurélien PARIS"
    assert clean_text(". François ROBIN") == "François ROBIN"
    assert clean_text("]Ville de Vitré") == "]Ville de Vitré"
