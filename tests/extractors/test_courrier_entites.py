"""Whose letter it is: letterheads of every shape, a commune and an EPCI on one letterhead, the quality that follows."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.courrier_entites import commune_named
from extractors.model import FieldStatus, FieldValue, PieceKind
from schemas.cog import Cog
from schemas.normalise import normalise_fields
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE
PRESIDENT = ("Le Président,", "Alexandre Cassaro")


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def read(**kwargs) -> dict:
    reading = read_letter(COLL, "courrier.pdf", (letter(**kwargs),))
    return {name: value.value for name, value in reading.fields.items()}


@pytest.mark.parametrize("head, named", [
    (("Ville de", "Hôtel de ville - Lodève", "Place de la République", "34700 Lodève"), "Commune de Lodève"),
    (("VILLE DE", "Hôtel de ville -Lodève"), "Commune de Lodève"),
    (("Ville de Lodève - Hôtel de ville", "34700 Lodève"), "Ville de Lodève"),
    (("Mairie de Hôtel de ville Lodève",), "Commune de Lodève"),
])
def test_town_hall_words_are_no_part_of_the_name(head, named):
    assert read(head=head)["collectivite"] == named


@pytest.mark.parametrize("mark", ["L", "“", "|", "-"])
def test_an_emblems_mark_before_the_name_is_no_part_of_it(mark):
    assert read(head=(f"{mark} Ville de Pointe-à-Pitre", "5 place du Marché", "97110 POINTE-À-PITRE"))[
        "collectivite"] == "Ville de Pointe-à-Pitre"


def test_a_bare_wordmark_letter_is_named_by_its_objet_or_body():
    body = ("Par ce courrier, la commune de Tucquegnieux souhaite vous faire part de son engagement.",)
    got = read(head=("tucquegnieux",), body=body)
    assert got["collectivite"] == "Commune de Tucquegnieux"
    got = read(head=("tucquegnieux",), objet="Objet : Soutien à la candidature de la ville de Tucquegnieux")
    assert got["collectivite"] == "Commune de Tucquegnieux"


@pytest.mark.parametrize("head, named", [
    (("Hôtel de ville", "Place de la République", "34700 Lodève"), "Commune de Lodève"),
    (("LE LORRAIN", "Mairie", "97214 Le Lorrain"), "Commune du Lorrain"),
    (("Hôtel de ville - Lodève",), "Commune de Lodève"),
])
def test_a_town_hall_names_its_commune_by_its_address(head, named):
    got = read(head=head)
    assert got["collectivite"] == named and got["signataire_qualite"] == "maire"


@pytest.mark.parametrize("kwargs", [
    # the EPCI's name on a logo line, its seat's town hall below
    dict(head=("Forbach Porte de France", "Agglomération", "Hôtel de ville", "57600 Forbach")),
    dict(head=("CA Forbach Porte de France", "Hôtel de Ville", "Avenue Saint-Rémy", "57600 Forbach")),
    # the seat town's letterhead, the EPCI in a right-hand block
    dict(head=("Ville de Forbach", "Hôtel de ville", "57600 Forbach"),
         right=("Communauté d'Agglomération", "Forbach Porte de France")),
    # only a town hall in the letterhead: the signatory's title names the EPCI, over two lines
    dict(head=("Hôtel de Ville", "Avenue Saint-Rémy", "57600 Forbach"),
         signatory=("Le Président de la Communauté d'agglomération", "Forbach Porte de France,", "Alexandre Cassaro")),
    # the sender's title above the addressee
    dict(head=("Hôtel de Ville", "57600 Forbach"),
         sender_title="Le Président de la Communauté d'agglomération Forbach Porte de France"),
])
def test_an_epci_in_its_seats_town_hall_is_the_epci_and_its_president_signs(kwargs):
    got = read(**{"signatory": PRESIDENT, **kwargs})
    assert "Forbach Porte de France" in got["collectivite"]
    assert got["signataire_qualite"] == "president_epci"


def test_a_president_who_is_also_maire_of_the_seat_signs_for_the_epci_named_in_his_title():
    got = read(head=("Ville de Forbach",),
               signatory=("Le Président de la Communauté d'Agglomération Forbach Porte de France,", "Maire de Forbach,",
                          "Alexandre Cassaro"))
    assert got["collectivite"] == "Communauté d'Agglomération Forbach Porte de France"
    assert got["signataire_qualite"] == "president_epci"


def test_a_maire_who_also_presides_the_epci_signs_for_the_commune_of_the_letterhead():
    got = read(head=("Commune de Digne-les-Bains",),
               signatory=("Le Maire de Digne-les-Bains,", "Président de Provence Alpes Agglomération,",
                          "Patricia Granet"))
    assert got["collectivite"] == "Commune de Digne-les-Bains" and got["signataire_qualite"] == "maire"


def test_the_maire_alone_signs_for_the_commune_even_beside_its_epcis_logo():
    got = read(head=("Ville de Forbach", "Hôtel de ville", "57600 Forbach"),
               right=("Communauté d'Agglomération", "Forbach Porte de France"),
               signatory=("Le Maire,", "Vice-président de la Communauté d'agglomération,", "Laurent Kleinhentz"))
    assert got["collectivite"] == "Ville de Forbach" and got["signataire_qualite"] == "maire"


def test_a_president_names_the_epci_of_the_body_over_the_seat_town():
    body = ("J'ai l'honneur de vous confirmer le soutien de la communauté d'agglomération Forbach Porte de France",
            "à la candidature à l'Atelier des territoires Flash.")
    got = read(head=("Hôtel de ville", "57600 Forbach"), body=body, signatory=PRESIDENT)
    assert got["collectivite"] == "communauté d'agglomération Forbach Porte de France"
    assert got["signataire_qualite"] == "president_epci"


@pytest.mark.parametrize("town, named", [("Lodève", "Commune de Lodève"), ("Le Lorrain", "Commune du Lorrain"),
                                         ("Les Abymes", "Commune des Abymes"), ("Annecy", "Commune d'Annecy"),
                                         ("La Flèche", "Commune de La Flèche")])
def test_commune_named(town, named):
    assert commune_named(town) == named


# -- resolved against the COG in the normalisation --------------------------------------------

def normalised(letter_name: str, cog: Cog, **fiche) -> FieldValue:
    raw = {"courrier_collectivite.collectivite": FieldValue(letter_name, 0.95, None, FieldStatus.EXTRACTED)}
    raw |= {k.replace("__", "."): FieldValue(v, 0.95, None, FieldStatus.EXTRACTED) for k, v in fiche.items()}
    return normalise_fields(raw, cog)["courrier_collectivite.collectivite"]


@pytest.mark.parametrize("written, exported", [
    ("Ville de Lodève", "Ville de Lodève"),
    ("Mairie de Lodève", "Mairie de Lodève"),
    ("Hôtel de Ville de Vitré", "Commune de Vitré"),  # a building, not a designation
    ("Ville du Lorrain", "Ville du Lorrain"),
    ("Ville d'Ajoupa-Bouillon", "Commune de L'Ajoupa-Bouillon"),  # not its official name: officially
    ("VILLE DE LODÈVE", "Ville de Lodève"),
    ("Combourg", "Commune de Combourg"),  # from "Le Maire de Combourg"
    ("Commune du Lorrain", "Commune du Lorrain"),
    ("CU du Grand Reims", "CU du Grand Reims"),
    ("CA Forbach Porte de France", "CA Forbach Porte de France"),
    ("Forbach Porte de France Agglomération", "Forbach Porte de France Agglomération"),
    ("Communauté de communes du Pays de Mormal", "Communauté de communes du Pays de Mormal"),
])
def test_a_resolved_collectivite_is_named_as_the_letter_writes_it_or_officially(cog, written, exported):
    value = normalised(written, cog)
    assert value.value == exported and value.status is FieldStatus.EXTRACTED


def test_an_ocr_damaged_name_is_exported_officially_but_only_vouched_for_by_the_fiche(cog):
    alone = normalised("Commune de Forcalqu1er", cog)
    assert alone.value == "Commune de Forcalquier" and alone.status is FieldStatus.NEEDS_REVIEW
    assert normalised("Mairie de Forcalqu1er", cog).value == "Mairie de Forcalquier"
    assert normalised("Communauté d'agglomération de Forbach Porte de Frence", cog).value == \
        "Communauté d'agglomération de Forbach Porte de France"  # the COG's "CA de …" spelt out
    vouched = normalised("Commune de Forcalqu1er", cog, s1__collectivite__nom="Commune de Forcalquier")
    assert vouched.value == "Commune de Forcalquier" and vouched.status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("written", ["Ville de Hôtel de ville -Lodève", "Commune de Atlantide", "Agglomération"])
def test_an_unresolved_letterhead_is_for_a_reviewer_never_sure(cog, written):
    assert normalised(written, cog).status is FieldStatus.NEEDS_REVIEW


def test_a_homonym_is_told_apart_by_the_dossier(cog):
    assert normalised("Ville de Saint-Pierre", cog).status is FieldStatus.NEEDS_REVIEW  # nine of them
    assert normalised("Ville de Saint-Pierre", cog, s2__departement="Martinique").status is FieldStatus.EXTRACTED
    assert normalised("Ville de Saint-Pierre", cog, s2__communes="Saint-Pierre (97416)").status is FieldStatus.EXTRACTED


def test_a_name_read_with_a_weak_rule_is_confirmed_only_by_the_porteuse_it_names_exactly(cog):
    body = FieldValue("Commune de Muttersholtz", 0.6, None, FieldStatus.EXTRACTED)  # from the letter's body
    fiche = {"s1.collectivite.nom": FieldValue("Commune de Muttersholtz", 0.95, None, FieldStatus.EXTRACTED)}
    alone = normalise_fields({"courrier_collectivite.collectivite": body}, cog)["courrier_collectivite.collectivite"]
    assert alone.status is FieldStatus.NEEDS_REVIEW
    confirmed = normalise_fields({"courrier_collectivite.collectivite": body, **fiche}, cog)
    assert confirmed["courrier_collectivite.collectivite"].status is FieldStatus.EXTRACTED
    other = FieldValue("Commune de Sélestat", 0.6, None, FieldStatus.EXTRACTED)
    assert normalise_fields({"courrier_collectivite.collectivite": other, **fiche}, cog)[
        "courrier_collectivite.collectivite"].status is FieldStatus.NEEDS_REVIEW


def test_a_commune_named_only_in_the_body_is_given_as_a_commune_not_as_the_body_phrases_it():
    body = ("J'ai l'honneur de vous adresser la candidature de la ville de Lodève à l'Atelier des territoires",
            "Flash, par délibération du conseil municipal.")
    got = read(head=("LODÈVE",), body=body)
    assert got["collectivite"] == "Commune de Lodève"


def _parts_with_addressee(head: list[str], addressee: tuple[int, ...]):
    from extractors.fields.courrier_layout import LetterParts
    from tests.extractors.letters import row_line

    lines = tuple(row_line(300, 100 + 16 * i, text, i) for i, text in enumerate(head))
    return LetterParts(lines, tuple(range(len(lines))), addressee, None, None, None, None, None, ())


def test_an_addressee_read_apart_from_its_next_line_is_still_the_dgaln():
    """A photo's "Madame la sous-directrice" | "de l'aménagement durable" read as two blocks:
    the head's next lines go on with the addressee."""
    from extractors.fields.courrier_destinataire import destinataire_dgaln

    clue = destinataire_dgaln(_parts_with_addressee(
        ["PRÉFECTURE DE LA MARTINIQUE", "Madame la sous-directrice", "de l'aménagement durable",
         "Nos réf. : FH/2026-467"], (1,)))
    assert clue.value is True


