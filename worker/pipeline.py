"""The pipeline, stage by stage: intake (store first), read, understand, assess.

Every parser of untrusted bytes runs through `sandbox.run_limited`; every failure of one
file becomes an Issue with its code on that file, and the other files go on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import timezone

from extractors import classify, images, mail, pades, pages, pdf_text, sniff, unpack
from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.fields import Piece, SignatureZone, extract_fields, letter_zones
from extractors.model import READER_VERSION, FieldValue, FileKind, Issue, MailMessage, PageText, Part, PieceKind
from extractors.ocr.engine import OcrEngine
from extractors.ocr.sheet import outside_paper_whitened
from extractors.signature import SignatureCheck, check_signature, upright
from extractors.vocabulary import FIELD_IDS
from schemas.cog import Cog
from schemas.completeness import DossierView, assess_completeness
from schemas.normalise import normalise_fields
from worker import assembly
from worker.db import MessageRow, Reading
from worker.sandbox import run_limited
from worker.settings import Settings
from worker.store import NewFile, Store, issue_rows, stable_id

log = logging.getLogger(__name__)

READABLE = (FileKind.PDF, FileKind.IMAGE, FileKind.DOCX, FileKind.ODT, FileKind.OFFICE)
# Read as a message wherever they are found: their files are the pieces.
MESSAGES_KINDS = (FileKind.EMAIL, FileKind.MSG, FileKind.TNEF)


@dataclass
class Intake:
    """What one input became: its dossier, the rows it created, and problems on the way."""

    dossier_id: str
    new: bool = True
    duplicate_of: str | None = None  # file name of the message already received under this Message-ID
    message_ids: list[int] = field(default_factory=list)
    file_ids: list[int] = field(default_factory=list)


@dataclass
class Budget:
    """What one input (a message, files given together) may expand to, all levels together.

    Every zip and attached message inside draws on the same bytes and file count: nesting
    never gives a fresh allowance.
    """

    bytes_left: int
    files_left: int
    zip_ratio: float
    disk: str = "."  # where blobs are written: its free space never falls below min_free_bytes
    min_free_bytes: int = 0

    @classmethod
    def of(cls, settings: Settings) -> Budget:
        limits = settings.limits
        return cls(limits.max_unpacked_bytes, limits.max_zip_members, limits.max_zip_ratio,
                   str(settings.storage_dir), limits.min_free_mb << 20)

    def fit(self, parts: tuple[Part, ...], name: str) -> tuple[tuple[Part, ...], list[Issue]]:
        """The parts that fit, charged to the budget, and an INPUT_TOO_LARGE (or DISK_FULL) issue
        if some do not."""
        kept = []
        for part in parts:
            size = os.path.getsize(part.path) if part.path else len(part.data)
            code = None
            if self.files_left <= 0 or size > self.bytes_left:
                code = ErrorCode.INPUT_TOO_LARGE
            elif not part.path and _free_bytes(self.disk) - size < self.min_free_bytes:
                code = ErrorCode.DISK_FULL  # a member on disk already was checked by its child
            if code:
                detail = f"{len(parts) - len(kept)} fichier(s) non lus sur {len(parts)}"
                return tuple(kept), [Issue(code, f"{MESSAGES[code]} ({detail})", name)]
            self.files_left -= 1
            self.bytes_left -= size
            kept.append(part)
        return tuple(kept), []

    def zip_limits(self) -> unpack.ZipLimits:
        """A zip may hold what is left: the budget only ever shrinks from the settings' limits."""
        return unpack.ZipLimits(max(self.files_left, 0), max(self.bytes_left, 0), self.zip_ratio,
                                self.min_free_bytes)


def _free_bytes(path: str) -> int:
    os.makedirs(path, exist_ok=True)
    return shutil.disk_usage(path).free


# Intake ---------------------------------------------------------------------

def intake_message(raw: bytes, name: str, *, store: Store, settings: Settings,
                   source: str = "cli", dossier_id: str | None = None) -> Intake:
    """Store a raw e-mail, attach it to its thread's dossier (or a new one), store its files.

    `dossier_id`: the dossier an instructeur adds it to, whatever its thread says."""
    sha256 = store.record_original(raw, name, FileKind.EMAIL, source).sha256  # durable before parsing
    message = parse_message(raw, name, settings)
    known = store.known_message(message.message_id)
    if known:  # the same message again changes nothing
        same_bytes = known.sha256 == sha256
        return Intake(known.dossier_id, new=False, duplicate_of=None if same_bytes else known.file_name)
    subject_key = mail.thread_subject(message.subject)
    budget = Budget.of(settings)
    parts, dropped = budget.fit(message.parts, name)
    if dropped:
        message = replace(message, parts=parts, issues=(*message.issues, *dropped))
    reply_ids = [message.in_reply_to or "", *message.references]
    dossier_id = (dossier_id or store.thread_dossier(reply_ids, subject_key, message.sender)
                  or stable_id(message.message_id))
    store.ensure_dossier(dossier_id, subject_key)
    row, created = store.add_message(dossier_id, _message_row(message, sha256, name, subject_key))
    intake = Intake(row.dossier_id, new=created, message_ids=[row.id])
    if created:
        _intake_parts(message.parts, row.dossier_id, intake, store=store, settings=settings,
                      message_row_id=row.id, parent_id=None, depth=0, budget=budget)
    return intake


