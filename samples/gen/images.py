"""Pictures drawn with Pillow: signatures, rubber stamps, logos, a site photo."""

from __future__ import annotations

import io
import math
import random
import zipfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .fiche_docx import FORM

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
INKS = [(18, 28, 112), (12, 20, 70), (25, 25, 35), (30, 45, 140)]


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def signature(seed: int, width: int = 600, height: int = 240) -> Image.Image:
    """A handwritten-looking scribble (capital, cursive loops, flourish), transparent background."""
    rng = random.Random(seed)
    scale = 3  # draw large, then downsample for anti-aliased strokes
    canvas = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(canvas)
    ink = rng.choice(INKS)
    base = height * scale * rng.uniform(0.55, 0.65)
    pen = rng.uniform(2.0, 3.2) * scale
    capital = _capital_points(rng, 30 * scale, base, height * scale)
    _draw_stroke(draw, capital, pen)
    x_end = _cursive(draw, rng, capital[-1][0] + 4 * scale, base, scale, pen)
    if rng.random() < 0.7:
        x_end = _cursive(draw, rng, x_end + rng.uniform(18, 35) * scale, base, scale, pen)
    flourish = _flourish_points(rng, min(x_end + 40 * scale, width * scale), base, height * scale)
    _draw_stroke(draw, flourish, pen * 0.8)
    alpha = canvas.resize((width, height), Image.LANCZOS)
    alpha = alpha.crop(alpha.getbbox() or (0, 0, width, height))
    image = Image.new("RGBA", alpha.size, ink + (0,))
    image.putalpha(alpha)
    return image


def _capital_points(rng, x0, base, height):
    """A tall initial: a slanted loop up and down, then a bowl back to the base line."""
    tall = height * rng.uniform(0.35, 0.5)
    wide = tall * rng.uniform(0.5, 0.85)
    bowl = rng.random() < 0.6
    pts = []
    for i in range(120):
        t = i / 119 * 2 * math.pi
        x = x0 + wide * 0.5 * (1 - math.cos(t)) + (wide * 0.8 * (t / (2 * math.pi)) if bowl else 0)
        y = base - tall * math.sin(t / 2)
        pts.append((x + (base - y) * 0.22, y))
    if bowl:  # a 'D'/'B'-like belly on the right of the stem
        cx, top = pts[-1][0], base - tall
        for i in range(60):
            t = i / 59 * math.pi
            y = top + tall * (1 - math.cos(t)) / 2
            pts.append((cx + wide * 1.2 * math.sin(t) + (base - y) * 0.35, y))
    return pts


def _cursive(draw, rng, x0, base, scale, pen):
    """A word of 3-7 loops of varying height, with an occasional descender."""
    radius = rng.uniform(7, 11) * scale
    slant = rng.uniform(0.2, 0.5)
    x, pts = x0, []
    for _ in range(rng.randint(3, 7)):
        kind = rng.random()
        amp = 2.6 if kind < 0.25 else (-1.8 if kind < 0.35 else rng.uniform(0.7, 1.2))
        speed = rng.uniform(5, 9) * scale
        for i in range(32):
            t = i / 32 * 2 * math.pi
            y = -amp * radius * math.sin(t / 2) ** 2 * 1.6
            px = x + t * speed / (2 * math.pi) * 3 + radius * 0.6 * math.sin(t) - y * slant
            pts.append((px, base + y + rng.uniform(-0.4, 0.4) * scale))
        x += speed * 3
    _draw_stroke(draw, pts, pen)
    return max(p[0] for p in pts)


def _flourish_points(rng, x_end, base, height):
    start = (x_end * rng.uniform(0.05, 0.3), base + height * rng.uniform(0.1, 0.2))
    end = (x_end, base - height * rng.uniform(0.0, 0.25))
    ctrl = (x_end * rng.uniform(0.4, 0.7), base + height * rng.uniform(0.25, 0.4))
    pts = []
    for i in range(60):
        t = i / 59
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * ctrl[0] + t * t * end[0]
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * ctrl[1] + t * t * end[1]
        pts.append((x, y))
    return pts


