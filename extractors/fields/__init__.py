"""Field extraction: from read pages (and office tables) to raw field values with their source."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from extractors import classify  # the module, not its names: classify imports this package
from extractors.fields.bilevel_names import names_on_bilevel_doubted
from extractors.fields.continuation import continues, ended_by, joined_continuations
from extractors.fields.courrier import (
    LetterReading,
    SignatureZone,
    block_worth_reading,
    is_letter,
    letter_fields,
    read_letter,
)
from extractors.fields.fiche import FICHE_FIELDS, extract_fiche
from extractors.fields.given_names import doubt_accents
from extractors.fields.name_accents import accents_written_elsewhere
from extractors.fields.plausible import doubt_misread
from extractors.fields.signataire_elu import elu_read
from extractors.model import FieldStatus, FieldValue, PageText, PieceKind
from extractors.signature import SignatureCheck
from extractors.text import normalise
from extractors.vocabulary import SECTIONS

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
    blob: str = ""  # the stored content whose pages these are (an office file's PDF rendering)
    blob_kind: str = ""  # "pdf" or "image": how to render it


def extract_fields(pieces: list[Piece], signatures: Mapping[int, SignatureCheck] | None = None,
                   letters: Mapping[int, LetterReading] | None = None) -> dict[str, FieldValue]:
    """Raw values of the fiche's and the letters' fields.

    `signatures` are the verdicts on the letters' page images, keyed by index in `pieces`
    (see `letter_zones`); a letter without one has its `signe` left for a reviewer.
    `letters`: the letters already read (`read_letters`), so that none is read twice.
    """
    fiche = latest_fiche([p for p in pieces if p.kind is PieceKind.FICHE])
    if fiche:
        pages = [(piece.file, page) for piece in fiche for page in piece.pages]
        tables = next((piece.tables for piece in fiche if piece.tables), ())
        fields = _or_for_review(lambda: extract_fiche(pages, tables), FICHE_FIELDS, "la fiche")
    else:
        fields = {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    letters = sorted(joined_continuations(read_letters(pieces) if letters is None else letters).items())
    checks = {k: (signatures or {}).get(i) for k, (i, _) in enumerate(letters)}
    porteuse = fields.get("s1.collectivite.nom")
    elu = [fields.get(f) for f in ("s1.collectivite.elu_nom", "s1.collectivite.elu_qualite")]
    fields.update(_or_for_review(lambda: letter_fields([r for _, r in letters], porteuse.value if porteuse else None,
                                                       {k: c for k, c in checks.items() if c is not None},
                                                       tuple(v.value if v else None for v in elu), elu_read(*elu)),
                                 [fid for kind in {r.kind for _, r in letters} for fid in SECTIONS[kind]],
                                 "les courriers"))
    every_page = [(piece.file, page) for piece in pieces for page in piece.pages]
    fields = accents_written_elsewhere(doubt_misread(fields, every_page), every_page)
    return names_on_bilevel_doubted(doubt_accents(fields, every_page), every_page)


def _or_for_review(read, field_ids, what: str) -> dict[str, FieldValue]:
    """`read()`'s fields; should a reading rule fail on a page no one foresaw (a bug), each of
    `field_ids` undecided, for a reviewer: the dossier is still assessed (VERIFICATION_REQUISE),
    never lost to an error, and the error is logged to be fixed."""
    try:
        return read()
    except Exception:
        log.exception("lecture des champs en échec (%s) : laissés à vérifier", what)
        return {fid: FieldValue(None, 0.0, None, FieldStatus.NEEDS_REVIEW) for fid in field_ids}


def read_letters(pieces: list[Piece]) -> dict[int, LetterReading]:
    """Each letter read, by index in `pieces`; a letter's last page photographed apart (a piece of
    no kind after it, see `ended_by` and `_letter_ended_by`) is read as that letter's, to be joined to it."""
    out: dict[int, LetterReading] = {}
    for i, p in enumerate(pieces):
        if is_letter(p.kind):
            out[i] = read_letter(p.kind, p.file, p.pages)
            continue
        before = _letter_ended_by(out, pieces, i, p.pages)
        if ended_by(before, p.kind, p.pages):
            reading = read_letter(before.kind, p.file, p.pages)
            if continues(reading):  # joined by `joined_continuations`, never a letter of its own
                out[i] = reading
    return out


def _letter_ended_by(out: Mapping[int, LetterReading], pieces: list[Piece], index: int,
                     pages: tuple) -> LetterReading | None:
    """The letter a page photographed apart may end: the one right before it, fiche pages aside
    (phone photos come in any order: a fiche page between a letter's two); none when its
    signatory block names the other kind of letter."""
    before = index - 1
    while before >= 0 and pieces[before].kind is PieceKind.FICHE:
        before -= 1
    reading = out.get(before)
    kind = classify.signatory_kind(pages[0]) if pages else None
    return reading if reading is not None and kind in (None, reading.kind) else None


def letter_zones(pieces: list[Piece], letters: Mapping[int, LetterReading] | None = None
                 ) -> dict[int, SignatureZone]:
    """Where each letter's signature should be, by index in `pieces` (for the page-image check)."""
    letters = read_letters(pieces) if letters is None else letters
    return {index: replace(reading.zone, read_block=block_worth_reading(reading))
            for index, reading in letters.items() if reading.zone is not None}


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
