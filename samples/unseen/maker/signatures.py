"""Procedural handwritten signatures and official round stamps.

A signature is a list of pen strokes; each stroke is a list of (x, y, width)
points in an abstract box (y up).  The same strokes are drawn either as a
raster image (Pillow, supersampled) or as vector pen strokes in a PDF page.
Nothing here depends on the rest of the project.
"""
from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

Point = tuple[float, float, float]

INKS = {
    "black": (22, 22, 30),
    "blue": (28, 52, 150),
    "light_blue": (70, 105, 200),
    "grey": (95, 95, 100),
    "violet": (70, 50, 140),
}

STAMP_INKS = [(58, 62, 160), (90, 60, 150), (170, 40, 50), (40, 90, 150)]

_FONT_DIR = "/usr/share/fonts/truetype/"
_STAMP_FONTS = [
    _FONT_DIR + "dejavu/DejaVuSans-Bold.ttf",
    _FONT_DIR + "liberation/LiberationSans-Bold.ttf",
    _FONT_DIR + "liberation/LiberationSansNarrow-Bold.ttf",
    _FONT_DIR + "dejavu/DejaVuSerif-Bold.ttf",
]


# ---------------------------------------------------------------- strokes

def _catmull_rom(pts: list[tuple[float, float]], steps: int = 10) -> list[tuple[float, float]]:
    if len(pts) < 3:
        return list(pts)
    ext = [pts[0]] + list(pts) + [pts[-1]]
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(
                0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t
                       + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                       + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                for k in range(2)))
    out.append(pts[-1])
    return out


def _cursive_run(rng: random.Random, x0: float, base: float, letters: int,
                 xh: float) -> list[tuple[float, float]]:
    """A run of joined small letters: a trochoid whose loop size, height and
    advance change from letter to letter (ascenders, descenders, flat waves)."""
    pts = []
    x = x0
    prev = None
    for _ in range(letters):
        kind = rng.random()
        if kind < 0.18:
            hy = xh * rng.uniform(2.0, 2.8)       # ascender (l, b, d, h)
        elif kind < 0.28:
            hy = -xh * rng.uniform(1.2, 1.9)      # descender (g, p, j)
        elif kind < 0.45:
            hy = xh * rng.uniform(0.25, 0.5)      # flat wave (m, n, u)
        else:
            hy = xh * rng.uniform(0.8, 1.2)
        adv = xh * rng.uniform(0.7, 1.25)
        loop = rng.uniform(0.05, 0.55) * adv
        cur = (hy, adv, loop)
        if prev is None:
            prev = cur
        n = 16
        for s in range(n):
            th = 2 * math.pi * s / n
            # blend the previous letter's shape in at the start of the cycle
            b = min(1.0, s / (n * 0.35))
            h = prev[0] * (1 - b) + cur[0] * b
            lp = prev[2] * (1 - b) + cur[2] * b
            px = x + cur[1] * th / (2 * math.pi) - lp * math.sin(th)
            if h >= 0:
                py = base + h * 0.5 * (1 - math.cos(th))
            else:
                py = base + h * 0.5 * (1 - math.cos(th))
            pts.append((px, py))
        x += cur[1]
        prev = cur
    pts.append((x + xh * 0.3, base + xh * 0.2))
    return pts


