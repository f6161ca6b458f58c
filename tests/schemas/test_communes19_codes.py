"""A commune's name misread beside a code that several communes share (session 19)."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.communes import parse_communes


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _read(text: str, cog: Cog) -> list[tuple[str, str | None, bool]]:
    return [(e.nom, e.code_insee, e.sure) for e in parse_communes(text, cog)]


def test_a_code_written_after_code_insee_is_no_postcode(cog):
    """97411 is Saint-Denis's INSEE code and a postcode of Saint-Paul: after "code INSEE" it
    is the INSEE code, and a misread name that resembles Saint-Denis is confirmed by it."""
    assert _read("Saint-Pierre ; Samt-Dems — code INSEE 97411", cog)[1] == ("Saint-Denis", "97411", True)
    # a name that resembles another commune than the INSEE code's is still contradicted
    assert _read("Sant-Pal (code INSEE 97411)", cog)[0][2] is False


def test_a_shared_postcode_names_the_one_commune_the_misread_name_resembles(cog):
    """A bare code several communes answer to (an INSEE code, a postcode of another) names the
    one of them the damaged name resembles, when only one does."""
    assert _read("Sant-Pal (97411)", cog) == [("Saint-Paul", "97415", True)]
    assert _read("Samt-Dems (97411)", cog) == [("Saint-Denis", "97411", True)]


def test_a_homonym_the_list_placed_counts_as_exactly_named_when_no_departement_was_read(cog):
    """A photo lost the département ("he de") and damaged the EPCI's name; "Saint-Paul" names
    communes across France, but Trois-Bassins beside it puts it in La Réunion, and both are
    members of the one EPCI the damaged name comes nearest: both readings are trusted."""
    from tests.schemas.test_section2_crosscheck import read

    out = read(cog, "CA du Terrtoire de la Côte 0uest", "Saint-Paul, Trois-Bassins", "he de",
               epci_confidence=0.6, communes_confidence=0.6)
    assert out["s2.epci"].value["siren"] == "249740101"
    assert out["s2.epci"].status is out["s2.communes"].status is FieldStatus.EXTRACTED
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["97415", "97423"]
    # a commune outside that EPCI decides nothing
    out = read(cog, "CA du Terrtoire de la Côte 0uest", "Saint-Paul, Saint-Benoît", "he de",
               epci_confidence=0.6, communes_confidence=0.6)
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize(("read", "mended"), [
    ("DDTM de la Charente-Maritme", "DDTM de la Charente-Maritime"),
    ("DDT des Alpes-de-Haute-Provnce", "DDT des Alpes-de-Haute-Provence"),
])
def test_a_services_departement_misread_is_spelt_as_the_cog_does_for_review(cog, read, mended):
    """A photo slips a letter in the département a State service names: the name as the COG
    spells it, for a reviewer; a name already right, or too short to tell, is left as read."""
    from schemas.normalise import normalise_fields

    def service(text: str):
        return normalise_fields({"s1.etat.service": FieldValue(text, 0.95, None, FieldStatus.EXTRACTED)},
                                cog)["s1.etat.service"]
    assert (service(read).value, service(read).status) == (mended, FieldStatus.NEEDS_REVIEW)
    assert service("DDTM de la Charente-Maritime").status is FieldStatus.EXTRACTED
    assert service("DDT du Chee").value == "DDT du Chee"


def test_the_signing_place_misread_is_the_commune_the_dossier_names_it_resembles(cog):
    """"Fait à Le Crosic": no commune; the porteuse, read surely, is Le Croisic, which it
    resembles: that name is shown, still for a reviewer. A place resembling none stays as read."""
    from schemas.normalise import normalise_fields

    def lieu(read: str):
        raw = {"fiche.lieu": FieldValue(read, 0.6, None, FieldStatus.EXTRACTED),
               "s1.collectivite.nom": FieldValue("Commune du Croisic", 0.95, None, FieldStatus.EXTRACTED),
               "s2.departement": FieldValue("44", 0.95, None, FieldStatus.EXTRACTED)}
        return normalise_fields(raw, cog)["fiche.lieu"]
    assert (lieu("Le Crosic").value, lieu("Le Crosic").status) == ("Le Croisic", FieldStatus.NEEDS_REVIEW)
    assert lieu("Xqvzt").value == "Xqvzt"
