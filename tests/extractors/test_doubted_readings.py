"""Readings with a piece doubted or lost are not sure: a phone number with a group of digits the
reader doubted ("86" for "88" on a fax: a phone has no check digit), a name with a word read as a box."""

from __future__ import annotations

from dataclasses import replace

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.letters import page

ROWS = ["SECTION 1 – LES PORTEURS DE L'ATELIER", "Service de l'État pilote : DDT du Cher",
        "Nom et prénom du référent : Jean-Pierre Fontaine", "Fonction : Adjoint au chef du service",
        "Téléphone : 02 48 36 71 05"]


def _read(doubted: str | None) -> dict:
    scanned = page([(80.0 + 20 * i, [(60.0, text)]) for i, text in enumerate(ROWS)], ocr=True, conf=0.94)
    words = tuple(replace(w, conf=0.8) if w.text == doubted else w for w in scanned.words)
    return extract_fiche([("fiche.pdf", replace(scanned, words=words))])


def test_a_phone_with_one_doubted_group_of_digits_is_for_a_reviewer():
    got = _read("36")["s1.etat.referent_telephone"]
    assert got.value == "02 48 36 71 05" and got.status is FieldStatus.NEEDS_REVIEW


def test_a_phone_read_surely_group_by_group_stays_sure():
    got = _read(None)["s1.etat.referent_telephone"]
    assert got.value == "02 48 36 71 05" and got.status is FieldStatus.EXTRACTED


def _contact(name: str) -> dict:
    rows = ["SECTION 1 – LES PORTEURS DE L'ATELIER", "Collectivité porteuse : Commune de Brelac",
            f"Référent technique : {name}", "Courriel : contact@brelac.fr"]
    return extract_fiche([("fiche.pdf", page([(80.0 + 20 * i, [(60.0, t)]) for i, t in enumerate(rows)],
                                             ocr=True, conf=0.94))])["s1.collectivite.contact_nom"]


def test_a_persons_name_with_a_word_read_as_a_box_is_for_a_reviewer():
    got = _contact("☒ ROSA Marie-Laure")  # "DE ROSA": the particle read as a box
    assert got.value == "ROSA Marie-Laure" and got.status is FieldStatus.NEEDS_REVIEW


def test_a_persons_name_read_whole_stays_sure():
    got = _contact("DE ROSA Marie-Laure")
    assert got.value == "DE ROSA Marie-Laure" and got.status is FieldStatus.EXTRACTED
