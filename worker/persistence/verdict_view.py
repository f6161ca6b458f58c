"""The dossier as the completeness rules see it, read from the database: one view for the
pipeline's assessment and for a reviewer's write, so that both reach the same verdict."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.model import READER_VERSION, PieceKind
from extractors.vocabulary import LETTERS
from schemas.completeness import DossierView
from worker.persistence.db import DocumentRow, FieldRow, FileRow, PageRow, Reading

# OCR's mean word confidence under which a page is too poorly read to say what it is: a typed
# page legibly photographed, faxed or scanned reads 0.75-0.95; a letter shot in the dark 0.53.
LEGIBLE = 0.7
TEXT_WORDS = 30  # words enough for a page of text, not a photo or a map with a caption


def dossier_view(s: Session, dossier_id: str) -> DossierView:
    """Pieces present, fields as stored (reviewers' corrections included), illegible files."""
    fields = {r.field_id: {"value": r.value, "confidence": r.confidence, "source": r.source, "status": r.status}
              for r in s.scalars(select(FieldRow).where(FieldRow.dossier_id == dossier_id))}
    documents = list(s.scalars(select(DocumentRow).where(DocumentRow.dossier_id == dossier_id)
                               .order_by(DocumentRow.ordinal)))
    kinds = {document.kind for document in documents}
    pieces = {kind.value: kind.value in kinds for kind in PieceKind}
    return DossierView(pieces=pieces, fields=fields, illegible=illegible_files(s, documents),
                       doubled=doubled_letters(documents))


def doubled_letters(documents: list[DocumentRow]) -> tuple[str, ...]:
    """The letter kinds found as two documents or more, none of them kinded by a reviewer: a dossier
    holds one letter of each kind, so the second may be the other letter misread."""
    letters = [d for d in documents if d.kind in LETTERS and not d.error]
    if any(d.kind_overridden for d in letters):
        return ()
    kinds = [d.kind for d in letters]
    return tuple(kind for kind in dict.fromkeys(kinds) if kinds.count(kind) > 1)


def illegible_files(s: Session, documents: list[DocumentRow]) -> tuple[str, ...]:
    """The files of documents left `autre` whose text OCR read too poorly to tell what they are
    (a letter photographed in the dark), for a reviewer to look at. A reviewer's kind stands."""
    out = []
    for document in documents:
        if document.kind != PieceKind.AUTRE.value or not document.ocr or document.kind_overridden or document.error:
            continue
        file = s.get(FileRow, document.file_id)
        reading = s.scalar(select(Reading.id).where(Reading.sha256 == file.sha256,
                                                    Reading.reader_version == READER_VERSION))
        pages = s.execute(select(PageRow.confidence, PageRow.words).where(
            PageRow.reading_id == reading, PageRow.number.in_(document.pages))).all() if reading else []
        words = sum(len(w) for _, w in pages)  # a photo of the site says nothing: no words
        if words >= TEXT_WORDS and sum(c for c, _ in pages) / len(pages) < LEGIBLE:
            out.append(file.name)
    return tuple(dict.fromkeys(out))
