"""The letters' wrong values on bench/letterstudy.py's samples (maker letters, degraded as the
unseen generator's recipes do), read with real Tesseract:

- a block line made only of the words of the place the letter speaks for is the end of a title
  the signature cut ("Président de la Comm" | "Forbach Porte de France"), never the signer's name;
- ink on a name's row running past its short last word ("Luc Laf", "Loïc Bla": three letters,
  the start of a longer surname the strokes hide) leaves the name to a reviewer;
- a running header atop a letter's next page ("Métropole Rouen Normandie – 05/05/2026") names
  the collectivité without its date.
"""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import study_letter


def _values(seed: int, folder, cog):
    path, truth, pages, values = study_letter(seed, folder, cog)
    return path, pages, truth, values


def test_the_place_ending_a_cut_title_is_no_signer(tmp_path, cog):
    """Study sample 392, a 200 dpi black-and-white scan: the signature crosses "Président de la
    Communauté d'agglomération Forbach Porte de France", its end read as a line of its own on the
    title's row, and the name under it is lost."""
    path, pages, truth, values = _values(392, tmp_path, cog)
    block = read_letter(PieceKind.COURRIER_COLLECTIVITE, path.name, tuple(pages))
    assert truth["signataire_nom"] == "Hugo de La Roche"
    assert block.fields.get("signataire_nom") is None  # no name-shaped line but the place's
    name = values["courrier_collectivite.signataire_nom"]
    assert name.value != "Forbach Porte de France"
    assert name.status is not FieldStatus.EXTRACTED


def test_a_name_cut_by_the_ink_is_for_a_reviewer(tmp_path, cog):
    """Study sample 362, a 200 dpi black-and-white scan: the signature over "Luc Lafon" from its
    start, the name read "Luc Laf" (its end under the strokes)."""
    _, _, truth, values = _values(362, tmp_path, cog)
    name = values["courrier_collectivite.signataire_nom"]
    assert truth["signataire_nom"] == "Luc Lafon"
    assert name.value == "Luc Laf"  # the sample as studied
    assert name.status is FieldStatus.NEEDS_REVIEW


def test_a_running_header_names_the_collectivite_without_its_date(tmp_path, cog):
    """Study sample 404, the last page of a scanned letter: its only collectivité is the header."""
    _, _, truth, values = _values(404, tmp_path, cog)
    coll = values["courrier_collectivite.collectivite"]
    assert (coll.value, coll.status) == (truth["collectivite"], FieldStatus.EXTRACTED) \
        == ("Métropole Rouen Normandie", FieldStatus.EXTRACTED)


def test_ink_over_a_short_last_word_leaves_the_name_to_a_reviewer(tmp_path, cog):
    """Study sample 448, a photo: the signature begins over the surname of "Loïc Blanc", read
    "Loïc Bla" (a whole word by its shape) and runs on past it."""
    _, _, truth, values = _values(448, tmp_path, cog)
    name = values["courrier_prefet.signataire_nom"]
    assert truth["signataire_nom"] == "Loïc Blanc"
    assert name.value == "Loïc Bla"  # the sample as studied
    assert name.status is FieldStatus.NEEDS_REVIEW
