"""The relational model: one table per thing the bureau tracks, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.util import PopulateDict

from extractors.model import SUBJECT_KEY_CHARS

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """Now, in UTC, timezone-aware."""
    return datetime.now(timezone.utc)


class PartialIndex(Index):
    """An index on the rows that match `where`, on SQLite and PostgreSQL alike.

    `Index(..., postgresql_where=...)` loads SQLAlchemy's PostgreSQL dialect and its four drivers'
    modules to check the argument's name: a twentieth of every start, on SQLite too. Here the
    condition joins PostgreSQL's options when they are first read (by its DDL compiler, Alembic),
    that is once the dialect is loaded anyway; SQLite's are given as usual."""

    inherit_cache = True

    def __init__(self, name: str, *columns: str, where) -> None:
        self.where = where
        super().__init__(name, *columns, sqlite_where=where)

    @property
    def dialect_options(self) -> PopulateDict:
        if "_partial_options" not in self.__dict__:
            def options(dialect_name: str):
                found = self._kw_reg_for_dialect_cls(dialect_name)
                if dialect_name == "postgresql":
                    found["where"] = self.where
                return found
            self.__dict__["_partial_options"] = PopulateDict(options)
        return self.__dict__["_partial_options"]


class Base(DeclarativeBase):
    """Declarative base; the schema itself is created by the Alembic migrations."""


class Dossier(Base):
    """A candidature: the messages and files that belong together, and what was made of them."""

    __tablename__ = "dossier"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    subject_key: Mapped[str | None] = mapped_column(String(SUBJECT_KEY_CHARS), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    completeness: Mapped[dict | None] = mapped_column(JSON)
    triage: Mapped[dict | None] = mapped_column(JSON)


class Original(Base):
    """Every input received as such (a mail, an mbox, an uploaded file), stored before parsing."""

    __tablename__ = "original"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))  # cli, upload, smtp, imap
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    issues: Mapped[list] = mapped_column(JSON, default=list)
    __table_args__ = (UniqueConstraint("sha256", "name", name="uq_original_sha256_name"),)


class MessageRow(Base):
    """One e-mail of a dossier; the same Message-ID is never stored twice."""

    __tablename__ = "message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sender: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    subject_key: Mapped[str] = mapped_column(String(SUBJECT_KEY_CHARS), default="", index=True)
    date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    reference_ids: Mapped[list] = mapped_column(JSON, default=list)
    body_text: Mapped[str] = mapped_column(Text, default="")
    issues: Mapped[list] = mapped_column(JSON, default=list)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FileRow(Base):
    """A file of a dossier: an attachment, a zip member, a forwarded message, a logo."""

    __tablename__ = "file"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    message_row_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("file.id"))
    name: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))  # piece, inline, container
    issues: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (UniqueConstraint("dossier_id", "sha256", name="uq_file_dossier_sha256"),)


class Reading(Base):
    """What reading a content produced, cached by its hash: reprocessing reads nothing twice."""

    __tablename__ = "reading"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    reader_version: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    issues: Mapped[list] = mapped_column(JSON, default=list)
    error_code: Mapped[str | None] = mapped_column(String(40))
    rendered_sha256: Mapped[str | None] = mapped_column(String(64))
    tables: Mapped[list] = mapped_column(JSON, default=list)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    __table_args__ = (UniqueConstraint("sha256", "reader_version", name="uq_reading_sha256_version"),)


class PageRow(Base):
    """One read page: its words with boxes in points, as JSON rows [text, x0, top, x1, bottom, conf, line]."""

    __tablename__ = "page"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reading_id: Mapped[int] = mapped_column(ForeignKey("reading.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)
    ocr: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float] = mapped_column(Float)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    skew: Mapped[float] = mapped_column(Float, default=0.0)
    # PageText.warp (a photo warped flat): SQL NULL, not JSON null, when the page was not warped.
    warp: Mapped[list | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    bilevel: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # PageText.bilevel: None, not known
    error_code: Mapped[str | None] = mapped_column(String(40))
    words: Mapped[list] = mapped_column(JSON, default=list)
    __table_args__ = (UniqueConstraint("reading_id", "number", name="uq_page_reading_number"),)


class DocumentRow(Base):
    """A piece: a page range of one file, with its kind."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("file.id"))
    ordinal: Mapped[int] = mapped_column(Integer)
    pages: Mapped[list] = mapped_column(JSON, default=list)
    kind: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[dict | None] = mapped_column(JSON)  # {"code", "message"} when the file was unreadable
    kind_overridden: Mapped[bool] = mapped_column(Boolean, default=False)


class FieldRow(Base):
    """One field of a dossier, as extracted or as a reviewer corrected it."""

    __tablename__ = "field"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    field_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[object | None] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    source: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="missing")
    corrected_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    __table_args__ = (UniqueConstraint("dossier_id", "field_id", name="uq_field_dossier_field"),
                      # The readings to check, for the queue (migration 0009).
                      PartialIndex("ix_field_needs_review", "dossier_id", where=text("status = 'needs_review'")))


class Event(Base):
    """The audit trail: who or what did what to a dossier, and when."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="guichet")
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class Computed(Base):
    """A result computed from stored contents only (a letter's signature check), by a key that
    hashes those contents and the code's version: reprocessing recomputes nothing unchanged."""

    __tablename__ = "computed"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutboxRow(Base):
    """A mail Guichet sends (accusé de réception, demande de compléments, decision), kept before,
    while and after it is sent. The Message-ID is fixed when the row is made: the relay's log,
    the candidate's reply and a retry all name the same message."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossier.id"), index=True)  # None: a digest
    kind: Mapped[str] = mapped_column(String(16))  # accuse, complements, decision, digest
    # draft -> queued -> connecting -> sending -> sent; failed (refused for good), uncertain (see worker.mail.outbox)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # "accuse:<dossier>": once
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    reference_ids: Mapped[list] = mapped_column(JSON, default=list)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200), default="guichet")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DossierLabel(Base):
    """A label (étiquette) an instructeur put on a dossier; the team's own words, for sorting work."""

    __tablename__ = "dossier_label"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"))
    label: Mapped[str] = mapped_column(String(60), index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (UniqueConstraint("dossier_id", "label", name="uq_dossier_label_dossier_label"),)


class Annotation(Base):
    """A private note of the bureau on a dossier: shown to its staff only, never exported nor mailed."""

    __tablename__ = "annotation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    body: Mapped[str] = mapped_column(Text)


class SavedView(Base):
    """A named set of queue filters (the query string), one user's own."""

    __tablename__ = "saved_view"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (UniqueConstraint("owner", "name", name="uq_saved_view_owner_name"),)