def _capital(rng: random.Random, x0: float, base: float, xh: float) -> tuple[list[tuple[float, float]], float]:
    """A large initial drawn as one stroke; returns its points and its right edge."""
    H = xh * rng.uniform(2.4, 4.0)
    w = xh * rng.uniform(1.2, 2.4)
    kind = rng.choice(["loop", "stem_bowl", "arches", "swoop", "cross"])
    if kind == "loop":
        c = [(x0, base + H * 0.1), (x0 + w * 0.5, base + H * 0.6), (x0 + w * 0.3, base + H),
             (x0 - w * 0.2, base + H * 0.7), (x0 + w * 0.2, base + H * 0.2),
             (x0 + w * 0.9, base + H * 0.45), (x0 + w, base)]
    elif kind == "stem_bowl":
        c = [(x0 + w * 0.1, base - xh * 0.4), (x0 + w * 0.25, base + H),
             (x0 + w * 0.9, base + H * 0.8), (x0 + w, base + H * 0.45),
             (x0 + w * 0.2, base + H * 0.35), (x0 + w * 0.7, base + H * 0.2),
             (x0 + w * 1.1, base + xh * 0.3)]
    elif kind == "arches":
        c = [(x0, base), (x0 + w * 0.2, base + H), (x0 + w * 0.45, base + H * 0.1),
             (x0 + w * 0.65, base + H * 0.85), (x0 + w * 0.9, base),
             (x0 + w * 1.05, base + xh * 0.5)]
    elif kind == "swoop":
        c = [(x0 - w * 0.3, base + H * 0.8), (x0 + w * 0.3, base + H),
             (x0 + w * 0.6, base + H * 0.6), (x0 + w * 0.1, base - xh * 0.3),
             (x0 + w * 0.5, base + xh * 0.2), (x0 + w, base + xh * 0.6)]
    else:
        c = [(x0, base + H * 0.85), (x0 + w * 1.1, base + H * 0.95),
             (x0 + w * 0.55, base + H * 0.9), (x0 + w * 0.45, base - xh * 0.2),
             (x0 + w * 0.8, base + xh * 0.4)]
    c = [(x + rng.gauss(0, xh * 0.12), y + rng.gauss(0, xh * 0.12)) for x, y in c]
    return _catmull_rom(c, 12), x0 + w


def _flourish(rng: random.Random, x_start: float, x_end: float, base: float,
              xh: float) -> list[tuple[float, float]]:
    kind = rng.choice(["underline_back", "rising_tail", "slash", "zigzag", "loop_under"])
    L = x_end - x_start
    if kind == "underline_back":
        c = [(x_end, base + xh * 0.3), (x_end + xh, base - xh * 0.2),
             (x_end - L * 0.3, base - xh * 1.0), (x_start - xh * 0.5, base - xh * 0.6)]
    elif kind == "rising_tail":
        c = [(x_end, base), (x_end + xh * 1.5, base + xh * 0.8),
             (x_end + xh * 3.0, base + xh * 2.4)]
    elif kind == "slash":
        c = [(x_start - xh * 0.4, base + xh * 0.2), (x_start + L * 0.5, base + xh * 0.9),
             (x_end + xh * 1.2, base + xh * 1.5)]
    elif kind == "zigzag":
        c = [(x_end, base + xh * 0.5), (x_end + xh * 0.6, base - xh * 0.6),
             (x_end + xh * 1.1, base + xh * 0.7), (x_end + xh * 1.6, base - xh * 0.9),
             (x_end + xh * 2.6, base)]
    else:
        c = [(x_end, base), (x_end + xh * 0.8, base - xh * 1.2),
             (x_start + L * 0.5, base - xh * 1.5), (x_start, base - xh * 0.7),
             (x_start + L * 0.3, base - xh * 0.3), (x_end + xh * 2, base - xh * 0.9)]
    c = [(x + rng.gauss(0, xh * 0.1), y + rng.gauss(0, xh * 0.1)) for x, y in c]
    return _catmull_rom(c, 16)


def _widths(rng: random.Random, pts: list[tuple[float, float]], base_w: float) -> list[Point]:
    """Pen pressure: tapered ends, thinner where the pen moves fast."""
    n = len(pts)
    if n < 2:
        return [(x, y, base_w) for x, y in pts]
    seg = [math.dist(pts[max(i - 1, 0)], pts[min(i + 1, n - 1)]) for i in range(n)]
    mean = sum(seg) / n or 1.0
    out = []
    wob = rng.uniform(0, 6.28)
    for i, (x, y) in enumerate(pts):
        t = i / (n - 1)
        taper = min(1.0, t / 0.07, (1 - t) / 0.12)
        taper = 0.25 + 0.75 * max(0.0, taper)
        speed = min(1.35, max(0.55, 1.3 - 0.45 * seg[i] / mean))
        w = base_w * taper * speed * (0.9 + 0.1 * math.sin(wob + t * 9))
        out.append((x, y, max(w, base_w * 0.2)))
    return out


@dataclass
class Signature:
    strokes: list[list[Point]]
    box: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax (y up)


