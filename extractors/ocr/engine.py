"""The OCR engine: the only code that calls Tesseract, and the words it returns."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from extractors.errors import ErrorCode, GuichetError
from extractors.images import grey
from extractors.ocr import in_process


@dataclass(frozen=True)
class RawWord:
    """A word as an engine returns it: pixel box in the image it was given."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..1
    line: tuple[int, ...]  # block, paragraph, line (a fourth number: a line found by the second reading)


class OcrEngine(Protocol):
    """What the pipeline needs of an OCR engine."""

    def words(self, image: Image.Image) -> list[RawWord]: ...

    def words_each(self, images: Sequence[Image.Image]) -> list[list[RawWord]]: ...

    def orientation(self, image: Image.Image) -> tuple[int, float]: ...

    def sparse_words(self, image: Image.Image) -> list[RawWord]: ...

    def sparse_words_each(self, images: list[Image.Image]) -> list[list[RawWord]]: ...


class TesseractEngine:
    """The only code that calls pytesseract; one Tesseract thread per call."""

    def __init__(self, lang: str = "fra", timeout: float = 120.0):
        self.lang = lang
        self.timeout = timeout
        # Tesseract's own OpenMP threads make a page several times slower on few cores;
        # pages are run in parallel instead.
        os.environ["OMP_THREAD_LIMIT"] = "1"
        _know_version()
        # Tesseract's library loaded here, once: the sandboxes forked from this process inherit
        # it instead of loading it each (in_process sets OpenMP's limit as it loads it)
        in_process.available()

    def preload(self, count: int) -> None:
        """`count` of Tesseract's APIs loaded and idle in this process (see in_process.preload):
        the sandboxes forked next read with their copies. Nothing without the library."""
        in_process.preload(self.lang, count)

    def words(self, image: Image.Image) -> list[RawWord]:
        """Words with their boxes, via image_to_data on an uncompressed temporary file."""
        return self._words(image, "--psm 3")

    def words_each(self, images: Sequence[Image.Image]) -> list[list[RawWord]]:
        """`words` of each image, in one Tesseract process (see `blocks_words`): pages read
        in batches pay Tesseract's start (~0.15 s of CPU) once a batch instead of once a page.
        `images` may make each image as it is iterated: Tesseract reads those made meanwhile."""
        if len(images) <= 1:
            return [self.words(image) for image in images]
        return self._listed_words(images, "--psm 3")

    def sparse_words(self, image: Image.Image) -> list[RawWord]:
        """Words found anywhere, without layout analysis (psm 11): text among strokes and stamps."""
        return self._words(image, "--psm 11")

    def block_words(self, image: Image.Image) -> list[RawWord]:
        """Words of a small area read as one block of lines (psm 6): a letter's signatory block."""
        return self._words(image, "--psm 6")

    def blocks_words(self, images: list[Image.Image]) -> list[list[RawWord]]:
        """`block_words` of each image, all read by one Tesseract process: the same words as
        one call each (each image is a page of its own to Tesseract), one start instead of many."""
        if len(images) <= 1:
            return [self.block_words(image) for image in images]
        return self._listed_words(images, "--psm 6")

    def blocks_words_streamed(self, images: Iterable[Image.Image], bound: int) -> list[list[RawWord]]:
        """`block_words` of each image `images` makes as it is iterated (`bound` at most), by one
        Tesseract process started first: it loads its model (~0.1 s) while the first image is
        made. The same words (an image listed alone reads as `block_words` reads it)."""
        return self._listed_words(_Bounded(images, bound), "--psm 6", ahead=True)

    def sparse_words_each(self, images: list[Image.Image]) -> list[list[RawWord]]:
        """`sparse_words` of each image, in one Tesseract process (see `blocks_words`): a start
        costs ~0.25 s of CPU, more than reading a page's few missed lines."""
        if len(images) <= 1:
            return [self.sparse_words(image) for image in images]
        return self._listed_words(images, "--psm 11")

    def _listed_words(self, images: Sequence[Image.Image], config: str, ahead: bool = False) -> list[list[RawWord]]:
        """The words of each image, read by one Tesseract process that is handed each image's
        file as soon as it is saved (Tesseract's stream_filelist): when `images` makes its
        images as it is iterated (a page prepared for reading), Tesseract loads its model and
        reads the first while the next is made. The same words as a listing read at once.
        In this process when Tesseract's library is here (see in_process): one page after
        another, no start to pay; `ahead`: each next image made on a thread of its own while
        Tesseract reads the one before (a letter's signatory block cut out while the block
        before is read: a sandbox's one thread otherwise leaves the other core idle)."""
        import pytesseract

        if in_process.available():
            if not ahead:
                return [self._words(image, config) for image in images]
            made = made_ahead(images)
            try:
                return [self._words(image, config) for image in made]
            finally:
                made.close()  # the image made meanwhile is done before the caller goes on
        with tempfile.TemporaryDirectory(prefix="guichet-ocr-") as folder:
            base = os.path.join(folder, "out")
            command = [pytesseract.pytesseract.tesseract_cmd, "-", base, "-l", self.lang,
                       "-c", "tessedit_create_tsv=1", "-c", "stream_filelist=1", *config.split()]
            with open(os.path.join(folder, "errors"), "w+b") as errors:
                try:
                    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                               stderr=errors)
                except OSError as exc:
                    raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc
                count = _handed(process, images, folder, self.timeout * len(images))
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace")
            if process.returncode:
                raise GuichetError(ErrorCode.OCR_FAILED, " ".join(message.split())[:200])
            with open(base + ".tsv", encoding="utf-8") as stream:
                data = pytesseract.pytesseract.file_to_dict(stream.read(), "\t", -1)
        return _pages_words(data, count) if data else [[] for _ in range(count)]

    def _words(self, image: Image.Image, config: str) -> list[RawWord]:
        import pytesseract

        if in_process.available():
            try:
                tsv = in_process.tsv_of(grey(image), self.lang, int(config.split()[-1]), self.timeout)
            except in_process.ReadingFailed as exc:
                raise GuichetError(ErrorCode.OCR_TIMEOUT if exc.timed_out else ErrorCode.OCR_FAILED,
                                   None if exc.timed_out else str(exc)[:200]) from exc
            data = pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)  # as image_to_data parses the command's
            return _pages_words(data, 1)[0] if data else []
        return _pages_words(self._call(pytesseract.image_to_data, image, self.lang, config), 1)[0]

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        """Degrees to turn the image counter-clockwise to make it upright, and a confidence."""
        import pytesseract

        if in_process.available():  # the command's answer without its start nor its wasted layout
            try:
                found = in_process.orientation_of(grey(image))
            except in_process.ReadingFailed:
                found = None  # the command would fail too: no osd model
            return (0, 0.0) if found is None else ((360 - found[0]) % 360, found[1])
        try:
            osd = self._call(pytesseract.image_to_osd, image, "osd", "--psm 0")
        except GuichetError as exc:
            if exc.code is ErrorCode.OCR_TIMEOUT:
                raise
            return 0, 0.0  # too few characters to tell: leave the page as it is
        # Tesseract's "rotate" is clockwise; pages here are turned counter-clockwise.
        return (360 - int(osd.get("rotate", 0))) % 360, float(osd.get("orientation_conf", 0.0))

    def _call(self, function, image: Image.Image, lang: str, config: str):
        with tempfile.NamedTemporaryFile(suffix=".pgm") as tmp:
            grey(image).save(tmp.name, format="PPM")  # no compression: nearly free
            return self._run(function, tmp.name, lang, config, self.timeout)

    @staticmethod
    def _run(function, path: str, lang: str, config: str, timeout: float):
        import pytesseract

        try:
            return function(path, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout)
        except RuntimeError as exc:  # pytesseract reports its timeout this way
            if "timeout" in str(exc).lower():
                raise GuichetError(ErrorCode.OCR_TIMEOUT) from exc
            raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc
        except pytesseract.TesseractError as exc:
            raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc


