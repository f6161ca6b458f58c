"""Session 29: a préfet's bloc-marque whose title OCR dropped ("[PRÉFET]" / "DE LA GUYANE" over
the motto); a letterhead's address line, its street word lost, no part of the collectivité's name;
a sous-préfète's hyphen read as a letter and the delegation's spaces read as marks."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.courrier_departement import BARE_BLOC
from extractors.fields.signataire import quality_of
from extractors.model import FieldStatus, FieldValue, PageText, PieceKind
from tests.extractors.letters import letter, prefet_letter, row_line, words

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET
_SIGNER = ("Le Sous-préfet,", "pour le préfet et par délégation", "Xavier FERRAND")


def test_a_bloc_marque_whose_title_was_not_read_names_its_departement():
    page = prefet_letter(head=("DE LA GUYANE", "Liberté", "Égalité", "Fraternité"), date="Le 17 juillet 2026",
                         signatory=_SIGNER, ocr=True, conf=0.93)
    departement = read_letter(PREFET, "l.pdf", (page,)).fields["departement"]
    assert departement.value == [{"departement": "GUYANE"}] and departement.confidence >= 0.8


@pytest.mark.parametrize("head, unsure", [(("Direction de la mer", "Liberté"), None),
                                          (("DE LA GUYANE", "Service habitat"), BARE_BLOC)])
def test_no_other_head_line_is_taken_for_a_departement(head, unsure):
    """A head line that is no "de …" over the motto names no département; a "de …" line with no
    motto under it, in capitals, the letter's only clue, an unsure one (for a reviewer, or for the
    territory's département to confirm: test_lead40_bare_bloc.py)."""
    page = prefet_letter(head=head, date="Le 17 juillet 2026", signatory=_SIGNER, ocr=True, conf=0.93)
    departement = read_letter(PREFET, "l.pdf", (page,)).fields.get("departement")
    assert (departement.confidence if departement else None) == unsure


def _with_address(page: PageText, address: str, height: float) -> PageText:
    """The page with an address line right under its letterhead's name, in type of `height`."""
    added = words(60, 61.5, address, 999, 0.9, height)
    return PageText(page.number, page.width, page.height, page.words + tuple(added), ocr=page.ocr,
                    confidence=page.confidence)


@pytest.mark.parametrize("height, named", [(6.5, "Ville des Anses-d'Arlet"),
                                           (10.5, "Ville des Anses-d'Arlet de la Libération")])
def test_an_address_line_in_smaller_type_is_no_part_of_the_name(height, named):
    """"Ville des Anses-d'Arlet" over "[place] de la Libération" (its street word read as a speck
    and dropped): the smaller type says address; in the name's type it goes on the name."""
    base = letter(head=("Ville des Anses-d'Arlet",), ocr=True, conf=0.9)
    page = _with_address(base, "de la Libération", height)
    assert read_letter(COLL, "l.pdf", (page,)).fields["collectivite"].value == named


@pytest.mark.parametrize("lines, slug", [
    (("9 La Souscpréfète,", "pour le-préfet.et par délégation"), "sous_prefet"),
    (("La Sous:préfète,", "pour la préfète et par délégation"), "sous_prefet"),
    (("Le Sous{préfet,", "pour ; on"), "sous_prefet"),
    (("Le Vicecprésident,",), "autre"),  # a vice-président, not the président
    (("la/préfèté/et-par délégation",), "autre"),
    (("Le préfet,",), "prefet"),
])
def test_marks_ocr_put_for_a_hyphen_or_a_space(lines, slug):
    """A sous-préfète's hyphen read as a letter or a mark, the delegation's spaces read as marks
    ("le-préfet.et par"): the signer's own title, never the préfet's they sign for."""
    block = [row_line(320, 560 + 15 * i, text, i) for i, text in enumerate(lines)]
    kind = "courrier_collectivite" if "sident" in lines[0] else "courrier_prefet"
    quality = quality_of(block, kind, True if kind == "courrier_collectivite" else None)
    assert quality is not None and quality.slug == slug


@pytest.mark.parametrize("copy", ["Taphe : Monsieur le Sous-préfet d'arrondissement",
                                  "Copie : Monsieur le Sous-préfet d'arrondissement"])
def test_a_copy_line_misread_gives_no_title_to_the_signer(copy):
    """"Copie :" read as another word ("Taphe :") before "Monsieur le Sous-préfet …": still a copy's
    recipient under the block, not the signer's title beside the président's."""
    page = letter(head=("Communauté de communes de l'Ouest Guyanais",),
                  signatory=("Président de la Communauté de communes de l'Ouest Guyanais,", "M. Pierre-Yves LECANTE",
                             copy), ocr=True, conf=0.9)
    fields = read_letter(COLL, "l.pdf", (page,)).fields
    assert fields["signataire_qualite"].value == "president_epci"
    assert fields["signataire_nom"].value == "Pierre-Yves LECANTE"


def test_a_combined_title_lost_under_the_strokes_with_the_elus_name_slipped():
    """"Le Maire, Alain Jacquemin" with the signature over "Maire" ("Le po , Alain Jaéquemin", a
    letter of the name slipped, so unsure): the fiche's élu signs, with the élu's mandate."""
    from extractors.fields.signataire_elu import completed_by_elu

    name = FieldValue("Alain Jaéquemin", 0.571, None, FieldStatus.NEEDS_REVIEW)
    name, quality = completed_by_elu(name, FieldValue.missing(), "JACQUEMIN Alain", "Maire", False, (0.95, 0.95))
    assert (quality.value, quality.status) == ("maire", FieldStatus.EXTRACTED)
    assert (name.value, name.status) == ("JACQUEMIN Alain", FieldStatus.EXTRACTED)


@pytest.mark.parametrize("read, elu", [("Alain Jaéquemin", "Bernard DUVAL"), ("Marc Jacquet", "JACQUEMIN Alain")])
def test_another_persons_name_gets_no_title_from_the_fiche(read, elu):
    from extractors.fields.signataire_elu import completed_by_elu

    name = FieldValue(read, 0.571, None, FieldStatus.NEEDS_REVIEW)
    _, quality = completed_by_elu(name, FieldValue.missing(), elu, "Maire", False, (0.95, 0.95))
    assert quality.status is FieldStatus.MISSING


def test_a_name_over_two_lines_whose_first_line_has_a_tall_word_stays_whole():
    """"Communauté d'agglomération" (its "d'…g" boxed taller than the rest) over "du Centre de la
    Martinique" in the same type: one name, whatever the two words' median says."""
    from extractors.model import Word

    base = letter(head=(), ocr=True, conf=0.9)
    first = [Word("Communauté", (79.0, 46.1, 168.0, 57.4), 0.96, 900),
             Word("d'agglomération", (174.0, 45.6, 285.0, 59.8), 0.96, 900)]
    second = words(79, 64.3, "du Centre de la Martinique", 901, 0.95, 10.5)
    page = PageText(base.number, base.width, base.height, base.words + tuple(first) + tuple(second), ocr=True,
                    confidence=0.9)
    named = read_letter(COLL, "l.pdf", (page,)).fields["collectivite"].value
    assert named == "Communauté d'agglomération du Centre de la Martinique"