def intake_files(parts: list[Part], group_key: str, *, store: Store, settings: Settings,
                 source: str = "cli", dossier_id: str | None = None) -> Intake:
    """Loose files given together (a folder, an upload) form one dossier, or join `dossier_id`."""
    shas = sorted(store.record_original(p.data, p.name, sniff.sniff(p.data), source).sha256 for p in parts)
    dossier_id = dossier_id or stable_id(group_key, *shas)
    created = store.ensure_dossier(dossier_id)
    intake = Intake(dossier_id, new=created)
    # Files given together by an operator are not charged; what they contain is.
    _intake_parts(tuple(parts), dossier_id, intake, store=store, settings=settings,
                  message_row_id=None, parent_id=None, depth=0, budget=Budget.of(settings))
    return intake


def parse_message(raw: bytes, name: str, settings: Settings) -> MailMessage:
    """The message, or an empty one carrying the error when it cannot be parsed at all.

    A message that fails whole is read again without its body text: a body that cannot be
    read (too slow, too big) costs its text, never the attachments (MAIL_BODY_UNREADABLE).
    """
    try:
        return _read_mail(raw, name, settings, with_body=True)
    except GuichetError as whole:
        try:
            message = _read_mail(raw, name, settings, with_body=False)
        except GuichetError as exc:
            issue = Issue(_invalid(raw) if exc.code is ErrorCode.PARSE_CRASHED else exc.code,
                          exc.message, name)
            return MailMessage(stable_id_for_bytes(raw), "", "", None, None, (), "", (), (issue,))
        lost = Issue(ErrorCode.MAIL_BODY_UNREADABLE,
                     f"{MESSAGES[ErrorCode.MAIL_BODY_UNREADABLE]} ({whole.message})", name)
        return replace(message, issues=(*message.issues, lost))


def _invalid(raw: bytes) -> ErrorCode:
    """The code of a message whose parser died, by its format."""
    kind = sniff.sniff(raw)
    return {FileKind.MSG: ErrorCode.MSG_INVALID, FileKind.TNEF: ErrorCode.TNEF_INVALID}.get(kind, ErrorCode.MAIL_INVALID)


def _read_mail(raw: bytes, name: str, settings: Settings, *, with_body: bool) -> MailMessage:
    limits = settings.limits
    return run_limited(mail.read_message, raw, name=name, max_depth=limits.max_depth, with_body=with_body,
                       timeout=min(limits.parse_timeout, 120.0), memory_mb=limits.parse_memory_mb)


def stable_id_for_bytes(raw: bytes) -> str:
    """A synthetic Message-ID for a message whose headers cannot be read (as mail.read_message makes)."""
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@guichet.invalid>"


def _message_row(message: MailMessage, sha256: str, name: str, subject_key: str) -> MessageRow:
    return MessageRow(
        message_id=message.message_id, sha256=sha256, file_name=name,
        sender=message.sender, subject=message.subject, subject_key=subject_key,
        date=message.date.astimezone(timezone.utc) if message.date else None,  # SQLite keeps no offset
        in_reply_to=message.in_reply_to, reference_ids=list(message.references),
        body_text=message.body_text, issues=issue_rows(message.issues),
    )


def _intake_parts(parts: tuple[Part, ...], dossier_id: str, intake: Intake, *, store: Store,
                  settings: Settings, message_row_id: int | None, parent_id: int | None,
                  depth: int, budget: Budget) -> None:
    for part in parts:
        _intake_part(part, dossier_id, intake, store=store, settings=settings,
                     message_row_id=message_row_id, parent_id=parent_id, depth=depth, budget=budget)


