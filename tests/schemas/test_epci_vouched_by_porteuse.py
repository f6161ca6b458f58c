"""An EPCI read surely but under the confirmed bar, named letter for letter by the porteuse
too (same SIREN), vouches for the communes listed; fuzzy agreement vouches for nothing."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

EPCI = "Communauté de communes de l'Ouest Guyanais"
COMMUNES = "Saint-Laurent-du-Maroni, Marlpasoula, Apatou, Papaichton"  # a photo's slip


def _cog():
    from schemas.cog import Cog
    return Cog.load()


def _raw(porteuse: str, epci: str = EPCI, epci_conf: float = 0.886) -> dict[str, FieldValue]:
    return {
        "s1.collectivite.nom": FieldValue(porteuse, 0.886, None, FieldStatus.EXTRACTED),
        "s2.epci": FieldValue(epci, epci_conf, None, FieldStatus.EXTRACTED),
        "s2.communes": FieldValue(COMMUNES, 0.756, None, FieldStatus.EXTRACTED),
        "s2.departement": FieldValue("973", 0.861, None, FieldStatus.EXTRACTED),
    }


def test_communes_unsure_are_confirmed_by_an_epci_the_porteuse_names_exactly():
    out = normalise_fields(_raw(EPCI), _cog())
    assert out["s2.epci"].value["siren"] == "249730037"
    assert out["s2.communes"].status is FieldStatus.EXTRACTED
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["97311", "97353", "97360", "97362"]


@pytest.mark.parametrize("porteuse", ["Communauté de communes de l'Ouest Guyanals",  # a slip: fuzzy
                                      "Commune de Saint-Laurent-du-Maroni"])
def test_a_porteuse_not_naming_the_epci_exactly_vouches_for_nothing(porteuse):
    out = normalise_fields(_raw(porteuse), _cog())
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW
    assert out["s2.epci"].confidence < 0.90