def test_a_one_line_addressee_without_the_dgaln_is_no_sure_no():
    from extractors.fields.courrier_destinataire import destinataire_dgaln

    clue = destinataire_dgaln(_parts_with_addressee(["PRÉFECTURE DU CHER", "Madame la Directrice", "Le 3 mars 2026"],
                                                    (1,)))
    assert clue.value is False and clue.confidence < 0.7
    clue = destinataire_dgaln(_parts_with_addressee(["Madame la Directrice régionale", "DREAL Bretagne",
                                                     "35065 Rennes Cedex"], (0, 1, 2)))
    assert clue.value is False and clue.confidence >= 0.9


@pytest.mark.parametrize("head", [
    ["Madame La Sous directrice de l'aménagement dur able", "Tour Séquoia", "92055 La Défense"],
    ["Madame la Directrice", "générale de l'aménagement, du logement et de La nature", "Tour Séquoia"],
])
def test_the_dgaln_chain_misread_by_ocr_is_still_the_dgaln(head):
    from extractors.fields.courrier_destinataire import destinataire_dgaln

    assert destinataire_dgaln(_parts_with_addressee(head, (0, 1, 2))).value is True


def test_pieces_of_the_chain_left_in_a_misread_block_make_no_sure_no():
    from extractors.fields.courrier_destinataire import destinataire_dgaln

    clue = destinataire_dgaln(_parts_with_addressee(["Madame La Sous diretrice", "de l'amenagemnt", "Tour Séquoia"],
                                                    (0, 1, 2)))
    assert clue.value is False and clue.confidence < 0.7