def _intake_part(part: Part, dossier_id: str, intake: Intake, *, store: Store, settings: Settings,
                 message_row_id: int | None, parent_id: int | None, depth: int, budget: Budget) -> None:
    """Store one file, then expand it if it is a container (zip, attached e-mail)."""
    if part.path:  # written to disk by the unpacking child: moved into the store, read back alone
        sha256, size = store.blobs.put_file(part.path)
        part = replace(part, data=_read_back(store.blobs.path(sha256), size, settings), path=None)
    else:
        sha256, size = store.blobs.put(part.data), len(part.data)
    kind = sniff.sniff(part.data)
    issues = _size_issues(size, part.name, settings)
    role = "inline" if part.inline else "container" if part.container else "piece"
    if kind in (FileKind.ZIP, FileKind.MBOX) or (kind in MESSAGES_KINDS and role == "piece"):
        role = "container"
    row, created = store.add_file(dossier_id, NewFile(part.name, sha256, size, kind, role,
                                                      parent_id, message_row_id, tuple(issues)))
    intake.file_ids.append(row.id)
    if not created or issues or role != "container" or part.container:
        return
    if depth + 1 > settings.limits.max_depth:
        store.add_file_issues(row.id, [_issue(ErrorCode.ZIP_TOO_DEEP, part.name)])
        return
    outbox = _outbox(settings) if kind is FileKind.ZIP else None
    try:
        children, child_issues = _expand(part, kind, settings, budget, outbox)
        del part  # the container's bytes are not needed while its members are stored
        children, dropped = budget.fit(children, row.name)
        store.add_file_issues(row.id, [*child_issues, *dropped])
        _intake_parts(children, dossier_id, intake, store=store, settings=settings,
                      message_row_id=message_row_id, parent_id=row.id, depth=depth + 1, budget=budget)
    finally:
        if outbox:
            shutil.rmtree(outbox, ignore_errors=True)


def _outbox(settings: Settings) -> str:
    """A private directory beside the blobs where an unpacking child writes the members
    (on the same file system: storing one is a rename)."""
    incoming = settings.storage_dir / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix="members-", dir=incoming)


def _read_back(path, size: int, settings: Settings) -> bytes:
    """A member's bytes to sniff and expand; only its head when it is too large to be read."""
    with open(path, "rb") as stream:
        return stream.read() if size <= settings.limits.max_file_bytes else stream.read(4096)


def _expand(part: Part, kind: FileKind, settings: Settings, budget: Budget,
            outbox: str | None) -> tuple[tuple[Part, ...], list[Issue]]:
    """The files inside a container, in a limited child process, within what is left of the budget.

    A zip's members are written by the child into `outbox`, never sent back in memory."""
    limits = settings.limits
    try:
        if kind is FileKind.ZIP:
            found = run_limited(unpack.unpack_zip, part.data, part.name, budget.zip_limits(), outbox,
                                outbox=outbox, timeout=min(limits.parse_timeout, 300.0),
                                memory_mb=limits.parse_memory_mb)
            return found.parts, list(found.issues)
        message = parse_message(part.data, part.name, settings)
        return message.parts, list(message.issues)
    except GuichetError as exc:
        return (), [Issue(exc.code, exc.message, part.name)]


def _size_issues(size: int, name: str, settings: Settings) -> list[Issue]:
    if not size:
        return [_issue(ErrorCode.FILE_EMPTY, name)]
    if size > settings.limits.max_file_bytes:
        return [_issue(ErrorCode.FILE_TOO_LARGE, name)]
    return []


def _issue(code: ErrorCode, name: str) -> Issue:
    return Issue(code, MESSAGES[code], name)


# Reading, understanding, assessing --------------------------------------------

def process_dossier(dossier_id: str, *, store: Store, settings: Settings, engine: OcrEngine, cog: Cog) -> str:
    """Every stage of a dossier here and now (reading happens as understanding needs it).

    Returns the id of the dossier that holds the result (another one after a join).
    """
    kept = store.merged_into(dossier_id)
    if kept != dossier_id:  # joined meanwhile (a late or repeated job): its messages are read there
        return kept
    understand_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    return assess_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)


def understand_dossier(dossier_id: str, *, store: Store, settings: Settings, engine: OcrEngine, cog: Cog) -> None:
    """Split and classify the pages, check the letters' signatures, extract and resolve the fields."""
    store.set_status(dossier_id, "processing")
    documents, pieces = read_and_classify(dossier_id, store=store, settings=settings, engine=engine)
    signatures = check_signatures(pieces, store=store, settings=settings)
    extracted = normalise_fields(extract_fields(pieces, signatures), cog)
    fields = {fid: field_row(extracted.get(fid, FieldValue.missing())) for fid in FIELD_IDS}
    store.save_understanding(dossier_id, documents, keep_corrections(store, dossier_id, fields))


