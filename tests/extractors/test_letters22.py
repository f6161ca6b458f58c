"""Session 22's letter families (draws d22, d23, tune)."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import prefet_letter

PREFET = PieceKind.COURRIER_PREFET


def _departements(page) -> list[dict]:
    reading = read_letter(PREFET, "courrier.pdf", (page,))
    return reading.fields["departement"].value if "departement" in reading.fields else []


def test_the_dgaln_address_read_in_the_letterhead_names_no_departement():
    """A speck read "À" atop a photo takes the addressee block's place: the DGALN's own address
    ("Tour Séquoia", "1, place Carpeaux", "92800 Puteaux") is left among the head's lines, and its
    postcode is the addressee's town, not the préfecture's (it was a sure and wrong '92')."""
    page = prefet_letter(head=("Direction départementale", "des territoires et de la mer"), right=(),
                         addressee=("Ministère de la Transition écologique", "DGALN / DHUP / AD1",
                                    "Tour Séquoia", "1, place Carpeaux", "92800 Puteaux"),
                         date="Mont-de-Marsan, le 4 novembre 2026")
    clues = _departements(page)
    assert {"commune": "Puteaux", "code_postal": "92800"} not in clues
    assert {"commune": "Mont-de-Marsan"} in clues


def test_the_prefectures_own_postcode_in_its_letterhead_still_counts():
    page = prefet_letter(head=("Préfecture de la Sarthe", "Place Aristide Briand", "72041 Le Mans"), right=())
    assert {"commune": "Le Mans", "code_postal": "72041"} in _departements(page)
