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
