"""Session 26: a second source for the signatory's quality when the block's quality line was
struck through by the signature or a stamp: the fiche's élu (the name read is the élu's) and
the body's first person ("en ma qualité de maire", "le conseil communautaire que je préside"),
never where the block shows a signature by delegation."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire_elu import completed_by_elu
from extractors.model import FieldStatus, FieldValue, PieceKind, Source
from tests.extractors.letters import BODY, letter, prefet_letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET
SOURCE = Source("lettre.jpg", 1, (320.0, 600.0, 450.0, 640.0))


def _name(value="Isabelle LE CALLENNEC", confidence=0.9):
    return FieldValue(value, confidence, SOURCE, FieldStatus.EXTRACTED)


def _quality(value, confidence):
    return FieldValue(value, confidence, SOURCE, FieldStatus.EXTRACTED)


def test_a_title_read_unsure_as_the_elus_mandate_signed_by_the_elu_is_sure():
    """"Le Maire de M i chim" read at 0.45 (strokes over it), the name under it the fiche's élu,
    a maire: two readings agree, the quality is sure."""
    _, quality = completed_by_elu(_name(), _quality("maire", 0.45), "Isabelle Le Callennec", "Maire")
    assert quality.value == "maire" and quality.confidence >= 0.7 and quality.status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("name, elu_qualite, value, letter_is_epci", [
    ("Paul DURAND", "Maire", "maire", None),  # another person signs: maybe an adjoint
    ("Isabelle LE CALLENNEC", "Adjointe au maire", "maire", None),  # the élu holds no mandate
    ("Isabelle LE CALLENNEC", "Maire", "autre", None),  # another title read, however unsure
    ("Isabelle LE CALLENNEC", "Présidente", "president_epci", False),  # a commune's letter
])
def test_an_unsure_title_is_left_unsure_without_agreement(name, elu_qualite, value, letter_is_epci):
    _, quality = completed_by_elu(_name(name), _quality(value, 0.45), "Isabelle Le Callennec", elu_qualite,
                                  letter_is_epci)
    assert quality.value == value and quality.confidence == 0.45


def _read(kind, body, signatory, **parts):
    page = (prefet_letter if kind is PREFET else letter)(body=body, signatory=signatory, ocr=True, conf=0.93,
                                                         **parts)
    return read_letter(kind, "lettre.jpg", (page,)).fields.get("signataire_qualite")


STRUCK = ("La es", "Isabelle Le Callennec")  # the quality line under the strokes


@pytest.mark.parametrize("said, slug", [
    ("En ma qualité de maire, je soutiens pleinement cette candidature.", "maire"),
    ("Le conseil municipal que je préside a approuvé cette candidature.", "maire"),
    ("Le conseil communautaire que je préside a approuvé", "president_epci"),
    ("J'interviens en tant que présidente de la communauté de communes.", "president_epci"),
])
def test_the_body_in_the_first_person_gives_a_struck_blocks_quality(said, slug):
    head = ("Communauté de communes du Pays de Vitré",) if slug == "president_epci" else ("Commune de Vitré",)
    found = _read(COLL, BODY + (said,), STRUCK, head=head)
    assert found is not None and found.value == slug and found.status is FieldStatus.EXTRACTED
    assert found.confidence >= 0.7


def test_a_prefets_body_in_the_first_person_gives_the_prefet():
    found = _read(PREFET, BODY + ("En ma qualité de préfet, j'apporte mon plein soutien à ce projet.",),
                  ("Le es", "Emmanuel Aubry"))
    assert found is not None and found.value == "prefet"


@pytest.mark.parametrize("kind, said, signatory", [
    # the block shows a delegation: the body speaks in the delegating title's voice
    (PREFET, "En ma qualité de préfet, j'apporte mon plein soutien.", ("Pour le et par délégation,", "Le es",
                                                                       "Emmanuel Aubry")),
    (COLL, "En ma qualité de maire, je soutiens cette candidature.", ("P/le empêché,", "La es", "Anne Roux")),
    # a title that gives no habilitation is no proof of a defect
    (PREFET, "En tant que président du comité départemental, je soutiens.", ("Le es", "Emmanuel Aubry")),
    (COLL, "En ma qualité de premier adjoint, je soutiens.", STRUCK),
])
def test_no_first_person_title_where_it_may_be_anothers(kind, said, signatory):
    found = _read(kind, BODY + (said,), signatory)
    assert found is None or found.status is not FieldStatus.EXTRACTED or found.confidence < 0.7 \
        or found.value not in ("prefet", "maire")


def _photographed_heading(page, title: str):
    """The heading's title boxed taller than its type (a photo): its box runs into the "à"'s."""
    from dataclasses import replace as _replace

    row = next(w.line for w in page.words if w.text == title.split()[0])
    words = tuple(_replace(w, bbox=(w.bbox[0], w.bbox[1] - 2, w.bbox[2], w.bbox[3] + 9)) if w.line == row else w
                  for w in page.words)
    return _replace(page, words=words)


@pytest.mark.parametrize("title, slug", [("La préfète de la Sarthe", "prefet"),
                                         ("Le sous-préfet de La Flèche", "sous_prefet")])
def test_a_photographed_heading_gives_a_struck_blocks_writer(title, slug):
    """"La préfète de la Sarthe" over "à" (boxed a little into it on a photo); the block kept
    only "PA" and "la Sarthe" (the title and the name under the strokes): she writes and signs."""
    page = _photographed_heading(prefet_letter(sender_title=title, signatory=("PA", "la Sarthe"), ocr=True,
                                               conf=0.9), title)
    found = read_letter(PREFET, "photo.jpg", (page,)).fields.get("signataire_qualite")
    assert found is not None and found.value == slug and found.status is FieldStatus.EXTRACTED


def test_a_heading_does_not_speak_for_a_block_signed_by_delegation():
    """The heading names the authority a letter is written for, also when another signs it by
    delegation: a block showing "et par délégation" (its titles under the strokes) is for a reviewer."""
    page = prefet_letter(sender_title="La préfète de la Sarthe", signatory=("Pour la et par délégation,", "la es",
                                                                           "Anne Roux"), ocr=True, conf=0.9)
    found = read_letter(PREFET, "lettre.jpg", (page,)).fields.get("signataire_qualite")
    assert found is None or found.value != "prefet" or found.confidence < 0.7


def test_a_name_whose_accents_differ_from_the_elus_is_not_confirmed_by_it():
    """"Lucie Lemaïtre" read at 0.77 on a photo, "Lucie LEMAÎTRE" on the fiche: the two readings
    disagree on a letter's accent, one is a slip; an accent left off by capitals is no disagreement."""
    from extractors.fields.signataire_elu import confirmed_by_elu

    assert confirmed_by_elu(_name("Lucie Lemaïtre", 0.77), "Lucie LEMAÎTRE").confidence == 0.77
    assert confirmed_by_elu(_name("Lucie Lemaître", 0.77), "Lucie LEMAITRE").confidence >= 0.8


def test_a_sous_prefet_heading_names_the_delegate_of_a_struck_block():
    """"Le Sous-préfet" over "à"; the block kept "Le 50 f" and "pour" (its "Le Sous-préfet, pour le
    préfet et par délégation" under the strokes): the sous-préfet signs for the préfet (d36 10)."""
    page = prefet_letter(sender_title="Le Sous-préfet", signatory=("Le 50 f", "pour", "M. Thierry Guérin"),
                         ocr=True, conf=0.9)
    found = read_letter(PREFET, "fax.tif", (page,)).fields.get("signataire_qualite")
    assert found is not None and found.value == "sous_prefet" and found.status is FieldStatus.EXTRACTED
