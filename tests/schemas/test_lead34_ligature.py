"""A fax's "æ" for the "œ" of a place name: "Ville de Schælcher" on the letterhead (left in review,
no exact name) and "Maire de Schælcher" in section 1 (sure and wrong) are Schœlcher's."""

from __future__ import annotations

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

COLL = "courrier_collectivite.collectivite"


def _raw(letter: str, quality: str) -> dict:
    return {COLL: FieldValue(letter, 0.673, None, FieldStatus.EXTRACTED),
            "courrier_collectivite.signataire_qualite": FieldValue("Le Maire", 0.93, None, FieldStatus.EXTRACTED),
            "s1.collectivite.nom": FieldValue("Ville de Schœlcher", 0.83, None, FieldStatus.EXTRACTED),
            "s1.collectivite.elu_qualite": FieldValue(quality, 0.82, None, FieldStatus.EXTRACTED)}


def test_the_ligature_of_a_place_name_read_ae_is_its_oe(cog):
    out = normalise_fields(_raw("Ville de Schælcher", "Maire de Schælcher"), cog)
    assert out["s1.collectivite.elu_qualite"].value == "Maire de Schœlcher"
    assert out[COLL].value == "Ville de Schœlcher"
    assert out[COLL].status is FieldStatus.EXTRACTED  # the fiche's porteuse and the maire's quality agree


def test_an_ae_no_place_name_writes_is_kept(cog):
    out = normalise_fields(_raw("Ville de Schœlcher", "Maire de Schœlcher, Lætitia"), cog)
    assert out["s1.collectivite.elu_qualite"].value == "Maire de Schœlcher, Lætitia"
