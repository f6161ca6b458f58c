"""Frozen data passed between the pipeline's stages (no I/O, no behaviour beyond views)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from extractors.errors import ErrorCode
from extractors.vocabulary import FieldStatus, PieceKind as PieceKind  # PieceKind: re-exported, stages import it here

log = logging.getLogger(__name__)

READER_VERSION = 12  # bump when reading changes, so that cached pages are read again
# A mail's thread key (extractors.mail.thread_subject): long enough to tell threads apart, short
# enough for an indexed column (worker.persistence.db; here, not in extractors.mail: the model of
# the database is loaded at every start, the mail parser only when a mail comes).
SUBJECT_KEY_CHARS = 400


class FileKind(StrEnum):
    """What a file is, decided from its bytes (never from its name)."""

    PDF = "pdf"
    IMAGE = "image"
    DOCX = "docx"
    ODT = "odt"
    OFFICE = "office"  # other word-processor formats LibreOffice converts (.doc, .rtf)
    ZIP = "zip"
    EMAIL = "email"
    MBOX = "mbox"
    MSG = "msg"  # an Outlook message: an OLE compound file of MAPI properties
    TNEF = "tnef"  # Outlook's winmail.dat (application/ms-tnef)
    UNKNOWN = "unknown"


BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin


@dataclass(frozen=True)
class Word:
    """One word of a page with its box in points and a confidence in [0, 1]."""

    text: str
    bbox: BBox
    conf: float
    line: int  # index of the word's line on its page, in reading order


@dataclass(frozen=True)
class PageText:
    """The words of one page, whatever their origin (text layer or OCR).

    OCR'd words are boxed on the upright page (a photographed sheet warped to a rectangle
    and uncurled by `warp`, then turned by `rotation`, deskewed by `skew`), where lines are level;
    `to_page` maps a box back onto the page as received.
    """

    number: int  # 1-based
    width: float  # points
    height: float
    words: tuple[Word, ...]
    ocr: bool
    confidence: float
    rotation: int = 0  # degrees the page image was turned before OCR
    skew: float = 0.0  # degrees of deskew applied before OCR
    error: ErrorCode | None = None
    # A photographed sheet warped to a rectangle before OCR: its corners on the page as
    # received (x, y in points: top-left, top-right, bottom-right, bottom-left), then the
    # rectangle's width and height in points. None: the page was not warped.
    # A curled sheet was then uncurled (extractors.dewarp), and 10 numbers are followed by
    # its displacement grid: number of columns C, of rows R, then C*R dx and C*R dy in
    # points, row by row from the top-left node; nodes spread evenly over the rectangle,
    # corners included. A point (x, y) of the uncurled image comes from (x + dx, y + dy) of
    # the rectangle (bilinear between nodes; see geometry.curl_grid). A page uncurled
    # without a four-corner warp has its own corners and size as the first 10 numbers.
    # Rows stored before the grid existed hold 10 numbers, and read as before.
    warp: tuple[float, ...] | None = None
    # The page image as received held black and white only (a fax, a scan to 1 bit): False when
    # it held grey levels or colour; None when not known (a text layer, a page stored before).
    bilevel: bool | None = None

    def to_page(self, bbox: BBox) -> BBox:
        """A word box (upright image, points) on the page as received, for display."""
        from extractors.geometry import to_page

        return to_page(bbox, self.width, self.height, self.skew, self.rotation, self.warp)

    @property
    def sheet_size(self) -> tuple[float, float]:
        """Width and height (points) of the image that was turned and deskewed: the warped sheet, or the page."""
        return (self.warp[8], self.warp[9]) if self.warp else (self.width, self.height)

    @property
    def text(self) -> str:
        """Plain text, one line per recognised line."""
        lines: dict[int, list[str]] = {}
        for word in self.words:
            lines.setdefault(word.line, []).append(word.text)
        return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))


@dataclass(frozen=True)
class Source:
    """Where a value was read: file, 1-based page, box in points from the top-left."""

    file: str
    page: int
    bbox: BBox


@dataclass(frozen=True)
class FieldValue:
    """One field as extracted: raw or normalised value, confidence, where it was read."""

    value: object
    confidence: float
    source: Source | None
    status: FieldStatus

    @classmethod
    def missing(cls) -> FieldValue:
        """An unanswered field."""
        return cls(None, 0.0, None, FieldStatus.MISSING)


@dataclass(frozen=True)
class Issue:
    """A per-file problem: the file keeps its place in the dossier with this code."""

    code: ErrorCode
    message: str
    file: str


@dataclass(frozen=True)
class Part:
    """A file carried by a message or an archive, before storage."""

    name: str
    data: bytes
    content_type: str = "application/octet-stream"
    inline: bool = False  # a logo or image of the mail body: stored, never a piece
    container: bool = False  # a forwarded message: stored, its own parts are the pieces
    path: str | None = None  # written to disk by the parser's child; `data` is then empty


@dataclass(frozen=True)
class MailMessage:
    """What the pipeline needs of one e-mail."""

    message_id: str
    sender: str
    subject: str
    date: datetime | None
    in_reply_to: str | None
    references: tuple[str, ...]
    body_text: str
    parts: tuple[Part, ...]
    issues: tuple[Issue, ...] = field(default=())


@dataclass(frozen=True)
class ReadResult:
    """The pages of one file, the file's own issues, and what conversion produced."""

    pages: tuple[PageText, ...]
    issues: tuple[Issue, ...] = ()
    rendered_pdf: bytes | None = None  # the PDF rendering of an office file
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()  # office tables: rows of cell texts
