"""A sous-préfet's title with one letter of "préfet" misread: one letter too many (a stroke's speck
read as a letter inside it, "La Sdus-prétfète," read again on dark ink) or one letter read for
another after "Sous" and its mark ("Le Sous:bréfet,"): a sous-préfet signing for the préfet, not a
block without title or an "autre" signing for the préfet."""

from __future__ import annotations

import pytest

from extractors.fields.signataire import quality_of
from extractors.fields.signataire_repair import repaired_titles
from tests.extractors.letters import row_line


@pytest.mark.parametrize("lines, slug", [
    (("La Sdus-prétfète,", "Fou Le préfeghar délégation"), "sous_prefet"),  # read again on dark ink (fresh draw)
    (("Le Sous-préfett,", "pour la préfète et par délégation"), "sous_prefet"),
    (("La Prétfète de la Nièvre",), "prefet"),
    (("Le Sous:bréfet,", "pour la préfète et par délégation"), "sous_prefet"),  # "p" read "b" (fresh draw, a fax)
    (("Le Sous-préfct", "pour le préfet et par délégation"), "sous_prefet"),
])
def test_a_title_with_one_letter_too_many_is_read(lines, slug):
    block = [row_line(320, 560 + 15 * i, text, i) for i, text in enumerate(lines)]
    quality = quality_of(block, "courrier_prefet", None)
    assert quality is not None and quality.slug == slug


@pytest.mark.parametrize("word", ["prefets", "presents", "presidait"])
def test_a_word_one_letter_from_a_title_but_another_word_is_left(word):
    # a plural stays its title; words that are no title, one letter off at another place, stay
    assert repaired_titles(word) == ("prefet" if word == "prefets" else word)


@pytest.mark.parametrize("norm", ["la sous-prefecture de dieppe", "le sous-directeur", "sous reserve"])
def test_other_words_after_sous_are_left(norm):
    from extractors.fields.signataire_repair import mended_compounds

    assert mended_compounds(norm) == norm


@pytest.mark.parametrize("lines", [
    ("# {Le ve e .", "po Fle\\prétét ét par ( A"),  # read again on dark ink: "Pour le préfet et par [délégation]"
    ("pour le préfet et par",),
])
def test_a_prefet_before_et_par_whose_delegation_is_lost_is_the_one_signed_for(lines):
    """"[Pour le] préfet et par [délégation]": the préfet is the one delegating, whoever signs is not
    the préfet (left to a reviewer), never a préfet read sure."""
    block = [row_line(320, 560 + 15 * i, text, i) for i, text in enumerate(lines)]
    quality = quality_of(block, "courrier_prefet", None)
    assert quality is not None and quality.slug != "prefet"
