"""A photo's prose read with its thin letters slipped (session fiche43): "ti" or "li" read as
one letter ("opérabon", "collecuvité"), an "i" lost ("habtat"). Such a word, one slip from a
known word, is the porteur's own when that word is not the form's, and no word at all when it
is ("habitat", "collectivité" are printed in the annexes' prompts): an annex read so is
answered, for a reviewer to correct (d262, a photographed fiche's annex 2 cost its verdict)."""

from __future__ import annotations

import pytest

from extractors.fields import nlp
from extractors.fields.plausible import own_words, plainly_answered

pytestmark = pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")

FIELD = "a2.dynamiques_amenagement"


def test_an_annex_read_with_a_photos_slips_plainly_answers():
    assert plainly_answered(FIELD, "Le PLU est en révision. Une opérabon programmée d'améboraton de l'habtat est "
                                   "en cours La collecuvité est accompagnée par l'EPF régional")
    # the annexes' garbled prompts still answer nothing ("emplos": "emploi", printed in the plural)
    assert not plainly_answered(FIELD, "sentez nanière les dynamique à l'œuvre emplos et équipement paysages")
    assert not plainly_answered(FIELD, "Précisez les documents de planitication applicables, les projets "
                                       "d'aménagement en cours ou envisagés et les dispositifs contractuels")


def test_a_slipped_word_counts_as_its_mend_would():
    assert own_words(FIELD, "opérabon") == 1  # opération: the porteur's
    assert own_words(FIELD, "collecuvité habtat") == 0  # collectivité, habitat: the form's

