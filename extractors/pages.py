"""Read every page of one stored file into PageText, by text layer or by OCR."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from extractors import images, office, pdf_text
from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.model import FileKind, Issue, PageText, ReadResult
from extractors.ocr.engine import OcrEngine, RawWord
from extractors.ocr.page import FirstReading, finished, first_reading, first_readings, page_boxes

log = logging.getLogger(__name__)

MAX_BATCH = 4  # pages one Tesseract process reads: its start paid once, a long scan still balanced


@dataclass(frozen=True)
class ReadOptions:
    """What reading needs from the settings."""

    dpi: int = 300
    max_pages: int = 100
    max_image_pixels: int = 120_000_000
    ocr_workers: int = 2
    office_timeout: float = 180.0


def read_file(path: str, kind: FileKind, name: str, options: ReadOptions, engine: OcrEngine) -> ReadResult:
    """The pages of the file at `path`; raises GuichetError when the file cannot be read at all."""
    if kind is FileKind.PDF:
        return read_pdf(path, name, options, engine)
    if kind is FileKind.IMAGE:
        return read_image(Path(path).read_bytes(), name, options, engine)
    if kind in (FileKind.DOCX, FileKind.ODT, FileKind.OFFICE):
        return read_office(Path(path).read_bytes(), kind, name, options, engine)
    raise GuichetError(ErrorCode.FILE_TYPE_UNSUPPORTED)


def read_pdf(path: str, name: str, options: ReadOptions, engine: OcrEngine) -> ReadResult:
    """Text layer where it is usable; the other pages are rendered and OCR'd in parallel.

    A file pdfminer cannot open is rebuilt by qpdf and read again; failing that, PDFium,
    the most forgiving reader, renders its pages for OCR.
    """
    issues: list[Issue] = []
    damage = pdf_text.structure_damage(path)
    with tempfile.TemporaryDirectory(prefix="guichet-pdf-") as tmp:
        try:
            count, pages, to_ocr = _text_layers(path, name, options)
        except GuichetError as exc:
            if exc.code is not ErrorCode.PDF_INVALID:
                raise
            damage = damage or "structure illisible"
            path, count, pages, to_ocr = _read_damaged(path, str(Path(tmp) / "repaired.pdf"), name,
                                                       options, exc)
        if damage:
            issues.append(_issue(ErrorCode.PDF_REPAIRED, name, damage))
        if count > options.max_pages:
            issues.append(_issue(ErrorCode.PDF_TOO_MANY_PAGES, name, f"{count} pages"))
        if to_ocr:
            renderer = pdf_text.open_renderer(path)
            bilevel: dict[int, bool] = {}
            try:
                pages.update(ocr_pages(_rendered(renderer, to_ocr, options, bilevel), engine, options.ocr_workers,
                                       total=len(to_ocr)))
            finally:
                renderer.close()
            pages = _with_bilevel(pages, bilevel)
    ordered = tuple(pages[n] for n in sorted(pages))
    return ReadResult(ordered, tuple(issues + _page_issues(ordered, name)))


def _read_damaged(path: str, repaired: str, name: str, options: ReadOptions,
                  first_error: GuichetError) -> tuple[str, int, dict[int, PageText], list[int]]:
    """Read a damaged PDF: rebuilt by qpdf if possible, else every page OCR'd through PDFium."""
    if pdf_text.repair(path, repaired):
        try:
            return (repaired, *_text_layers(repaired, name, options))
        except GuichetError:
            log.info("%s: still unreadable after repair", name)
    count = _pdfium_page_count(path, first_error)
    return path, count, {}, list(range(min(count, options.max_pages)))


def _text_layers(path: str, name: str, options: ReadOptions) -> tuple[int, dict[int, PageText], list[int]]:
    """Pages read from the text layer, and the indexes of the pages left to OCR."""
    with pdf_text.open_pdf(path) as pdf:
        count = len(pdf.pages)
        if count == 0:
            raise GuichetError(ErrorCode.PDF_INVALID, "aucune page")
        pages: dict[int, PageText] = {}
        to_ocr: list[int] = []
        for index in range(min(count, options.max_pages)):
            page = pdf.pages[index]
            try:
                found = pdf_text.text_layer_page(page, index + 1)
                if found is not None:
                    pages[index + 1] = found
                elif pdf_text.page_has_marks(page):
                    to_ocr.append(index)
                else:
                    pages[index + 1] = PageText(index + 1, float(page.width), float(page.height),
                                                (), ocr=False, confidence=1.0)
            except Exception as exc:  # one bad page must not lose the others: try OCR instead
                log.info("text layer of %s page %d unreadable: %s", name, index + 1, exc)
                to_ocr.append(index)
            finally:
                page.close()
    return count, pages, to_ocr


