"""Fiche addresses checked against their holders' names (session 25)."""

from __future__ import annotations

from extractors.fields.fiche import FICHE_FIELDS
from extractors.fields.fiche_emails import emails_by_names, name_forms
from extractors.model import FieldStatus, FieldValue

SURE = FieldStatus.EXTRACTED


def _fields(name: str, email: str, confidence: float = 0.85, name_status: FieldStatus = SURE):
    fields = {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    fields["s1.collectivite.contact_nom"] = FieldValue(name, 0.9, None, name_status)
    fields["s1.collectivite.contact_email"] = FieldValue(email, confidence, None, SURE)
    emails_by_names(fields)
    _fields.name = fields["s1.collectivite.contact_nom"]
    return fields["s1.collectivite.contact_email"]


def test_the_forms_of_a_name_drop_accents_and_keep_or_drop_a_hyphen():
    forms = name_forms("Gaëlle FABRE-DUVAL")
    assert {"gaelle.fabre-duval", "g.fabreduval", "gfabreduval", "fabreduval.gaelle"} <= forms


def test_an_address_one_letter_from_its_holders_name_is_mended_for_review():
    """"idelattre" for the ldelattre of Lucie DELATTRE (an l read i on a 300 dpi scan, sure)."""
    value = _fields("Lucie DELATTRE", "idelattre@mairie-exemple.fr")
    assert value.value == "ldelattre@mairie-exemple.fr"
    assert value.status is FieldStatus.NEEDS_REVIEW
    assert _fields.name.status is FieldStatus.NEEDS_REVIEW  # one of the two was misread


def test_a_letter_lost_inside_the_address_is_put_back():
    value = _fields("Thierry CLÉMENTÉ", "tlemente@mairie-exemple.fr")
    assert value.value == "tclemente@mairie-exemple.fr"


def test_an_address_that_is_one_of_the_forms_stays_sure():
    for email in ("lucie.delattre@x.fr", "l.delattre@x.fr", "ldelattre@x.fr", "delattre.lucie@x.fr"):
        value = _fields("Lucie DELATTRE", email)
        assert value.value == email and value.status is SURE


def test_an_address_of_another_style_is_left_as_read():
    value = _fields("Lucie DELATTRE", "urbanisme@mairie-exemple.fr")
    assert value.value == "urbanisme@mairie-exemple.fr" and value.status is SURE


def test_a_lost_start_is_not_guessed_but_not_trusted():
    """"perrot" may be a.perrot, aperrot or armelle.perrot: left as read, for a reviewer."""
    value = _fields("Armelle Perrot", "perrot@cc-exemple.fr")
    assert value.value == "perrot@cc-exemple.fr"
    assert value.status is FieldStatus.NEEDS_REVIEW


def test_a_doubted_name_mends_nothing_but_the_disagreement_is_for_review():
    """The name read unsure may be the one misread ("ZMMERMANN"): the address is not mended."""
    value = _fields("Fatima ZMMERMANN", "f.zimmermann@x.fr", name_status=FieldStatus.NEEDS_REVIEW)
    assert value.value == "f.zimmermann@x.fr"
    assert value.status is FieldStatus.NEEDS_REVIEW


def test_a_typed_address_is_as_typed():
    value = _fields("Lucie DELATTRE", "idelattre@mairie-exemple.fr", confidence=1.0)
    assert value.value == "idelattre@mairie-exemple.fr" and value.status is SURE


def test_a_compound_given_names_initials_are_a_form():
    """"jm.grondin" for Jean-Marc Grondin is as written, not a slip from j.grondin."""
    value = _fields("Jean-Marc Grondin", "jm.grondin@ville-exemple.re")
    assert value.value == "jm.grondin@ville-exemple.re" and value.status is SURE
