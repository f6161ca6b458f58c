"""A fax's page 2 holding the signatory block under a running header that OCR split into pieces
on one row ("Ville che ant" | "Mont", its letterhead's name misread): the block's title, below the
fax header, that header and the date, is on the page's fourth row, its fifth line. Counted by
lines, the title fell past the rows the block may begin in, and the footer's misread address at
the foot of page 1 stood for the block: a draw's fax lost the maire's quality and name."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import BODY, CLOSING, DGALN, page


def pages(header_pieces: tuple[str, ...]):
    first = [(40, [(60, "SAINT-JULIEN-MONT-DENIS")]), (100, [(320, "à")])]
    first += [(114 + 14 * i, [(320, text)]) for i, text in enumerate(DGALN)]
    first += [(200, [(60, "Objet : Candidature à l'Atelier des territoires Flash")]),
              (224, [(60, "Madame la Sous-directrice,")])]
    first += [(250 + 14 * i, [(60, text)]) for i, text in enumerate(BODY + CLOSING)]
    first += [(793, [(230, "leve Pasteun CR A/ET TO Jülien"), (420, "Meme Denis")]), (818, [(297, "1/2")])]
    x = 86
    cells = []
    for piece in header_pieces:
        cells.append((x, piece))
        x += 6 * len(piece) + 40
    second = [(14, [(12, "12/09/2026 09:28 MAIRIE 73 P.2/2")]), (41, cells), (84, [(86, "Le 1er septembre 2026")]),
              (123, [(86, "Maire de Saint-Julien-Mont-Denis,")]), (204, [(134, "ROUXEL Odile")]),
              (820, [(301, "2/2")])]
    return page(first, ocr=True, number=1), page(second, ocr=True, number=2)


def read(header_pieces):
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "fax.tif", pages(header_pieces))
    return {name: value.value for name, value in reading.fields.items()}


def test_a_running_header_in_pieces_on_one_row_is_one_row():
    got = read(("Ville che ant", "Mont"))
    assert (got.get("signataire_qualite"), got.get("signataire_nom")) == ("maire", "ROUXEL Odile")


def test_a_running_header_read_whole():
    got = read(("Ville de Saint-Julien-Mont-Denis",))
    assert (got.get("signataire_qualite"), got.get("signataire_nom")) == ("maire", "ROUXEL Odile")