def _draw_stroke(draw, points, width):
    """A pen stroke whose width shrinks where the pen moves fast."""
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        speed = math.hypot(xb - xa, yb - ya)
        w = max(1, int(width * (1.25 - min(speed / (width * 6), 0.6))))
        draw.line([(xa, ya), (xb, yb)], fill=255, width=w)
        draw.ellipse([xb - w / 2, yb - w / 2, xb + w / 2, yb + w / 2], fill=255)


def stamp(text: str, center: str, seed: int, size: int = 360) -> Image.Image:
    """A round rubber stamp: text around the rim, one word in the middle, uneven ink."""
    rng = random.Random(seed)
    ink = (58, 52, 150)
    img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(img)
    draw.ellipse([6, 6, size - 6, size - 6], outline=255, width=7)
    draw.ellipse([52, 52, size - 52, size - 52], outline=255, width=3)
    _text_on_circle(img, text.upper(), size / 2 - 32, ImageFont.truetype(FONT_BOLD, 26))
    font = ImageFont.truetype(FONT_BOLD, 30)
    draw.text((size / 2, size / 2), center, font=font, fill=255, anchor="mm")
    noise = np.array(img, dtype=np.float32) * np.random.default_rng(seed).uniform(
        0.45, 1.0, (size, size))
    alpha = Image.fromarray(noise.clip(0, 255).astype(np.uint8)).rotate(
        rng.uniform(-25, 25), resample=Image.BICUBIC)
    out = Image.new("RGBA", (size, size), ink + (0,))
    out.putalpha(alpha.point(lambda v: int(v * 0.85)))
    return out


