"""A given name read by OCR without its accent (or with another) is not a sure reading."""

from __future__ import annotations

from extractors.fields import Piece, extract_fields
from extractors.fields.given_names import doubt_accents, likelier_spelling
from extractors.model import FieldStatus, FieldValue, PieceKind, Source
from tests.extractors.letters import letter, page


def test_the_rare_spelling_of_a_common_given_name_is_told():
    assert likelier_spelling("Herve") == "Hervé"  # nobody is registered "Herve"
    assert likelier_spelling("Hervè") == "Hervé"  # an accent OCR changed
    assert likelier_spelling("Stephanie") == "Stéphanie"
    assert likelier_spelling("Hervé") is None
    assert likelier_spelling("Ferrand") is None  # not a given name
    assert likelier_spelling("Eric") is None  # as often written so as "Éric", or more
    assert likelier_spelling("HERVE") is None  # capitals: a surname, or accents left out on purpose


def _name(text: str, file: str = "scan.pdf") -> FieldValue:
    return FieldValue(text, 0.93, Source(file, 1, (300, 700, 420, 712)), FieldStatus.EXTRACTED)


def test_an_ocr_name_without_its_accent_goes_to_review_as_read():
    scan = page([(700, [(300, "Herve Ferrand")])], ocr=True)
    out = doubt_accents({"s1.etat.referent_nom": _name("Herve Ferrand")}, [("scan.pdf", scan)])
    value = out["s1.etat.referent_nom"]
    assert value.status is FieldStatus.NEEDS_REVIEW and value.value == "Herve Ferrand"
    assert value.confidence < 0.7


def test_the_dossier_settles_the_spelling_when_it_writes_the_name_elsewhere():
    scan = page([(700, [(300, "Herve Ferrand")])], ocr=True)
    mail = page([(100, [(60, "Contact : Hervé Ferrand, DDT")])])
    out = doubt_accents({"s1.etat.referent_nom": _name("Herve Ferrand")}, [("scan.pdf", scan), ("mail.txt", mail)])
    assert out["s1.etat.referent_nom"].value == "Hervé Ferrand"
    assert out["s1.etat.referent_nom"].status is FieldStatus.EXTRACTED
    typed = page([(100, [(60, "Stephanie Morel")])])  # the rare spelling, typed: it is hers
    scan2 = page([(700, [(300, "Stephanie Morel")])], ocr=True)
    out = doubt_accents({"s1.collectivite.elu_nom": _name("Stephanie Morel")},
                        [("scan.pdf", scan2), ("fiche.pdf", typed)])
    assert out["s1.collectivite.elu_nom"] == _name("Stephanie Morel")


def test_names_read_from_a_text_layer_are_left_alone():
    typed = page([(700, [(300, "Herve Ferrand")])])
    fields = {"s1.etat.referent_nom": _name("Herve Ferrand")}
    assert doubt_accents(fields, [("scan.pdf", typed)]) == fields


def test_a_scanned_letter_signed_by_a_name_missing_its_accent():
    signed = letter(signatory=("Le Maire,", "Stephanie Le Callennec"), ocr=True, conf=0.95)
    fields = extract_fields([Piece(PieceKind.COURRIER_COLLECTIVITE, "courrier.jpg", (signed,))])
    name = fields["courrier_collectivite.signataire_nom"]
    assert name.value == "Stephanie Le Callennec"
    assert name.status is FieldStatus.NEEDS_REVIEW
    accented = letter(signatory=("Le Maire,", "Stéphanie Le Callennec"), ocr=True, conf=0.95)
    fields = extract_fields([Piece(PieceKind.COURRIER_COLLECTIVITE, "courrier.jpg", (accented,))])
    assert fields["courrier_collectivite.signataire_nom"].status is FieldStatus.EXTRACTED


def test_an_accented_spelling_that_is_borne_stands_however_rare():
    # The register writes most Émiles "Emile" and most Jérômes "Jerome": OCR does not add accents.
    for name in ("Émile", "Jérôme", "Josée", "Léo"):
        assert likelier_spelling(name) is None, name
    scan = page([(700, [(300, "Jérôme PERETTI")])], ocr=True)
    fields = {"s1.collectivite.elu_nom": _name("Jérôme PERETTI")}
    assert doubt_accents(fields, [("scan.pdf", scan)]) == fields


def test_a_given_name_one_letter_off_a_common_one_that_nobody_bears_is_doubted():
    # a fax's e read c: "Mathicu" is nobody's name, "Mathieu" is common
    fax = page([(700, [(300, "M. Mathicu BRUNET")])], ocr=True)
    out = doubt_accents({"courrier_prefet.signataire_nom": _name("M. Mathicu BRUNET", "fax.pdf")}, [("fax.pdf", fax)])
    assert out["courrier_prefet.signataire_nom"].status is FieldStatus.NEEDS_REVIEW
    assert out["courrier_prefet.signataire_nom"].value == "M. Mathicu BRUNET"
    # the fiche writes it: settled
    fiche = page([(100, [(60, "Référent : Mathieu Brunet")])])
    out = doubt_accents({"courrier_prefet.signataire_nom": _name("M. Mathicu BRUNET", "fax.pdf")},
                        [("fax.pdf", fax), ("fiche.pdf", fiche)])
    assert out["courrier_prefet.signataire_nom"].value == "M. Mathieu BRUNET"
    assert out["courrier_prefet.signataire_nom"].status is FieldStatus.EXTRACTED


def test_surnames_and_borne_names_one_letter_from_a_given_name_are_left_alone():
    # "Salmon" is one letter from "Salomon", "Ferrand" from "Fernand": surnames, not given names
    for name in ("Dominique Salmon", "Xavier FERRAND", "BRUNET Mathieu", "Olivier Perrot"):
        scan = page([(700, [(300, name)])], ocr=True)
        fields = {"s1.collectivite.elu_nom": _name(name)}
        assert doubt_accents(fields, [("scan.pdf", scan)]) == fields, name
