"""The shipped COG reference and name resolution, on real communes, EPCIs and départements."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from schemas.cog import DEFAULT_PATH, Cog, CommuneKind
from schemas.cog_names import commune_keys, epci_key
from schemas.values import fold

ROOT = Path(__file__).resolve().parents[2]
TARBALL = ROOT.parent / "shared" / "data" / "etalab-decoupage-administratif-6.0.0.tgz"


@pytest.fixture(scope="module")
def cog() -> Cog:
    """Loaded once for the module, as the pipeline does."""
    return Cog.load()


# -- the reference file ----------------------------------------------------------------------


def test_shipped_reference_counts(cog: Cog):
    assert cog.source == "@etalab/decoupage-administratif 6.0.0"
    assert len(cog.communes) == 34969
    assert len(cog.regions) == 26 and len(cog.departements) == 109
    kinds = {k: sum(r.kind is k for r in cog.rattachees) for k in CommuneKind}
    assert kinds[CommuneKind.DELEGUEE] == 2105 and kinds[CommuneKind.ASSOCIEE] == 471
    assert kinds[CommuneKind.ARRONDISSEMENT] == 45
    assert sum(e.nature == "EPT" for e in cog.epcis.values()) == 11
    assert len(cog.epcis) == 1255 + 11


@pytest.mark.skipif(not TARBALL.exists(), reason="Etalab tarball not beside the repository")
def test_build_script_reproduces_the_shipped_file(tmp_path: Path):
    spec = importlib.util.spec_from_file_location("build_cog", ROOT / "scripts" / "build_cog.py")
    build_cog = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_cog)
    out = tmp_path / "cog.json.gz"
    assert build_cog.main(["--source", str(TARBALL), "--out", str(out)]) == 0
    assert out.read_bytes() == DEFAULT_PATH.read_bytes(), "rerun scripts/build_cog.py"


def test_load_rejects_an_unknown_version(tmp_path: Path):
    path = tmp_path / "cog.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"version": 99}).encode()))
    with pytest.raises(ValueError, match="version"):
        Cog.load(path)


# -- name keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("Saint-Malo", "saint malo"),
    ("ST MALO", "saint malo"),
    ("Ste-Marie", "sainte marie"),
    ("L’Île-Rousse", "l ile rousse"),
    ("Cœur de Sologne", "coeur de sologne"),
    ("Marseille 1er Arrondissement", "marseille 1"),
    ("Paris 13ème arr.", "paris 13"),
])
def test_commune_keys(name: str, expected: str):
    assert commune_keys(name)[0] == expected


def test_bare_key_drops_a_leading_article_only():
    assert commune_keys("Le Mans") == ("le mans", "mans")
    assert commune_keys("Saint-Martin-de-la-Place")[1] == "saint martin de la place"
    assert fold("  Pyrénées-ATLANTIQUES ") == "pyrenees atlantiques"


@pytest.mark.parametrize(("name", "key", "nature"), [
    ("Communauté de communes du Pays de Mormal", "pays mormal", "CC"),
    ("CC du Pays de Mormal", "pays mormal", "CC"),
    ("Communauté d'agglomération du Saint-Quentinois", "saint quentinois", "CA"),
    ("Communauté urbaine de Dunkerque", "dunkerque", "CU"),
    ("Poher communauté", "poher", None),
    # damaged words are dropped from the key; the nature (a mere hint) is not recognised
    ("Comrnunauté de cornmunes Bretagne Romantique", "bretagne romantique", None),
])
def test_epci_key(name: str, key: str, nature: str | None):
    assert epci_key(name) == (key, nature)


# -- communes --------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "departement", "code"), [
    ("Vitré", None, "35360"),
    ("VITRE", None, "35360"),
    ("Commune de Vitré", None, "35360"),
    ("Commune de Vitré (35)", None, "35360"),
    ("Vitré (Ille-et-Vilaine)", None, "35360"),
    ("Vitré, Ille-et-Vilaine", None, "35360"),
    ("35500 Vitré", None, "35360"),
    ("Vitré (35500)", None, "35360"),
    ("St Malo", None, "35288"),
    ("St-Malo", None, "35288"),
    ("Saint Malo", None, "35288"),
    ("Ville de Saint-Malo", None, "35288"),
    ("Saint-Denis", "974", "97411"),
    ("Saint-Denis", "La Réunion", "97411"),
    ("Saint-Denis (974)", None, "97411"),
    ("Saint-Denis", "93", "93066"),
    ("St Denis", "Seine-Saint-Denis", "93066"),
    ("Saint-Denis (93200)", None, "93066"),
    ("Ajaccio", None, "2A004"),
    ("Ajaccio", "2A", "2A004"),
    ("Ajaccio", "Corse-du-Sud", "2A004"),
    ("L'Île-Rousse", None, "2B134"),
    ("L’Île-Rousse", None, "2B134"),
    ("Ile Rousse", None, "2B134"),
    ("Île-Rousse", "2B", "2B134"),
    ("Commune du Mans", None, "72181"),
    ("Mans", None, "72181"),
    ("Mureaux", None, "78440"),
    ("Ville-d'Avray", None, "92077"),  # "Ville" here is part of the name, not a prefix
    ("Ville de Ville-d'Avray", None, "92077"),
    ("Carhaix Plouguer", None, "29024"),
    ("Saint-Jean-d’Angély", None, "17347"),
    ("Porto Vecchio", "2A", "2A247"),
    ("Gorges du Tarn Causses", None, "48146"),
    # overseas: 971-976
    ("Basse-Terre", None, "97105"),
    ("Capesterre de Marie Galante", "971", "97108"),
    ("Les Abymes", "Guadeloupe", "97101"),
    ("Fort de France", None, "97209"),
    ("Sainte Marie", "Martinique", "97228"),
    ("Cayenne", None, "97302"),
    ("St Laurent du Maroni", None, "97311"),
    ("Saint-Pierre", "974", "97416"),
    ("Saint-Paul", "La Reunion", "97415"),
    ("Mamoudzou", None, "97611"),
    ("Koungou", "Mayotte", "97610"),
    ("Saint-Pierre", "975", "97502"),
])
def test_resolve_current_commune(cog: Cog, written: str, departement: str | None, code: str):
    match = cog.resolve_commune(written, departement)
    assert match is not None and not match.ambiguous
    assert match.code_insee == code
    assert match.commune.is_current and match.score == 1.0


@pytest.mark.parametrize(("written", "codes"), [
    ("Saint-Denis", {"11339", "30247", "93066", "97411"}),
    ("Saint-Pierre", {"04194", "15206", "31511", "39494", "51509", "67429", "97225", "97416",
                      "97502"}),
])
def test_homonyms_without_departement_are_ambiguous(cog: Cog, written: str, codes: set[str]):
    match = cog.resolve_commune(written)
    assert match.ambiguous and match.code_insee is None and match.commune is None
    assert {c.code for c in match.candidates} == codes


def test_sainte_marie_has_many_homonyms(cog: Cog):
    match = cog.resolve_commune("Sainte-Marie")
    assert match.ambiguous and len(match.candidates) > 5
    assert {"97228", "97418"} <= {c.code for c in match.candidates}


def test_commune_deleguee_points_to_its_commune_nouvelle(cog: Cog):
    match = cog.resolve_commune("Sainte-Enimie")
    assert not match.ambiguous and match.code_insee is None
    enimie = match.commune
    assert (enimie.nom, enimie.code) == ("Sainte-Enimie", "48146")
    assert enimie.kind is CommuneKind.DELEGUEE
    assert not enimie.is_current
    assert (enimie.parent.code, enimie.parent.nom) == ("48146", "Gorges du Tarn Causses")
    assert cog.resolve_commune("Ste Enimie", "Lozère").commune == enimie


def test_commune_associee_points_to_its_commune(cog: Cog):
    match = cog.resolve_commune("Cordieux")
    assert match.commune.kind is CommuneKind.ASSOCIEE and match.code_insee is None
    assert (match.commune.parent.code, match.commune.parent.nom) == ("01262", "Montluel")


def test_a_current_commune_wins_over_a_deleguee_of_the_same_name(cog: Cog):
    # Annecy is both the commune nouvelle (74010) and one of its communes déléguées.
    match = cog.resolve_commune("Annecy")
    assert match.code_insee == "74010" and match.commune.is_current


def test_municipal_arrondissement_resolves_to_its_commune(cog: Cog):
    match = cog.resolve_commune("Marseille 3e arrondissement")
    assert match.commune.kind is CommuneKind.ARRONDISSEMENT and match.commune.code == "13203"
    assert match.code_insee == "13055"
    assert cog.resolve_commune("Paris 13ème").code_insee == "75056"
    assert cog.resolve_commune("Marseille").code_insee == "13055"


def test_ocr_damaged_name_resolves_within_its_departement(cog: Cog):
    match = cog.resolve_commune("Vitrc", "35")
    assert match.code_insee == "35360" and 0.7 < match.score < 1.0


def test_ocr_damaged_name_without_departement_stays_ambiguous(cog: Cog):
    # "Vitrc" is one letter from Vitré (35) and from three communes named Vitrac.
    match = cog.resolve_commune("Vitrc")
    assert match.ambiguous and "35360" in {c.code for c in match.candidates}


@pytest.mark.parametrize(("written", "departement", "code"), [
    ("Carhaix-Plougucr", None, "29024"),
    ("Saint-Jean-d'Angcly", "17", "17347"),
    ("Porto-Vechio", "2A", "2A247"),
    ("Mamoudzuo", None, "97611"),  # transposed letters count as one error
    ("Sainte-Enirnie", "48", "48146"),  # "rn" for "m"
])
def test_ocr_errors_of_a_letter_or_two(cog: Cog, written: str, departement, code: str):
    match = cog.resolve_commune(written, departement)
    assert match is not None and not match.ambiguous and match.score < 1.0
    assert match.commune.code == code


@pytest.mark.parametrize("written", ["Xyzzy", "", "   ", "Rennes Métropole Sud Ouest Ville", "Vtr"])
def test_nothing_close_enough_gives_none(cog: Cog, written: str):
    assert cog.resolve_commune(written) is None


def test_short_names_are_never_fuzzy(cog: Cog):
    # "Vre" is 2 letters from Vire: under 4 letters, only an exact name matches.
    assert cog.resolve_commune("Vre") is None
    assert cog.resolve_commune("Eu").code_insee == "76255"


def test_commune_outside_the_given_departement_is_still_returned(cog: Cog):
    match = cog.resolve_commune("Vitré", "56")
    assert match.code_insee == "35360" and match.commune.departement == "35"


# -- EPCI ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "siren"), [
    ("CC Bretagne Romantique", "243500733"),
    ("Communauté de communes Bretagne Romantique", "243500733"),
    ("Communaute de communes de la Bretagne romantique", "243500733"),
    ("243 500 733", "243500733"),
    ("Communauté d'agglomération Vitré Communauté", "200039022"),
    ("Vitré Communauté", "200039022"),
    ("CA du Saint-Quentinois", "200071892"),
    ("Communauté d’agglomération du Saint-Quentinois", "200071892"),
    ("Communauté urbaine de Dunkerque", "245900428"),
    ("CU de Dunkerque", "245900428"),
    ("Rennes Métropole", "243500139"),
    ("Métropole de Lyon", "200046977"),
    ("Métropole du Grand Paris", "200054781"),
    ("Eurométropole de Strasbourg", "246700488"),
    ("Poher communauté", "242900744"),
    ("Saint-Flour Communauté", "200066660"),
    ("Redon Agglomération", "243500741"),
    ("Agglo du Pays de Dreux", "200040277"),
    ("Cœur et Coteaux du Comminges", "200072643"),
    ("CC Saint Affricain, Roquefort, Sept Vallons", "200067155"),
    ("Communauté de communes de Marie-Galante", "249710047"),
    ("CASUD – Communauté d'agglomération du Sud", "249740085"),
    ("Communauté d'agglomération du Sud (CASUD)", "249740085"),
    ("Golfe du Morbihan - Vannes agglomération", "200067932"),
    ("Plaine Commune", "200057867"),  # an EPT of the Grand Paris
    ("Établissement public territorial Est Ensemble", "200057875"),
])
def test_resolve_epci_exactly(cog: Cog, written: str, siren: str):
    match = cog.resolve_epci(written)
    assert match is not None and match.siren == siren and match.score == 1.0


def test_epci_known_by_the_start_of_its_official_name(cog: Cog):
    match = cog.resolve_epci("Guingamp-Paimpol Agglomération")
    assert match.siren == "200067981" and match.score < 1.0
    assert match.epci.nom == "CA Guingamp-Paimpol Agglomération de l'Armor à l'Argoat"


@pytest.mark.parametrize(("written", "siren"), [
    ("Communauté de communes Bretagne Romantqiue", "243500733"),
    ("Comrnunauté de cornmunes Bretagne Romantique", "243500733"),
    ("CC du Perigord Nontronais", "200071819"),
    ("Strasbourg Eurométropole", "246700488"),
])
def test_epci_with_ocr_errors_or_reordered(cog: Cog, written: str, siren: str):
    assert cog.resolve_epci(written).siren == siren


def test_homonymous_epcis_are_narrowed_by_departement(cog: Cog):
    match = cog.resolve_epci("Communauté de communes des Quatre Rivières")
    assert match.ambiguous and {e.siren for e in match.candidates} == {"247000623", "247400666"}
    assert cog.resolve_epci("CC des Quatre Rivieres", "Haute-Saône").siren == "247000623"
    assert cog.resolve_epci("CC des Quatre Rivières", "74").siren == "247400666"


def test_epcis_of_the_same_name_are_narrowed_by_nature(cog: Cog):
    assert cog.resolve_epci("Communauté d'agglomération du Sud").siren == "249740085"
    assert cog.resolve_epci("Communauté de communes du Sud").epci.nature == "CC"


@pytest.mark.parametrize("written", ["Communauté de communes", "CC du Pays", "Xyzzy Agglo", ""])
def test_unknown_epci_gives_none(cog: Cog, written: str):
    assert cog.resolve_epci(written) is None


def test_commune_membership(cog: Cog):
    assert cog.commune_in_epci("35360", "200039022")  # Vitré in Vitré Communauté
    assert not cog.commune_in_epci("35360", "243500733")
    assert cog.commune_in_epci("93066", "200057867")  # Saint-Denis in Plaine Commune (EPT)
    assert cog.commune_in_epci("93066", "200054781")  # ... and in the Métropole du Grand Paris
    assert cog.commune_in_epci("75113", "200054781")  # an arrondissement, through Paris
    assert cog.commune_in_epci("97112", "249710047")  # Grand-Bourg, CC de Marie-Galante
    assert [e.siren for e in cog.epcis_of_commune("93066")] == ["200054781", "200057867"]
    assert cog.epcis_of_commune("29083") == ()  # an island commune outside any EPCI


# -- départements, régions -------------------------------------------------------------------


@pytest.mark.parametrize(("written", "code"), [
    ("35", "35"), ("035", "35"), ("Ille-et-Vilaine", "35"), ("ille et vilaine", "35"),
    ("Département d'Ille-et-Vilaine", "35"), ("Finistère", "29"), ("FINISTERE", "29"),
    ("du Finistère", "29"), ("Préfet du Finistère", "29"), ("Lozere", "48"),
    ("Ardèche", "07"), ("Ardeche", "07"), ("7", "07"), ("Hautes Alpes", "05"),
    ("2A", "2A"), ("2a", "2A"), ("Corse-du-Sud", "2A"), ("Corse du Sud", "2A"),
    ("Haute-Corse", "2B"), ("Seine St Denis", "93"), ("Val d’Oise", "95"),
    ("Cotes d Armor", "22"), ("Territoire de Belfort", "90"), ("Morbihna", "56"),
    ("Guadeloupe", "971"), ("Martinique", "972"), ("Guyane", "973"), ("974", "974"),
    ("La Réunion", "974"), ("Reunion", "974"), ("Mayotte", "976"), ("976", "976"),
])
def test_departement_code(cog: Cog, written: str, code: str):
    assert cog.departement_code(written) == code


@pytest.mark.parametrize("written", ["20", "99", "", "Corse", "xx", "Bretagne du Nord-Ouest"])
def test_departement_code_unknown(cog: Cog, written: str):
    assert cog.departement_code(written) is None


@pytest.mark.parametrize(("written", "code"), [
    ("53", "53"), ("Bretagne", "53"), ("Région Bretagne", "53"), ("PACA", "93"),
    ("Provence-Alpes-Côte d'Azur", "93"), ("Auvergne-Rhône-Alpes", "84"), ("Ile de France", "11"),
    ("Centre-Val de Loire", "24"), ("Grand Est", "44"), ("Hauts de France", "32"),
    ("Occitanie", "76"), ("Midi-Pyrénées", "76"), ("Corse", "94"), ("04", "04"),
    ("La Réunion", "04"), ("Guadeloupe", "01"), ("Mayotte", "06"),
])
def test_region_code(cog: Cog, written: str, code: str):
    assert cog.region_code(written) == code


@pytest.mark.parametrize(("insee", "departement", "region"), [
    ("35360", "35", "53"), ("2A004", "2A", "94"), ("20004", "2A", "94"),  # Ajaccio's former code
    ("75113", "75", "11"), ("97411", "974", "04"), ("97611", "976", "06"), ("99999", None, None),
])
def test_departement_and_region_of_commune(cog: Cog, insee: str, departement, region):
    assert cog.departement_of_commune(insee) == departement
    assert cog.region_of_commune(insee) == region
