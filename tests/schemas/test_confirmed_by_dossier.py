"""Readings with slips confirmed by what the dossier surely says elsewhere: the préfecture's
département by the territory, the letter's collectivité by the porteuse and the signatory's quality."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

DOUBTFUL = 0.45  # what OCR gives a photographed "PRÉFÈTE DES PYRÉNÉES-ORIENTALES"


def _fields(prefet: str, **sure: object) -> dict[str, FieldValue]:
    raw = {"courrier_prefet.departement": FieldValue([{"departement": prefet}], DOUBTFUL, None, FieldStatus.EXTRACTED)}
    raw.update({fid.replace("__", "."): FieldValue(value, 0.97, None, FieldStatus.EXTRACTED)
                for fid, value in sure.items()})
    return raw


def test_a_doubtful_departement_agreeing_with_the_letters_collectivite_is_confirmed(cog):
    out = normalise_fields(_fields("PYRÉNÉES-ORIENTALES", courrier_collectivite__collectivite="Communauté de "
                                   "communes des Aspres"), cog)
    assert out["courrier_prefet.departement"].value == "66"
    assert out["courrier_prefet.departement"].status is FieldStatus.EXTRACTED


def test_a_doubtful_departement_agreeing_with_the_communes_is_confirmed(cog):
    out = normalise_fields(_fields("LOIRE-ATLANTIQUE", s2__communes="Le Pouliguen (44135)"), cog)
    assert out["courrier_prefet.departement"].value == "44"
    assert out["courrier_prefet.departement"].status is FieldStatus.EXTRACTED


def test_a_doubtful_departement_of_another_territory_stays_for_a_reviewer(cog):
    out = normalise_fields(_fields("AUDE", s2__communes="Le Pouliguen (44135)"), cog)
    assert out["courrier_prefet.departement"].value == "11"
    assert out["courrier_prefet.departement"].status is FieldStatus.NEEDS_REVIEW


def test_nothing_sure_to_agree_with_leaves_it_doubtful(cog):
    raw = _fields("LOIRE-ATLANTIQUE")
    raw["s2.departement"] = FieldValue("44 - Loire-Atlantique", 0.3, None, FieldStatus.NEEDS_REVIEW)
    out = normalise_fields(raw, cog)
    assert out["courrier_prefet.departement"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("quality, status", [
    ("maire", FieldStatus.EXTRACTED),  # the maire signs for the commune the fiche names: three readings agree
    ("president_epci", FieldStatus.NEEDS_REVIEW),  # a président does not sign for a commune
    (None, FieldStatus.NEEDS_REVIEW),  # the porteuse alone cannot vouch for so unsure a reading
])
def test_a_very_unsure_collectivite_is_confirmed_by_the_porteuse_and_the_quality(cog, quality, status):
    """"Le Maire de La Possession" read under a stamp: the name at 0.45, the quality surely."""
    raw = {"courrier_collectivite.collectivite": FieldValue("Commune de La Possession", 0.45, None,
                                                            FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue("Commune de La Possession", 0.95, None, FieldStatus.EXTRACTED)}
    if quality:
        raw["courrier_collectivite.signataire_qualite"] = FieldValue(quality, 0.95, None, FieldStatus.EXTRACTED)
    out = normalise_fields(raw, cog)
    assert out["courrier_collectivite.collectivite"].status is status


def test_a_very_unsure_collectivite_other_than_the_porteuse_stays_for_a_reviewer(cog):
    raw = {"courrier_collectivite.collectivite": FieldValue("Commune de Saint-Paul", 0.45, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue("Commune de La Possession", 0.95, None, FieldStatus.EXTRACTED),
           "courrier_collectivite.signataire_qualite": FieldValue("maire", 0.95, None, FieldStatus.EXTRACTED)}
    assert normalise_fields(raw, cog)["courrier_collectivite.collectivite"].status is FieldStatus.NEEDS_REVIEW
