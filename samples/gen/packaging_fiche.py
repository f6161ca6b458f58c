"""Harder captures of a dossier: a colour scan with a stamp and a highlighter, a fax-like
black-and-white multi-page TIFF, phone photos of curled pages with a shadow."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import numpy as np
import pdfplumber
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from . import degrade, office
from .build import Build
from .model import date_fr

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _rng(b: Build, purpose: str) -> random.Random:
    return random.Random(f"{b.dossier.key}:{purpose}")


def _pages(n: int, start: int = 1) -> list[int]:
    return list(range(start, start + n))


# --- colour scan with a reception stamp and a highlighter -----------------------------------

def _word_boxes(pdf: Path, page_no: int, text: str, dpi: int) -> list[tuple[int, ...]]:
    """Pixel boxes (one per line) of the first occurrence of text's first words on a page."""
    wanted = text.split()[:6]
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[page_no - 1].extract_words()
    for i in range(len(words) - len(wanted) + 1):
        if [w["text"] for w in words[i:i + len(wanted)]] == wanted:
            lines: dict[int, list] = {}
            for w in words[i:i + len(wanted)]:
                lines.setdefault(round(w["top"]), []).append(w)
            scale = dpi / 72
            return [(int(min(w["x0"] for w in ws) * scale) - 4, int(min(w["top"] for w in ws)
                     * scale) - 3, int(max(w["x1"] for w in ws) * scale) + 4,
                     int(max(w["bottom"] for w in ws) * scale) + 3) for ws in lines.values()]
    return []


def _highlight(page: Image.Image, boxes: list[tuple[int, ...]], rng: random.Random) -> Image.Image:
    """A yellow highlighter stroke over each box (multiplied, as ink on paper)."""
    layer = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    for x0, y0, x1, y1 in boxes:
        wobble = rng.randint(-3, 3)
        draw.polygon([(x0, y0 + wobble), (x1, y0), (x1 + 6, y1), (x0 - 4, y1 - wobble)],
                     fill=(255, 238, 80))
    layer = layer.filter(ImageFilter.GaussianBlur(1.5))
    arr = np.asarray(page, dtype=np.float32) * np.asarray(layer, dtype=np.float32) / 255
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def reception_stamp(lines: list[str], dpi: int, rng: random.Random) -> Image.Image:
    """A rectangular rubber stamp in violet ink, slightly rotated, with uneven inking."""
    font = ImageFont.truetype(FONT_BOLD, int(dpi * 0.11))
    pad = int(dpi * 0.06)
    widths = [font.getbbox(line)[2] for line in lines]
    line_h = int(dpi * 0.15)
    w, h = max(widths) + 2 * pad, line_h * len(lines) + 2 * pad
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    draw.rectangle([2, 2, w - 3, h - 3], outline=255, width=max(3, dpi // 60))
    for i, line in enumerate(lines):
        draw.text(((w - widths[i]) // 2, pad + i * line_h), line, font=font, fill=255)
    speckle = np.random.default_rng(rng.randint(0, 2**31)).uniform(0.45, 1.0, (h, w))
    mask = Image.fromarray((np.asarray(mask, dtype=np.float32) * speckle).astype(np.uint8))
    return mask.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)


def _stamp(page: Image.Image, mask: Image.Image, where: tuple[int, int]) -> Image.Image:
    ink = Image.new("RGB", mask.size, (92, 52, 150))
    page = page.copy()
    page.paste(ink, where, mask)
    return page


def colour_scan_page(png: Path, rng: random.Random) -> Image.Image:
    """A 300 dpi colour scan: off-white paper, a small skew, sensor noise, JPEG."""
    page = Image.open(png).convert("RGB")
    arr = np.asarray(page, dtype=np.float32)
    paper = np.array([rng.uniform(238, 248), rng.uniform(234, 244), rng.uniform(222, 234)])
    arr = arr / 255 * (paper - 20) + 20
    arr += np.random.default_rng(rng.randint(0, 2**31)).normal(0, 4, arr.shape)
    page = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    angle = rng.choice([-1, 1]) * rng.uniform(0.4, 1.5)
    fill = tuple(int(c) for c in paper)
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=fill)
    return degrade.jpeg_roundtrip(page, rng.randint(70, 82))


def colour_scans(b: Build, names: dict[str, str], received: dt.date, dpi: int = 300) -> None:
    """Each piece scanned in colour; the fiche carries the service's reception stamp on page 1
    and a highlighter over its title."""
    for kind, piece in b.pieces.items():
        rng = _rng(b, f"colour:{kind}")
        pngs = office.render_pages(piece.pdf, dpi, b.work / f"rgb{dpi}-{kind}")
        pages = []
        for i, png in enumerate(pngs, 1):
            page = Image.open(png).convert("RGB")
            if kind == "fiche":
                boxes = _word_boxes(piece.pdf, i, b.dossier.fiche.intitule, dpi)
                page = _highlight(page, boxes, rng) if boxes else page
                if i == 1:
                    service = b.dossier.fiche.etat_service.upper()
                    mask = reception_stamp([service, "ARRIVÉE LE", date_fr(received).upper()],
                                           dpi, rng)
                    page = _stamp(page, mask, (page.width - mask.width - int(dpi * 0.5),
                                               int(dpi * rng.uniform(0.25, 0.45))))
            tmp = b.work / f"marked-{kind}-{i}.png"
            page.save(tmp)
            pages.append(colour_scan_page(tmp, rng))
        out = b.input_dir / names[kind]
        degrade.images_to_pdf(pages, out, dpi, "HP Color LaserJet MFP M480f")
        b.add_document(names[kind], out.read_bytes(), _pages(piece.pages), kind, ocr=True)


# --- fax: black and white, one multi-page TIFF ----------------------------------------------

def fax_page(png: Path, rng: random.Random, header: str, dpi: int) -> Image.Image:
    """A received fax page: 1-bit, a little skew, speckles, the sender's header line on top."""
    page = Image.open(png).convert("L")
    page = page.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255)
    arr = np.asarray(page, dtype=np.float32)
    gen = np.random.default_rng(rng.randint(0, 2**31))
    arr = arr + gen.normal(0, 22, arr.shape)
    bw = arr > rng.uniform(150, 170)
    speckles = gen.random(arr.shape) < 0.0006
    bw = np.where(speckles, ~bw, bw)
    page = Image.fromarray((bw * 255).astype(np.uint8))
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, page.width, int(dpi * 0.18)], fill=255)
    draw.text((int(dpi * 0.3), int(dpi * 0.04)), header,
              font=ImageFont.truetype(FONT_MONO, int(dpi * 0.09)), fill=0)
    return page.convert("1", dither=Image.Dither.NONE)


