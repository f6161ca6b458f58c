"""Letters on scans and faxes, session 13: what OCR makes of a letterhead's "Ville de", a fax's
second page, the signatory block pushed onto that page, an EPCI named by its seat and its nature."""

from __future__ import annotations

from extractors import classify
from extractors.fields import Piece, extract_fields
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind, Word
from tests.extractors.letters import CLOSING, letter, page

COLL = PieceKind.COURRIER_COLLECTIVITE


def with_box(text: str, after: str) -> list:
    """A letterhead row OCR read with a check box in a gap: "Ville ☐ de Bras-Panon"."""
    return [(60, after), (60 + 5.2 * len(after) + 5.2, "☐"), (60 + 5.2 * (len(after) + 3), text)]


def test_a_box_before_the_letterheads_de_is_no_lost_de():
    # "Ville ☐ de Bras-Panon": the "de" is there; a "DE" put back for the box made "Ville DE de …",
    # no longer "Ville de" printed together, so the letter was said to name a "Commune de"
    head = page([(50, with_box("de Bras-Panon", "Ville")), (63, [(60, "rue des Écoles")])], ocr=True)
    reading = read_letter(COLL, "scan.pdf", (_merged(head, letter(head=(), ocr=True)),))
    assert reading.fields["collectivite"].value == "Ville de Bras-Panon"
    # a box where the "de" itself was lost still stands for it
    lost = page([(50, with_box("Vitré", "Commune")), (63, [(60, "Place du Château")])], ocr=True)
    reading = read_letter(COLL, "scan.pdf", (_merged(lost, letter(head=(), ocr=True)),))
    assert reading.fields["collectivite"].value == "Commune DE Vitré"


def _merged(head, body):
    """The letterhead's rows above a letter without one."""
    lines = max(w.line for w in head.words) + 1
    words = head.words + tuple(Word(w.text, w.bbox, w.conf, w.line + lines) for w in body.words)
    return type(head)(1, 595.0, 842.0, words, ocr=True, confidence=1.0)


FAX_FOOTER = ("Loue Vie Lor Ego CS 10896 SAINT JULIEN DE COPPEL", "Vel OR 19 BU Connie. dhnoesaint aint julien")


def fax_first_page():
    """A maire's letter faxed: the closing at the foot of page 1, then its footer misread."""
    return letter(head=("09/06/2026 15:21 MAIRIE 63 P.1/2", "Saint-Julien-de-Coppel"), signatory=(),
                  after=FAX_FOOTER, ocr=True)


def fax_second_page():
    """Page 2 of the fax: the transmission header, a misread running header, the block, a footer."""
    return page([(30, [(60, "09/06/2026 15:21 MAIRIE 63 P.2/2")]),
                 (60, [(60, "4 Valle he seu Bale de Eappet 8 EU Et")]),
                 (120, [(320, "La Maire")]),
                 (200, [(320, "Mme Pascale Lagarde")]),
                 (760, [(60, "rue Victor are CS 10896 GEO SAINT OIUNIEN DE COPA")]),
                 (775, [(60, "[NI")]), (790, [(60, "OA NT HE")]), (805, [(60, "VAI")])], ocr=True, number=2)


def test_a_faxs_second_page_continues_the_letter_by_its_header():
    second = fax_second_page()
    assert classify.continues_letter(second)
    spans = classify.split_documents("FAX.tif", [fax_first_page(), second])
    assert [(s.kind, s.pages) for s in spans] == [(COLL, (1, 2))]
    # another page of the fax that heads a document of its own does not
    own = page([(30, [(60, "09/06/2026 15:21 MAIRIE 63 P.2/2")]), (60, [(60, "Objet : délibération")])],
               ocr=True, number=2)
    assert not classify.continues_letter(own)
    # nor a time and a page number that are no header's end
    plain = page([(30, [(60, "Réunion à 15:21 des élus")]), (60, [(60, "Compte rendu, page 2/2 du registre")])],
                 ocr=True, number=2)
    assert not classify.continues_letter(plain)


def test_the_block_is_on_the_next_page_when_the_closings_page_has_no_title_after_it():
    reading = read_letter(COLL, "FAX.tif", (fax_first_page(), fax_second_page()))
    assert reading.fields["signataire_nom"].value == "Pascale Lagarde"
    assert reading.fields["signataire_qualite"].value == "maire"
    assert reading.zone is not None and reading.zone.page == 1  # the signature is looked for on page 2
    fields = extract_fields([Piece(COLL, "FAX.tif", (fax_first_page(), fax_second_page()))])
    assert fields["courrier_collectivite.signataire_nom"].value == "Pascale Lagarde"


def test_a_block_with_its_title_on_the_closings_page_stays_there():
    first = letter(signatory=("Le Maire,", "Isabelle Le Callennec"), ocr=True)
    reading = read_letter(COLL, "scan.pdf", (first, fax_second_page()))
    assert reading.fields["signataire_nom"].value == "Isabelle Le Callennec"
    assert reading.zone is not None and reading.zone.page == 0


def test_an_epci_named_by_its_seat_and_its_nature_heads_a_collectivites_letter():
    text = "\n".join(["République française", "Nantes Métropole", "Siège administratif", "5 rue de la République",
                      "44000 Nantes Cedex", "à", "Madame la sous-directrice", "Objet : Soutien à la candidature",
                      "Madame la sous-directrice,",
                      "J'ai l'honneur de vous adresser la candidature de Nantes Métropole à l'appel à projets.",
                      "Notre territoire fait face à plusieurs défis.",
                      *CLOSING, "Fait à Nantes, le 15/10/2026", "mi Président de Deere"])
    decided = classify.letter_kind(text)
    assert decided is not None and decided.kind is COLL