def _text_on_circle(img, text, radius, font):
    cx = cy = img.size[0] / 2
    step = 2 * math.pi / max(len(text) + 4, 24)
    angle = -math.pi / 2 - step * (len(text) - 1) / 2
    for char in text:
        glyph = Image.new("L", (40, 40), 0)
        ImageDraw.Draw(glyph).text((20, 20), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        x = cx + radius * math.cos(angle) - 20
        y = cy + radius * math.sin(angle) - 20
        img.paste(255, (int(x), int(y)), glyph)
        angle += step


def marianne_flag() -> bytes:
    """The tricolour block of the official form (reused from the form's own media)."""
    with zipfile.ZipFile(FORM) as form:
        return form.read("word/media/image1.png")


def blason(seed: int, size: int = 300) -> Image.Image:
    """A simple coat of arms: a shield, a divided field and a charge."""
    rng = random.Random(seed)
    palette = [(18, 60, 150), (180, 28, 36), (20, 110, 60), (230, 180, 30), (240, 240, 240)]
    c1, c2 = rng.sample(palette, 2)
    img = Image.new("RGBA", (size, int(size * 1.2)), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    w, h = img.size
    shield = [(10, 10), (w - 10, 10), (w - 10, h * 0.55), (w / 2, h - 8), (10, h * 0.55)]
    draw.polygon(shield, fill=c1, outline=(30, 30, 30))
    if rng.random() < 0.5:
        draw.polygon([(w / 2, 10), (w - 10, 10), (w - 10, h * 0.55), (w / 2, h - 8)], fill=c2)
    else:
        draw.rectangle([10, 10, w - 10, h * 0.3], fill=c2)
    _charge(draw, rng, w, h)
    draw.line(shield + [shield[0]], fill=(30, 30, 30), width=6)
    return img


def _charge(draw, rng, w, h):
    kind = rng.choice(["ermine", "tower", "wave"])
    gold = (235, 190, 40)
    if kind == "ermine":
        for x in range(int(w * 0.22), int(w * 0.85), int(w * 0.22)):
            for y in (h * 0.42, h * 0.62):
                draw.polygon([(x, y - 18), (x - 9, y + 12), (x + 9, y + 12)], fill=(15, 15, 15))
    elif kind == "tower":
        draw.rectangle([w * 0.35, h * 0.35, w * 0.65, h * 0.75], fill=gold,
                       outline=(40, 40, 40), width=3)
        for i in range(3):
            x = w * 0.35 + i * w * 0.12
            draw.rectangle([x, h * 0.3, x + w * 0.06, h * 0.35], fill=gold)
        draw.rectangle([w * 0.46, h * 0.6, w * 0.54, h * 0.75], fill=(40, 40, 40))
    else:
        for k in range(3):
            y = h * (0.45 + k * 0.1)
            pts = [(x, y + 8 * math.sin(x / 14)) for x in range(20, w - 20, 4)]
            draw.line(pts, fill=(245, 245, 245), width=9)


def modern_logo(seed: int, initials: str, size: int = 320) -> Image.Image:
    """A contemporary logotype: rounded square, coloured arcs and initials."""
    rng = random.Random(seed)
    colours = rng.sample([(0, 122, 135), (232, 93, 4), (106, 76, 147), (0, 92, 169),
                          (46, 139, 87), (200, 30, 80)], 3)
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([8, 8, size - 8, size - 8], radius=60, fill=colours[0])
    for i, colour in enumerate(colours[1:]):
        r = size * (0.42 + 0.16 * i)
        draw.arc([size - 8 - r, size - 8 - r, size - 8 + r, size - 8 + r], 180, 270,
                 fill=colour, width=20)
    font = ImageFont.truetype(FONT_BOLD, int(size * 0.3))
    draw.text((size * 0.36, size * 0.38), initials, font=font, fill="white", anchor="mm")
    return img


def site_photo(seed: int, width: int = 1400, height: int = 930) -> Image.Image:
    """A plausible street photo of a small town centre (sky, houses, road, trees)."""
    rng = random.Random(seed)
    img = Image.new("RGB", (width, height))
    sky = np.linspace([120, 170, 225], [215, 230, 245], height // 2).astype(np.uint8)
    img.paste(Image.fromarray(np.repeat(sky[:, None, :], width, axis=1)), (0, 0))
    draw = ImageDraw.Draw(img)
    horizon = int(height * 0.58)
    draw.polygon([(0, height), (width, height), (width * 0.56, horizon), (width * 0.44, horizon)],
                 fill=(92, 92, 96))
    draw.rectangle([0, horizon, width, height], fill=(150, 145, 130))
    draw.polygon([(width * 0.2, height), (width * 0.8, height), (width * 0.54, horizon),
                  (width * 0.46, horizon)], fill=(88, 88, 92))
    _houses(draw, rng, 0, int(width * 0.45), horizon)
    _houses(draw, rng, int(width * 0.55), width, horizon)
    for _ in range(4):
        x = rng.randint(0, width)
        r = rng.randint(40, 90)
        draw.rectangle([x - 6, horizon - r, x + 6, horizon + 30], fill=(90, 60, 35))
        draw.ellipse([x - r, horizon - 2.4 * r, x + r, horizon - 0.6 * r], fill=(55, 110, 50))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    noise = np.random.default_rng(seed).normal(0, 6, (height, width, 1))
    arr = np.asarray(img, dtype=np.float32) + noise
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _houses(draw, rng, x_start, x_end, ground):
    x = x_start
    walls = [(232, 222, 200), (210, 200, 185), (240, 235, 220), (196, 170, 140), (225, 210, 180)]
    while x < x_end:
        w = rng.randint(110, 220)
        h = rng.randint(160, 300)
        draw.rectangle([x, ground - h, x + w, ground], fill=rng.choice(walls),
                       outline=(120, 110, 100))
        draw.polygon([(x - 6, ground - h), (x + w + 6, ground - h), (x + w / 2, ground - h - 70)],
                     fill=rng.choice([(70, 75, 90), (150, 70, 50)]))
        for wx in range(x + 18, x + w - 30, 50):
            for wy in range(ground - h + 30, ground - 60, 70):
                draw.rectangle([wx, wy, wx + 24, wy + 36], fill=(60, 70, 85),
                               outline=(240, 240, 240))
        draw.rectangle([x + w / 2 - 15, ground - 60, x + w / 2 + 15, ground], fill=(90, 50, 40))
        x += w + rng.randint(0, 8)
