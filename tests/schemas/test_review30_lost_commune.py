"""A commune list whose last name a photo lost, its postcode left alone ("…; 33127" for
"33127 Saint-Jean-d'Illac"), stays for a reviewer whatever vouches for the names read
(review30: the one list of the study draws left in review whose every name was exact was
this one, and it was wrong: a rule trusting exact names agreeing with the EPCI would make it sure)."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue, Source
from schemas.cog import Cog
from schemas.normalise import normalise_fields

# As read on a phone photo of the fiche (d55's 08_, the list wrapped: its last name on a lost line)
READ = "Cestas (code INSEE 33122) ; Canéjan (code INSEE 33090) ; 33127"


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _fields(epci_confidence: float, porteuse: str = "Communauté de communes Jalle-Eau-Bourde"):
    src = Source("IMG_20260325_165700.jpg", 1, (351.0, 1018.0, 782.0, 1035.0))
    sure = FieldStatus.EXTRACTED
    return {"s2.communes": FieldValue(READ, 0.88, src, sure),
            "s2.epci": FieldValue("CC JALLE-EAU-BOURDE", epci_confidence, src, sure),
            "s1.collectivite.nom": FieldValue(porteuse, 0.862, src, sure),
            "s2.echelle": FieldValue("intercommunale", 0.9, src, sure)}


@pytest.mark.parametrize("epci_confidence", [0.816, 0.95, 1.0])
def test_a_lone_postcode_keeps_the_list_for_a_reviewer(cog, epci_confidence):
    out = normalise_fields(_fields(epci_confidence), cog)
    communes = out["s2.communes"]
    assert [c["code_insee"] for c in communes.value][:2] == ["33122", "33090"]
    assert communes.status is FieldStatus.NEEDS_REVIEW


def test_the_same_names_without_the_postcode_are_trusted(cog):
    """The guard is the lone postcode, not the photo: the two names, codes agreeing, are sure."""
    fields = _fields(0.816)
    fields["s2.communes"] = FieldValue(READ.rsplit(" ;", 1)[0], 0.88, fields["s2.communes"].source,
                                       FieldStatus.EXTRACTED)
    assert normalise_fields(fields, cog)["s2.communes"].status is FieldStatus.EXTRACTED