def make_signature(rng: random.Random, weight: float = 1.0) -> Signature:
    """Strokes of one person's signature. weight scales the pen width."""
    xh = 10.0
    slant = math.radians(rng.uniform(-5, 28))
    base_w = xh * rng.uniform(0.10, 0.22) * weight
    strokes: list[list[tuple[float, float]]] = []
    style = rng.random()
    x = 0.0
    if style < 0.15:
        # paraphe: initials and an enclosing loop
        cap, x = _capital(rng, 0, 0, xh)
        strokes.append(cap)
        cap2, x = _capital(rng, x + xh * 0.2, 0, xh * 0.8)
        strokes.append(cap2)
        cx, cy = x * 0.5, xh * 1.3
        rx, ry = x * 0.75 + xh, xh * 2.6
        a0 = rng.uniform(0, 6.28)
        ring = [(cx + rx * math.cos(a0 + a) + rng.gauss(0, 0.6),
                 cy + ry * math.sin(a0 + a) + rng.gauss(0, 0.6))
                for a in [k * 0.35 for k in range(21)]]
        strokes.append(_catmull_rom(ring, 6))
    else:
        cap, x = _capital(rng, 0, 0, xh)
        run = _cursive_run(rng, x - xh * 0.1, 0, rng.randint(2, 7), xh * rng.uniform(0.8, 1.1))
        if rng.random() < 0.55:
            strokes.append(cap + run)
        else:
            strokes.append(cap)
            strokes.append(run)
        x = run[-1][0]
        if rng.random() < 0.35:
            # a second word (first name initial + surname written separately)
            cap2, x2 = _capital(rng, x + xh * 0.8, 0, xh * 0.9)
            run2 = _cursive_run(rng, x2, 0, rng.randint(2, 6), xh)
            strokes.append(cap2 + run2)
            x = run2[-1][0]
        if rng.random() < 0.8:
            strokes.append(_flourish(rng, 0, x, 0, xh))
        if rng.random() < 0.2:
            strokes.append([(x + xh * 1.2, xh * 0.1), (x + xh * 1.25, xh * 0.15)])
    # hand tremor and slant
    out: list[list[Point]] = []
    ph = rng.uniform(0, 6.28)
    for s in strokes:
        pts = []
        for i, (px, py) in enumerate(s):
            py2 = py + 0.25 * math.sin(ph + i * 0.21)
            px2 = px + py2 * math.tan(slant)
            pts.append((px2, py2))
        out.append(_widths(rng, pts, base_w))
    xs = [p[0] for s in out for p in s]
    ys = [p[1] for s in out for p in s]
    pad = base_w * 2
    return Signature(out, (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad))


# ---------------------------------------------------------------- raster

