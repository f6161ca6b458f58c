"""OCR'd values that do not read as French are not trusted (issue 11: sure must mean right)."""

from __future__ import annotations

import pytest

from extractors.fields import nlp
from extractors.fields.plausible import doubt_misread, holds_form_text, implausible, known
from extractors.model import FieldStatus, FieldValue, PageText, Source

pytestmark = pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")


@pytest.mark.parametrize(("field_id", "text"), [
    ("s1.etat.referent_fonction", "Chargée de mission plandcapon"),
    ("s1.collectivite.elu_qualite", "Mäire"),
    ("s1.etat.service", "DOTM de la Gironde"),
    ("s1.etat.service", "OT du Lot-et-Garonne"),  # "DDT" with its first D lost
    ("a1.dynamiques_territoire", "sentez nanière les dynamique à l'œuvre sur le territoire et environnen ment"),
    ("a2.dynamiques_amenagement", "Préc z les documents de planitication applicables, les projets contractuels "
                                  "en cours ou envisagés dont bénéticie le territoire"),
    ("s5.moyens", "Mise à disposition d'une salle. Impression des atclicrs en novernbre"),
    ("s1.partenaires", "ON A A ON D"),  # specks and rules read as letters
])
def test_misread_values_are_implausible(field_id, text):
    assert implausible(field_id, text)


@pytest.mark.parametrize(("field_id", "text"), [
    ("s1.etat.referent_fonction", "Adjoint à la cheffe du service habitat et territoires"),
    ("s1.collectivite.elu_qualite", "Maire de Muttersholtz"),
    ("s1.collectivite.elu_qualite", "Vice-présidente chargée de l'urbanisme"),
    ("s1.etat.service", "DDTM de la Gironde"),
    ("s1.etat.service", "Direction départementale des territoires du Cher"),
    ("s3.intitule", "Atelier Blodelsheim : repenser les mobilités et fédérer les acteurs"),
    ("s3.description", "Une friche industrielle de près de quatre hectares attend un projet depuis la "
                       "fermeture de l'usine ; la commune souhaite en faire un quartier mixte."),
])
def test_french_values_are_plausible(field_id, text):
    assert not implausible(field_id, text)


def test_plurals_and_feminines_of_known_words_are_known():
    assert known("mobilités") and known("intercommunales") and not known("habtants")


def _page(number: int, ocr: bool) -> PageText:
    return PageText(number=number, width=595, height=842, words=(), ocr=ocr, confidence=0.9 if ocr else 1.0)


def _read(text: str, page: int) -> FieldValue:
    return FieldValue(text, 0.93, Source("fiche.pdf", page, (0, 0, 10, 10)), FieldStatus.EXTRACTED)


def test_only_ocr_read_values_are_doubted():
    fields = {"s1.etat.referent_fonction": _read("Chargée de mission plandcapon", 1),
              "s1.collectivite.elu_qualite": _read("Mäire", 2),
              "s1.etat.referent_nom": _read("Plandcapon Mäire", 1)}   # names are never checked
    out = doubt_misread(fields, [("fiche.pdf", _page(1, ocr=True)), ("fiche.pdf", _page(2, ocr=False))])
    assert out["s1.etat.referent_fonction"].status is FieldStatus.NEEDS_REVIEW
    assert out["s1.etat.referent_fonction"].value == "Chargée de mission plandcapon"  # kept as read
    assert out["s1.collectivite.elu_qualite"].status is FieldStatus.EXTRACTED  # typed as it is
    assert out["s1.etat.referent_nom"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("text, leaked", [
    ("PLU de Clamecy ; site patrimonial remarquable : étude (PLU/PLUI, SCOT, études,", True),
    ("Moyens logistiques mis à Salle du centre culturel René-Char.", True),
    ("Charte du Parc. Atelier des territoires Flash – Fiche de candidature", True),
    ("PLU, SCoT, études de circulation (2024)", False),
    ("PLU/PLUi approuvé en 2019, SCoT du Pays de Die", False),
    ("Les acteurs à mobiliser : la commune, l'EPCI, la Région.", False),
    ("Démographie en baisse ; économie, emploi, habitat et services fragiles.", False),
])
def test_an_answer_carrying_the_forms_printed_words_is_recognised(text, leaked):
    assert holds_form_text(text) is leaked
