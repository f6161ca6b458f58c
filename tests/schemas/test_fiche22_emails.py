"""Addresses read unsure on scans, confirmed by the names the fiche gives (session 22)."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields
from schemas.values import domain_names, email_spells_name

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _fiche(cog, referent_email: str, contact_email: str, confidence: float = 0.6) -> dict:
    raw = {"s1.etat.service": FieldValue("DDT de l'Aisne", 0.95, None, SURE),
           "s1.etat.referent_nom": FieldValue("Patrice PEYROU", 0.9, None, SURE),
           "s1.etat.referent_email": FieldValue(referent_email, confidence, None, SURE),
           "s1.collectivite.nom": FieldValue("Cté de communes du Val de l'Oise", 0.9, None, SURE),
           "s1.collectivite.contact_nom": FieldValue("ZIMMERMANN Benoît", 0.9, None, SURE),
           "s1.collectivite.contact_email": FieldValue(contact_email, confidence, None, SURE),
           "s2.epci": FieldValue("CC du Val de l'Oise", 0.95, None, SURE),
           "s2.departement": FieldValue("02 - Aisne", 0.9, None, SURE)}
    return normalise_fields(raw, cog)


def test_an_unsure_address_spelling_its_owner_and_a_dossier_name_is_trusted(cog):
    out = _fiche(cog, "peyrou.patrice@aisne.gouv.fr", "benoit.zimmermann@cc-du-val-de-l-oise.fr")
    assert out["s1.etat.referent_email"].status is SURE
    assert out["s1.collectivite.contact_email"].status is SURE


@pytest.mark.parametrize(("referent", "contact"), [
    ("ppeyrou@aisne.gouv.fr", "bzimmermann@cc-du-val-de-l-oise.fr"),  # glued: a dot may have been lost
    ("peyrou.patrice@aisne.gouv", "benoit.zimmermann@cc-du-val-de-l-oise"),  # the ending cut
    ("peyrou.patrlce@aisne.gouv.fr", "benoit.zimmermann@cc-du-val-dc-l-oise.fr"),  # a slip
    ("peyrou.patrice@alsne.gouv.fr", "benoit.zimmermann@ca-du-val-de-l-oise.fr"),  # a slip in the domain
])
def test_an_address_that_does_not_agree_letter_for_letter_stays_for_review(cog, referent, contact):
    out = _fiche(cog, referent, contact)
    assert out["s1.etat.referent_email"].status is REVIEW
    assert out["s1.collectivite.contact_email"].status is REVIEW


def test_a_very_unsure_address_is_not_confirmed(cog):
    out = _fiche(cog, "peyrou.patrice@aisne.gouv.fr", "benoit.zimmermann@cc-du-val-de-l-oise.fr", confidence=0.3)
    assert out["s1.etat.referent_email"].status is REVIEW


def test_name_and_domain_shapes():
    assert email_spells_name("pascale.mariesainte@x.fr", "Pascale Marie-Sainte")
    assert email_spells_name("morvan.jean-baptiste@x.fr", "MORVAN Jean-Baptiste")
    assert email_spells_name("j.etienne@x.fr", "Julien ETIENNE")
    assert not email_spells_name("jetienne@x.fr", "Julien ETIENNE")
    assert not email_spells_name("j.etienne@x.fr", "DA SILVA Julien")
    assert domain_names("deal-reunion.gouv.fr", ["DEAL de La Réunion"], state=True)
    assert domain_names("mairie-les-anses-d-arlet.fr", ["Les Anses-d'Arlet"], state=False)
    assert not domain_names("mairie-le-bassee.fr", ["La Bassée"], state=False)
    assert not domain_names("reunion.fr", ["DEAL de La Réunion"], state=True)
