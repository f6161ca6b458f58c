"""Make rendered pages look scanned (greyscale, skew, noise, JPEG) or photographed by a phone."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

FIXED_PDF_DATE = dt.datetime(2026, 1, 5, 9, 0, 0)


def jpeg_roundtrip(image: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert(image.mode)


def scan_page(png: Path, rng: random.Random, turn: int = 0) -> Image.Image:
    """A page as a cheap office scanner sees it; turn = 0, 90 or 180 (pixels rotated)."""
    page = Image.open(png).convert("L")
    arr = np.asarray(page, dtype=np.float32)
    paper = rng.uniform(232, 246)
    arr = arr * (paper - 18) / 255 + 18  # greyish paper, ink never pure black
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(4, 7), arr.shape)
    page = Image.fromarray((arr + noise).clip(0, 255).astype(np.uint8))
    angle = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=int(paper),
                       translate=(rng.randint(-12, 12), rng.randint(-8, 8)))
    page = _scanner_edge(page, rng)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    if turn:
        page = page.rotate(turn, expand=True)
    return jpeg_roundtrip(page, rng.randint(45, 60))


def _scanner_edge(page: Image.Image, rng: random.Random) -> Image.Image:
    """A dark band where the lid did not cover the glass, on one side."""
    arr = np.asarray(page, dtype=np.float32).copy()
    width = rng.randint(6, 22)
    shade = np.linspace(70, 0, width)[:, None] if rng.random() < 0.5 else None
    if shade is not None:
        arr[:width, :] -= shade
    else:
        arr[:, -width:] -= np.linspace(0, 70, width)[None, :]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def images_to_pdf(pages: list[Image.Image], out: Path, dpi: int, producer: str) -> None:
    """An image-only PDF (no text layer), one JPEG per page, fixed metadata."""
    first, rest = pages[0], pages[1:]
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=dpi, quality=60,
               producer=producer, creator=producer, title="", author="",
               creationDate=FIXED_PDF_DATE.timetuple(),
               modDate=FIXED_PDF_DATE.timetuple())


def photo_page(png: Path, rng: random.Random) -> Image.Image:
    """A page photographed on a desk: perspective, uneven light, blur, background margin."""
    page = Image.open(png).convert("RGB")
    w, h = page.size
    out_w, out_h = int(w * 1.3), int(h * 1.25)
    background = _desk(out_w, out_h, rng)
    quad = _jittered_quad(out_w, out_h, w, h, rng)
    coeffs = _perspective_coeffs(quad, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = page.transform((out_w, out_h), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((out_w, out_h), Image.PERSPECTIVE,
                                                    coeffs, Image.BICUBIC)
    background.paste(warped, (0, 0), mask)
    photo = _lighting(background, rng)
    return photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.3)))


def _desk(w: int, h: int, rng: random.Random) -> Image.Image:
    """A wooden or grey desk surface."""
    gen = np.random.default_rng(rng.randint(0, 2**31))
    base = np.array(rng.choice([(150, 110, 70), (120, 84, 52), (105, 105, 110), (170, 160, 150)]))
    grain = np.sin(np.linspace(0, rng.uniform(30, 60), h))[:, None] * 12
    noise = gen.normal(0, 6, (h, w, 1))
    arr = base[None, None, :] + grain[:, :, None] + noise
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _jittered_quad(out_w, out_h, w, h, rng):
    """Where the page's corners land in the photo (a keystoned, slightly rotated quad)."""
    mx, my = (out_w - w) / 2, (out_h - h) / 2
    j = lambda: rng.uniform(-0.35, 0.35)  # noqa: E731 - tiny local jitter helper
    tilt = rng.uniform(0.02, 0.06) * w  # top edge narrower: phone held below the page
    return [(mx + tilt + j() * mx, my + j() * my), (mx + w - tilt + j() * mx, my + j() * my),
            (mx + w + j() * mx, my + h + j() * my), (mx + j() * mx, my + h + j() * my)]


def _perspective_coeffs(dst, src):
    """Coefficients mapping output (dst quad) coordinates to input (src) ones, for PIL."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array(src, dtype=np.float64).reshape(8)
    return np.linalg.solve(a, b).tolist()


def _lighting(image: Image.Image, rng: random.Random) -> Image.Image:
    """Light falling from one side, a vignette and a warm cast."""
    w, h = image.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h * 0.5)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(w, h)
    light = 1.08 - rng.uniform(0.35, 0.5) * dist
    cast = np.array([1.0, rng.uniform(0.95, 0.99), rng.uniform(0.85, 0.93)])
    arr = np.asarray(image, dtype=np.float32) * light[:, :, None] * cast[None, None, :]
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 3.5, arr.shape)
    return Image.fromarray((arr + noise).clip(0, 255).astype(np.uint8))


def save_photo(photo: Image.Image, out: Path, taken: dt.datetime, orientation: int = 1,
               quality: int = 70) -> None:
    """Save as a phone would: JPEG with EXIF; orientation 6/8/3 stores the pixels turned."""
    stored = {1: photo, 6: photo.rotate(90, expand=True), 8: photo.rotate(-90, expand=True),
              3: photo.rotate(180)}[orientation]
    exif = Image.Exif()
    exif[0x010F] = "samsung"  # Make
    exif[0x0110] = "Galaxy A54 5G"  # Model
    exif[0x0112] = orientation
    exif[0x0132] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTime
    stored.save(out, "JPEG", quality=quality, exif=exif.tobytes(), optimize=True)