def fax_tiff(b: Build, name: str, sender: str, sent: dt.datetime, dpi: int = 200) -> None:
    """Every piece faxed in one transmission, received as a Group 4 multi-page TIFF."""
    total = sum(p.pages for p in b.pieces.values())
    pages, spans, n = [], [], 0
    for kind, piece in b.pieces.items():
        rng = _rng(b, f"fax:{kind}")
        pngs = office.render_pages(piece.pdf, dpi, b.work / f"fax-{kind}", gray=True)
        spans.append((kind, _pages(len(pngs), n + 1)))
        for png in pngs:
            n += 1
            header = f"{sent:%d/%m/%Y %H:%M}   {sender}   P.{n:03d}/{total:03d}"
            pages.append(fax_page(png, rng, header, dpi))
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(dpi, dpi))
    data = b.write_input(name, buf.getvalue()).read_bytes()
    for kind, span in spans:
        b.add_document(name, data, span, kind, ocr=True)


# --- phone photos of curled pages with a shadow -----------------------------------------------

def curl(page: Image.Image, rng: random.Random) -> Image.Image:
    """Bend the text lines as on a page that does not lie flat (a bulge and a lifted edge)."""
    w, h = page.size
    bulge = rng.uniform(0.012, 0.02) * h
    lift = rng.uniform(0.02, 0.035) * h
    edge = rng.choice(["left", "right"])

    def dy(x: float) -> float:
        t = x / w
        u = (1 - t) if edge == "left" else t
        return bulge * np.sin(np.pi * t) + lift * max(0.0, (u - 0.8) / 0.2) ** 2

    step = 16
    mesh = []
    for x0 in range(0, w, step):
        x1 = min(w, x0 + step)
        mesh.append(((x0, 0, x1, h), (x0, -dy(x0), x0, h - dy(x0), x1, h - dy(x1), x1, -dy(x1))))
    return page.transform(page.size, Image.MESH, mesh, Image.BICUBIC, fillcolor=(255, 255, 255))


def shadow(photo: Image.Image, rng: random.Random) -> Image.Image:
    """The soft shadow of the phone and the hand holding it, over one side of the photo."""
    w, h = photo.size
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    x = rng.uniform(0.55, 0.75) * w
    draw.polygon([(x, h), (x + 0.12 * w, 0.45 * h), (w * 1.1, 0.3 * h), (w * 1.1, h)], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(w / 25))
    if rng.random() < 0.5:
        mask = mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    depth = rng.uniform(0.35, 0.5)
    factor = 1 - depth * np.asarray(mask, dtype=np.float32)[:, :, None] / 255
    return Image.fromarray((np.asarray(photo, dtype=np.float32) * factor).astype(np.uint8))


def curled_photos(b: Build, start: dt.datetime, dpi: int = 150) -> None:
    """Every page photographed on a desk, curled and shadowed, one JPEG per page."""
    counter = 0
    for kind, piece in b.pieces.items():
        rng = _rng(b, f"curl:{kind}")
        for i, png in enumerate(office.render_pages(piece.pdf, dpi, b.work / f"c-{kind}"), 1):
            flat = b.work / f"curled-{kind}-{i}.png"
            curl(Image.open(png).convert("RGB"), rng).save(flat)
            photo = shadow(degrade.photo_page(flat, rng), rng)
            taken = start + dt.timedelta(seconds=23 * counter)
            counter += 1
            name = f"IMG_{taken:%Y%m%d_%H%M%S}.jpg"
            degrade.save_photo(photo, b.work / name, taken, quality=75)
            data = b.write_input(name, (b.work / name).read_bytes()).read_bytes()
            b.add_document(name, data, [1], kind, ocr=True)
