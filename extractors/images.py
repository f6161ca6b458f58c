"""Image files (scans, phone photos, multi-page TIFF) as upright greyscale pages."""

from __future__ import annotations

import ctypes
import io
import logging
import struct
import warnings
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageFile, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.errors import ErrorCode, GuichetError

log = logging.getLogger(__name__)

DEFAULT_DPI = 72.0  # what the contract assumes when an image states no resolution

# Pillow copies an image's pixels out (tobytes, hence every np.asarray of a page) in blocks of
# MAXBLOCK bytes, joined at the end: in its 64 KB blocks a 300 dpi page costs twice the CPU of
# one block (~11 ms instead of ~5.5), and pages are turned into arrays a few times each. The
# same bytes; only the buffers are larger (Pillow's decoders and encoders use it too).
PAGE_BLOCK = 1 << 24
ImageFile.MAXBLOCK = max(ImageFile.MAXBLOCK, PAGE_BLOCK)


def image_pages(data: bytes, *, max_pixels: int, max_pages: int,
                colour: bool = False) -> Iterator[tuple[Image.Image, float]]:
    """Yield (greyscale page, dpi) for each frame, EXIF orientation applied; in RGB with `colour`."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    with warnings.catch_warnings():
        # Pillow only warns between 1x and 2x its limit: a bomb is a bomb either way.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            frames = ImageSequence.Iterator(image)
            for index, frame in enumerate(frames):
                if index >= max_pages:
                    break
                yield _upright(frame, "RGB" if colour else "L"), _dpi(frame)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise GuichetError(ErrorCode.IMAGE_TOO_LARGE, str(exc)[:200]) from exc
        except UnidentifiedImageError as exc:
            raise GuichetError(ErrorCode.IMAGE_UNSUPPORTED, str(exc)[:200]) from exc
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, struct.error) as exc:
            raise GuichetError(ErrorCode.IMAGE_INVALID, f"{type(exc).__name__}: {exc}"[:200]) from exc


def count_frames(data: bytes) -> int:
    """Number of frames, without decoding them."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return getattr(image, "n_frames", 1)
    except Exception:  # decoding errors surface in image_pages with their code
        return 1


def in_colour(data: bytes) -> bool:
    """Whether an image file's pixels can hold colour, by its header (nothing decoded)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.mode not in ("1", "L", "LA", "I", "I;16", "F")
    except Exception:  # decoding errors surface in image_pages with their code
        return False


def two_levels(image: Image.Image) -> bool:
    """Whether a page image holds two grey levels at most (black and white: a fax, a scan to 1 bit):
    every ink lighter than the sender's threshold is gone from it, a grey or blue pen's with it."""
    return image.mode == "1" or grey(image).getcolors(2) is not None


def grey(image: Image.Image) -> Image.Image:
    """`image` in grey levels; itself when it already is (convert would copy a whole page)."""
    return image if image.mode == "L" else image.convert("L")


def pixels(image: Image.Image) -> np.ndarray:
    """`np.asarray(image)` of a grey page without its copy: the same values, read-only too.

    np.asarray copies a page's pixels out through tobytes (~5 ms for a 300 dpi page, more on
    loaded cores), and a page is turned into an array a dozen times as it is prepared, read
    and its boxes looked for. Pillow hands out a grey image's own memory (the Arrow C data
    interface) when its rows are one block: the array views it, and holds it alive after the
    image is gone. Any other image (colour, rows in several blocks: a page over 16 MB) is
    copied as before. No page is changed in place once read (Pillow's operations make new
    images), so the view always holds what a copy would have."""
    if image.mode != "L" or image.width == 0 or image.height == 0:
        return np.asarray(image)
    try:
        image.load()
        _, exported = image.__arrow_c_array__()
    except (AttributeError, ValueError):  # an older Pillow; rows not contiguous
        return np.asarray(image)
    array = _ArrowArray.from_address(_capsule_pointer(exported, b"arrow_array"))
    if array.length != image.width * image.height or array.n_buffers != 2 or array.offset:
        return np.asarray(image)
    memory = (ctypes.c_uint8 * array.length).from_address(array.buffers[1])
    memory.exported = exported  # released (the image's memory with it) when the array is gone
    view = np.frombuffer(memory, np.uint8).reshape(image.height, image.width)
    view.flags.writeable = False
    return view


def components(binary: np.ndarray):
    """`cv2.connectedComponentsWithStats(binary, connectivity=8)`: (count, labels, stats, centroids).

    Labelled in 16 bits when they fit: the same labels, stats and centroids at a third of the
    CPU (OpenCV 5's 32-bit labelling with stats costs ~14 ms on a half-size 300 dpi page, its
    16-bit one ~5; a page is labelled several times as it is read). More labels than 16 bits
    hold (a speckled photo) make OpenCV refuse: labelled again in 32 bits."""
    import cv2

    try:
        return cv2.connectedComponentsWithStats(binary, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        return cv2.connectedComponentsWithStats(binary, connectivity=8, ltype=cv2.CV_32S)


class _ArrowArray(ctypes.Structure):
    """The Arrow C data interface's ArrowArray (its first fields: the ones read)."""

    _fields_ = [("length", ctypes.c_int64), ("null_count", ctypes.c_int64), ("offset", ctypes.c_int64),
                ("n_buffers", ctypes.c_int64), ("n_children", ctypes.c_int64),
                ("buffers", ctypes.POINTER(ctypes.c_void_p))]


_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = ctypes.c_void_p
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


def _upright(frame: Image.Image, mode: str) -> Image.Image:
    frame = ImageOps.exif_transpose(frame)
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(background, rgba)
    if frame.mode.startswith(("I", "F")):  # 16-bit and float scans: scale to 8 bits
        values = np.asarray(frame, dtype=np.float64)
        top = values.max() or 1.0
        frame = Image.fromarray((values * (255.0 / top)).astype(np.uint8))
    return frame.convert(mode)


def _dpi(frame: Image.Image) -> float:
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else DEFAULT_DPI
    except (TypeError, ValueError, IndexError):
        value = DEFAULT_DPI
    return value if 50 <= value <= 1200 else DEFAULT_DPI