def assess_dossier(dossier_id: str, *, store: Store, settings: Settings, engine: OcrEngine, cog: Cog) -> str:
    """The completeness of the dossier as understood (reviewers' corrections included), then its
    join with an open dossier of its collectivité that lacks its pieces: the joined dossier is
    understood and assessed again. Returns the id of the dossier that holds the result."""
    fields = {fid: stored_field(row) for fid, row in store.fields(dossier_id).items()}
    kinds = {document.kind for document in store.documents(dossier_id)}
    present = {kind.value: kind.value in kinds for kind in PieceKind}
    store.save_verdict(dossier_id, assess_completeness(DossierView(pieces=present, fields=fields), cog).as_dict())
    kept = assembly.assemble(dossier_id, store=store, cog=cog)
    if kept is None:
        return dossier_id
    return process_dossier(kept, store=store, settings=settings, engine=engine, cog=cog)  # one dossier fewer


def read_pieces(dossier_id: str, *, store: Store, settings: Settings, engine: OcrEngine) -> int:
    """The reading stage alone (a job of its own on the read queue): every piece read once and
    cached by content, for the understanding to find; returns how many files it holds."""
    files = [f for f in store.files(dossier_id) if f.role == "piece" and not f.issues]
    for file in files:
        read_stored_file(file.sha256, FileKind(file.kind), file.name, store=store, settings=settings, engine=engine)
    return len(files)


def read_and_classify(dossier_id: str, *, store: Store, settings: Settings,
                      engine: OcrEngine) -> tuple[list[dict], list[Piece]]:
    """Document rows for the store, and the pieces with their pages for extraction."""
    documents: list[dict] = []
    pieces: list[Piece] = []
    overrides = store.kind_overrides(dossier_id)  # a reviewer's word on a piece outlives reprocessing
    for file in store.files(dossier_id):
        if file.role != "piece":
            continue
        if file.issues:  # empty or oversized: listed with its error, never read
            documents.append(_error_document(file.id, file.issues[0]))
            continue
        reading = read_stored_file(file.sha256, FileKind(file.kind), file.name, store=store,
                                   settings=settings, engine=engine)
        if reading.error_code:
            documents.append(_error_document(file.id, reading.issues[0]))
            continue
        page_texts = store.pages(reading.id)
        by_number = {p.number: p for p in page_texts}
        for span in classify.split_documents(file.name, page_texts):
            span_pages = tuple(by_number[n] for n in span.pages)
            overridden = overrides.get((file.id, span.pages))
            kind = PieceKind(overridden) if overridden else span.kind
            documents.append(dict(file_id=file.id, pages=list(span.pages), kind=kind.value,
                                  confidence=1.0 if overridden else span.confidence,
                                  ocr=any(p.ocr for p in span_pages), error=None,
                                  kind_overridden=bool(overridden)))
            pieces.append(Piece(kind, file.name, span_pages, tuple(reading.tables or ()),
                                blob=reading.rendered_sha256 or file.sha256,
                                blob_kind="image" if file.kind == FileKind.IMAGE else "pdf"))
    return documents, pieces


# Signatures: the letters' signatory blocks on their page images ---------------

SIGNATURE_DPI = 150


def check_signatures(pieces: list[Piece], *, store: Store, settings: Settings) -> dict[int, SignatureCheck]:
    """Each letter's signature, by index in `pieces`: a PAdES signature, or ink by the signatory block.

    A page that cannot be rendered leaves its letter without a verdict (a reviewer looks).
    """
    from worker import cache

    checks = {}
    limits = settings.limits
    code = cache.code_version(signature_of, check_signature, pades.digital_signatures, pdf_text.render_page,
                              images.image_pages, outside_paper_whitened)
    for index, zone in letter_zones(pieces).items():
        piece = pieces[index]
        page = piece.pages[zone.page]
        key = cache.signature_key(piece.blob, piece.blob_kind, page, zone, limits.max_image_pixels, code)
        known = store.computed(key)  # reprocessing an unchanged letter renders nothing
        if known is not None:
            checks[index] = cache.signature_from_json(known)
            continue
        try:
            checks[index] = run_limited(signature_of, str(store.blobs.path(piece.blob)), piece.blob_kind,
                                        page, zone, limits.max_image_pixels,
                                        timeout=min(limits.parse_timeout, 120.0), memory_mb=limits.parse_memory_mb)
        except GuichetError as exc:
            log.warning("signature of %s not checked: %s", piece.file, exc.message)
            continue
        store.save_computed(key, cache.SIGNATURE, cache.signature_to_json(checks[index]))
        log.info("%s: %s (%.2f) %s", piece.file, checks[index].signed, checks[index].confidence,
                 checks[index].detail)
    return checks


