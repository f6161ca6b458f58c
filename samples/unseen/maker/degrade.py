"""What a scanner, a fax machine or a phone does to printed pages: rasterise a PDF with
pdftoppm, then skew, noise, compress, binarise, warp and light the pixels."""

from __future__ import annotations

import io
import math
import random
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont


def rasterise(pdf: bytes, dpi: int, grey: bool = True) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray" if grey else "-png", str(src), f"{tmp}/p"]
                       if grey else ["pdftoppm", "-r", str(dpi), "-png", str(src), f"{tmp}/p"],
                       check=True, capture_output=True, timeout=300)
        files = sorted(Path(tmp).glob("p-*"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(f).copy() for f in files]


def _paper(a: np.ndarray, rng: random.Random, tint: float) -> np.ndarray:
    """Greyish paper: lift the white a little, uneven by a smooth gradient."""
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    grad = (np.cos(angle) * xx / w + np.sin(angle) * yy / h)
    shade = 1.0 - tint - 0.05 * (grad - grad.min()) / (np.ptp(grad) + 1e-6)
    if a.ndim == 3:
        shade = shade[..., None]
    return a.astype(np.float32) * shade


def skew(img: Image.Image, degrees: float, fill) -> Image.Image:
    return img.rotate(degrees, resample=Image.BICUBIC, expand=False, fillcolor=fill)


def scan(img: Image.Image, rng: random.Random, *, tint: float = 0.06, noise: float = 6.0,
         max_skew: float = 1.5, blur: float = 0.4) -> Image.Image:
    """A flatbed scan: grey paper, sensor noise, a small skew, a touch of blur."""
    fill = 255 if img.mode == "L" else (255, 255, 255)
    img = skew(img, rng.uniform(-max_skew, max_skew) or 0.3, fill)
    a = _paper(np.asarray(img), rng, tint)
    a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, noise, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    return out


def binarise(img: Image.Image, rng: random.Random) -> Image.Image:
    """A scanner's black-and-white mode: a fixed threshold, thin strokes may break."""
    a = np.asarray(img.convert("L"))
    return Image.fromarray(np.where(a < rng.choice([140, 160, 180]), 0, 255).astype(np.uint8)).convert("1")


def fax(img: Image.Image, rng: random.Random, header: str) -> Image.Image:
    """A fax page: 200x100 dpi standard resolution stretched back, 1 bit, speckles, header line."""
    img = img.convert("L")
    w, h = img.size
    img = skew(img, rng.uniform(-1.2, 1.2), 255)
    low = img.resize((w, h // 2), Image.BILINEAR).resize((w, h), Image.NEAREST)
    a = np.asarray(low).astype(np.int16)
    g = np.random.default_rng(rng.randrange(1 << 30))
    bw = np.where(a < 150, 0, 255).astype(np.uint8)
    speck = g.random(bw.shape) < 0.0015
    bw[speck] = 0
    out = Image.fromarray(bw)
    ImageDraw.Draw(out).text((30, 12), header, fill=0, font=_font(int(h / 110)))
    return out.convert("1")


def _font(size: int):
    try:
        return ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", size)
    except OSError:
        return ImageFont.load_default()


def photo(img: Image.Image, rng: random.Random, curl: bool = False) -> Image.Image:
    """A phone photo of the page on a desk: perspective, uneven light, a shadow, maybe a curl."""
    page = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w = page.shape[:2]
    if curl:   # the page does not lie flat: rows bend, more towards one edge
        amp = rng.uniform(0.006, 0.015) * h
        xs = np.arange(w, dtype=np.float32)
        bend = amp * (xs / w) ** 2 if rng.random() < 0.5 else amp * np.sin(np.pi * xs / w)
        map_x = np.tile(xs, (h, 1))
        map_y = np.arange(h, dtype=np.float32)[:, None] + bend[None, :]
        page = cv2.remap(page, map_x, map_y.astype(np.float32), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    pad = int(0.08 * w)
    desk = np.array([rng.randrange(60, 140), rng.randrange(50, 120), rng.randrange(40, 100)], np.float32)
    H, W = h + 2 * pad, w + 2 * pad

    def j() -> float:
        return rng.uniform(-0.035, 0.035) * w

    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[pad + j(), pad + j()], [pad + w + j(), pad + j()],
                      [pad + w + j(), pad + h + j()], [pad + j(), pad + h + j()]])
    m = cv2.getPerspectiveTransform(src, dst)
    canvas = cv2.warpPerspective(page, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                 borderValue=tuple(float(x) for x in desk))
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.1, 0.6) * H
    light = 1.05 - 0.35 * np.hypot((xx - cx) / W, (yy - cy) / H)
    if rng.random() < 0.7:    # the phone's or the hand's shadow over one side
        edge = rng.uniform(0.55, 0.85) * W
        light *= np.where(xx > edge, rng.uniform(0.6, 0.78), 1.0)
        light = cv2.GaussianBlur(light, (0, 0), W / 40)
    warm = np.array([1.0, 0.97, 0.9], np.float32)
    canvas = canvas * light[..., None] * warm
    canvas += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 4, canvas.shape)
    out = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1)))


def stamp(img: Image.Image, rng: random.Random, text: str) -> Image.Image:
    """A violet reception stamp over the header."""
    img = img.convert("RGB")
    w, h = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    x, y = int(w * rng.uniform(0.5, 0.62)), int(h * rng.uniform(0.05, 0.12))
    bw, bh = int(w * 0.34), int(h * 0.07)
    ink = (95, 60, 160, 170)
    d.rectangle([x, y, x + bw, y + bh], outline=ink, width=max(3, w // 300))
    d.text((x + bw * 0.06, y + bh * 0.15), "REÇU LE", fill=ink, font=_font(bh // 4))
    d.text((x + bw * 0.06, y + bh * 0.55), text, fill=ink, font=_font(bh // 4))
    layer = layer.rotate(rng.uniform(-8, 8), center=(x + bw / 2, y + bh / 2))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def highlight(img: Image.Image, rng: random.Random) -> Image.Image:
    """A yellow highlighter stroke across a band of the page (multiply blend)."""
    img = img.convert("RGB")
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    y = int(h * rng.uniform(0.2, 0.7))
    band = slice(y, y + max(8, h // 70))
    a[band, int(w * 0.12):int(w * 0.7)] *= np.array([1.0, 0.97, 0.45], np.float32)
    return Image.fromarray(a.astype(np.uint8))


def to_pdf(images: list[Image.Image], dpi: int, quality: int) -> bytes:
    """Image-only PDF, each page a JPEG at the given quality (1-bit pages stay 1-bit)."""
    buf = io.BytesIO()
    first, rest = images[0], images[1:]
    extra = {} if first.mode == "1" else {"quality": quality}
    first.save(buf, "PDF", resolution=dpi, save_all=True, append_images=rest, title="scan",
               creationDate=None, modDate=None, producer="Scanner", **extra)
    return buf.getvalue()


def to_jpeg(img: Image.Image, quality: int, dpi: int | None = None) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality, **({"dpi": (dpi, dpi)} if dpi else {}), optimize=True)
    return buf.getvalue()


def to_tiff(images: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    images[0].save(buf, "TIFF", save_all=True, append_images=images[1:], compression="group4", dpi=(200, 200))
    return buf.getvalue()
