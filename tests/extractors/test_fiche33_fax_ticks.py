"""Fiche values on scans (session fiche33), on the unseen maker's fiches made, degraded and read
whole by the pipeline (bench.fichestudy's study seeds: real Tesseract, real box finder):
- a label's short word read with its "d" as "cl" on a fax ("Nature cle la collectivité") is
  still that word: the label is found, and the answer above it ends there (the porteuse was
  read sure with the next label and its answer glued on);
- a crossed box OCR read as a letter put after its option's first word, whose box ran back
  over the boxes' column ("Revitalisation M du centre-ville"): the option is found past the
  letter, and its box is ticked, for a reviewer (the group was read sure without it);
- a retyped section title whose number a scan misread as a doubted scrap ("AI Objectifs" for
  "4/ Objectifs") ends the answer before it, as a title whose number was lost.
"""

from __future__ import annotations

import shutil

import pytest

from bench.fichestudy import fields_of, make_files, read_pages
from extractors.fields.word_match import same_word

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                reason="the maker converts its fiches with LibreOffice")


def _read(seed: int, tmp_path) -> dict[str, dict]:
    files, _ = make_files(seed, tmp_path)
    return fields_of(read_pages(files, tmp_path / f"{seed}.pages"))


def test_a_d_read_as_cl_is_the_d():
    assert same_word("cle", "de") and same_word("clans", "dans")
    assert not same_word("cle", "la")


def test_a_label_read_with_cl_for_d_ends_the_answer_above_it(tmp_path):
    """A slash fiche faxed: "Nature cle la collectivité : EPCT" under "Collectivité porteuse :
    Rennes Métropole"."""
    fields = _read(162, tmp_path)
    assert fields["s1.collectivite.nom"] == {"value": "Rennes Métropole", "status": "extracted"}
    assert fields["s1.collectivite.type"] == {"value": "epci", "status": "extracted"}


def test_a_crossed_box_read_as_a_letter_after_its_option_word_is_a_tick(tmp_path):
    """An official fiche scanned at 200 dpi in black and white: the first theme's box, ticked,
    read "M" after "Revitalisation", whose box starts left of the boxes' column."""
    themes = _read(151, tmp_path)["s3.thematiques"]
    assert themes == {"value": ["revitalisation_centre", "entree_de_ville", "autre"], "status": "needs_review"}


def test_a_title_whose_number_was_misread_ends_the_answer_before_it(tmp_path):
    """A slash fiche scanned at 150 dpi: "4/ Objectifs" read "AI Objectifs" under the description."""
    fields = _read(177, tmp_path)
    assert fields["s3.description"]["value"].endswith("approche au coup par coup.")
    assert fields["s3.description"]["status"] == "extracted"
