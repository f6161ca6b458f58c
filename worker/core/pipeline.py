"""The processing of one dossier, stage by stage, over what intake stored (`worker.core.intake`).

    read        every piece's pages (text layer, OCR), once per content, cached
    understand  classify the pages into documents → letters read once → their signatures
                → the fields → normalised against the geography (reviewers' corrections stay)
    assess      completeness → assembly with an open dossier of the same collectivité

`run` does them all here and now; the RQ chain (`worker.core.queue`), the sweeper
(`worker.entry.jobs`) and `guichet process` take the stages from `STAGES`, so their order is
written once. Assembly never recurses: `assess` returns the dossier to run again.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from multiprocessing.connection import wait
from typing import TYPE_CHECKING

from extractors import classify, pages
from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.fields import LetterReading, Piece, extract_fields, letter_zones, read_letters
from extractors.model import READER_VERSION, FieldValue, FileKind, Issue, PieceKind
from extractors.ocr import in_process
from extractors.vocabulary import FIELD_IDS
from schemas.completeness import assess_completeness
from schemas.normalise import normalise_fields
from worker.core import assembly
from worker.core.sandbox import Limited, run_limited
from worker.core.signatures import check_signatures
from worker.events import EventKind
from worker.persistence.db import Reading
from worker.persistence.verdict_view import dossier_view

if TYPE_CHECKING:
    from worker.core.context import Context

log = logging.getLogger(__name__)

READABLE = (FileKind.PDF, FileKind.IMAGE, FileKind.DOCX, FileKind.ODT, FileKind.OFFICE)


@dataclass(frozen=True)
class Stage:
    """A step that is a job of its own on a queue of its own; `begun` and `done` are the events
    that say it began and ended (the sweeper reads them to find a lost job)."""

    name: str
    run: Callable[[str, Context], str | None]
    done: EventKind
    begun: EventKind | None = None


def run(dossier_id: str, ctx: Context) -> str:
    """Every stage of a dossier here and now; returns the id of the dossier that holds the
    result (another one after a join, which is then run in its turn)."""
    while True:
        kept = ctx.store.merged_into(dossier_id)
        if kept != dossier_id:  # joined meanwhile (a late or repeated job): read there
            return kept
        again = None
        for stage in STAGES:
            again = run_stage(stage, dossier_id, ctx)
        if again is None:
            return dossier_id
        dossier_id = again  # the kept dossier of a join: one dossier fewer


def run_stage(stage: Stage, dossier_id: str, ctx: Context, **begun) -> str | None:
    """One stage, its beginning recorded first when it has one (`begun`: the event's data)."""
    if stage.begun:
        ctx.store.add_event(dossier_id, stage.begun, begun)
    return stage.run(dossier_id, ctx)


def read(dossier_id: str, ctx: Context) -> None:
    """Every piece read once and cached by content, for the understanding to find."""
    ctx.store.set_status(dossier_id, "processing")  # the lease: a reader that dies is found by the sweeper
    files = [f for f in ctx.store.files(dossier_id) if f.role == "piece" and not f.issues]
    loading = threading.Thread(target=_loaded_for_understanding, args=(ctx,), name="loading", daemon=True)
    try:  # what understanding loads, loaded while the last file is read (its child forked first)
        read_stored_files([(file.sha256, FileKind(file.kind), file.name) for file in files], ctx,
                          forked=loading.start)
    finally:
        if loading.is_alive():
            loading.join()
    ctx.store.add_event(dossier_id, EventKind.PIECES_READ, {"files": len(files)})


def understand(dossier_id: str, ctx: Context) -> None:
    """Split and classify the pages, check the letters' signatures, extract and resolve the fields."""
    ctx.store.set_status(dossier_id, "processing")
    began = ctx.store.latest_event_id(dossier_id, EventKind.PROCESSING_STARTED)  # this one's, just recorded
    spans, pieces = classify_pieces(dossier_id, ctx)
    letters = read_letters(pieces)
    spans = letter_ends_kinded(spans, pieces, letters)
    zones = letter_zones(pieces, letters)
    if zones:
        readers_loaded(ctx, 1)  # the letters' signatory blocks: one reading thread
    # the fields are read while the signatures' child runs: the fiche's need no signature
    fields_beside = FieldsBeside(pieces, letters)
    try:
        signatures = check_signatures(pieces, zones, ctx, forked=fields_beside.start)
    except BaseException as exc:
        fields_beside.abandoned(exc)
        raise
    extracted = fields_beside.given(signatures)
    resolved = normalise_fields(extracted, ctx.cog)
    fields = {fid: StoredField.of(resolved.get(fid, FieldValue.missing())) for fid in FIELD_IDS}
    saved = ctx.store.save_understanding(
        dossier_id, [span.row() for span in spans],
        {fid: f.row() for fid, f in keep_corrections(ctx, dossier_id, fields).items()}, began=began)
    if not saved:  # two workers on one dossier (a join, a new message): the later start wins
        log.info("%s : analyse remplacée par une plus récente, non enregistrée", dossier_id)


def assess(dossier_id: str, ctx: Context) -> str | None:
    """The completeness of the dossier as understood (reviewers' corrections included), then its
    join with an open dossier of its collectivité that lacks its pieces. Returns the kept
    dossier of a join, to be read again; else None."""
    with ctx.store.session() as s:
        view = dossier_view(s, dossier_id)
    verdict = assess_completeness(view, ctx.cog)
    ctx.store.save_verdict(dossier_id, verdict.as_dict())
    return assembly.assemble(dossier_id, store=ctx.store, cog=ctx.cog)


STAGES = (
    Stage("read", read, EventKind.PIECES_READ),
    Stage("understand", understand, EventKind.UNDERSTOOD, begun=EventKind.PROCESSING_STARTED),
    Stage("assess", assess, EventKind.ASSESSED),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def stage(name: str) -> Stage:
    """The stage of this name."""
    return STAGES[STAGE_NAMES.index(name)]


class FieldsBeside:
    """`extract_fields` on a thread of its own from the moment the letters' signature child is
    forked (never before: a thread is never in a fork) until the signatures it needs are
    `given`: the fiche's fields, which need none, are read meanwhile on the core the child
    leaves idle, the letters' wait for them. The same call, the same values; nothing forked
    (every letter's signature cached, no letter), it runs in `given`, on the caller's thread."""

    def __init__(self, pieces: list[Piece], letters: Mapping[int, LetterReading]):
        self.pieces, self.letters = pieces, letters
        self.signatures = _Awaited()
        self.thread: threading.Thread | None = None
        self.outcome: tuple[bool, object] | None = None  # (failed, the fields or the error)

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="fields", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        try:
            self.outcome = (False, extract_fields(self.pieces, self.signatures, self.letters))
        except BaseException as exc:  # raised on the caller's thread by `given`
            self.outcome = (True, exc)

    def given(self, signatures: Mapping) -> dict[str, FieldValue]:
        """The fields, once the signatures are known."""
        self.signatures.resolve(signatures)
        if self.thread is None:
            return extract_fields(self.pieces, signatures, self.letters)
        self.thread.join()
        failed, value = self.outcome
        if failed:
            raise value
        return value

    def abandoned(self, exc: BaseException) -> None:
        """The signatures failed: the thread (if any) stops where it needs them."""
        self.signatures.resolve(None, exc)
        if self.thread is not None:
            self.thread.join()


class _Awaited(Mapping):
    """A mapping known later: every look waits for it (`resolve`)."""

    def __init__(self):
        self._known = threading.Event()
        self._mapping: Mapping = {}
        self._error: BaseException | None = None

    def resolve(self, mapping: Mapping | None, error: BaseException | None = None) -> None:
        self._mapping, self._error = mapping or {}, error
        self._known.set()

    def _value(self) -> Mapping:
        self._known.wait()
        if self._error is not None:
            raise RuntimeError("signatures not checked") from self._error
        return self._mapping

    def __getitem__(self, key):
        return self._value()[key]

    def __iter__(self):
        return iter(self._value())

    def __len__(self) -> int:
        return len(self._value())


# Typed values between the stages ------------------------------------------------

@dataclass(frozen=True)
class FoundDocument:
    """One document found in a file (its pages, its kind), or a file that could not be read."""

    file_id: int
    pages: tuple[int, ...]
    kind: PieceKind
    confidence: float
    ocr: bool = False
    error: dict | None = None  # {"code", "message"} of a file that was not read
    kind_overridden: bool = False

    @classmethod
    def failed(cls, file_id: int, issue: dict) -> FoundDocument:
        return cls(file_id, (), PieceKind.AUTRE, 0.0, error={"code": issue["code"], "message": issue["message"]})

    def row(self) -> dict:
        """As the store keeps it."""
        return dict(file_id=self.file_id, pages=list(self.pages), kind=self.kind.value, confidence=self.confidence,
                    ocr=self.ocr, error=self.error, kind_overridden=self.kind_overridden)


@dataclass(frozen=True)
class StoredField:
    """A field's value as the store keeps it and the completeness rules read it."""

    value: object
    confidence: float
    source: dict | None  # {"file", "page", "bbox"}
    status: str

    @classmethod
    def of(cls, value: FieldValue) -> StoredField:
        source = value.source
        box = {"file": source.file, "page": source.page, "bbox": list(source.bbox)} if source else None
        return cls(value.value, float(value.confidence), box, value.status.value)

    @classmethod
    def stored(cls, row) -> StoredField:
        """From a FieldRow."""
        return cls(row.value, row.confidence, row.source, row.status)

    def row(self) -> dict:
        return {"value": self.value, "confidence": self.confidence, "source": self.source, "status": self.status}


def keep_corrections(ctx: Context, dossier_id: str, fields: dict[str, StoredField]) -> dict[str, StoredField]:
    """A reviewer's corrections survive reprocessing, and the completeness rules read them."""
    corrected = {fid: StoredField.stored(row) for fid, row in ctx.store.fields(dossier_id).items()
                 if row.status == "corrected"}
    return {fid: corrected.get(fid, value) for fid, value in fields.items()}


# Reading and classifying --------------------------------------------------------

def classify_pieces(dossier_id: str, ctx: Context) -> tuple[list[FoundDocument], list[Piece]]:
    """The documents of the dossier's pieces, and those pieces with their pages for extraction."""
    spans: list[FoundDocument] = []
    pieces: list[Piece] = []
    overrides = ctx.store.kind_overrides(dossier_id)  # a reviewer's word on a piece outlives reprocessing
    for file in ctx.store.files(dossier_id):
        if file.role != "piece":
            continue
        if file.issues:  # empty or oversized: listed with its error, never read
            spans.append(FoundDocument.failed(file.id, file.issues[0]))
            continue
        reading = read_stored_file(file.sha256, FileKind(file.kind), file.name, ctx)
        if reading.error_code:
            spans.append(FoundDocument.failed(file.id, reading.issues[0]))
            continue
        page_texts = ctx.store.pages(reading.id)
        by_number = {p.number: p for p in page_texts}
        for span in classify.split_documents(file.name, page_texts):
            span_pages = tuple(by_number[n] for n in span.pages)
            overridden = overrides.get((file.id, span.pages))
            kind = PieceKind(overridden) if overridden else span.kind
            spans.append(FoundDocument(file.id, tuple(span.pages), kind, 1.0 if overridden else span.confidence,
                                       any(p.ocr for p in span_pages), kind_overridden=bool(overridden)))
            pieces.append(Piece(kind, file.name, span_pages, tuple(reading.tables or ()),
                                blob=reading.rendered_sha256 or file.sha256,
                                blob_kind="image" if file.kind == FileKind.IMAGE else "pdf"))
    return spans, pieces


def letter_ends_kinded(spans: list[FoundDocument], pieces: list[Piece],
                       letters: Mapping[int, LetterReading]) -> list[FoundDocument]:
    """A letter's last page photographed apart says no kind of its own (`autre`); read as the end
    of the letter right before it (`read_letters`), its document is a page of that letter and
    takes its kind. A reviewer's word on it stands."""
    read = [i for i, span in enumerate(spans) if span.error is None]  # in step with `pieces`
    out = list(spans)
    for index, reading in letters.items():
        span = out[read[index]]
        if pieces[index].kind is PieceKind.AUTRE and not span.kind_overridden:
            before = out[read[index - 1]] if index else None
            confidence = min(span.confidence, before.confidence) if before else span.confidence
            out[read[index]] = replace(span, kind=reading.kind, confidence=confidence)
    return out


def read_stored_file(sha256: str, kind: FileKind, name: str, ctx: Context) -> Reading:
    """Read a stored content once; later calls (reprocessing, other dossiers) get the cached pages."""
    cached = ctx.store.reading(sha256, READER_VERSION)
    if cached is not None:
        return cached
    return _reading_started(sha256, kind, name, ctx, alone=True)()


def read_stored_files(files: list[tuple[str, FileKind, str]], ctx: Context,
                      forked: Callable[[], object] | None = None) -> None:
    """`read_stored_file` of each (sha256, kind, name), the contents not cached read by up to
    `ocr_workers` sandboxes at once: a dossier of several files (phone photos, a scan a
    file) keeps every core busy, where one file of one page reads on one. The children are
    forked from this thread; the next starts as soon as any running one ends (`_first_ended`),
    not after the oldest (a long file does not hold up the short ones' core), and before the
    ended one's reading is collected. Each file's reading is the one it has alone. `forked`:
    called once the last child is started (no fork after it here), not when every content is
    cached."""
    store, todo = ctx.store, {}
    for sha256, kind, name in files:
        if sha256 not in todo and store.reading(sha256, READER_VERSION) is None:
            todo[sha256] = (sha256, kind, name)
    at_once = max(1, ctx.settings.ocr_workers)
    running: list[Callable[[], Reading]] = []
    try:
        for sha256, kind, name in todo.values():
            ended = running.pop(_first_ended(running)) if len(running) >= at_once else None
            alone = (len(todo) == 1 or at_once == 1) and forked is None
            try:  # the next child forked first: the core the ended one left is not idle while
                # its reading is received, its sandbox cleared and the reading saved
                running.append(_reading_started(sha256, kind, name, ctx, alone=alone))
            finally:
                if ended is not None:
                    ended()
        if running and forked is not None:
            forked()
    finally:
        while running:  # even after an error: no child is left unawaited; each collected
            running.pop(_first_ended(running))()  # as it ends, not after a longer one


def _reading_started(sha256: str, kind: FileKind, name: str, ctx: Context, alone: bool) -> Callable[[], Reading]:
    """The reading of a stored content not cached, to call for the Reading (saved in the store);
    its sandbox started already unless `alone` (then started by the call)."""
    store, settings = ctx.store, ctx.settings
    started = time.monotonic()
    if kind not in READABLE:
        code = ErrorCode.FILE_TYPE_UNSUPPORTED
        return lambda: store.save_reading(sha256, READER_VERSION, None, [Issue(code, MESSAGES[code], name)], 0.0, code)
    limits = settings.limits
    options = pages.ReadOptions(settings.ocr_dpi, limits.max_pages, limits.max_image_pixels,
                                settings.ocr_workers, limits.office_timeout)
    readers_loaded(ctx, in_process.readers(options.ocr_workers))
    call = (pages.read_file, str(store.blobs.path(sha256)), kind, name, options, ctx.engine)
    bounds = {"timeout": limits.parse_timeout, "memory_mb": limits.parse_memory_mb}
    child = None if alone else Limited(*call, **bounds)
    result_of = (lambda: run_limited(*call, **bounds)) if child is None else child.result

    def finished() -> Reading:
        try:
            result = result_of()
        except GuichetError as exc:
            return _failed_reading(sha256, name, exc, started, ctx)
        if any(page.ocr for page in result.pages):
            _READ_BY_OCR.add(os.getpid())
        return store.save_reading(sha256, READER_VERSION, result, result.issues, time.monotonic() - started)
    finished.child = child  # what `_first_ended` waits on
    return finished


def _first_ended(running: list[Callable[[], Reading]]) -> int:
    """The index in `running` of a reading whose child has ended (its result sent, or dead),
    waited for; the first such in order. A reading with no child of its own (an unreadable
    kind) has ended already; when the earliest deadline passes first, the oldest (whose
    `result` then raises its timeout)."""
    children = [getattr(reading, "child", None) for reading in running]
    if any(child is None for child in children):
        return next(i for i, child in enumerate(children) if child is None)
    left = max(0.0, min(child.deadline for child in children) - time.monotonic())
    ready = wait([child.receiver for child in children], timeout=left)
    return next((i for i, child in enumerate(children) if child.receiver in ready), 0)


def _failed_reading(sha256: str, name: str, exc: GuichetError, started: float, ctx: Context) -> Reading:
    return ctx.store.save_reading(sha256, READER_VERSION, None, [Issue(exc.code, exc.message, name)],
                                  time.monotonic() - started, exc.code)


def _loaded_for_understanding(ctx: Context) -> None:
    """What understanding a dossier loads once a process (the geography, spaCy's model: ~1.5 s of
    CPU in a cold `guichet process`), loaded on a thread while its files are read in their
    sandboxes; already loaded (a worker's preload, a batch's next dossier), nothing. A failure
    here is understanding's to raise, as before. Loaded with the garbage collector paused, then
    frozen (a cold process's ~1.5 s of CPU fewer on a scanned dossier, loaded machine)."""
    from extractors.fields import nlp

    collecting = gc.isenabled()
    gc.disable()  # the loads make objects that live as long as the process: collections would only walk them
    try:
        ctx.cog  # noqa: B018
        nlp.available()
    except Exception as exc:  # raised again where it is needed
        log.debug("loading beside the reading failed: %s", exc)
    finally:
        if collecting:
            gc.enable()
    if not gc.get_freeze_count():  # a worker froze its preload; a batch, at its first dossier
        gc.freeze()  # out of the collector's sight, as a worker's preload: the dossier's full collections skip it


_READ_BY_OCR: set[int] = set()  # the processes that read a page by OCR (a pid: a fork is not its parent)


def readers_loaded(ctx: Context, count: int) -> None:
    """Once this process has read a page by OCR (a batch's next file, the letters' signatory
    blocks), the `count` Tesseract APIs the sandbox forked next reads with are loaded here first
    and stay idle for the sandboxes after it, instead of being loaded again in each (~0.08 s of
    CPU each, two or three a scanned file). A worker loaded them before its first job (this
    does nothing then); a process that reads no scan never loads them."""
    if os.getpid() in _READ_BY_OCR and (preload := getattr(ctx.engine, "preload", None)) is not None:
        preload(count)