def _noise(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    """Gaussian noise around 128 as an L image, seeded from rng (Pillow's
    effect_noise is not reproducible)."""
    gen = np.random.default_rng(rng.getrandbits(32))
    a = np.clip(128 + gen.normal(0, sigma, (size[1], size[0])), 0, 255).astype(np.uint8)
    return Image.fromarray(a, "L")


def draw_signature(sig: Signature, size: tuple[int, int], color=(22, 22, 30),
                   opacity: float = 1.0, rng: random.Random | None = None,
                   ss: int = 3) -> Image.Image:
    """The signature fitted into size (w, h) pixels, RGBA on transparent."""
    W, H = size
    x0, y0, x1, y1 = sig.box
    scale = min(W * ss / (x1 - x0), H * ss / (y1 - y0))
    ox = (W * ss - (x1 - x0) * scale) / 2
    oy = (H * ss - (y1 - y0) * scale) / 2
    mask = Image.new("L", (W * ss, H * ss), 0)
    d = ImageDraw.Draw(mask)
    for stroke in sig.strokes:
        prev = None
        for x, y, w in stroke:
            px = ox + (x - x0) * scale
            py = H * ss - (oy + (y - y0) * scale)
            r = max(0.6, w * scale / 2)
            d.ellipse([px - r, py - r, px + r, py + r], fill=255)
            if prev is not None:
                d.line([prev[0], prev[1], px, py], fill=255, width=max(1, int(round(2 * min(r, prev[2])))))
            prev = (px, py, r)
    mask = mask.resize((W, H), Image.LANCZOS)
    if rng is not None:
        # ballpoint: ink is not uniform along the stroke
        noise = _noise(rng, (W, H), 40).filter(ImageFilter.GaussianBlur(0.8))
        mask = Image.composite(mask.point(lambda v: int(v * 0.78)), mask,
                               noise.point(lambda v: 255 if v < 110 else 0))
    if opacity < 1:
        mask = mask.point(lambda v: int(v * opacity))
    img = Image.new("RGBA", (W, H), color + (0,))
    img.putalpha(mask)
    return img


def signature_png(rng: random.Random, color, width_px: int, height_px: int) -> Image.Image:
    """A fresh signature drawn in color ((r, g, b) or a name in INKS) on a
    transparent RGBA image of width_px x height_px."""
    if isinstance(color, str):
        color = INKS[color]
    sig = make_signature(rng, weight=rng.uniform(0.8, 1.3))
    return draw_signature(sig, (width_px, height_px), tuple(color), rng=rng)


def scanned_patch(img: Image.Image, rng: random.Random, quality: int | None = None) -> bytes:
    """The signature (and whatever was drawn with it) as a JPEG of a piece of
    scanned paper: greyish background, noise, slight blur."""
    W, H = img.size
    g = rng.randint(228, 246)
    bg = Image.new("RGB", (W, H), (g, g, g - rng.randint(0, 6)))
    noise = _noise(rng, (W, H), rng.uniform(6, 14)).convert("RGB")
    bg = Image.blend(bg, noise, 0.08)
    bg.paste(img, (0, 0), img)
    bg = bg.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    buf = io.BytesIO()
    bg.save(buf, "JPEG", quality=quality or rng.randint(35, 70))
    return buf.getvalue()


# ---------------------------------------------------------------- stamp

def _text_on_circle(layer: Image.Image, text: str, cx: float, cy: float, r: float,
                    font: ImageFont.FreeTypeFont, color, top: bool) -> None:
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths) + 0.0
    span = total / r  # radians
    a = (-math.pi / 2 - span / 2) if top else (math.pi / 2 + span / 2)
    for ch, w in zip(text, widths):
        da = w / r
        mid = a + (da / 2 if top else -da / 2)
        size = int(font.size * 1.6) + 4
        tile = Image.new("L", (size, size), 0)
        ImageDraw.Draw(tile).text((size / 2, size / 2), ch, font=font, fill=255, anchor="mm")
        deg = -math.degrees(mid) - 90 if top else -math.degrees(mid) + 90
        tile = tile.rotate(deg, resample=Image.BICUBIC)
        px = cx + r * math.cos(mid) - size / 2
        py = cy + r * math.sin(mid) - size / 2
        solid = Image.new("RGBA", (size, size), color + (255,))
        layer.paste(solid, (int(px), int(py)), tile)
        a += da if top else -da


