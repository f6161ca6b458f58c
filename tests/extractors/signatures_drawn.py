"""Signed and unsigned letter endings drawn as scanners and phones give them, read by the real path.

The lower half of a letter (end of the body, closing, date, signatory block) is typeset
with a TrueType font at 150, 200 or 300 dpi; a handwriting-like pen path (loops, a
flourish, letters of uneven height) is drawn over, above or beside the block in black,
blue or light grey, 1 to 4 px wide; a round stamp may overlap it; the page is then
JPEG-compressed, and for a photo lit unevenly and blurred. `read_signature` saves it as a
file and runs OCR, the letter reader and the worker's signature step on it.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONTS = ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
         "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")
BODY = ("cette candidature et s'engage à participer activement à la démarche de l'Atelier.",
        "Je vous prie d'agréer, Monsieur le Sous-directeur, l'expression de mes salutations",
        "distinguées.")
INKS = {"black": (25, 25, 30), "blue": (40, 60, 160), "grey": (150, 150, 150)}
POSITIONS = ("space", "cross_name", "cross_title", "above", "beside")
HEIGHT_PT = 440  # the lower half of an A4 page, in points


@dataclass(frozen=True)
class Variant:
    """One drawn letter ending; `position` None: nobody signed it."""

    dpi: int
    position: str | None
    ink: str = "black"
    width: int = 2
    stamp: bool = False
    photo: bool = False
    jpeg: int = 70
    seed: int = 0
    font: int = 0

    @property
    def name(self) -> str:
        what = self.position or "unsigned"
        extras = "".join(f"-{e}" for e, on in (("stamp", self.stamp), ("photo", self.photo)) if on)
        return f"{what}-{self.ink}-w{self.width}-{self.dpi}dpi{extras}-s{self.seed}"


def signed_matrix() -> list[Variant]:
    """Every position in every ink at every resolution; stamps, photos, widths, fonts varied along."""
    out = []
    for k, (position, ink, dpi) in enumerate((p, i, d) for p in POSITIONS for i in INKS for d in (150, 200, 300)):
        width = 1 + (k % 2) + (dpi // 150 - 1)  # 1-2 px at 150 dpi, 2-3 at 200, 2-4 at 300
        out.append(Variant(dpi, position, ink, min(width, 4), stamp=k % 3 == 1, photo=k % 4 == 2,
                           jpeg=60 + 5 * (k % 5), seed=k, font=k % len(FONTS)))
    return out


def unsigned_matrix() -> list[Variant]:
    """Nobody signed: an empty block, or only the collectivité's stamp; scans and photos."""
    return [Variant(dpi, None, stamp=stamp, photo=photo, seed=90 + k, font=k % len(FONTS))
            for k, (dpi, stamp, photo) in enumerate((d, s, p) for d in (150, 200, 300)
                                                    for s in (False, True) for p in (False, True))]


def drawn_letter(variant: Variant) -> Image.Image:
    """The page as received (RGB), `variant.dpi` pixels per inch."""
    scale = variant.dpi / 72.0
    rng = random.Random(variant.seed)
    image = Image.new("RGB", (int(595 * scale), int(HEIGHT_PT * scale)), (252, 252, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONTS[variant.font], int(10.5 * scale))

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, y * scale

    for i, text in enumerate(BODY):
        draw.text(at(60, 40 + 15 * i), text, fill=(20, 20, 20), font=font)
    x = 320 + rng.uniform(-10, 20)
    name_first = variant.seed % 2 == 1  # "Nom / Maire de X" or "Le Maire, / Nom"
    lines = ("Isabelle Le Callennec", "Maire de Vitré") if name_first else ("Le Maire,", "Isabelle Le Callennec")
    block_top = 120 + rng.uniform(0, 15)
    draw.text(at(x, block_top), "Fait à Vitré, le 12 mars 2026", fill=(20, 20, 20), font=font)
    tops = (block_top + 30, block_top + 30 + (16 if name_first else 70))
    for top, text in zip(tops, lines):
        draw.text(at(x, top), text, fill=(20, 20, 20), font=font)
    name_top = tops[0] if name_first else tops[1]
    title_top = tops[1] if name_first else tops[0]
    if variant.position:
        sx, sy = {"space": (x + 10, tops[0] + 30 if not name_first else tops[1] + 28),
                  "cross_name": (x + 5, name_top + 4),
                  "cross_title": (x + 5, title_top + 4),
                  "above": (x + 15, block_top - 22),
                  "beside": (x - 150, name_top - 8)}[variant.position]
        if variant.stamp:
            _stamp(draw, at, sx + 20, sy + 5, scale)
        _signature(draw, at, sx, sy, rng, INKS[variant.ink], variant.width)
    elif variant.stamp:
        _stamp(draw, at, x + 50, (tops[0] + tops[1]) / 2 + 5, scale)
    if variant.photo:
        image = _photographed(image, rng)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=variant.jpeg)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _signature(draw, at, x: float, y: float, rng: random.Random, ink, width: int) -> None:
    """A pen path: letters of uneven height with loops, joined, then a flourish back under them."""
    points, cursor = [], x
    for _ in range(rng.randint(4, 7)):  # one letter: a loop of its own height and slant
        tall, wide, slant = rng.uniform(6, 22), rng.uniform(6, 13), rng.uniform(0.1, 0.5)
        for step in range(24):
            t = step / 23
            angle = 2 * math.pi * t
            dy = -tall * (0.5 - 0.5 * math.cos(angle))
            points.append(at(cursor + wide * t + 0.4 * wide * math.sin(angle) - slant * dy, y + dy))
        cursor += wide
    end = points[-1]
    flourish = [at(cursor + 8 * math.sin(math.pi * t), y + 6 + 10 * t) for t in (i / 10 for i in range(11))]
    back = [at(cursor + 4 - (cursor - x + 20) * t, y + 16 - 4 * math.sin(math.pi * t)) for t in
            (i / 30 for i in range(31))]
    draw.line(points + [end] + flourish + back, fill=ink, width=width, joint="curve")


