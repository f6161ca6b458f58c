"""Tesseract's own library called in this process (its C API through ctypes), not its command.

The command costs ~0.07 s of CPU to start (its model and dictionaries loaded), and more for
its fresh process's memory, a page read (~20 % of a 300 dpi page's CPU on 29 scanned and
photographed pages of samples/). A loaded API reads the next page without either. Its words
are the command's: the same library, the same page image (grey bytes, as the PGM file held),
the same TSV text, parsed by the same pytesseract function (29 pages read with --psm 3 and 6
missed-line sheets with --psm 11: the same TSV, row for row).

The library is loaded once a process, and an API is loaded for each thread reading at once (an
API is never shared by two threads at once), then kept idle for the next reading; a process
forked from this one (the sandbox reading a file) inherits the library and the APIs idle at the
fork, its own copies to read with (a worker loads them before its first job: see `preload`), and
loads more only for more threads. Without the library (another system), `available()` is False
and the engine starts the command as before.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time

import numpy as np
from PIL import Image

from extractors.images import pixels

# The header the command's TSV renderer writes before its pages' rows (GetTsvText omits it).
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

_lock = threading.Lock()
_library: ctypes.CDLL | None = None
_idle: list[tuple[int, bytes, ctypes.c_void_p]] = []  # (pid, lang, API) loaded and not in use
_failed = False
PRELOADED_READERS = 4  # reading workers whose APIs are preloaded (see `readers`)


class ReadingFailed(Exception):
    """Tesseract's API could not read an image (`timed_out`: its deadline passed)."""

    def __init__(self, message: str, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


def available() -> bool:
    """Whether Tesseract's library can be called here (loaded at the first call)."""
    return _load() is not None


def tsv_of(image: Image.Image, lang: str, psm: int, timeout: float) -> str:
    """The TSV text (header first) the command `tesseract IMAGE out -l LANG --psm PSM tsv`
    writes for the grey image `image`; raises ReadingFailed."""
    library = _load()
    if library is None:
        raise ReadingFailed("libtesseract unavailable")
    api = _taken(library, lang.encode())
    monitor = library.TessMonitorCreate()
    try:
        library.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
        library.TessBaseAPISetPageSegMode(api, psm)
        data = np.ascontiguousarray(pixels(image))  # the image's own bytes (no copy), alive till cleared
        library.TessBaseAPISetImage(api, data.ctypes.data, image.width, image.height, 1, image.width)
        started = time.monotonic()
        if library.TessBaseAPIRecognize(api, monitor) != 0:
            raise ReadingFailed("tesseract", timed_out=time.monotonic() - started >= timeout)
        text = library.TessBaseAPIGetTsvText(api, 0)
        try:
            rows = ctypes.string_at(text).decode("utf-8", "replace") if text else ""
        finally:
            if text:
                library.TessDeleteText(text)
        return TSV_HEADER + rows
    finally:
        library.TessMonitorDelete(monitor)
        library.TessBaseAPIClear(api)
        _given_back(api, lang.encode())


def orientation_of(image: Image.Image) -> tuple[int, float] | None:
    """What `tesseract IMAGE - -l osd --psm 0` prints for the grey image `image` (its "Rotate"
    and its "Orientation confidence", two decimals), or None where the command fails (too few
    characters); raises ReadingFailed when the osd model cannot be loaded.

    The command first lays the page out (FindLines, as for a reading) and then detects the
    orientation, which clears that layout and finds its own characters: the layout is work
    thrown away, ~60 % of the command's CPU (a 300 dpi page: ~1.1 s, ~0.45 s here). The same
    text, row for row, on 7 scanned pages turned 0, 90 and 180 degrees and on fax, photo and
    blank pages. No deadline: the detection looks at a bounded number of characters (the
    reading's sandbox bounds the rest)."""
    library = _load()
    if library is None:
        raise ReadingFailed("libtesseract unavailable")
    api = _taken(library, OSD)
    try:
        library.TessBaseAPISetPageSegMode(api, 0)  # orientation and script detection only
        data = np.ascontiguousarray(pixels(image))  # alive till cleared
        library.TessBaseAPISetImage(api, data.ctypes.data, image.width, image.height, 1, image.width)
        degrees, confidence = ctypes.c_int(), ctypes.c_float()
        script, script_confidence = ctypes.c_char_p(), ctypes.c_float()
        if not library.TessBaseAPIDetectOrientationScript(api, ctypes.byref(degrees), ctypes.byref(confidence),
                                                          ctypes.byref(script), ctypes.byref(script_confidence)):
            return None
    finally:
        library.TessBaseAPIClear(api)
        _given_back(api, OSD)
    # GetOsdText's "Rotate" (clockwise turn to make the page upright) and its "%.2f" confidence
    rotate = {0: 0, 90: 270, 180: 180, 270: 90}.get(degrees.value, -1)
    return rotate, float(f"{confidence.value:.2f}")


OSD = b"osd"


def preload(lang: str, count: int) -> None:
    """`count` APIs loaded with `lang` now, idle: a worker's job processes and the sandboxes
    they fork inherit them loaded (~0.08 s of CPU and ~15 MB each, once a worker instead of
    once a file and reading thread, and once a letters' signatory blocks). Nothing without the
    library."""
    library = _load()
    if library is None:
        return
    with _lock:
        have = sum(1 for _, language, _ in _idle if language == lang.encode())
    missing = max(0, count - have)

    def one() -> None:
        try:
            _given_back(_loaded_api(library, lang.encode()), lang.encode())
        except ReadingFailed:
            pass

    # on threads of their own, as a sandbox's reading threads load theirs: all ended before
    # this returns (so before any fork that follows)
    threads = [threading.Thread(target=one, name="tesseract-preload") for _ in range(missing - 1)]
    for thread in threads:
        thread.start()
    if missing:
        one()
    for thread in threads:
        thread.join()


def readers(workers: int) -> int:
    """The APIs a file's sandbox reads with at once: one per reading worker (a few at most:
    on a many-core machine, the threads beyond load their own), and one for the missed lines."""
    return min(max(1, workers), PRELOADED_READERS) + 1


def _load() -> ctypes.CDLL | None:
    global _library, _failed
    if _failed:
        return None
    if _library is not None:
        return _library
    with _lock:
        if _library is None and not _failed:
            # Its OpenMP reads the limit once, as it loads: on more threads, the pool it starts
            # in this process is not in a child forked from it, whose readings then hang.
            os.environ["OMP_THREAD_LIMIT"] = "1"
            try:
                _library = _declared(ctypes.CDLL(ctypes.util.find_library("tesseract") or "libtesseract.so.5"))
            except (OSError, AttributeError):
                _failed = True
    return _library


def _declared(library: ctypes.CDLL) -> ctypes.CDLL:
    handle, text = ctypes.c_void_p, ctypes.c_char_p
    for name, arguments, result in (
        ("TessBaseAPICreate", [], handle),
        ("TessBaseAPIInit3", [handle, text, text], ctypes.c_int),
        ("TessBaseAPISetVariable", [handle, text, text], ctypes.c_int),
        ("TessBaseAPISetPageSegMode", [handle, ctypes.c_int], None),
        ("TessBaseAPISetImage", [handle, handle, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int], None),
        ("TessBaseAPIRecognize", [handle, handle], ctypes.c_int),
        ("TessBaseAPIGetTsvText", [handle, ctypes.c_int], handle),
        ("TessBaseAPIClear", [handle], None),
        ("TessBaseAPIDelete", [handle], None),
        ("TessDeleteText", [handle], None),
        ("TessBaseAPIDetectOrientationScript", [handle, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_float),
                                                ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_float)],
         ctypes.c_int),
        ("TessMonitorCreate", [], handle),
        ("TessMonitorSetDeadlineMSecs", [handle, ctypes.c_int], None),
        ("TessMonitorDelete", [handle], None),
    ):
        function = getattr(library, name)
        function.argtypes, function.restype = arguments, result
    return library