@pytest.mark.parametrize("written, named", [
    ("Ville d'Hussigny-Godbrange", "Ville d'Hussigny-Godbrange"),  # the letter elides before its "h"
    ("Commune de Hautmont", "Commune de Hautmont"),
    ("Hôtel de ville d'Hautmont", "Commune d'Hautmont"),
])
def test_before_an_h_the_letter_says_whether_de_elides(written, named, cog):
    from schemas.territoire import letter_entity, letter_name

    entity, exact = letter_entity(written, cog, [], [])
    assert letter_name(written, entity, exact) == named


def test_named_only_by_the_body_under_an_unread_letterhead_is_no_sure_form():
    """Nothing read above the addressee but its own column: the letterhead was an image
    ("Mairie de Sainte-Anne" in a bandeau); the body's "commune de …" names the collectivité,
    not how the letter names itself."""
    body = ("Par ce courrier, la commune de Sainte-Anne souhaite vous faire part de son engagement.",)
    unread = read_letter(COLL, "c.pdf", (letter(head=(), body=body, ocr=True),)).fields["collectivite"]
    assert unread.value == "Sainte-Anne" and unread.confidence < 0.5  # the town alone: its designation unread
    read_head = read_letter(COLL, "c.pdf", (letter(head=("sainte-anne",), body=body, ocr=True),)).fields["collectivite"]
    assert read_head.confidence >= 0.5
    no_letterhead = read_letter(COLL, "c.pdf", (letter(head=(), body=body),)).fields["collectivite"]
    assert no_letterhead.confidence >= 0.5  # a text layer without one: there is none to read


@pytest.mark.parametrize(("written", "named"), [
    ("COMMUNE DE SAINT-JEAN-D'ANGÉLY", "Commune de Saint-Jean-d'Angély"),
    ("COMMUNAUTÉ D'AGGLOMÉRATION CLISSON SÈVRE ET MAINE AGGLO", "Communauté d'agglomération Clisson Sèvre et Maine Agglo"),
    ("COMMUNAUTÉ DE COMMUNES DU PAYS DE CRAON", "Communauté de communes du Pays de Craon"),
    ("COMMUNAUTÉ URBAINE DE DUNKERQUE", "Communauté urbaine de Dunkerque"),
    ("AGGLOMÉRATION D'AGEN", "Agglomération d'Agen"),  # a proper name: its first word keeps its capital
    ("Communauté d'Agglomération du Grand Dax", "Communauté d'Agglomération du Grand Dax"),  # as written
])
def test_a_letterhead_in_capitals_is_named_in_french_case(written, named):
    from extractors.fields.name_case import uncapitalise

    assert uncapitalise(written) == named
