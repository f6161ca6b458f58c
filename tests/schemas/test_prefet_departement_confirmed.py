"""The préfecture's département read with slips is confirmed by the territory the dossier surely names."""

from __future__ import annotations

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