def stamp_image(rng: random.Random, top_text: str, bottom_text: str, centre_lines: list[str],
                diameter_px: int = 260, color=None) -> Image.Image:
    """A round rubber stamp (double ring, text around, emblem or words in the
    centre), RGBA with uneven inking."""
    color = color or rng.choice(STAMP_INKS)
    D = diameter_px
    img = Image.new("RGBA", (D, D), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = D / 2
    lw = max(2, D // 70)
    d.ellipse([lw, lw, D - lw, D - lw], outline=color + (255,), width=lw + 1)
    inner = D * 0.30
    d.ellipse([c - inner, c - inner, c + inner, c + inner], outline=color + (255,), width=max(1, lw - 1))
    fpath = rng.choice(_STAMP_FONTS)
    fsize = max(8, int(D * 0.085))
    font = ImageFont.truetype(fpath, fsize)
    rtext = D / 2 - lw * 2 - fsize * 0.75
    top_text = top_text.upper()
    while font.getlength(top_text) > rtext * math.pi * 1.15 and fsize > 8:
        fsize -= 1
        font = ImageFont.truetype(fpath, fsize)
    _text_on_circle(img, top_text, c, c, rtext, font, color, top=True)
    if bottom_text:
        _text_on_circle(img, bottom_text.upper(), c, c, rtext, font, color, top=False)
    # centre: words or a star
    if centre_lines:
        cf = ImageFont.truetype(fpath, max(7, int(D * 0.065)))
        n = len(centre_lines)
        for i, line in enumerate(centre_lines):
            y = c + (i - (n - 1) / 2) * cf.size * 1.15
            d.text((c, y), line.upper(), font=cf, fill=color + (255,), anchor="mm")
    else:
        rr = inner * 0.6
        star = []
        for k in range(10):
            ang = -math.pi / 2 + k * math.pi / 5
            rad = rr if k % 2 == 0 else rr * 0.42
            star.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
        d.polygon(star, fill=color + (255,))
    img = img.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    # uneven pressure: one side lighter, speckles missing
    alpha = img.getchannel("A")
    grad = Image.linear_gradient("L").resize((D, D)).rotate(rng.uniform(0, 360))
    grad = grad.point(lambda v: int(150 + v * 105 / 255))
    speck = _noise(rng, (D, D), 60).point(lambda v: 0 if v < 70 else 255)
    alpha = Image.composite(alpha, Image.new("L", (D, D), 0), speck)
    alpha = ImageChops.multiply(alpha, grad)
    alpha = alpha.filter(ImageFilter.GaussianBlur(0.6))
    img.putalpha(alpha.point(lambda v: int(v * 0.85)))
    return img


# ---------------------------------------------------------------- PDF vector

def pdf_strokes(sig: Signature, x: float, y: float, w: float, h: float,
                color=(22, 22, 30)) -> bytes:
    """PDF content-stream operators drawing the signature as pen strokes inside
    the box (x, y, w, h) in page points (y up).  Width varies by short chunks."""
    x0, y0, x1, y1 = sig.box
    scale = min(w / (x1 - x0), h / (y1 - y0))
    ox = x + (w - (x1 - x0) * scale) / 2
    oy = y + (h - (y1 - y0) * scale) / 2
    r, g, b = (c / 255 for c in color)
    ops = [f"q {r:.3f} {g:.3f} {b:.3f} RG 1 J 1 j"]
    for stroke in sig.strokes:
        pts = [(ox + (px - x0) * scale, oy + (py - y0) * scale, pw * scale) for px, py, pw in stroke]
        for i in range(0, len(pts) - 1, 3):
            chunk = pts[i:i + 4]
            if len(chunk) < 2:
                continue
            wd = sum(p[2] for p in chunk) / len(chunk)
            ops.append(f"{max(wd, 0.25):.2f} w {chunk[0][0]:.2f} {chunk[0][1]:.2f} m "
                       + " ".join(f"{p[0]:.2f} {p[1]:.2f} l" for p in chunk[1:]) + " S")
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode()


_SCRIPT_FONT = "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf"


def script_signature(rng: random.Random, first: str, surname: str, color, width_px: int,
                     height_px: int) -> Image.Image:
    """The 'adopted' signature of e-signing tools: the name set in a script
    font, a little rotated, sometimes underlined. RGBA on transparent."""
    text = rng.choice([f"{first[:1]}. {surname}", f"{first} {surname}", surname])
    font = ImageFont.truetype(_SCRIPT_FONT, 120)
    l, t, r, b = font.getbbox(text)
    tile = Image.new("L", (r - l + 80, b - t + 80), 0)
    d = ImageDraw.Draw(tile)
    d.text((40 - l, 40 - t), text, font=font, fill=255)
    if rng.random() < 0.5:
        y = b - t + 50
        d.line([(40, y), (r - l + 30, y - rng.randint(0, 25))], fill=255, width=5)
    tile = tile.rotate(rng.uniform(-7, 4), resample=Image.BICUBIC, expand=True)
    tile = tile.crop(tile.getbbox())
    scale = min(width_px / tile.width, height_px / tile.height)
    tile = tile.resize((max(1, int(tile.width * scale)), max(1, int(tile.height * scale))), Image.LANCZOS)
    out = Image.new("RGBA", (width_px, height_px), tuple(color) + (0,))
    mask = Image.new("L", (width_px, height_px), 0)
    mask.paste(tile, ((width_px - tile.width) // 2, (height_px - tile.height) // 2))
    out.putalpha(mask)
    return out