def signature_of(path: str, kind: str, page: PageText, zone: SignatureZone, max_pixels: int) -> SignatureCheck:
    """In a child process: a digital signature of the file, else ink on the rendered page."""
    if kind == "pdf":
        with open(path, "rb") as stream:
            signed = [s for s in pades.digital_signatures(stream.read()) if s.page in (None, page.number)]
        if signed:
            box = signed[0].rect if signed[0].rect and not page.ocr else zone.bbox  # rect: the page as received
            return SignatureCheck(True, 0.97 if signed[0].covers_whole_file else 0.85, box,
                                  "numerique", signed[0].describe())
        document = pdf_text.open_renderer(path)
        try:
            image, dpi = pdf_text.render_page(document, page.number - 1, SIGNATURE_DPI, max_pixels)
        finally:
            document.close()
    else:
        with open(path, "rb") as stream:
            frames = images.image_pages(stream.read(), max_pixels=max_pixels, max_pages=page.number)
            image, dpi = list(frames)[page.number - 1]
    if page.ocr:  # the words were read on the upright page: look at the same one
        image = upright(outside_paper_whitened(image.convert("L")), page.rotation, page.skew, page.warp, dpi)
    check = check_signature(image, zone.bbox, dpi, printed=zone.printed, text_height=zone.text_height)
    return replace(check, block_text=block_text(image, zone, dpi)) if page.ocr else check


def block_text(image, zone: SignatureZone, dpi: float) -> tuple[str, ...]:
    """The signatory area's lines read again on its dark ink alone: a stamp over the typed block
    often hides it from the page's OCR. Empty when it cannot be read."""
    from extractors.ocr.engine import TesseractEngine
    from extractors.signature import dark_ink

    crop = dark_ink(image, zone.bbox, dpi)
    if crop is None:
        return ()
    try:
        words = TesseractEngine(timeout=30.0).block_words(crop)
    except GuichetError:
        return ()
    lines: dict[tuple[int, ...], list] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return tuple(" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for _, ws in sorted(
        lines.items(), key=lambda item: min(w.top for w in item[1])))


def keep_corrections(store: Store, dossier_id: str, fields: dict[str, dict]) -> dict[str, dict]:
    """A reviewer's corrections survive reprocessing, and the completeness rules read them."""
    corrected = {fid: row for fid, row in store.fields(dossier_id).items() if row.status == "corrected"}
    return {fid: stored_field(corrected[fid]) if fid in corrected else row for fid, row in fields.items()}


def stored_field(row) -> dict:
    """A stored field (a FieldRow) as the rules and the store read it: field_row's shape."""
    return {"value": row.value, "confidence": row.confidence, "source": row.source, "status": row.status}


def field_row(value: FieldValue) -> dict:
    """A FieldValue as the store keeps it."""
    source = value.source
    return {
        "value": value.value,
        "confidence": float(value.confidence),
        "source": {"file": source.file, "page": source.page, "bbox": list(source.bbox)} if source else None,
        "status": value.status.value,
    }


def read_stored_file(sha256: str, kind: FileKind, name: str, *, store: Store, settings: Settings,
                     engine: OcrEngine) -> Reading:
    """Read a stored content once; later calls (reprocessing, other dossiers) get the cached pages."""
    cached = store.reading(sha256, READER_VERSION)
    if cached is not None:
        return cached
    started = time.monotonic()
    if kind not in READABLE:
        code = ErrorCode.FILE_TYPE_UNSUPPORTED
        return store.save_reading(sha256, READER_VERSION, None, [_issue(code, name)], 0.0, code)
    limits = settings.limits
    options = pages.ReadOptions(settings.ocr_dpi, limits.max_pages, limits.max_image_pixels,
                                settings.ocr_workers, limits.office_timeout)
    try:
        result = run_limited(pages.read_file, str(store.blobs.path(sha256)), kind, name, options, engine,
                             timeout=limits.parse_timeout, memory_mb=limits.parse_memory_mb)
    except GuichetError as exc:
        issue = Issue(exc.code, exc.message, name)
        return store.save_reading(sha256, READER_VERSION, None, [issue],
                                  time.monotonic() - started, exc.code)
    return store.save_reading(sha256, READER_VERSION, result, result.issues,
                              time.monotonic() - started)


def _error_document(file_id: int, issue: dict) -> dict:
    error = {"code": issue["code"], "message": issue["message"]}
    return dict(file_id=file_id, pages=[], kind=PieceKind.AUTRE.value, confidence=0.0, ocr=False,
                error=error)