def _pdfium_page_count(path: str, first_error: GuichetError) -> int:
    renderer = pdf_text.open_renderer(path)
    try:
        count = len(renderer)
    finally:
        renderer.close()
    if count == 0:
        raise first_error
    return count


def read_image(data: bytes, name: str, options: ReadOptions, engine: OcrEngine) -> ReadResult:
    """Every frame of an image file, OCR'd."""
    issues: list[Issue] = []
    frames = images.count_frames(data)
    if frames > options.max_pages:
        issues.append(_issue(ErrorCode.PDF_TOO_MANY_PAGES, name, f"{frames} images"))
    bilevel: dict[int, bool] = {}
    jobs = (
        (number, image, dpi)
        for number, (image, dpi) in enumerate(
            images.image_pages(data, max_pixels=options.max_image_pixels, max_pages=options.max_pages),
            start=1,
        )
    )
    read = ocr_pages(_noted(jobs, bilevel), engine, options.ocr_workers, total=min(frames, options.max_pages))
    pages = _with_bilevel(read, bilevel)
    if not pages:
        raise GuichetError(ErrorCode.IMAGE_INVALID, "aucune image lisible")
    ordered = tuple(pages[n] for n in sorted(pages))
    return ReadResult(ordered, tuple(issues + _page_issues(ordered, name)))


def read_office(data: bytes, kind: FileKind, name: str, options: ReadOptions, engine: OcrEngine) -> ReadResult:
    """Tables straight from the document; pages from its PDF rendering."""
    office.check_office(data, kind)
    tables = office.read_tables(data, kind)
    rendered = office.convert_to_pdf(data, kind, options.office_timeout)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(rendered)
        tmp.flush()
        result = read_pdf(tmp.name, name, options, engine)
    return ReadResult(result.pages, result.issues, rendered_pdf=rendered, tables=tables)


