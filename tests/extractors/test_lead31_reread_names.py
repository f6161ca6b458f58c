"""Issue 11, family 2: the signatory block read again on dark ink may add a stroke's pieces as a
word of the name ("JACQUEMIN Régis Din", a préfet's letter scanned at 150 dpi, where the page had
read "JACQUEMIN"). A word the second reading adds beside the surname must be a common given name
for the name to be sure."""

from __future__ import annotations

from extractors.fields.courrier_reread import _uncommon_given


def test_a_word_added_beside_the_surname_that_is_no_common_given_name_is_doubted():
    assert _uncommon_given(["jacquemin"], "JACQUEMIN Régis Din")
    assert _uncommon_given(["colonna"], "Loïc COLONNA Rnw")


def test_given_names_particles_and_civilities_added_are_not():
    assert not _uncommon_given(["jacquemin"], "JACQUEMIN Régis")
    assert not _uncommon_given(["almeida"], "M. Loïc de ALMEIDA")
    assert not _uncommon_given(["vidal"], "Mme Marie-Josée VIDAL")
    assert not _uncommon_given(["salmon"], "Dominique Salmon")