def _taken(library: ctypes.CDLL, lang: bytes):
    """An API loaded with `lang` for this thread's reading: an idle one (maybe a parent's,
    idle at the fork: this process's copy), or a new one."""
    with _lock:
        for index, (_, language, api) in enumerate(_idle):
            if language == lang:
                del _idle[index]
                return api
    return _loaded_api(library, lang)


def _loaded_api(library: ctypes.CDLL, lang: bytes):
    api = library.TessBaseAPICreate()
    if library.TessBaseAPIInit3(api, None, lang) != 0:
        library.TessBaseAPIDelete(api)
        raise ReadingFailed(f"tesseract: language {lang.decode()} not loaded")
    # its messages ("Estimating resolution as 300"), which the command's stderr held, not on ours
    library.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())
    return api


@atexit.register
def _ended() -> None:
    """The APIs deleted before the library's caches are (else they report leaks on stderr)."""
    with _lock:
        for pid, _, api in _idle:
            if pid == os.getpid() and _library is not None:
                _library.TessBaseAPIDelete(api)
        _idle.clear()


def _given_back(api, lang: bytes) -> None:
    with _lock:
        _idle.append((os.getpid(), lang, api))


def _renewed_lock() -> None:
    """A forked child's own lock: a thread of the parent may have held the copied one. The
    APIs idle at the fork are the child's to use: a copy of memory no thread of the parent was
    using (an API in use is not in `_idle`), and Tesseract's OpenMP runs no thread of its own
    (see `_load`: a pool started in the parent hung every child forked after it, whatever API
    it read with)."""
    global _lock
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_renewed_lock)