def ocr_pages(jobs: Iterator[tuple[int, Image.Image | None, float]], engine: OcrEngine,
              workers: int, total: int | None = None) -> dict[int, PageText]:
    """OCR pages on `workers` threads (each runs one Tesseract process), rendering lazily.

    Of `total` pages (when known), each worker reads about its share in batches of a few
    pages, one Tesseract process a batch: a start costs ~0.15 s of CPU, a tenth of a page.
    The lines each page's first reading skipped are read again for several pages at once,
    in one Tesseract process too; for the last batches, that process starts as the first of
    them ends and is handed the others' lines as they end (`_Arriving`), and each page's
    check boxes are looked for as soon as it is read once: the core a batch that ended
    leaves idle does that work, not a tail after the last batch. At most about four pages
    per worker wait in memory, which bounds a long scan's footprint.
    """
    workers = max(1, workers)
    one_opencv_thread()
    per = batch_size(total, workers) if listing_pays(engine) else 1
    results: dict[int, PageText] = {}
    pending: dict[Future, int] = {}
    batches: dict[Future, int] = {}  # a first-reading batch still read: its number of pages
    waiting: list[FirstReading] = []  # read once; their missed lines not yet read
    boxes: dict[int, Future] = {}  # by page number: its check boxes, looked for as soon as it is read once

    with ThreadPoolExecutor(max_workers=workers) as pool:
        def collect(done) -> None:
            for future in done:
                pending.pop(future)
                batches.pop(future, None)
                outcome = future.result()  # a batch's first readings, or a finished page
                for item in outcome if isinstance(outcome, list) else [outcome]:
                    if isinstance(item, FirstReading):
                        waiting.append(item)
                        # on a core the batches still read leave idle, not after them
                        boxes[item.number] = item.boxes if item.boxes is not None else pool.submit(_boxes_of, item)
                    else:
                        results[item.number] = item

        def read_missed(arriving: bool = False) -> None:
            batch = _Arriving(waiting, pending, batches, collect) if arriving else waiting[:]
            if not arriving:
                waiting.clear()
            for first, missed in zip(batch, _missed_words(batch, engine)):
                pending[pool.submit(_finished_one, first, missed, boxes.pop(first.number))] = first.number
            if arriving and batch.failed is not None:
                raise batch.failed

        for batch in _batched(jobs, per):
            if len(pending) >= max(workers, 2 * workers // per):  # about 2 pages a worker in memory
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
            if len(waiting) >= 2 * workers:
                read_missed()
            future = pool.submit(_first_batch, batch, engine)
            pending[future], batches[future] = batch[0][0], len(batch)
        while pending or waiting:
            if waiting and batches and any(first.missed is not None for first in waiting):
                # the last batches' missed lines: one Tesseract process, started as the first of
                # them ends and handed each page's lines as its batch ends (the same words)
                read_missed(arriving=True)
            elif waiting and not batches:
                read_missed()
            else:
                collect(wait(pending, return_when=FIRST_COMPLETED).done)
    return results


class _Arriving(Sequence):
    """The first readings `waiting` holds, then those of the `batches` still read as they end
    (`collect` adds them to `waiting`): a listing Tesseract reads while the last batches end.
    Its length is a bound (the pages known and those still read); iterated, it yields the
    readings as they come, taken from `waiting`, and keeps them in order."""

    def __init__(self, waiting: list, pending: dict, batches: dict, collect):
        self.waiting, self.pending, self.batches, self.collect = waiting, pending, batches, collect
        self.taken: list[FirstReading] = []
        self.failed: BaseException | None = None  # raised by a batch: no more readings come

    def __len__(self) -> int:
        return len(self.taken) + len(self.waiting) + sum(self.batches.values())

    def __getitem__(self, index):
        return list(self)[index]

    def __iter__(self):
        position = 0
        while True:
            while position < len(self.taken):
                yield self.taken[position]
                position += 1
            if self.waiting:
                self.taken.extend(self.waiting)
                self.waiting.clear()
            elif self.batches and self.failed is None:
                try:
                    self.collect(wait(self.pending, return_when=FIRST_COMPLETED).done)
                except BaseException as exc:  # raised by ocr_pages once the readings taken are read
                    self.failed = exc
            else:
                return


def one_opencv_thread() -> None:
    """OpenCV on one thread in this process: pages are prepared on threads of their own (see
    `ocr_pages`), and on a few cores shared with Tesseract OpenCV's own pool only adds the cost
    of waking its threads and of their waiting spins (~9 % of a scanned page's image work in
    CPU, and its wall time too); the same results."""
    import cv2

    cv2.setNumThreads(1)


def listing_pays(engine: OcrEngine) -> bool:
    """Whether pages read in batches save anything: a Tesseract process's start, when the
    command reads them. Tesseract's library in this process (see in_process) reads a batch one
    page after another, as alone: each page is then a job of its own, handed to a worker as
    soon as it is rendered (a batch waited for its pages' renders, the other core idle at the
    start) and its check boxes and missed lines looked at as soon as it is read (a batch's
    waited for its last page, a tail after the last batch). The same words and pages."""
    from extractors.ocr import in_process
    from extractors.ocr.engine import TesseractEngine

    return not (isinstance(engine, TesseractEngine) and in_process.available())


def batch_size(total: int | None, workers: int) -> int:
    """Pages a Tesseract process reads: each worker's share of `total`, so that the workers
    end together as when they take a page at a time; one when the total is not known."""
    if not total or total <= workers:
        return 1
    return min(MAX_BATCH, -(-total // workers))


def _batched(jobs, size: int):
    batch = []
    for job in jobs:
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _first_batch(batch: list[tuple[int, Image.Image | None, float]],
                 engine: OcrEngine) -> list[FirstReading | PageText]:
    """The first readings of a batch of pages, by one Tesseract process; when that fails
    (whose page failed is not known), each page read alone, a page that fails getting its error."""
    readable = [job for job in batch if job[1] is not None]
    if len(readable) > 1:
        try:
            read = iter(first_readings(readable, engine))
            return [next(read) if image is not None else _first_one(image, engine, number, dpi)
                    for number, image, dpi in batch]
        except GuichetError:
            pass
    return [_first_one(image, engine, number, dpi) for number, image, dpi in batch]


def _first_one(image: Image.Image | None, engine: OcrEngine, number: int, dpi: float) -> FirstReading | PageText:
    if image is None:
        return PageText(number, 0.0, 0.0, (), ocr=True, confidence=0.0, error=ErrorCode.PAGE_UNREADABLE)
    try:
        return first_reading(image, engine, number=number, dpi=dpi)
    except GuichetError as exc:
        return _failed(number, image.size, dpi, exc)


def _missed_words(batch: Sequence[FirstReading], engine: OcrEngine) -> list[list[RawWord] | GuichetError]:
    """The reading of each page's missed lines (none: no words), in one call; when that call
    fails (whose lines failed is not known), each read alone, a page whose reading fails getting its error.
    `batch` may be `_Arriving`: its sheets are handed to Tesseract as they come."""
    sheets = _Sheets(batch)
    each = None
    if len(sheets) > 1:
        try:
            each = engine.sparse_words_each(sheets)
        except GuichetError:
            pass
    if each is None:
        each = [_sparse_or_error(sheet, engine) for sheet in sheets]
    found = iter(each)
    return [next(found) if first.missed is not None else [] for first in batch]


class _Sheets(Sequence):
    """The missed lines' sheets of first readings, made as they are iterated (see `_Arriving`,
    whose length is a bound)."""

    def __init__(self, firsts: Sequence[FirstReading]):
        self.firsts = firsts

    def __len__(self) -> int:
        if isinstance(self.firsts, _Arriving):
            return len(self.firsts)
        return sum(1 for first in self.firsts if first.missed is not None)

    def __iter__(self):
        return (first.missed.sheet for first in self.firsts if first.missed is not None)

    def __getitem__(self, index):
        return list(self)[index]


def _sparse_or_error(sheet: Image.Image, engine: OcrEngine) -> list[RawWord] | GuichetError:
    try:
        return engine.sparse_words(sheet)
    except GuichetError as exc:
        return exc


def _boxes_of(first: FirstReading):
    return page_boxes(first)


def _finished_one(first: FirstReading, missed: list[RawWord] | GuichetError, boxes: Future) -> PageText:
    """A page finished; `boxes`, its check boxes looked for meanwhile, is submitted before this
    (so is taken by a worker first: waiting for it cannot block the pool)."""
    if isinstance(missed, GuichetError):
        return _failed(first.number, first.size, first.dpi, missed)
    return finished(first, missed, boxes.result())


def _failed(number: int, size: tuple[int, int], dpi: float, exc: GuichetError) -> PageText:
    return PageText(number, size[0] * 72.0 / dpi, size[1] * 72.0 / dpi, (), ocr=True, confidence=0.0,
                    error=exc.code)


def _rendered(renderer, indexes: list[int], options: ReadOptions,
              bilevel: dict[int, bool]) -> Iterator[tuple[int, Image.Image | None, float]]:
    """Pages rendered to read; whether each was black and white only noted in `bilevel` (a page
    that is a 1-bit image, a fax, may be rendered smoothed, with greys)."""
    for index in indexes:
        try:
            image, dpi = pdf_text.render_page(renderer, index, options.dpi, options.max_image_pixels)
            bilevel[index + 1] = pdf_text.one_bit_scan_page(renderer, index) or images.two_levels(image)
        except GuichetError:
            log.info("page %d could not be rendered", index + 1)
            image, dpi = None, 72.0
        yield index + 1, image, dpi


def _noted(jobs: Iterator[tuple[int, Image.Image, float]],
           bilevel: dict[int, bool]) -> Iterator[tuple[int, Image.Image, float]]:
    """The images to read, whether each is black and white only noted in `bilevel`."""
    for number, image, dpi in jobs:
        bilevel[number] = images.two_levels(image)
        yield number, image, dpi


def _with_bilevel(pages: dict[int, PageText], bilevel: dict[int, bool]) -> dict[int, PageText]:
    """OCR'd pages with what their image was (PageText.bilevel): the field stage trusts less
    of a fax's check boxes."""
    return {n: replace(page, bilevel=bilevel[n]) if n in bilevel and page.error is None else page
            for n, page in pages.items()}


def _page_issues(pages: tuple[PageText, ...], name: str) -> list[Issue]:
    issues = []
    for page in pages:
        if page.error is not None:
            issues.append(_issue(page.error, name, f"page {page.number}"))
    return issues


def _issue(code: ErrorCode, name: str, detail: str) -> Issue:
    return Issue(code, f"{MESSAGES[code]} ({detail})", name)
