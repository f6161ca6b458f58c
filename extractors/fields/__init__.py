"""Field extraction: from read pages (and office tables) to raw field values with their source."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extractors.text import normalise
from extractors.fields.fiche import FICHE_FIELDS, extract_fiche
from extractors.model import FieldValue, PageText, PieceKind

log = logging.getLogger(__name__)

# Not "fiche de candidature": the form's running header repeats it on every page.
_FIRST_PAGE = re.compile(r"section\s*1\b|les porteurs de l.?atelier")


@dataclass(frozen=True)
class Piece:
    """A classified document with its pages, as extraction sees it."""

    kind: PieceKind
    file: str
    pages: tuple[PageText, ...]
    tables: tuple = ()


def extract_fields(pieces: list[Piece]) -> dict[str, FieldValue]:
    """Raw values of the fiche's fields (letters come with their own extractor)."""
    fiche = latest_fiche([p for p in pieces if p.kind is PieceKind.FICHE])
    if not fiche:
        return {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    pages = [(piece.file, page) for piece in fiche for page in piece.pages]
    tables = next((piece.tables for piece in fiche if piece.tables), ())
    return extract_fiche(pages, tables)


def latest_fiche(pieces: list[Piece]) -> list[Piece]:
    """The pieces of the most recent fiche: a new copy starts where a first page appears again.

    A fiche photographed page by page arrives as several pieces; a corrected fiche sent
    later starts again at its first page, and the later copy is the one that counts.
    """
    copies: list[list[Piece]] = []
    for piece in pieces:
        starts = piece.pages and _FIRST_PAGE.search(normalise(piece.pages[0].text))
        if starts or not copies:
            copies.append([piece])
        else:
            copies[-1].append(piece)
    return copies[-1] if copies else []
