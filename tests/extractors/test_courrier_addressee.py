"""The addressee block of the préfet's letter: is it the DGALN's chain (destinataire_dgaln)?"""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import prefet_letter

PREFET = PieceKind.COURRIER_PREFET
ANCT = ("Monsieur le Directeur général délégué", "Agence nationale de la cohésion des territoires (ANCT)",
        "20 avenue de Ségur", "75007 Paris")


def fields_of(page_text) -> dict:
    reading = read_letter(PREFET, "courrier.pdf", (page_text,))
    return {name: value.value for name, value in reading.fields.items()}


@pytest.mark.parametrize("addressee, expected", [
    (ANCT, False),
    (("Madame la Directrice régionale", "DREAL Bretagne", "35065 Rennes Cedex"), False),
    (("Monsieur le Maire de Vitré", "Hôtel de ville", "35500 Vitré"), False),
    (("Madame la Ministre de la Transition écologique", "à l'attention de la DHUP"), True),
    (("Monsieur le Directeur général de l'aménagement,", "du logement et de la nature"), True),
    (("Monsieur le Sous-directeur de l'aménagement", "durable", "Tour Séquoia"), True),
])
def test_the_addressee_block_decides_destinataire_dgaln(addressee, expected):
    assert fields_of(prefet_letter(addressee=addressee))["destinataire_dgaln"] is expected


DREAL_CVL = ("Monsieur le Directeur régional de", "l'environnement,", "de l'aménagement et du logement Centre-Val",
             "de Loire", "DREAL Centre-Val de Loire", "5 avenue Buffon", "45064 Orléans Cedex 2")


@pytest.mark.parametrize("addressee", [
    DREAL_CVL,  # its "aménagement" is no trace of the DGALN's name
    ("Monsieur le Maire", "Hôtel de ville", "35500 Vitré"),
])
def test_a_scanned_letter_to_another_authority_is_surely_not_addressed_to_the_dgaln(addressee):
    reading = read_letter(PREFET, "p.pdf", (prefet_letter(addressee=addressee, ocr=True, conf=0.93),))
    value = reading.fields["destinataire_dgaln"]
    assert value.value is False and value.confidence >= 0.9


def test_traces_of_the_dgalns_name_on_a_scan_leave_the_addressee_unsure():
    addressee = ("Madame la Sous-direction de", "amenag ement dur", "Tour Séquoia")
    reading = read_letter(PREFET, "p.pdf", (prefet_letter(addressee=addressee, ocr=True, conf=0.93),))
    assert reading.fields["destinataire_dgaln"].confidence < 0.9


def test_a_copy_to_the_dgaln_is_not_the_addressee():
    text = prefet_letter(addressee=ANCT, after=("Copie : DGALN / DHUP / AD1",))
    assert fields_of(text)["destinataire_dgaln"] is False


def test_no_addressee_at_all_is_for_a_reviewer():
    reading = read_letter(PREFET, "p.pdf", (prefet_letter(addressee=(), salutation="Madame, Monsieur,"),))
    assert reading.fields["destinataire_dgaln"].status is FieldStatus.NEEDS_REVIEW
    assert reading.fields["destinataire_dgaln"].value is None


def test_an_address_without_madame_above_a_salutation_taken_for_the_block_is_the_dgalns():
    # the objet misread ("Ohiet :"): the salutation sits in the head and is taken for the block
    text = prefet_letter(addressee=("Sous-direction de l'aménagement durable", "Atelier des territoires",
                                    "Tour Séquoia", "92055 La Défense cedex"),
                         objet="Ohiet : Appel à candidatures Atelier des territoires Flash 2026",
                         salutation="Madame la sous-directrice,")
    reading = read_letter(PREFET, "p.pdf", (text,))
    assert reading.fields["destinataire_dgaln"].value is True


def test_a_salutation_taken_for_the_block_with_no_dgaln_address_is_no_yes():
    text = prefet_letter(addressee=("Agence nationale de la cohésion des territoires", "20 avenue de Ségur"),
                         objet="Ohiet : Appel à candidatures", salutation="Madame la directrice,")
    assert read_letter(PREFET, "p.pdf", (text,)).fields["destinataire_dgaln"].value is not True