_END = object()


def made_ahead(items: Iterable):
    """The items of `items`, each next one made on another thread while the caller uses the one
    before (Tesseract's library reads without Python's lock). The same items in the same order;
    an item made but not taken when the caller stops is made all the same (its side effects
    done), and an error making one is raised where it would have been taken."""
    from concurrent.futures import ThreadPoolExecutor

    source = iter(items)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="made-ahead") as pool:
        future = pool.submit(next, source, _END)
        while (item := future.result()) is not _END:
            future = pool.submit(next, source, _END)
            yield item


class _Bounded(Sequence):
    """Images made as they are iterated, `bound` at most (what a listing's timeout counts)."""

    def __init__(self, images: Iterable[Image.Image], bound: int):
        self.images, self.bound = images, bound

    def __len__(self) -> int:
        return self.bound

    def __iter__(self):
        return iter(self.images)

    def __getitem__(self, index):
        raise TypeError("images made as they are iterated")


def _handed(process: subprocess.Popen, images: Iterable[Image.Image], folder: str, timeout: float) -> int:
    """Each image saved and its path written to the streaming `process`, then its end awaited;
    how many images. The process is killed if making an image fails or it runs past `timeout`."""
    count = 0
    try:
        for image in images:
            path = os.path.join(folder, f"{count}.pgm")
            grey(image).save(path, format="PPM")  # no compression: nearly free
            process.stdin.write((path + "\n").encode())
            process.stdin.flush()
            count += 1
        process.stdin.close()
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _killed(process)
        raise GuichetError(ErrorCode.OCR_TIMEOUT) from exc
    except BrokenPipeError as exc:  # Tesseract stopped early: its error is in its output
        _killed(process)
        if not process.returncode:
            raise GuichetError(ErrorCode.OCR_FAILED, "tesseract") from exc
    except BaseException:
        _killed(process)
        raise
    return count


def _killed(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
    if process.stdin and not process.stdin.closed:
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass


def _know_version() -> None:
    """Ask Tesseract its version here, once: pytesseract asks before its first reading in each
    process, and each file is read in a sandbox forked from this one, which inherits the answer
    instead of starting `tesseract --version` (~50 ms of wall time) before its first page."""
    import pytesseract

    try:
        pytesseract.get_tesseract_version(cached=True)  # asked once a process, not once an engine
    except (OSError, subprocess.CalledProcessError, SystemExit):  # raised at the first reading, as before
        pass


def _pages_words(data: dict, pages: int) -> list[list[RawWord]]:
    """The words of image_to_data's output, by page (an image of a listing is a page)."""
    out: list[list[RawWord]] = [[] for _ in range(pages)]
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < 0 or not text.strip():
            continue
        out[int(data["page_num"][i]) - 1].append(RawWord(
            text.strip(), data["left"][i], data["top"][i], data["width"][i], data["height"][i],
            conf / 100.0, (data["block_num"][i], data["par_num"][i], data["line_num"][i]),
        ))
    return out
