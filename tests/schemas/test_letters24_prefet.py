"""The préfet's letter names its préfecture only by a town with homonyms elsewhere."""

from __future__ import annotations

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields


def _cog():
    from schemas.cog import Cog
    return Cog.load()


def _sure(value) -> FieldValue:
    return FieldValue(value, 0.95, None, FieldStatus.EXTRACTED)


def test_a_prefecture_town_with_homonyms_is_the_one_of_the_territory():
    """"Saint-Denis, le 9 juillet 2026" (the letterhead lost on a photo): Saint-Denis is in
    Seine-Saint-Denis and in La Réunion; for a dossier of La Réunion, it is Réunion's préfet."""
    cog = _cog()
    raw = {"courrier_prefet.departement": FieldValue([{"commune": "Saint-Denis"}], 0.7, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": _sure("Commune de Saint-Pierre"), "s2.departement": _sure("La Réunion")}
    out = normalise_fields(raw, cog)
    assert out["courrier_prefet.departement"].value == "974"
    assert out["courrier_prefet.departement"].status is FieldStatus.EXTRACTED
    # for a dossier of another département (Sarthe), neither homonym: for a reviewer, as read
    raw.update({"s1.collectivite.nom": _sure("Commune de Sablé-sur-Sarthe"), "s2.departement": _sure("Sarthe")})
    out = normalise_fields(raw, cog)
    assert out["courrier_prefet.departement"].status is FieldStatus.NEEDS_REVIEW
