"""An EPCI's letter on photos: the président's title names the EPCI whole on one line of nine
words or more ("Président de la Communauté de communes de Marie Galante,").

- The letter photographed in two, its second photo holding the date, that title and the name
  alone: the title line was taken for a line of the letter's text, so the page was no block,
  its quality and name lost (a draw's verdict). A title line is no line of text.
- A letterhead whose EPCI's name OCR lost but its designation ("COMMUNAUTÉ DE COMMUNES", a logo
  above read "LA"): the letter spoke for "La Communauté de communes", naming none; the
  président's title names it."""

from __future__ import annotations

from extractors.fields.continuation import joined_continuations
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter, page

COLL = PieceKind.COURRIER_COLLECTIVITE
TITLE = "Président de la Communauté de communes de Marie Galante,"  # as OCR split it: nine words


def _block_photo(title: str = TITLE):
    rows = [(93, [(347, "Grand-Bourg, le 17 août 2026")]), (147, [(344, title)]),
            (262, [(343, "Guillaume Kerbrat")]), (1090, [(288, "1 bis cours Jean Moulin - BP 12024 - 97112 Grand-Bourg")])]
    return page(rows, ocr=True, conf=0.9)


def test_a_block_photo_with_a_long_title_is_the_block():
    second = read_letter(COLL, "IMG_2.jpg", (_block_photo(),))
    assert second.fields["signataire_qualite"].value == "president_epci"
    assert second.fields["signataire_nom"].value == "Guillaume Kerbrat"


def test_the_block_photo_is_joined_to_the_letters_head():
    first = read_letter(COLL, "IMG_1.jpg", (letter(head=("CC de Marie-Galante", "Guadeloupe"), signatory=(),
                                                    ocr=True, conf=0.9),))
    joined = joined_continuations({0: first, 1: read_letter(COLL, "IMG_2.jpg", (_block_photo(),))})
    assert list(joined) == [1]
    assert joined[1].fields["signataire_qualite"].value == "president_epci"
    assert joined[1].fields["collectivite"].value == "CC de Marie-Galante"


def test_a_page_of_text_stays_no_block():
    rows = [(93, [(60, "Le Président de la Communauté de communes a rappelé que le projet")]),
            (107, [(60, "engage le territoire pour les vingt prochaines années et plus encore.")]),
            (262, [(343, "Guillaume Kerbrat")])]
    reading = read_letter(COLL, "IMG_2.jpg", (page(rows, ocr=True, conf=0.9),))
    assert reading.fields.get("signataire_nom") is None or reading.fields["signataire_nom"].value != "Guillaume Kerbrat" \
        or "signataire_qualite" not in reading.fields


def test_a_letterheads_designation_alone_gives_way_to_the_presidents_title():
    got = read_letter(COLL, "IMG_1.jpg", (letter(head=("LA", "COMMUNAUTÉ DE COMMUNES"),
                                                 signatory=("Présidente de la Communauté de communes du Pays de "
                                                            "Fontenay-Vendée", "Brigitte Pelletier"),
                                                 ocr=True, conf=0.9),)).fields
    assert got["collectivite"].value == "Communauté de communes du Pays de Fontenay-Vendée"


def test_a_letterheads_whole_name_stands():
    got = read_letter(COLL, "IMG_1.jpg", (letter(head=("COMMUNAUTÉ DE COMMUNES", "DU SUD CORSE"),
                                                 signatory=("Le Président de la Communauté de communes du Sud Corse",
                                                            "Jean Martin"), ocr=True, conf=0.9),)).fields
    assert got["collectivite"].value == "Communauté de communes du Sud Corse"
