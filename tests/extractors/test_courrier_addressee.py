"""The addressee block of the préfet's letter: is it the DGALN's chain (destinataire_dgaln)?"""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from schemas.normalise import normalise_fields
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


def test_an_address_without_civility_names_the_chain_on_a_row_read_in_two_pieces():
    # no "Madame la sous-directrice": the block is the chain's address, its acronyms read unsure and
    # "Sous-direction" | "de l'aménagement durable" read apart on one row
    from dataclasses import replace

    from tests.extractors.letters import page

    rows = [(40, [(60, "PRÉFET")]), (53, [(60, "DE LA GUADELOUPE")]), (66, [(60, "Liberté")]),
            (120, [(400, "Basse-Terre, le 30 juillet 2026")]),
            (140, [(300, "DGALN/DHUP/AD1")]), (153, [(300, "Sous-direction"), (378, "de l'aménagement durable")]),
            (166, [(300, "Atelier des territoires")]), (179, [(300, "92055 La Défense cedex")]),
            (210, [(60, "Objet : Avis sur la candidature de la commune de Terre-de-Bas")]),
            (240, [(60, "Madame, Monsieur,")]), (260, [(60, "Je soutiens cette candidature.")]),
            (290, [(60, "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée.")]),
            (320, [(320, "Le Préfet")]), (380, [(320, "Xavier Ferrand")])]
    text = page(rows, ocr=True, conf=0.92)
    apart = {"de", "l'aménagement", "durable"}  # the row's second piece, a line of OCR's own
    text = replace(text, words=tuple(replace(w, conf=0.5) if w.text == "DGALN/DHUP/AD1"
                                     else replace(w, line=99) if w.text in apart and w.bbox[1] == 153 else w
                                     for w in text.words))
    value = read_letter(PREFET, "scan.pdf", (text,)).fields["destinataire_dgaln"]
    assert value.value is True and value.status is FieldStatus.EXTRACTED and value.confidence >= 0.85


CHAIN = ("DGALN/DHUP/AD1", "Sous-direction de l'aménagement durable", "Atelier des territoires", "Tour Séquoia",
         "92055 La Défense cedex")
SPECK_A = ("Secrétariat général", "Bureau de l'appui territorial", "à", "Affaire suivie par : Laure Harriet",
           "Tél. : 02 62 03 59 82")  # a speck of the letterhead read "à" above the case officer's lines


@pytest.mark.parametrize("ocr", [False, True])
def test_a_speck_read_a_in_the_letterhead_does_not_hide_the_dgaln_block(ocr):
    """The lines after the stray "à" are taken for the addressee ("Affaire suivie par…"): the
    head's block beginning with the chain's name, after "Le Sous-préfet / à", is the addressee.
    It was a sure "not addressed to the DGALN": a wrong COURRIER_PREFET_DESTINATAIRE."""
    text = prefet_letter(addressee=CHAIN, right=SPECK_A, sender_title="Le Sous-préfet", ocr=ocr, conf=0.92)
    value = read_letter(PREFET, "p.pdf", (text,)).fields["destinataire_dgaln"]
    assert value.value is True and value.status is FieldStatus.EXTRACTED


def test_a_letter_to_another_authority_with_the_chain_in_its_head_too_is_for_a_reviewer():
    text = prefet_letter(addressee=("Monsieur le Maire de Vitré", "Hôtel de ville", "35500 Vitré"),
                         right=("Direction départementale des territoires", "DGALN/DHUP/AD1"))
    value = read_letter(PREFET, "p.pdf", (text,)).fields["destinataire_dgaln"]
    normalised = normalise_fields({"courrier_prefet.destinataire_dgaln": value}, None)
    assert normalised["courrier_prefet.destinataire_dgaln"].status is FieldStatus.NEEDS_REVIEW
