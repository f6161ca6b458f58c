"""Issue 11, addresses whose domain spells a place of the fiche with a slip in a short piece
(fichestudy 180:240, session 41): "mairie-blainville-sur-i-eau.fr" on a photo (sur-l-eau),
"mairie-mome-a-t-eau.fr" (morne-a-l-eau), "charente-maritime,.gouv.fr" on a fax: mended from the
COG's spelling of the porteuse's, a commune's or the département's name, for a reviewer."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _fields(cog, email: str, porteuse: str, departement: str, communes: str | None = None):
    raw = {"s1.collectivite.contact_email": FieldValue(email, 0.5, None, REVIEW),
           "s1.collectivite.nom": FieldValue(porteuse, 0.9, None, SURE),
           "s2.departement": FieldValue(departement, 0.95, None, SURE)}
    if communes:
        raw["s2.communes"] = FieldValue(communes, 0.9, None, SURE)
    return normalise_fields(raw, cog)["s1.collectivite.contact_email"]


@pytest.mark.parametrize(("read", "porteuse", "departement", "mended"), [
    ("m.castagnet@mairie-blainville-sur-i-eau.fr", "Commune de Blainville-sur-l'Eau", "54",
     "m.castagnet@mairie-blainville-sur-l-eau.fr"),
    ("plubin@mairie-mome-a-t-eau.fr", "Commune de Morne-à-l'Eau", "971", "plubin@mairie-morne-a-l-eau.fr"),
    ("a.b@charente-maritime,.fr", "Commune de Dompierre-sur-Mer", "17", "a.b@charente-maritime.fr"),
])
def test_a_domain_one_slip_from_a_place_of_the_fiche_is_mended_for_review(cog, read, porteuse, departement, mended):
    value = _fields(cog, read, porteuse, departement)
    assert (value.value, value.status) == (mended, REVIEW)


@pytest.mark.parametrize(("read", "porteuse", "departement"), [
    ("lacombe.josiane@indre-et-loire.fr", "Ville de Tours", "37"),  # spelt as the département
    ("a.b@deal-guadeloupe.fr", "Ville des Abymes", "971"),  # "deal" is no slip of "de"
    ("a.b@mairie-les-abymes.fr", "Ville des Abymes", "971"),
])
def test_a_domain_spelt_as_a_place_or_far_from_any_is_left(cog, read, porteuse, departement):
    assert _fields(cog, read, porteuse, departement).value == read