def _stamp(draw, at, cx: float, cy: float, scale: float, radius: float = 30) -> None:
    """A round stamp: two rings, the collectivité's name along the ring, a title inside; violet ink."""
    ink = (110, 60, 150)
    small = ImageFont.truetype(FONTS[0], max(6, int(5 * scale)))
    for r in (radius, radius - 6):
        draw.ellipse([*at(cx - r, cy - r), *at(cx + r, cy + r)], outline=ink, width=max(1, int(scale)))
    draw.text(at(cx - 12, cy - 3), "Le Maire", fill=ink, font=small)
    for k, letter in enumerate("COMMUNE DE VITRE"):
        angle = math.pi + k * (math.pi / 15)
        draw.text(at(cx + (radius - 3.5) * math.cos(angle) - 2, cy + (radius - 3.5) * math.sin(angle) - 2),
                  letter, fill=ink, font=small)


def _photographed(image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone's light: darker towards one corner, a soft shadow band, slightly out of focus."""
    w, h = image.size
    import numpy as np

    ys, xs = np.mgrid[0:h, 0:w]
    across = rng.choice((1.0, -1.0)) * (xs / w - 0.5) + rng.choice((0.6, -0.6)) * (ys / h - 0.5)
    light = Image.fromarray((215 + 40 * across / np.abs(across).max()).astype(np.uint8))
    shade = Image.new("L", (w, h), 255)
    ImageDraw.Draw(shade).rectangle([int(w * 0.75), 0, w, h], fill=232)
    shade = shade.filter(ImageFilter.GaussianBlur(w / 30))
    lit = ImageChops.multiply(light, shade)
    return ImageChops.multiply(image, Image.merge("RGB", [lit] * 3)).filter(ImageFilter.GaussianBlur(0.6 * w / 1240))


def read_signature(variant: Variant, folder) -> tuple[object, object]:
    """(SignatureCheck, LetterReading): the page saved as a scan file, OCR'd, read, and checked
    by the worker's step, as a dossier's letter would be."""
    return read_saved(drawn_letter(variant), variant.dpi, folder, variant.name)


def read_saved(image, dpi: int, folder, name: str) -> tuple[object, object]:
    """(SignatureCheck or None, LetterReading) of a letter page `image` saved as `name`.png at `dpi`."""
    path = folder / f"{name}.png"
    image.save(path, dpi=(dpi, dpi))
    return read_file(path)


def read_file(path) -> tuple[object, object]:
    """(SignatureCheck or None, LetterReading) of a letter page saved as an image file at `path`."""
    from extractors.fields.courrier import read_letter
    from extractors.images import image_pages
    from extractors.model import PieceKind
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page
    from worker.core.signatures import signature_of

    page_image, page_dpi = next(image_pages(path.read_bytes(), max_pixels=10**8, max_pages=1))
    page = ocr_page(page_image, TesseractEngine(), number=1, dpi=page_dpi)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, path.name, (page,))
    if reading.zone is None:
        return None, reading
    return signature_of(str(path), "image", page, reading.zone, 10**8), reading


def stamped_unsigned_photo_check(seed: int, folder):
    """bench/signstudy's phone photo of `seed` (an unsigned letter with a round stamp), checked as
    the worker checks it."""
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, folder, "photo")
    assert not signed and info["stamp"]
    return check_seed(seed, path, kind, folder / "pages")
