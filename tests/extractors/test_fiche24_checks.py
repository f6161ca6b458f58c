"""Fiche answers implied by others (session 24)."""

from __future__ import annotations

from extractors.fields.fiche import FICHE_FIELDS
from extractors.fields.fiche_checks import implied_choices
from extractors.model import FieldStatus, FieldValue


def test_a_porteuse_read_cite_de_communes_implies_an_epci():
    """"Cté de communes" read "Cité de communes" on a photo names an EPCI, not a commune (a
    "Cité de …" is a town's name): the nature implied is epci."""
    fields = {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    fields["s1.collectivite.nom"] = FieldValue("Cité de communes Terres d'Argentan Interco", 0.8, None,
                                               FieldStatus.EXTRACTED)
    implied_choices(fields)
    assert fields["s1.collectivite.type"].value == "epci"
