"""Section 2 and the porteuse confirmed by the dossier's other readings (study draw d39's fax
and photo): an EPCI spelt exactly but doubted for a speck, a single commune whose place was
doubted under a communale échelle, a région one or two slips off, a porteuse one slip from a
commune that section 2 lists and the letter names exactly."""

from __future__ import annotations

from functools import cache

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


@cache
def _cog():
    from schemas.cog import Cog
    return Cog.load()


def _read(**fields: tuple) -> dict[str, FieldValue]:
    return {key.replace("__", "."): FieldValue(value, conf, None, status) for key, (value, conf, status) in fields.items()}


def _lisieux(epci: str, epci_conf: float = 0.43, region: str = "Normandie", porteuse: str = "Ville de Saint-Pierre-en-Auge",
             letter: str | None = "Ville de Saint-Pierre-en-Auge") -> dict[str, FieldValue]:
    read = _read(s2__communes=("Saint-Pierré-en-Augé (14140)", 0.545, SURE),
                 s2__epci=(epci, epci_conf, REVIEW),
                 s2__departement=("Calvados", 0.9, SURE),
                 s2__region=(region, 0.53, SURE),
                 s1__collectivite__nom=(porteuse, 0.825, SURE),
                 s1__collectivite__type=("commune", 0.9, SURE))
    if letter:
        read["courrier_collectivite.collectivite"] = FieldValue(letter, 0.88, None, SURE)
    return read


def test_an_epci_spelt_exactly_on_a_fax_is_confirmed_by_its_communes_however_doubted():
    out = normalise_fields(_lisieux("Communauté d'agglomération. Lisieux Normandie"), _cog())
    assert out["s2.epci"].status is SURE
    assert out["s2.epci"].value == {"nom": "Communauté d'agglomération Lisieux Normandie", "siren": "200069532"}


def test_an_epci_doubted_and_misspelt_is_not_confirmed_under_the_usual_floor():
    out = normalise_fields(_lisieux("Communauté d'agglomération Lisieax Normandle"), _cog())
    assert out["s2.epci"].status is REVIEW


def test_a_region_read_with_slips_is_the_region_of_the_departement_read_surely():
    out = normalise_fields(_lisieux("Communauté d'agglomération Lisieux Normandie", 0.9, region="Normatidie"), _cog())
    assert (out["s2.region"].value, out["s2.region"].status) == ("28", SURE)


def test_a_region_far_from_the_departements_stays_for_review():
    out = normalise_fields(_lisieux("Communauté d'agglomération Lisieux Normandie", 0.9, region="Bretagme"), _cog())
    assert out["s2.region"].status is REVIEW


def test_a_porteuse_one_slip_from_a_commune_listed_and_named_exactly_by_the_letter_is_respelt():
    out = normalise_fields(_lisieux("Communauté d'agglomération Lisieux Normandie", 0.9,
                                    porteuse="Ville de Saint-Picrre-en-Auge"), _cog())
    assert (out["s1.collectivite.nom"].value, out["s1.collectivite.nom"].status) \
        == ("Ville de Saint-Pierre-en-Auge", SURE)


def test_a_porteuse_with_a_slip_stays_for_review_without_the_letter():
    out = normalise_fields(_lisieux("Communauté d'agglomération Lisieux Normandie", 0.9,
                                    porteuse="Ville de Saint-Picrre-en-Auge", letter=None), _cog())
    assert (out["s1.collectivite.nom"].value, out["s1.collectivite.nom"].status) \
        == ("Ville de Saint-Picrre-en-Auge", REVIEW)


def _pontet(echelle: str) -> dict[str, FieldValue]:
    # a photo: the list's and the département's places doubted at reading (status review)
    return _read(s2__communes=("Le Pontet (84092)", 0.913, REVIEW),
                 s2__epci=("CA du Grand Avignon (COGA)", 0.878, SURE),
                 s2__departement=("Vaucluse", 0.902, REVIEW),
                 s2__echelle=(echelle, 0.849, SURE),
                 s1__collectivite__nom=("Commune du Pontet", 0.905, SURE),
                 s1__collectivite__type=("commune", 0.9, SURE))


def test_one_commune_doubted_for_its_place_under_a_communale_echelle_is_the_porteuse():
    out = normalise_fields(_pontet("communale"), _cog())
    assert out["s2.communes"].status is SURE
    assert out["s2.communes"].value == [{"nom": "Le Pontet", "code_insee": "84092"}]
    assert (out["s2.departement"].value, out["s2.departement"].status) == ("84", SURE)


def test_under_an_intercommunale_echelle_a_list_doubted_for_its_place_may_have_lost_a_commune():
    out = normalise_fields(_pontet("intercommunale"), _cog())
    assert out["s2.communes"].status is REVIEW


def test_et_before_a_postal_code_separates_two_communes():
    from schemas.communes import parse_communes
    for text in ("Pointe-Noire et 97115 Sainte-Rose", "Pointe-Noire et Sainte-Rose", "Pointe-Noire (97121) et 97115 Sainte-Rose"):
        assert [(e.nom, e.code_insee) for e in parse_communes(text, _cog())] \
            == [("Pointe-Noire", "97121"), ("Sainte-Rose", "97129")], text
